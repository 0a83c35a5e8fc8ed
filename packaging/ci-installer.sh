#!/bin/bash
# CI: build the .deb (zstd, with a test settings file baked in), install it, drive it end to end
# (tests/test_installer.py), remove it; compile the Windows installer script against a placeholder.
# CI_INSTALLER_DEB=path/to.deb: test that .deb (e.g. the release one from `make deb`) instead of
# building one.
# Run as root on Debian after `make test` (the venv and the test packages are then in place).
# Fails when any installer test did not run and pass. Prints size and time figures.
# Also run by the Ubuntu jobs of .github/workflows/release.yml (through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '\n== ci-installer: %s\n' "$*"; }
die() { printf 'ci-installer: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[ "$(id -u)" = "0" ] || die "run as root (the tests install and purge the package)"
[ -f /etc/debian_version ] || die "Debian only"
[ -x .venv/bin/python ] || die "no .venv: run 'make setup' (or 'make test') first"

# Tools the package builds and their checks use, beyond what `make test` installed.
say "build tools (packaging/linux/system-deps.sh install-installers)"
packaging/linux/system-deps.sh install-installers || die "could not install the build tools"
if [ ! -x .venv/bin/pyinstaller ]; then
    say "installing the packaging extra (PyInstaller)"
    .venv/bin/python -m pip install --quiet -e '.[packaging]'
fi

build_s="-" nsis_s="-" has_config=1
if [ -n "${CI_INSTALLER_DEB:-}" ]; then
    # A .deb built already (the release one, by `make deb`): test that very file.
    deb=$(readlink -f "$CI_INSTALLER_DEB")
    [ -f "$deb" ] || die "CI_INSTALLER_DEB=$CI_INSTALLER_DEB: no such file"
    if ! dpkg-deb --info "$deb" conffiles 2>/dev/null | grep -q /etc/box-login/config.json; then
        has_config=0
    fi
    say "testing the given $deb (baked-in settings: $has_config)"
else
    # A settings file pointing at a sandbox on a fixed loopback port, baked in as
    # /etc/box-login/config.json; tests/test_installer.py starts the sandbox there and signs in
    # without --config.
    packaging/ci-sandbox-config.sh build/ci-config.json

    version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
    deb="$ROOT/dist/box-login_${version}_$(dpkg --print-architecture).deb"
    rm -f "$deb"

    say "building the bundle and the .deb (zstd, CONFIG=build/ci-config.json)"
    t0=$(now)
    make --no-print-directory -C packaging deb DEB_COMPRESSION=zstd CONFIG="$ROOT/build/ci-config.json"
    build_s=$(since "$t0")
    [ -f "$deb" ] || die "make deb did not produce $deb"

    say "compiling the Windows installer script against a placeholder payload"
    t1=$(now)
    packaging/windows/build-placeholder.sh
    nsis_s=$(since "$t1")
fi

say "installer tests"
log=$(mktemp)
set +e
BOX_LOGIN_DEB="$deb" BOX_LOGIN_DEB_HAS_CONFIG=$has_config BOX_LOGIN_DEB_UNBUNDLED="${DEB_UNBUNDLE:-0}" \
    tests/run-suite.sh tests/test_installer.py -v -rA 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

expected="test_package_metadata test_installed_files test_smoke_test_finds_the_keyring
test_smoke_test_fails_without_a_keyring test_web_view_in_its_sandbox_as_a_normal_user
test_sign_in_with_the_installed_command test_removal_leaves_nothing_behind"
[ "$has_config" = 0 ] || expected="$expected test_baked_in_settings_are_used"
not_passed=""
for t in $expected; do
    grep -Eq "^PASSED tests/test_installer.py::$t\b" "$log" || not_passed="$not_passed $t"
done

say "figures"
if [ -d dist/box-login ]; then
    printf '  bundle (dist/box-login):   %s MiB\n' "$(( $(du -sb dist/box-login | cut -f1) / 1048576 ))"
fi
printf '  %s: %s MiB (%s bytes)\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1048576 ))" "$(stat -c %s "$deb")"
printf '  installed size:            %s MiB\n' "$(( $(dpkg-deb --field "$deb" Installed-Size) / 1024 ))"
printf '  bundle + .deb build time:  %s s\n' "$build_s"
printf '  NSIS placeholder build:    %s s\n' "$nsis_s"
grep -o 'installer-figure: .*' "$log" | sort -u | sed 's/^installer-figure: /  /' || true

if [ -n "$not_passed" ]; then
    die "these installer tests did not run and pass:$not_passed"
fi
[ "$status" = "0" ] || die "pytest exited $status"
echo "ci-installer: all installer tests passed"
