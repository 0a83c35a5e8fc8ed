"""Box Login's version, read without importing anything heavy."""

from __future__ import annotations

import sys

__version__ = "0.1.0"
APP_NAME = "Box Login"

#: The ``User-Agent`` of every request to Box: who we are, and on which Python.
USER_AGENT = f"box-login/{__version__} python/{sys.version.split()[0]}"


def command_name() -> str:
    """How the person started Box Login, for messages such as 'run "box-login login"'.

    ``box-login`` for the installed program (frozen bundle or the ``box-login`` launcher),
    ``python main.py`` when run from a source checkout.
    """
    import os

    if getattr(sys, "frozen", False):
        return "box-login"
    invoked = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if invoked.startswith("box-login"):
        return "box-login"
    return "python main.py"


def self_command() -> list[str]:
    """How to start this Box Login again: the bundle's executable, or this Python with
    ``main.py`` from a source checkout. Absolute paths: a scheduler has no working folder,
    and a child process may start elsewhere. Used for the sign-in window's process, the
    smoke test's web check and the keep-alive job."""
    import os
    from pathlib import Path

    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    main = Path(__file__).resolve().parent.parent / "main.py"
    return [os.path.abspath(sys.executable), str(main)]
