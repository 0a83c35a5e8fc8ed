#!/bin/sh
# Checks (and, as root with apt-get, installs) the Debian/Ubuntu packages that Qt WebEngine,
# a virtual screen for the tests and a real keyring need. Used by `make test` and .ci/run.
#   system-deps.sh check     exit 1 and print the apt-get line when something is missing
#   system-deps.sh install   install what is missing (root only), else behave like `check`
#   system-deps.sh check-runtime     like `check`, for what the program itself needs
#   system-deps.sh install-runtime   like `install`, for what the program itself needs
set -eu

RUNTIME="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libnss3 libxcomposite1 libxdamage1 \
libxrandr2 libxtst6 libxkbfile1 libxshmfence1 libgbm1 libegl1 libgl1 libgl1-mesa-dri \
libasound2 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
TESTING="xvfb xauth x11-utils dbus dbus-x11 gnome-keyring"

mode="${1:-check}"
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing we can check

wanted="$RUNTIME $TESTING"
case "$mode" in
    check-runtime) wanted="$RUNTIME"; mode=check ;;
    install-runtime) wanted="$RUNTIME"; mode=install ;;
esac
missing=""
for pkg in $wanted; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$mode" = "install" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages Qt and the tests need:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "Some system packages that Box Login needs are missing. Install them with:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
