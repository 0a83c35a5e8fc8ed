#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked GNOME Keyring and fresh
# XDG folders, so it uses a real Secret Service and never touches the keyring of the person
# running it. With --xvfb first, also on a private 24-bit virtual screen (Xvfb).
#   tests/session.sh [--xvfb] COMMAND [ARG...]
set -eu

if [ "$(id -u)" = "0" ]; then
    # Chromium refuses to run as root with its sandbox; tests and benchmarks only, never the app.
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi
export PYTHONDONTWRITEBYTECODE=1

xvfb=""
if [ "${1:-}" = "--xvfb" ]; then
    xvfb=1
    shift
fi

if [ -n "$xvfb" ] && [ -z "${BOX_LOGIN_IN_XVFB:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 || { echo "xvfb-run is missing (Debian: xvfb)" >&2; exit 2; }
    export BOX_LOGIN_IN_XVFB=1
    exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$0" "$@"
fi

if [ "${BOX_LOGIN_IN_TEST_SESSION:-}" = "1" ]; then
    exec "$@"
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v dbus-send >/dev/null 2>&1 ||
    ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
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
# Tests read the window in English (the source language) whatever the developer's own
# language is; tests of other languages ask for one (--language, BOX_LOGIN_LANGUAGE).
export LC_ALL=C.UTF-8
unset LANGUAGE BOX_LOGIN_LANGUAGE
unset PYTHON_KEYRING_BACKEND DBUS_SESSION_BUS_ADDRESS || true

# Not exec: the trap must remove the scratch folders afterwards.
# gnome-keyring-daemon --unlock returns as soon as it has forked; its child creates and
# unlocks the "login" keyring and only then takes the Secret Service name on the bus. A
# client asking before that would make D-Bus start a second daemon, without the password
# (a locked keyring, or none, for the rest of the run). So wait, up to 10 s, until the name
# is owned (asked of the bus itself, which starts nothing) and the "default" alias names a
# collection (ReadAlias: a plain method call, harmless to a daemon that is still starting).
dbus-run-session -- sh -c '
    printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    tries=0
    until dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
            /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
            string:org.freedesktop.secrets 2>/dev/null | grep -q true &&
        dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets \
            /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias \
            string:default 2>/dev/null | grep -q /collection/; do
        tries=$((tries + 1))
        if [ "$tries" -ge 500 ]; then
            echo "tests/session.sh: the keyring daemon did not become ready in 10 s" >&2
            exit 2
        fi
        sleep 0.02
    done
    exec "$@"
' sh "$@"
