"""The window in German and Japanese: the .ts sources match the code, every translation is
finished and keeps its placeholders, and the window really speaks the chosen language.

The .ts files (resources/translations/) are checked against what ``pyside6-lupdate`` finds
in gui/ now: run on a copy, so a string added to the code without ``make translations-update``
(or with its translation missing) fails here. The window tests build the .qm files the way
``make translations`` does and save screenshots to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from core.settings import parse_settings
from core.store import MemoryStore
from gui import i18n

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BIN = Path(sys.executable).parent
SHIPPED = [code for code in i18n.LANGUAGES if code != "en"]
#: Qt's placeholders (%1, %n) and Python's ({name}, formatted after translation).
PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{[A-Za-z_][A-Za-z0-9_]*\}")
HIRAGANA_KATAKANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _ts(language: str) -> Path:
    return TRANSLATIONS / f"{i18n.CATALOG}_{language}.ts"


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    found = []
    # The repository's own files, not untrusted input.
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (path.name, message.findtext("source"))
            found.append((name, message.findtext("source") or "", translation))
    return found


def _sources() -> list[Path]:
    """Every module whose words a person may read: the window, the command line and core
    (not the sandbox, which stands in for Box's own pages) — what ``make translations-update``
    passes to lupdate."""
    found = [ROOT / "main.py"]
    for folder in ("gui", "cli", "core"):
        found += (ROOT / folder).rglob("*.py")
    return sorted(p for p in found if "sandbox" not in p.relative_to(ROOT).parts)


def _gui_sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in _sources()]


def _lupdate(ts_files: list[Path]) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", *_gui_sources(), "-ts"]
        + [str(p) for p in ts_files],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def build_qm_files() -> None:
    """What ``make translations`` does, for the tests that run the window."""
    for language in SHIPPED:
        ts, qm = _ts(language), _ts(language).with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )


@pytest.mark.parametrize("language", SHIPPED)
def test_the_ts_file_has_every_string_the_window_shows(language: str, tmp_path: Path) -> None:
    copy = tmp_path / _ts(language).name
    shutil.copy(_ts(language), copy)
    _lupdate([copy])
    now = {(c, s) for c, s, _t in _messages(copy)}
    committed = {(c, s) for c, s, _t in _messages(_ts(language))}
    assert now - committed == set(), "strings not in the .ts file: run make translations-update"
    assert committed - now == set(), "strings no longer in the code: run make translations-update"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_translation_is_finished(language: str) -> None:
    messages = _messages(_ts(language))
    assert len(messages) > 100
    problems = [
        (context, source)
        for context, source, translation in messages
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED)
def test_placeholders_are_the_same_in_source_and_translation(language: str) -> None:
    problems = [
        (source, translation.text)
        for _context, source, translation in _messages(_ts(language))
        if Counter(PLACEHOLDER.findall(source))
        != Counter(PLACEHOLDER.findall(translation.text or ""))
    ]
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED)
def test_menu_accelerators_are_kept(language: str) -> None:
    """A menu entry with an &-key keeps one in every language (keyboard users open menus
    with Alt and that letter)."""
    problems = [
        (source, translation.text)
        for _context, source, translation in _messages(_ts(language))
        if re.search(r"&\w", source) and not re.search(r"&\w", translation.text or "")
    ]
    assert problems == []


def test_translations_are_marked_as_qt_formats_in_the_code() -> None:
    """No f-string inside tr(): lupdate cannot see it, so it would never be translated."""
    offending = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"(?:\.tr|translate)\(\s*(?:\"[^\"]*\",\s*)?f\"", text):
            line = text.count(chr(10), 0, match.start()) + 1
            offending.append(f"{path.relative_to(ROOT)}:{line}")
    assert offending == []


def test_the_choice_follows_option_environment_setting_then_system(tmp_path: Path) -> None:
    def choose(env: dict[str, str], *args: str) -> str:
        script = (
            "import sys, cli, gui.app\n"
            "from gui import i18n\n"
            "args = cli.parse_args(sys.argv[1:])\n"
            "gui.app.apply_language_option(args)\n"
            "print(i18n.chosen_language())\n"
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        clean.pop(i18n.ENVIRONMENT_VARIABLE, None)
        clean["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        result = subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=ROOT,
            env={**clean, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert choose({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert choose({"LANG": "de_DE.UTF-8"}) == "de"
    assert choose({"LANG": "fr_FR.UTF-8"}) == "en"
    assert choose({"LANG": "C.UTF-8"}) == "en"
    assert choose({"LANG": "ja_JP.UTF-8"}, "--language", "de") == "de"
    assert choose({"LANG": "ja_JP.UTF-8", "BOX_LOGIN_LANGUAGE": "en"}) == "en"
    assert choose({"LANG": "de_DE.UTF-8", "BOX_LOGIN_LANGUAGE": "ja"}, "--language", "en") == "en"


def test_the_window_defaults_know_the_language_option() -> None:
    import cli
    import main

    assert cli.parse_args([]).language is None
    assert cli.parse_args(["--language", "ja"]).language == "ja"
    assert main.window_defaults().language is None


# --- the window in each language --------------------------------------------------------------


@pytest.fixture
def speaking(qapp: Any) -> Iterator[Any]:
    """``speaking(language)`` installs that language's translators; English afterwards."""
    from gui.application import make_application

    app = make_application()
    build_qm_files()

    def speak(language: str) -> None:
        assert i18n.install_translators(app, language), language

    yield speak
    i18n.install_translators(app, "en")


def _connected_store() -> MemoryStore:
    from tests.screenshots import connected_token

    store = MemoryStore()
    store.save(connected_token())
    return store


@pytest.mark.gui
@pytest.mark.parametrize(
    ("language", "help_menu", "connect_title", "valid_for"),
    [
        ("ja", "ヘルプ(&H)", "Boxアカウントを接続しましょう", "有効です"),
        ("de", "&Hilfe", "Box-Konto verbinden", "gültig"),
        ("en", "&Help", "Connect your Box account", "Valid for"),
    ],
)
def test_the_window_speaks_the_chosen_language(
    qtbot: Any, speaking: Any, language: str, help_menu: str, connect_title: str, valid_for: str
) -> None:
    from gui.main_window import MainWindow

    speaking(language)
    offline = parse_settings({"client_id": "c", "client_secret": "s"})
    ARTIFACTS.mkdir(exist_ok=True)

    window = MainWindow(offline, store_factory=lambda _c, _p: MemoryStore())
    qtbot.addWidget(window)
    window.resize(780, 600)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    assert window.help_menu.title() == help_menu
    assert window._page("connect").title.text() == connect_title  # type: ignore[attr-defined]
    assert window.grab().save(str(ARTIFACTS / f"i18n-connect-{language}.png"))
    window.close()

    store = _connected_store()
    window = MainWindow(offline, store_factory=lambda _c, _p: store)
    qtbot.addWidget(window)
    window.resize(780, 600)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() == "connected", timeout=10_000)
    panel = window._page("connected")
    qtbot.waitUntil(lambda: valid_for in panel.countdown_label.text(), timeout=5_000)  # type: ignore[attr-defined]
    until = panel.until_label.text()  # type: ignore[attr-defined]
    if language == "ja":
        assert HIRAGANA_KATAKANA_KANJI.search(until), until
        assert "年" in until, until
    assert window.grab().save(str(ARTIFACTS / f"i18n-connected-{language}.png"))
    window.close()


