#!/bin/sh
# Runs the test suite (arguments go to pytest) in a private D-Bus session with a real, fresh,
# unlocked GNOME Keyring (see tests/session.sh). pytest-xvfb starts a 24-bit Xvfb itself.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PYTHON="${PYTHON:-$here/.venv/bin/python}"
exec "$here/tests/session.sh" "$PYTHON" -m pytest "$@"
