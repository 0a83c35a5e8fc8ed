"""The environment of the programs Box Login starts: its own, without its secrets.

Box Login reads one secret from the environment: ``BOX_LOGIN_PASSPHRASE`` (the passphrase
of ``--store encrypted-file``, read by :mod:`cli.console`). Nothing it starts needs it: not the web
browser that ``login`` opens, not the sign-in window's process nor the web page processes
that inherit that one's environment. Everything else stays (a proxy, the display, the
language), because those programs need it to work as the person set them up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping

#: The passphrase of ``--store encrypted-file`` (read by the command line, ``cli.console``).
PASSPHRASE_ENV = "BOX_LOGIN_PASSPHRASE"

#: Environment variables Box Login reads that hold a secret.
#: The others it reads name files or choices (``BOX_LOGIN_CONFIG``, ``BOX_LOGIN_SYSTEM_CONFIG``,
#: ``BOX_LOGIN_WEB_GPU``, ``PYTHON_KEYRING_BACKEND``) and are no secret.
SECRET_ENVIRONMENT_VARIABLES: tuple[str, ...] = (PASSPHRASE_ENV,)


def child_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of ``environ`` (default: this process's) without Box Login's secrets."""
    source = os.environ if environ is None else environ
    return {
        name: value for name, value in source.items() if name not in SECRET_ENVIRONMENT_VARIABLES
    }


def forget_secret_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Remove Box Login's secrets from ``environ`` (default: this process's environment).

    For this process, call it once the secrets have been read: every program started
    afterwards, by whatever means (``webbrowser``, ``subprocess``, Qt), inherits the
    environment without them.
    """
    target = os.environ if environ is None else environ
    for name in SECRET_ENVIRONMENT_VARIABLES:
        target.pop(name, None)
