"""Box Login's command line: a face beside the window (``gui/``), built on ``core/``.

``main.py`` parses the arguments (:mod:`cli.parser`), builds the core objects a command needs
and calls :func:`cli.commands.run`. Wording here is for a terminal; core's errors carry the
facts. Nothing in this package imports Qt, and nothing heavy at import time.
"""

from __future__ import annotations

from cli.commands import run, serve_sandbox
from cli.console import (
    PASSPHRASE_ENV,
    Console,
    Services,
    speak_chosen_language,
    store_passphrase,
)
from cli.parser import STORE_CHOICES, build_parser, exit_codes_help, parse_args
from core.logging_setup import configure_logging

__all__ = [
    "PASSPHRASE_ENV",
    "STORE_CHOICES",
    "Console",
    "Services",
    "build_parser",
    "configure_logging",
    "exit_codes_help",
    "parse_args",
    "run",
    "serve_sandbox",
    "speak_chosen_language",
    "store_passphrase",
]
