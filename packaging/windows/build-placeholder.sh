#!/bin/sh
# Proves packaging/windows/box-login.nsi compiles: runs makensis (Debian package nsis) against a
# placeholder payload shaped like the Windows PyInstaller bundle (the real bundle can only be
# built on Windows; see packaging/README.md). Compiles twice: without and with baked-in settings.
# Output: build/nsis/box-login-<version>-setup-placeholder{,-config}.exe
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT="$ROOT/build/nsis"

command -v makensis >/dev/null 2>&1 || {
    echo "makensis not found: sudo apt-get install nsis" >&2
    exit 1
}
VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")

rm -rf "$OUT"
payload="$OUT/payload"
mkdir -p "$payload/_internal/resources"
printf 'placeholder for the windowed launcher\r\n' >"$payload/Box Login.exe"
printf 'placeholder for the console launcher\r\n' >"$payload/box-login.exe"
cp "$ROOT"/resources/*.svg "$payload/_internal/resources/" 2>/dev/null || true
printf 'placeholder: the PyInstaller bundle is built on Windows\r\n' >"$payload/_internal/README.txt"

icon="$ROOT/build/icons/box-login.ico"
[ -f "$icon" ] || QT_QPA_PLATFORM=offscreen "$PYTHON" "$ROOT/packaging/render_icons.py" >/dev/null
cat >"$OUT/config.json" <<'EOF'
{"client_id": "placeholder-client-id", "client_secret": "placeholder-client-secret"}
EOF

cd "$ROOT/packaging/windows"
for variant in plain config; do
    suffix=""
    extra=""
    if [ "$variant" = config ]; then
        suffix="-config"
        extra="-DCONFIG_FILE=$OUT/config.json"
    fi
    exe="$OUT/box-login-$VERSION-setup-placeholder$suffix.exe"
    # shellcheck disable=SC2086
    makensis -V2 -WX -DVERSION="$VERSION" -DPAYLOAD_DIR="$payload" -DICON="$icon" \
        -DOUTFILE="$exe" $extra box-login.nsi
    [ -s "$exe" ] || { echo "makensis produced no $exe" >&2; exit 1; }
    echo "build-placeholder: $exe ($(stat -c %s "$exe") bytes)"
done
