#!/bin/bash
# macOS CI: the keychains the jobs need. NEVER RUN YET (written on Linux; the macOS jobs of
# .github/workflows/release.yml are its first run).
#   ci-keychain.sh test-keychain   create a fresh keychain, unlock it (6 h), make it the user's
#                                  default: keyring's macOS backend (the tests, the installed
#                                  app) stores sign-ins there, as in a person's login keychain
#   ci-keychain.sh signing         import the Developer ID certificate from
#                                  MACOS_CERTIFICATE_P12_BASE64 / MACOS_CERTIFICATE_PASSWORD
#                                  into its own keychain; prints a clear line and does nothing
#                                  when they are not set (the build stays unsigned)
#   ci-keychain.sh cleanup         delete both keychains, restore the previous default
# State (keychain paths, the previous default) lives in $RUNNER_TEMP (or /tmp).
set -euo pipefail
[ "$(uname -s)" = "Darwin" ] || { echo "ci-keychain.sh runs on macOS only" >&2; exit 1; }
state=${RUNNER_TEMP:-/tmp}/box-login-keychains
mkdir -p "$state"
test_kc="$state/box-login-test.keychain-db"
sign_kc="$state/box-login-signing.keychain-db"

search_list() { security list-keychains -d user | sed -e 's/^ *"//' -e 's/" *$//'; }

case "${1:-}" in
    test-keychain)
        password=$(openssl rand -hex 24)
        security default-keychain -d user | sed -e 's/^ *"//' -e 's/" *$//' >"$state/previous-default"
        security create-keychain -p "$password" "$test_kc"
        security set-keychain-settings -lut 21600 "$test_kc"
        security unlock-keychain -p "$password" "$test_kc"
        # shellcheck disable=SC2046 # one keychain path per line
        security list-keychains -d user -s "$test_kc" $(search_list | grep -v "$test_kc")
        security default-keychain -d user -s "$test_kc"
        echo "ci-keychain: default keychain $(security default-keychain -d user), unlocked"
        ;;
    signing)
        if [ -z "${MACOS_CERTIFICATE_P12_BASE64:-}" ] || [ -z "${MACOS_CERTIFICATE_PASSWORD:-}" ]; then
            echo "ci-keychain: code signing skipped: MACOS_CERTIFICATE_P12_BASE64 / MACOS_CERTIFICATE_PASSWORD are not set"
            exit 0
        fi
        password=$(openssl rand -hex 24)
        p12="$state/certificate.p12"
        printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode >"$p12"
        security create-keychain -p "$password" "$sign_kc"
        security set-keychain-settings -lut 21600 "$sign_kc"
        security unlock-keychain -p "$password" "$sign_kc"
        security import "$p12" -k "$sign_kc" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
        rm -f "$p12"
        security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$sign_kc" >/dev/null
        # shellcheck disable=SC2046 # one keychain path per line
        security list-keychains -d user -s $(search_list | grep -v "$sign_kc") "$sign_kc"
        echo "ci-keychain: signing identities:"
        security find-identity -v -p codesigning "$sign_kc"
        ;;
    cleanup)
        if [ -s "$state/previous-default" ]; then
            security default-keychain -d user -s "$(cat "$state/previous-default")" || true
        fi
        for kc in "$test_kc" "$sign_kc"; do
            if [ -e "$kc" ]; then security delete-keychain "$kc" || true; fi
        done
        ;;
    *)
        echo "usage: ci-keychain.sh test-keychain|signing|cleanup" >&2
        exit 2
        ;;
esac
