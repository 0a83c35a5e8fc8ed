#!/bin/bash
# macOS CI: installs Box Login.app from a .dmg the way a person does (copied to /Applications),
# tests the installed program with tests/test_installer.py (BOX_LOGIN_INSTALLED), removes it and
# checks that nothing is left behind. NEVER RUN YET: written on Linux (shellcheck-clean); the
# first run is the macOS jobs of .github/workflows/release.yml.
#   packaging/macos/test-dmg.sh dist/box-login-<version>-macos-<arch>.dmg
# Needs .venv (build-dmg.sh makes it) and a default keychain that is unlocked
# (ci-keychain.sh test-keychain). APPLICATIONS=folder installs elsewhere (default /Applications).
set -euo pipefail
say() { printf '\n== test-dmg: %s\n' "$*"; }
die() { printf 'test-dmg: FAILED: %s\n' "$*" >&2; exit 1; }
[ "$(uname -s)" = "Darwin" ] || die "runs on macOS only"
[ $# = 1 ] || die "usage: test-dmg.sh BOX-LOGIN.dmg"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dmg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT"
PY=.venv/bin/python
[ -f "$dmg" ] || die "no $1"
[ -x "$PY" ] || die "no .venv: run packaging/macos/build-dmg.sh first"
apps=${APPLICATIONS:-/Applications}
app="$apps/Box Login.app"
[ ! -e "$app" ] || die "$app exists already; remove it first"

say "installing from $(basename "$dmg")"
mnt=$(mktemp -d)
hdiutil attach -nobrowse -readonly -noautoopen -mountpoint "$mnt" "$dmg" >/dev/null
detach() { hdiutil detach "$mnt" -quiet || hdiutil detach "$mnt" -force -quiet || true; }
trap detach EXIT
[ -d "$mnt/Box Login.app" ] || die "the .dmg holds no Box Login.app"
[ "$(readlink "$mnt/Applications")" = /Applications ] || die "the .dmg has no /Applications link"
ditto "$mnt/Box Login.app" "$app"
detach
trap - EXIT
command="$app/Contents/MacOS/box-login"
[ -x "$command" ] || die "$command is missing"
echo "installed $app ($(du -sh "$app" | cut -f1))"
if codesign --verify --deep --strict "$app" 2>/dev/null; then
    echo "signature: valid; Gatekeeper: $(spctl --assess --type execute "$app" 2>&1 || true)"
else
    echo "signature: none (unsigned build)"
fi

say "the installed program (tests/test_installer.py)"
expected="test_smoke_test_finds_the_keyring test_smoke_test_fails_without_a_keyring
test_sign_in_with_the_installed_command"
log=$(mktemp)
set +e
BOX_LOGIN_INSTALLED="$command" "$PY" -m pytest -p no:cacheprovider tests/test_installer.py -v -rA \
    2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
not_passed=""
for t in $expected; do
    grep -Eq "^PASSED tests/test_installer.py::$t\b" "$log" || not_passed="$not_passed $t"
done

say "removing $app (as a person does: the app goes to the Trash)"
rm -rf "$app"
left=""
[ ! -e "$app" ] || left="$left $app"
# Box Login writes nothing system-wide: no helper, launch agent or shared settings.
for p in "/Library/Application Support/Box Login" /Library/LaunchAgents/com.example.BoxLogin.plist \
    "$HOME/Library/LaunchAgents/com.example.BoxLogin.plist"; do
    [ ! -e "$p" ] || left="$left $p"
done
[ -z "$left" ] || die "left behind:$left"
echo "nothing left behind (a person's own settings and sign-ins stay theirs)"

[ -z "$not_passed" ] || die "these installer tests did not run and pass:$not_passed"
[ "$status" = 0 ] || die "pytest exited $status"
echo "test-dmg: all checks passed"
