#!/bin/sh
# Writes the settings file the installer tests bake in: a sandbox on a fixed loopback port
# (BOX_LOGIN_CI_SANDBOX_PORT, default 8790), which tests/test_installer.py starts with the
# installed program before it signs in without --config. Client id/secret/redirect URIs are the
# sandbox's defaults. Used by ci-installer.sh (the .deb) and windows/test-installer.sh.
#   packaging/ci-sandbox-config.sh OUTFILE
set -eu
out=${1:?usage: ci-sandbox-config.sh OUTFILE}
port=${BOX_LOGIN_CI_SANDBOX_PORT:-8790}
mkdir -p "$(dirname "$out")"
cat >"$out" <<JSON
{
  "client_id": "sandbox-client-id",
  "client_secret": "sandbox-client-secret",
  "redirect_uris": ["http://127.0.0.1:8765/callback", "http://127.0.0.1:8766/callback",
                    "http://127.0.0.1:8767/callback"],
  "base_url": "http://127.0.0.1:$port",
  "oauth_2_url": "http://127.0.0.1:$port/api/oauth2"
}
JSON
