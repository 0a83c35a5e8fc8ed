"""Where the command line reads and writes, and what it needs from the composition root."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from core.childenv import PASSPHRASE_ENV
from core.errors import ConfigError
from core.translation import translate

if TYPE_CHECKING:
    from core.oauth import AuthorizationManager, BaseUrls
    from core.session import BoxLogin
    from core.settings import Settings
    from core.store import TokenStore

__all__ = ["PASSPHRASE_ENV", "Console", "Services", "speak_chosen_language", "store_passphrase"]


class Services(Protocol):
    """The core objects a command needs, built on first use by the composition root
    (``main.py``), so that each command builds only what it uses."""

    def settings(self) -> Settings:
        """The Box app settings; raises NotConfiguredError when there are none."""
        ...

    def optional_settings(self) -> Settings | None:
        """The Box app settings, or None when there are none."""
        ...

    def store(self) -> TokenStore:
        """The token store (raises KeyringUnavailableError when no choice can be made)."""
        ...

    def box_login(self) -> BoxLogin:
        """The lifecycle object for the settings and the store."""
        ...

    def auth(self, base_urls: BaseUrls | None = None) -> AuthorizationManager:
        """An OAuth client for ``base_urls`` (default: the settings' ones)."""
        ...


@dataclass
class Console:
    """Where the command line reads and writes; tests and embedders can swap the streams."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)

    def say(self, message: str) -> None:
        """A message for the person (standard error)."""
        print(message, file=self.err, flush=True)

    def emit(self, text: str) -> None:
        """Requested output (standard output): one line."""
        self.out.write(text + "\n")
        self.out.flush()

    def interactive(self) -> bool:
        """True when a person can answer a question on standard input."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question on standard error; only "y"/"yes" count as yes (and the
        translation's own yes words, when the hint is translated)."""
        hint = translate("CommandLine", "[y/N]")
        self.err.write(f"{question} {hint} ")
        self.err.flush()
        answer = self.stdin.readline()
        yes = {"y", "yes"}
        # The translation of "y, yes": the words that count as yes in that language.
        yes.update(
            word.strip().lower()
            for word in translate("CommandLine", "y, yes").split(",")
            if word.strip()
        )
        return answer.strip().lower() in yes

    def secret(self, prompt: str) -> str:
        """Ask for a passphrase without echoing it (on the terminal, prompt on stderr)."""
        import getpass

        return getpass.getpass(prompt, stream=self.err)


def speak_chosen_language(argv: list[str]) -> str:
    """Choose the language of the command line's sentences before its help is built:
    ``--language`` anywhere in ``argv`` (put into BOX_LOGIN_LANGUAGE, so whatever this run
    starts speaks it too), else what :func:`core.translation.chosen_language` finds. Its
    catalogue is read on the first sentence, so a command that prints none loads nothing."""
    from core import translation

    for index, word in enumerate(argv):
        if word == "--":
            break
        value = None
        if word == "--language" and index + 1 < len(argv):
            value = argv[index + 1]
        elif word.startswith("--language="):
            value = word.partition("=")[2]
        if value in translation.LANGUAGES:
            os.environ[translation.ENVIRONMENT_VARIABLE] = value
    language = translation.chosen_language()
    translation.use_language(language)
    return language


def store_passphrase(console: Console | None = None) -> str:
    """The passphrase for ``--store encrypted-file``: from BOX_LOGIN_PASSPHRASE, else asked
    for when a person is at the terminal; ConfigError otherwise."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    console = console or Console()
    if not console.interactive():
        raise ConfigError(
            translate(
                "CommandLine",
                "The encrypted file needs a passphrase. Set {variable}, or run the "
                "command in a terminal to type it.",
            ).format(variable=PASSPHRASE_ENV)
        )
    value = console.secret(translate("CommandLine", "Passphrase for Box Login's encrypted file: "))
    if not value:
        raise ConfigError(translate("CommandLine", "An empty passphrase cannot protect the file."))
    return value
