#!/bin/sh
# Runs the test suite inside a private D-Bus session with a fresh, unlocked GNOME Keyring, so
# tests use a real Secret Service and never touch the keyring of the person running them.
# Xvfb (24-bit) is started by pytest-xvfb. Arguments go to pytest.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PYTHON="${PYTHON:-$here/.venv/bin/python}"

if [ "$(id -u)" = "0" ]; then
    # Chromium refuses to run as root with its sandbox; tests and CI only, never the app.
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi
export PYTHONDONTWRITEBYTECODE=1

if [ "${BOX_LOGIN_IN_TEST_SESSION:-}" = "1" ]; then
    exec "$PYTHON" -m pytest "$@"
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "The tests need dbus-run-session and gnome-keyring-daemon (Debian: dbus, gnome-keyring)." >&2
    echo "Run 'make test' as root to install them, or: sudo apt-get install dbus gnome-keyring" >&2
    exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/data" "$scratch/runtime" "$scratch/config" "$scratch/state" "$scratch/cache"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_CONFIG_HOME="$scratch/config" XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export BOX_LOGIN_IN_TEST_SESSION=1
unset PYTHON_KEYRING_BACKEND DBUS_SESSION_BUS_ADDRESS || true

exec dbus-run-session -- sh -c '
    printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$0" "$@"
' "$0" "$@"
