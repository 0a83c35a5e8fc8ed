#!/bin/bash
# Windows CI: installs a Box Login setup.exe silently, tests the installed program with
# tests/test_installer.py (BOX_LOGIN_INSTALLED), uninstalls it silently and checks that nothing
# the installer wrote is left behind. NEVER RUN YET: written on Linux (shellcheck-clean); the
# first run is the Windows job of .github/workflows/release.yml.
#
# Run from Git Bash, after build-installer.sh (which made .venv), with administrator rights for
# per-machine (GitHub's Windows runners have them):
#   packaging/windows/test-installer.sh SETUP.EXE per-user
#   packaging/windows/test-installer.sh SETUP.EXE per-machine [BAKED-IN-SETTINGS.json]
# per-user runs "SETUP.EXE /S /CURRENTUSER", per-machine "SETUP.EXE /S" (what IT runs). With a
# settings file (the one given to build-installer.sh as CONFIG), the installed copy must be
# identical and a sign-in without --config must use it.
set -euo pipefail
export MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*'

say() { printf '\n== test-installer: %s\n' "$*"; }
die() { printf 'test-installer: FAILED: %s\n' "$*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: test-installer.sh SETUP.EXE per-user|per-machine [SETTINGS.json]"
setup=$(cygpath -au "$1")
mode=$2
settings=${3:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PY=.venv/Scripts/python.exe
[ -f "$setup" ] || die "no installer at $1"
[ -x "$PY" ] || die "no .venv: run packaging/windows/build-installer.sh first"
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

u() { cygpath -au "$1"; } # a Windows path (from the environment) as a Git Bash path
KEY='Software\Microsoft\Windows\CurrentVersion\Uninstall\BoxLogin'
APP_KEY='Software\Box Login'
case "$mode" in
    per-user)
        args=(/S /CURRENTUSER)
        dir=$(u "$LOCALAPPDATA")/Programs/Box\ Login
        hive=HKCU
        shortcut=$(u "$APPDATA")/Microsoft/Windows/Start\ Menu/Programs/Box\ Login.lnk
        baked=$(u "$LOCALAPPDATA")/box-login/config.json
        ;;
    per-machine)
        args=(/S)
        dir=$(u "${ProgramW6432:-${PROGRAMFILES:-C:\\Program Files}}")/Box\ Login
        hive=HKLM
        programdata=$(u "${PROGRAMDATA:-${ProgramData:-C:\\ProgramData}}")
        shortcut=$programdata/Microsoft/Windows/Start\ Menu/Programs/Box\ Login.lnk
        baked=$programdata/Box\ Login/config.json
        ;;
    *) die "mode must be per-user or per-machine, not $mode" ;;
esac
reg_has() { reg query "$hive\\$1" /reg:64 >/dev/null 2>&1; }
reg_value() { # key value
    reg query "$hive\\$1" /v "$2" /reg:64 2>/dev/null | awk -v v="$2" '$1 == v { $1 = ""; $2 = ""; sub(/^ +/, ""); print }'
}

if [ -e "$dir" ] || reg_has "$KEY"; then
    die "Box Login is already installed ($dir); uninstall it first"
fi
if [ -n "$settings" ] && [ "$mode" = per-user ] && [ -e "$baked" ]; then
    die "$baked exists: the installer would keep it, so this run could not test the baked-in settings"
fi

say "installing: $(basename "$setup") ${args[*]}"
t0=$(date +%s)
set +e
"$setup" "${args[@]}"
status=$?
set -e
[ "$status" = 0 ] || die "the installer exited $status"
echo "installed in $(( $(date +%s) - t0 )) s to $dir ($(du -sh "$dir" | cut -f1))"

say "files, shortcut, registry"
for f in box-login.exe "Box Login.exe" Uninstall.exe install.ini _internal; do
    [ -e "$dir/$f" ] || die "$dir/$f is missing"
done
[ -f "$shortcut" ] || die "no Start-menu shortcut at $shortcut"
[ "$(reg_value "$KEY" DisplayVersion)" = "$VERSION" ] || die "$hive\\$KEY DisplayVersion is not $VERSION"
[ "$(reg_value "$KEY" QuietUninstallString)" = "\"$(cygpath -w "$dir")\\Uninstall.exe\" /S" ] ||
    die "$hive\\$KEY QuietUninstallString is wrong: $(reg_value "$KEY" QuietUninstallString)"
if [ -n "$settings" ]; then
    cmp -s "$settings" "$baked" || die "the baked-in settings are not at $baked"
    echo "baked-in settings in place: $baked"
fi

say "the installed program (tests/test_installer.py)"
expected="test_smoke_test_finds_the_keyring test_smoke_test_fails_without_a_keyring
test_sign_in_with_the_installed_command"
[ -z "$settings" ] || expected="$expected test_baked_in_settings_are_used"
log=$(mktemp)
set +e
BOX_LOGIN_INSTALLED=$(cygpath -w "$dir/box-login.exe") \
BOX_LOGIN_INSTALLED_CONFIG=${settings:+$(cygpath -w "$baked")} \
    "$PY" -m pytest -p no:cacheprovider tests/test_installer.py -v -rA 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
not_passed=""
for t in $expected; do
    grep -Eq "^PASSED tests/test_installer.py::$t\b" "$log" || not_passed="$not_passed $t"
done

say "uninstalling: Uninstall.exe /S"
# The uninstaller copies itself to %TEMP% and returns at once; wait for it to finish.
"$dir/Uninstall.exe" /S
for _ in $(seq 1 120); do
    if [ ! -e "$dir" ] && ! reg_has "$KEY"; then break; fi
    sleep 1
done
left=""
[ ! -e "$dir" ] || left="$left $dir ($(find "$dir" | head -n 20 | tr '\n' ' '))"
[ ! -e "$shortcut" ] || left="$left $shortcut"
! reg_has "$KEY" || left="$left $hive\\$KEY"
! reg_has "$APP_KEY" || left="$left $hive\\$APP_KEY"
if [ "$mode" = per-machine ]; then
    [ ! -e "$(dirname "$baked")" ] || left="$left $(dirname "$baked")"
elif [ -n "$settings" ]; then
    # Per-user settings belong to the person: the uninstaller keeps them (box-login.nsi).
    [ -f "$baked" ] || die "the uninstaller removed the person's settings $baked"
    rm -f "$baked"
fi
[ -z "$left" ] || die "left behind after uninstalling:$left"
echo "nothing left behind"

[ -z "$not_passed" ] || die "these installer tests did not run and pass:$not_passed"
[ "$status" = 0 ] || die "pytest exited $status"
echo "test-installer: $mode: all checks passed"
