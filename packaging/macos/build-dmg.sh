#!/bin/bash
# macOS: builds "dist/Box Login.app" and dist/box-login-<version>-macos-<arch>.dmg (arch: arm64
# or x86_64, that of the Python used). NEVER RUN YET: written and reviewed on Linux
# (shellcheck-clean), never run on a Mac; the first run is the macOS jobs of
# .github/workflows/release.yml. Needs macOS 12+, the Xcode command line tools (iconutil,
# hdiutil, codesign) and Python 3.11+. See packaging/README.md.
#
#   packaging/macos/build-dmg.sh                  unsigned .app and .dmg (Gatekeeper will warn)
#   CODESIGN_IDENTITY="Developer ID Application: ..." packaging/macos/build-dmg.sh   signed
#
# Environment:
#   PYTHON=python3.11     the Python 3.11+ that creates .venv when it is missing (default python3)
#   CODESIGN_IDENTITY     a "Developer ID Application" identity in the keychain search list: the
#                         app (hardened runtime, entitlements.plist) and the .dmg are signed
#   NOTARY_APPLE_ID, NOTARY_TEAM_ID, NOTARY_PASSWORD (an app-specific password)   with a signed
#                         build, the .dmg is notarised by Apple (xcrun notarytool) and the ticket
#                         stapled to it. Without any of these, each step says it was skipped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
say() { printf 'build-dmg: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
[ "$(uname -s)" = "Darwin" ] || die "runs on macOS only"

PY=.venv/bin/python
if [ ! -x "$PY" ]; then
    say "creating .venv"
    "${PYTHON:-python3}" -m venv .venv
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Box Login needs Python 3.11+")'
if ! "$PY" -c 'import PyInstaller' >/dev/null 2>&1; then
    say "installing Box Login with the 'packaging' extra (PyInstaller) into .venv"
    "$PY" -m pip install --quiet -e '.[packaging]'
fi
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$("$PY" -c 'import platform; print(platform.machine())')
APP="dist/Box Login.app"
DMG="dist/box-login-$VERSION-macos-$ARCH.dmg"

# 1. Icons: PNGs rendered from resources/icon.svg, then the .icns made by Apple's own tool
#    (render_icons.py also writes an equivalent box-login.icns, used when iconutil is missing).
QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py
if command -v iconutil >/dev/null; then
    iconutil -c icns -o build/icons/box-login.icns build/icons/box-login.iconset
fi

# 2. The .app: packaging/box-login.spec adds a BUNDLE step on macOS (Info.plist:
#    CFBundleIdentifier com.example.BoxLogin, NSHighResolutionCapable, LSMinimumSystemVersion 12.0).
rm -rf "$APP"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/box-login.spec
[ -x "$APP/Contents/MacOS/box-login" ] || die "PyInstaller made no $APP/Contents/MacOS/box-login"
say "CFBundleIdentifier: $(/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$APP/Contents/Info.plist")"
say "app: $(du -sh "$APP" | cut -f1), $("$APP/Contents/MacOS/box-login" --version 2>&1)"

# 3. Signing. Qt WebEngine's helper is an app inside the app; --deep signs it too. The hardened
#    runtime (required for notarisation) needs entitlements for Chromium's JIT (V8).
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    say "signing with $CODESIGN_IDENTITY"
    codesign --force --deep --options runtime --timestamp \
        --entitlements packaging/macos/entitlements.plist --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    say "code signing skipped: CODESIGN_IDENTITY is not set (Gatekeeper will warn)"
fi

# 4. The .dmg: the app plus a link to /Applications, compressed (UDZO).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
ditto "$APP" "$stage/Box Login.app"
ln -s /Applications "$stage/Applications"
rm -f "$DMG"
hdiutil create -volname "Box Login $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
[ -z "${CODESIGN_IDENTITY:-}" ] || codesign --force --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"

# 5. Notarisation: Apple scans the signed .dmg; the ticket is stapled so Gatekeeper accepts it
#    offline too.
if [ -n "${CODESIGN_IDENTITY:-}" ] && [ -n "${NOTARY_APPLE_ID:-}" ] && [ -n "${NOTARY_TEAM_ID:-}" ] &&
    [ -n "${NOTARY_PASSWORD:-}" ]; then
    say "notarising $DMG (xcrun notarytool, waits for Apple)"
    xcrun notarytool submit "$DMG" --apple-id "$NOTARY_APPLE_ID" --team-id "$NOTARY_TEAM_ID" \
        --password "$NOTARY_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
else
    say "notarisation skipped: needs a signed build and NOTARY_APPLE_ID, NOTARY_TEAM_ID, NOTARY_PASSWORD"
fi
say "built $DMG: $(du -h "$DMG" | cut -f1), sha256 $(shasum -a 256 "$DMG" | cut -d' ' -f1)"
echo "$DMG"
