#!/bin/bash
# macOS: builds "dist/Box Login.app" and dist/box-login-<version>.dmg.
# UNTESTED: written and reviewed on Linux, never run on a Mac (none is available to this project's
# CI). Needs macOS 12+, Xcode command line tools (iconutil, hdiutil, codesign) and the venv
# (python3 -m venv .venv && .venv/bin/pip install -e '.[packaging]'). See packaging/README.md.
#
#   packaging/macos/build-dmg.sh                  unsigned .app and .dmg (Gatekeeper will warn)
#   CODESIGN_IDENTITY="Developer ID Application: ..." packaging/macos/build-dmg.sh   signed
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PY=.venv/bin/python
[ "$(uname -s)" = "Darwin" ] || { echo "build-dmg.sh runs on macOS only" >&2; exit 1; }
VERSION=$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
APP="dist/Box Login.app"
DMG="dist/box-login-$VERSION.dmg"

# 1. Icons: PNGs rendered from resources/icon.svg, then the .icns made by Apple's own tool
#    (render_icons.py also writes an equivalent box-login.icns, used when iconutil is missing).
QT_QPA_PLATFORM=offscreen $PY packaging/render_icons.py
if command -v iconutil >/dev/null; then
    iconutil -c icns -o build/icons/box-login.icns build/icons/box-login.iconset
fi

# 2. The .app: packaging/box-login.spec adds a BUNDLE step on macOS (Info.plist:
#    CFBundleIdentifier com.example.BoxLogin, NSHighResolutionCapable, LSMinimumSystemVersion 12.0).
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/box-login.spec
/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$APP/Contents/Info.plist"

# 3. Signing (optional). Qt WebEngine's helper is an app inside the app; --deep signs it too.
#    Notarisation (xcrun notarytool submit ... --wait; xcrun stapler staple) needs an Apple
#    developer account and is left to the release manager.
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# 4. The .dmg: the app plus a link to /Applications, compressed (UDZO).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$DMG"
hdiutil create -volname "Box Login $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
[ -z "${CODESIGN_IDENTITY:-}" ] || codesign --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"
echo "built $DMG ($(du -h "$DMG" | cut -f1))"
