"""Translating without Qt: Box Login's words in the person's language, for the command line
and for core/ (whose messages the window shows too), neither of which may import Qt.

``translate("Context", "text")`` gives ``text`` in the chosen language:

- in the window, ``gui.i18n`` installs Qt's ``QCoreApplication.translate`` (:func:`set_translator`),
  so core/ and the window read the same translators;
- on the command line, :func:`use_language` reads Box Login's own ``.qm`` catalogue with
  :class:`QmCatalog` — a reader of the format ``pyside6-lrelease`` writes, looking messages up
  exactly as Qt's ``QTranslator`` does (a test compares the two on every message) — on the first
  sentence that needs it, so a command that prints none (``token``) loads nothing.

``pyside6-lupdate`` finds ``translate("Context", "…")`` and ``QT_TRANSLATE_NOOP("Context", "…")``
calls by their names, as it does Qt's own (``make translations-update``). Placeholders are
``{name}``, filled with ``.format()`` after translating, so a translation may move them.

Which language (first match wins): ``--language`` (put into ``BOX_LOGIN_LANGUAGE``),
``BOX_LOGIN_LANGUAGE``, the choice made in the window (Help ▸ Language), the system's
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; on Windows the user's display
language). English is the source language: it needs no catalogue.
"""

from __future__ import annotations

import configparser
import logging
import os
import struct
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "QmCatalog",
    "chosen_language",
    "current_language",
    "display_width",
    "joined",
    "pad",
    "saved_choice",
    "sentences",
    "set_translator",
    "system_language",
    "translate",
    "use_language",
    "word_list",
    "wrap",
]

