#!/bin/bash
# Windows: builds the PyInstaller bundle (dist/box-login/) and compiles box-login.nsi around it
# into dist/box-login-<version>-setup.exe: per-user by default, silent per-machine with /S (see
# the top of box-login.nsi). NEVER RUN YET: written on Linux (shellcheck-clean; the .nsi compiles
# there against a placeholder); the first run is the Windows job of .github/workflows/release.yml.
#
# Run from Git Bash (Git for Windows) on Windows 10/11 with Python 3.11+ and NSIS 3.08+
# (`winget install NSIS.NSIS` or `choco install nsis`):
#   packaging/windows/build-installer.sh
#   CONFIG=path/to/settings.json packaging/windows/build-installer.sh     settings baked in
#
# Environment:
#   PYTHON=...            the Python 3.11+ that creates .venv when it is missing (default: the
#                         `py -3.11` launcher, else `python`)
#   CONFIG=FILE           bake a settings file in (checked with Box Login's own parser first)
#   OUTFILE=FILE          the installer to write (default dist/box-login-<version>-setup.exe)
#   SKIP_BUNDLE=1         reuse dist/box-login/ from an earlier run (another CONFIG, same bundle)
#   WINDOWS_SIGN_PFX=FILE or WINDOWS_SIGN_PFX_BASE64=...   an Authenticode certificate (.pfx):
#                         when set, signtool signs both launchers, the installer and the
#                         uninstaller; WINDOWS_SIGN_PASSWORD is its password. Otherwise
#                         everything stays unsigned (SmartScreen warns) and a line says so.
#   WINDOWS_SIGN_TIMESTAMP_URL   RFC 3161 time-stamping server (default DigiCert's)
set -euo pipefail
# Git Bash would turn arguments that start with "/" (makensis and signtool options) into paths.
export MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*'

say() { printf 'build-installer: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) ;;
    *) die "runs on Windows (Git Bash) only; on Linux, build-placeholder.sh compiles the script" ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
winpath() { cygpath -aw "$1"; }

# --- the Python environment ------------------------------------------------------------------
PY=.venv/Scripts/python.exe
if [ ! -x "$PY" ]; then
    say "creating .venv"
    if [ -n "${PYTHON:-}" ]; then
        "$PYTHON" -m venv .venv
    elif command -v py >/dev/null 2>&1; then
        py -3.11 -m venv .venv
    else
        python -m venv .venv
    fi
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Box Login needs Python 3.11+")'
if ! "$PY" -c 'import PyInstaller' >/dev/null 2>&1; then
    say "installing Box Login with the 'packaging' extra (PyInstaller) into .venv"
    "$PY" -m pip install --quiet -e '.[packaging]'
fi
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
OUTFILE=${OUTFILE:-dist/box-login-$VERSION-setup.exe}

# --- tools -----------------------------------------------------------------------------------
find_tool() { # name, then folders to look in when it is not on PATH
    local name=$1 dir
    shift
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    for dir in "$@"; do
        if [ -x "$dir/$name" ]; then printf '%s\n' "$dir/$name"; return 0; fi
    done
    return 1
}
MAKENSIS=$(find_tool makensis.exe "/c/Program Files (x86)/NSIS" "/c/Program Files/NSIS") ||
    die "makensis not found: install NSIS 3 (winget install NSIS.NSIS, or choco install nsis)"

pfx=""
if [ -n "${WINDOWS_SIGN_PFX_BASE64:-}" ]; then
    pfx=$(mktemp --suffix=.pfx)
    trap 'rm -f "$pfx"' EXIT
    printf '%s' "$WINDOWS_SIGN_PFX_BASE64" | base64 -d >"$pfx"
elif [ -n "${WINDOWS_SIGN_PFX:-}" ]; then
    pfx=$WINDOWS_SIGN_PFX
    [ -f "$pfx" ] || die "WINDOWS_SIGN_PFX=$pfx: no such file"