def test_dates_and_durations_follow_the_language(speaking: Any) -> None:
    from gui.token_panel import format_date, format_duration

    moment = 1_769_500_000  # 27 January 2026 (in every time zone but the farthest)
    speaking("de")
    assert "Januar 2026" in format_date(moment)
    assert format_duration(3725) == "1 Std. 2 Min."
    speaking("ja")
    assert format_date(moment).startswith("2026年1月")
    assert format_duration(45) == "45秒"
    speaking("en")
    assert format_date(moment).endswith("January 2026")
    assert format_duration(3725) == "1 h 2 min"
    assert QLocale().language() == QLocale.Language.English
    assert QCoreApplication.translate("Scopes", "Upload files") == "Upload files"


def test_the_language_menu_remembers_the_choice_for_the_next_start(
    qtbot: Any, speaking: Any
) -> None:
    from gui.main_window import MainWindow

    window = MainWindow(None, store_factory=lambda _c, _p: MemoryStore())
    qtbot.addWidget(window)
    try:
        assert window.language_actions[None].isChecked()
        window.language_actions["ja"].trigger()
        assert i18n.saved_choice() == "ja"
        assert "next time" in window.statusBar().currentMessage()
        assert i18n.chosen_language({}) == "ja"
        window.language_actions[None].trigger()
        assert i18n.saved_choice() is None
    finally:
        i18n.save_choice(None)


def test_the_callback_pages_words_are_translated(speaking: Any) -> None:
    """core marks the callback pages' words itself (context "CallbackPages"): the window hands
    the pages its own language, and so do the pages a listener renders on its own (the
    command line's ``login``)."""
    from core.loopback.pages import PAGE_MESSAGES, _Pages
    from gui.callback_pages import page_messages

    speaking("ja")
    words = page_messages()
    assert words["lang"] == "ja"
    assert (words["dir"], words["app_name"]) == ("ltr", "Box Login")
    assert HIRAGANA_KATAKANA_KANJI.search(words["success_headline"])
    page = _Pages.load(None).success_page().decode("utf-8")
    assert 'lang="ja"' in page
    assert words["success_headline"] in page
    speaking("en")
    assert page_messages() == dict(PAGE_MESSAGES)