#: The languages Box Login ships, English first (the source language).
LANGUAGES = ("en", "de", "ja")
ENVIRONMENT_VARIABLE = "BOX_LOGIN_LANGUAGE"
#: Where the ``.ts`` sources and the built ``.qm`` files live (also inside the installed bundle).
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
#: The catalogue's base name: box-login_de.qm.
CATALOG = "box-login"
#: The window's remembered choice: QSettings(IniFormat, UserScope, "Box Login", "window"),
#: key ``language`` in its [General] group.
_WINDOW_SETTINGS = ("Box Login", "window.ini")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it (for constants
    made at import time; :func:`translate` them where they are shown)."""
    del context
    return text


Translator = Callable[[str, str, "str | None"], str]


def _untranslated(_context: str, text: str, _disambiguation: str | None = None) -> str:
    return text


_translator: Translator = _untranslated
_language = "en"


def translate(context: str, text: str, disambiguation: str | None = None) -> str:
    """``text`` in the chosen language (see the module's docstring); ``text`` itself when it
    has no translation."""
    return _translator(context, text, disambiguation)


def set_translator(function: Translator, language: str | None = None) -> None:
    """Make :func:`translate` use ``function`` (``gui.i18n`` passes Qt's)."""
    global _translator, _language
    _translator = function
    if language is not None:
        _language = language


def current_language() -> str:
    """The language :func:`translate` speaks ("en" until one is chosen)."""
    return _language


def use_language(language: str, directory: Path | None = None) -> None:
    """Speak ``language`` from now on, reading Box Login's catalogue on the first
    :func:`translate` call. A missing catalogue gives English (logged once)."""
    if language not in LANGUAGES or language == "en":
        set_translator(_untranslated, "en")
        return
    path = (directory or TRANSLATIONS_DIR) / f"{CATALOG}_{language}.qm"
    catalog: list[QmCatalog | None] = []

    def lazy(context: str, text: str, disambiguation: str | None = None) -> str:
        if not catalog:
            try:
                catalog.append(QmCatalog.load(path))
            except (OSError, ValueError) as exc:
                logger.warning(
                    "no %s translation in %s (%s): run make translations", language, path, exc
                )
                catalog.append(None)
        loaded = catalog[0]
        if loaded is None:
            return text
        found = loaded.lookup(context, text, disambiguation or "")
        return text if found is None else found

    set_translator(lazy, language)


# --- putting words together -------------------------------------------------------------------


def joined(parts: Sequence[str], pattern: str) -> str:
    """``parts`` put together two at a time by ``pattern``, a translated "{earlier}…{next}"
    (e.g. "{earlier}; {next}")."""
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = pattern.format(earlier=text, next=part)
    return text


def sentences(*parts: str) -> str:
    """Sentences one after another as the language writes them: "A. B." in English and
    German, "A。B。" in Japanese (no space). Empty parts are left out."""
    return joined([part for part in parts if part], translate("Grammar", "{earlier} {next}"))


def word_list(items: Sequence[str], last: str = "and") -> str:
    """``a, b and c`` (``last="or"``: ``a, b or c``) in the language's own words and commas
    (Japanese: ``a、b、c``)."""
    if len(items) <= 1:
        return "".join(items)
    head = joined(items[:-1], translate("Grammar", "{earlier}, {next}"))
    if last == "or":
        words = translate("Grammar", "{items} or {last}")
    else:
        words = translate("Grammar", "{items} and {last}")
    return words.format(items=head, last=items[-1])


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: two for each wide (CJK) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns (``f"{text:<{width}}"``
    for text with wide characters)."""
    return text + " " * max(0, width - display_width(text))


#: Characters a Japanese line does not start with (kinsoku): they stay on the line before.
_NO_LINE_START = set("、。，．・：；？！ー」』）］｝〕〉》…‥ぁぃぅぇぉっゃゅょァィゥェォッャュョ")  # noqa: RUF001
#: …nor end with: they go to the next line with what follows.
_NO_LINE_END = set("「『（［｛〔〈《")  # noqa: RUF001


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns. Text without wide characters is
    wrapped as ``textwrap`` does (at spaces); Japanese may break between any two characters,
    except before closing and after opening punctuation."""
    import textwrap

    text = " ".join(text.split())
    if display_width(text) == len(text):
        return textwrap.wrap(text, width)
    units: list[str] = []  # words of narrow characters, single wide characters, spaces
    for char in text:
        previous = units[-1][-1] if units else " "
        if char != " " and previous != " " and (char in _NO_LINE_START or previous in _NO_LINE_END):
            units[-1] += char  # kinsoku: no break here
        elif char == " " or previous == " " or display_width(char + previous) > 2:
            units.append(char)  # a break may come before a space or a wide character
        else:
            units[-1] += char  # inside a word of narrow characters
    lines: list[str] = []
    line = ""
    for unit in units:
        if unit == " ":
            if line and display_width(line) < width:
                line += " "
            continue
        if line and display_width(line + unit) > width:
            lines.append(line.rstrip())
            line = ""
        line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


# --- which language -----------------------------------------------------------------------------


def _window_settings_file(environ: Mapping[str, str]) -> Path | None:
    """Where Qt keeps the window's QSettings (IniFormat, UserScope) on this system."""
    if sys.platform == "win32":
        base = environ.get("APPDATA")
        return Path(base, *_WINDOW_SETTINGS) if base else None
    base = environ.get("XDG_CONFIG_HOME") if sys.platform != "darwin" else None
    if base and Path(base).is_absolute():
        return Path(base, *_WINDOW_SETTINGS)
    home = environ.get("HOME") or str(Path.home())
    return Path(home, ".config", *_WINDOW_SETTINGS)


def saved_choice(environ: Mapping[str, str] | None = None) -> str | None:
    """The language chosen in the window (Help ▸ Language), or None to follow the system."""
    path = _window_settings_file(os.environ if environ is None else environ)
    if path is None:
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    value = parser.get("General", "language", fallback="").strip()
    return value if value in LANGUAGES else None


def _code(name: str) -> str:
    return name.replace("_", "-").split(".")[0].split("@")[0].split("-")[0].strip().lower()


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The first of the system's preferred languages that Box Login ships, else English —
    the order Qt's ``QLocale.system().uiLanguages()`` follows on Unix."""
    env = os.environ if environ is None else environ
    wanted: list[str] = []
    lc_all = env.get("LC_ALL", "")
    lc_messages = lc_all or env.get("LC_MESSAGES", "") or env.get("LANG", "")
    # gettext's rule: LANGUAGE is a list of preferences, ignored when the locale is C/POSIX.
    if _code(lc_messages) not in ("", "c", "posix"):
        wanted += env.get("LANGUAGE", "").split(":")
    wanted.append(lc_messages)
    if sys.platform == "win32" and environ is None:  # pragma: no cover - Windows only
        wanted.insert(0, _windows_ui_language())
    for name in wanted:
        code = _code(name)
        if code in ("c", "posix"):
            return "en"
        if code in LANGUAGES:
            return code
    return "en"


def _windows_ui_language() -> str:  # pragma: no cover - Windows only
    import ctypes
    import locale

    lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    return str(locale.windows_locale.get(int(lcid), ""))


def chosen_language(
    environ: Mapping[str, str] | None = None, *, otherwise: Callable[[], str] | None = None
) -> str:
    """The language this process speaks (see the module's docstring for the order);
    ``otherwise`` gives the choice when BOX_LOGIN_LANGUAGE does not (the window asks Qt)."""
    env = os.environ if environ is None else environ
    wanted = env.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if wanted in LANGUAGES:
        return wanted
    if wanted:
        logger.warning("%s=%s is not one of %s", ENVIRONMENT_VARIABLE, wanted, LANGUAGES)
    if otherwise is not None:
        return otherwise()
    return saved_choice(env) or system_language(env)


# --- the .qm reader -----------------------------------------------------------------------------

_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_CONTEXTS, _HASHES, _MESSAGES = 0x2F, 0x42, 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_OBSOLETE1 = 1, 3, 5
_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 6, 7, 8


def _elf_hash(data: bytes, h: int = 0) -> int:
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


class QmCatalog:
    """One ``.qm`` file, looked up as ``QTranslator::translate`` does (no numerus forms:
    Box Login writes "1 day" and "{days} days" as two messages)."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(_MAGIC):
            raise ValueError("not a Qt translation file")
        blocks: dict[int, bytes] = {}
        at = len(_MAGIC)
        while at + 5 <= len(data):
            tag, length = struct.unpack_from(">BI", data, at)
            at += 5
            blocks[tag] = data[at : at + length]
            at += length
        self._contexts = blocks.get(_CONTEXTS, b"")
        hashes = blocks.get(_HASHES, b"")
        self._hashes = [struct.unpack_from(">II", hashes, i) for i in range(0, len(hashes) - 7, 8)]
        self._messages = blocks.get(_MESSAGES, b"")

    @classmethod
    def load(cls, path: Path) -> QmCatalog:
        return cls(path.read_bytes())

    def _knows_context(self, context: bytes) -> bool:
        table = self._contexts
        if not table:
            return True
        (size,) = struct.unpack_from(">H", table, 0)
        (offset,) = struct.unpack_from(">H", table, 2 + 2 * (_elf_hash(context) % size))
        if offset == 0:
            return False
        at = 2 + 2 * size + 2 * offset
        while at < len(table):
            length = table[at]
            if length == 0:
                return False
            if table[at + 1 : at + 1 + length].removesuffix(b"\0") == context:
                return True
            at += 1 + length
        return False

    def lookup(self, context: str, text: str, comment: str = "") -> str | None:
        """The translation of ``text`` in ``context``, or None when there is none."""
        ctx, src = context.encode(), text.encode()
        if not self._hashes or not self._knows_context(ctx):
            return None
        comments = [comment.encode(), b""] if comment else [b""]
        for com in comments:
            h = _elf_hash(com, _elf_hash(src)) or 1
            for found_hash, offset in self._candidates(h):
                del found_hash
                message = self._message(offset, ctx, src, com)
                if message is not None:
                    return message
        return None

    def _candidates(self, h: int) -> list[tuple[int, int]]:
        import bisect

        start = bisect.bisect_left(self._hashes, (h, -1))
        found = []
        while start < len(self._hashes) and self._hashes[start][0] == h:
            found.append(self._hashes[start])
            start += 1
        return found

    def _message(self, at: int, context: bytes, source: bytes, comment: bytes) -> str | None:
        data = self._messages
        translation: bytes | None = None
        while at < len(data):
            tag = data[at]
            at += 1
            if tag == _TAG_END:
                break
            if tag == _TAG_OBSOLETE1:
                at += 4
                continue
            (length,) = struct.unpack_from(">I", data, at)
            at += 4
            if tag == _TAG_TRANSLATION:
                if length & 1:  # a null translation (0xFFFFFFFF)
                    return None
                if translation is None:  # the first form (no numerus)
                    translation = data[at : at + length]
            elif tag in (_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT):
                value = data[at : at + length].removesuffix(b"\0")
                wanted = {_TAG_SOURCE: source, _TAG_CONTEXT: context, _TAG_COMMENT: comment}[tag]
                if value != wanted and not (tag == _TAG_COMMENT and not value):
                    return None
            else:
                return None
            at += length
        return None if translation is None else translation.decode("utf-16-be")