fi
SIGNTOOL=""
if [ -n "$pfx" ]; then
    # The Windows SDK's signtool, newest version first.
    sdk_bins=$(find "/c/Program Files (x86)/Windows Kits/10/bin" -maxdepth 2 -type d -name x64 \
        2>/dev/null | sort -rV || true)
    # shellcheck disable=SC2086 # one folder per line, none with a newline
    SIGNTOOL=$(IFS=$'\n'; find_tool signtool.exe $sdk_bins) ||
        die "a certificate was given but signtool.exe was not found (Windows SDK)"
    export WINDOWS_SIGN_PASSWORD=${WINDOWS_SIGN_PASSWORD:-}
fi
TIMESTAMP_URL=${WINDOWS_SIGN_TIMESTAMP_URL:-http://timestamp.digicert.com}
sign() { # files...
    "$SIGNTOOL" sign /fd SHA256 /td SHA256 /tr "$TIMESTAMP_URL" /f "$(winpath "$pfx")" \
        /p "$WINDOWS_SIGN_PASSWORD" "$@"
}

# --- the settings file to bake in --------------------------------------------------------------
config_win=""
if [ -n "${CONFIG:-}" ]; then
    [ -f "$CONFIG" ] || die "CONFIG=$CONFIG: no such file"
    config_win=$(winpath "$CONFIG")
    "$PY" -c '
import sys
from pathlib import Path
from core.settings import read_settings_file
s = read_settings_file(Path(sys.argv[1]))
print(f"build-installer: CONFIG ok: {len(s.redirect_uris)} redirect URI(s), oauth at {s.oauth_2_url}", file=sys.stderr)
' "$config_win" || die "CONFIG=$CONFIG is not a valid Box Login settings file (see above)"
fi

# --- the bundle --------------------------------------------------------------------------------
if [ "${SKIP_BUNDLE:-}" != "1" ]; then
    say "icons"
    QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py
    say "PyInstaller bundle (dist/box-login)"
    "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
        --workpath build/pyinstaller packaging/box-login.spec
    if [ -n "$pfx" ]; then
        say "signing the launchers"
        sign "$(winpath "dist/box-login/box-login.exe")" "$(winpath "dist/box-login/Box Login.exe")"
    fi
fi
for exe in "dist/box-login/box-login.exe" "dist/box-login/Box Login.exe"; do
    [ -f "$exe" ] || die "the bundle lacks $exe"
done
find dist/box-login/_internal -name QtWebEngineProcess.exe | grep -q . ||
    die "the bundle lacks Qt WebEngine's QtWebEngineProcess.exe"
say "bundle: $(du -sh dist/box-login | cut -f1), $(dist/box-login/box-login.exe --version 2>&1)"

# --- the installer -----------------------------------------------------------------------------
mkdir -p "$(dirname "$OUTFILE")"
rm -f "$OUTFILE"
defines=(-DVERSION="$VERSION" -DPAYLOAD_DIR="$(winpath dist/box-login)"
    -DICON="$(winpath build/icons/box-login.ico)" -DOUTFILE="$(winpath "$OUTFILE")")
[ -z "$config_win" ] || defines+=(-DCONFIG_FILE="$config_win")
if [ -n "$pfx" ]; then
    # makensis signs the uninstaller it embeds and the installer it writes (!uninstfinalize,
    # !finalize); cmd.exe expands %WINDOWS_SIGN_PASSWORD% there, so it is on no command line here.
    defines+=(-DSIGNTOOL="$(winpath "$SIGNTOOL")" -DSIGN_PFX="$(winpath "$pfx")"
        -DSIGN_TIMESTAMP_URL="$TIMESTAMP_URL")
else
    say "code signing skipped: no certificate (WINDOWS_SIGN_PFX / WINDOWS_SIGN_PFX_BASE64 unset)"
fi
say "makensis $VERSION${config_win:+ with CONFIG}"
"$MAKENSIS" -V2 -WX "${defines[@]}" "$(winpath packaging/windows/box-login.nsi)"
[ -s "$OUTFILE" ] || die "makensis produced no $OUTFILE"
say "built $OUTFILE: $(( $(stat -c %s "$OUTFILE") / 1048576 )) MiB, sha256 $(sha256sum "$OUTFILE" | cut -d' ' -f1)"
echo "$OUTFILE"
