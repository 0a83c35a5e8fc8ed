#!/bin/sh
# Checks (and, as root with apt-get, installs) the Debian/Ubuntu packages that Qt WebEngine,
# a virtual screen for the tests, a real keyring and the installer builds need. Used by
# `make test`, `make run`, `make deb` (packaging/Makefile), packaging/ci-installer.sh and .ci/run.
#   system-deps.sh check     exit 1 and print the apt-get line when something is missing
#   system-deps.sh install   install what is missing (root only), else behave like `check`
#   system-deps.sh check-runtime     like `check`, for what the program itself needs
#   system-deps.sh install-runtime   like `install`, for what the program itself needs
#   system-deps.sh check-deb         like `check`, for building the .deb (`make deb`)
#   system-deps.sh install-deb       like `install`, for building the .deb (`make deb`)
#   system-deps.sh check-installers    like `check-deb`, plus the Windows installer compiler
#   system-deps.sh install-installers  like `install-deb`, plus the Windows installer compiler
set -eu

RUNTIME="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libnss3 libxcomposite1 libxdamage1 \
libxrandr2 libxtst6 libxkbfile1 libxshmfence1 libgbm1 libegl1 libgl1 libgl1-mesa-dri \
libasound2 libfontconfig1 libdbus-1-3 fonts-dejavu-core fonts-noto-cjk"
# The tests' own tools: systemd-analyze checks keep-alive's unit files (systemd), and dunst
# is the real notification server its reminders are tested against (tests/test_keepalive.py).
# fonts-noto-cjk (in RUNTIME) draws the Japanese translation; the tests look at it too.
# at-spi2-core is the accessibility bus a screen reader reads the window through
# (tests/test_screen_reader.py).
TESTING="xvfb xauth x11-utils dbus dbus-x11 gnome-keyring systemd dunst at-spi2-core"
# The tools PyInstaller, packaging/Makefile and packaging/linux/build-deb.sh run (objdump,
# readelf and strip from binutils; file; dpkg-architecture from dpkg-dev; desktop-file-validate;
# appstreamcli; time, which /bin/sh lacks as a keyword). The .deb also needs RUNTIME: the icons
# are drawn with Qt, and build-deb.sh looks up every library the bundle links against on this
# machine. tests/test_packaging_deps.py checks these lists against what the packaging scripts run.
DEB_BUILD="binutils file dpkg-dev desktop-file-utils appstream time"
# makensis, for packaging/windows/build-placeholder.sh (`make -C packaging nsis-placeholder`).
INSTALLER_BUILD="nsis"

mode="${1:-check}"
wanted="$RUNTIME $TESTING"
for_what="that Box Login needs"
case "$mode" in
    check | install) ;;
    check-runtime | install-runtime) wanted="$RUNTIME" ;;
    check-deb | install-deb)
        wanted="$RUNTIME $DEB_BUILD"
        for_what="needed to build the .deb" ;;
    check-installers | install-installers)
        wanted="$RUNTIME $DEB_BUILD $INSTALLER_BUILD"
        for_what="needed to build the installers" ;;
    *)
        echo "system-deps.sh: unknown mode '$mode' (see the top of $0)" >&2
        exit 2 ;;
esac
mode="${mode%%-*}"   # check or install
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing we can check
missing=""
for pkg in $wanted; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "installed" ]; then
        # Ubuntu 24.04 renamed some libraries in the 64-bit time transition (libasound2 is
        # libasound2t64 there; apt installs it when asked for libasound2).
        status=$(dpkg-query -W -f='${db:Status-Status}' "${pkg}t64" 2>/dev/null || true)
    fi
    [ "$status" = "installed" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$mode" = "install" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages $for_what:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "Some system packages $for_what are missing. Install them with:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
