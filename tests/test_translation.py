"""core.translation: Box Login's words without Qt, for the command line and core/.

The reader of ``.qm`` files must give exactly what Qt's ``QTranslator`` gives (it is compared
on every message of every shipped catalogue), and the language a command speaks must be the
one the window would choose.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core import translation
from core.translation import QmCatalog, chosen_language, system_language

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
HIRAGANA_KATAKANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
SHIPPED = [code for code in translation.LANGUAGES if code != "en"]


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    translation.use_language("en")


@pytest.fixture(scope="module")
def built() -> None:
    from tests.test_i18n import build_qm_files

    build_qm_files()


@pytest.mark.parametrize("language", SHIPPED)
def test_the_reader_finds_what_qt_finds_for_every_message(built: None, language: str) -> None:
    from PySide6.QtCore import QTranslator

    qm = TRANSLATIONS / f"box-login_{language}.qm"
    ours, qts = QmCatalog.load(qm), QTranslator()
    assert qts.load(str(qm))
    checked = 0
    # The repository's own file, not untrusted input.
    for context in ET.parse(qm.with_suffix(".ts")).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            comment = message.findtext("comment") or ""
            finished = message.find("translation")
            if finished is None or finished.get("type") == "unfinished":
                continue  # lrelease leaves it out (another test fails on it)
            expected = qts.translate(name, source, comment or None)
            assert expected, (name, source)
            assert ours.lookup(name, source, comment) == expected, (name, source)
            # What Qt does not know, the reader does not know either.
            assert ours.lookup(name + "X", source, comment) is None
            assert ours.lookup(name, source + " ", comment) is None
            checked += 1
    assert checked > 300


def test_a_file_that_is_not_a_catalogue_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a Qt translation file"):
        QmCatalog(b"<TS></TS>")


def test_a_missing_catalogue_gives_english(tmp_path: Path) -> None:
    translation.use_language("de", directory=tmp_path)
    assert translation.current_language() == "de"
    assert translation.translate("MainWindow", "Connect to Box") == "Connect to Box"


@pytest.mark.parametrize("language", SHIPPED)
def test_use_language_translates_and_english_gives_the_source(built: None, language: str) -> None:
    source = "Box said:"
    translation.use_language(language)
    assert translation.translate("CallbackPages", source) not in ("", source)
    assert translation.translate("NoSuchContext", source) == source
    translation.use_language("en")
    assert translation.translate("CallbackPages", source) == source


def test_the_command_lines_callback_pages_speak_its_language(built: None) -> None:
    """``login`` on the command line: the loopback listener renders its pages with the words
    core.translation gives, without the window."""
    from core.loopback.pages import PAGE_MESSAGES, _Pages

    translation.use_language("ja")
    page = _Pages.load(None).error_page("access_denied").decode("utf-8")
    assert 'lang="ja"' in page
    assert PAGE_MESSAGES["reason_access_denied"] not in page
    assert translation.translate("CallbackPages", PAGE_MESSAGES["reason_access_denied"]) in page
    translation.use_language("en")
    assert PAGE_MESSAGES["reason_access_denied"] in _Pages.load(None).error_page(
        "access_denied"
    ).decode("utf-8")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:ja:de"}, "ja"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
        ({"LANG": "C", "LANGUAGE": "de"}, "en"),  # gettext: LANGUAGE ignored under C
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de"),
        ({"LC_ALL": "ja_JP@euro"}, "ja"),
    ],
)
def test_the_system_language_follows_the_locale_variables(
    environ: dict[str, str], expected: str
) -> None:
    assert system_language(environ) == expected


@pytest.mark.skipif(sys.platform != "linux", reason="QLocale reads the variables on Unix")
@pytest.mark.parametrize(
    "environ",
    [{"LANG": "de_DE.UTF-8"}, {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:ja"}, {"LC_ALL": "C"}],
)
def test_the_command_line_and_the_window_agree_on_the_system_language(
    environ: dict[str, str], tmp_path: Path
) -> None:
    import subprocess

    code = "from gui import i18n; print(i18n.system_language())"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **environ}
    window = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert window == system_language(environ)


def test_the_choice_made_in_the_window_is_the_command_lines_too(qapp: object) -> None:
    from gui import i18n

    try:
        i18n.save_choice("ja")
        assert translation.saved_choice() == "ja"
        assert chosen_language({**_home(), "LANG": "de_DE.UTF-8"}) == "ja"
        assert chosen_language({**_home(), translation.ENVIRONMENT_VARIABLE: "de"}) == "de"
        i18n.save_choice(None)
        assert translation.saved_choice() is None
    finally:
        i18n.save_choice(None)


def _home() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k in ("HOME", "XDG_CONFIG_HOME", "APPDATA")}


# --- putting words together, and the command line as a German or Japanese person meets it -------


def test_sentences_and_lists_are_joined_as_each_language_writes_them(built: None) -> None:
    from core.translation import sentences, word_list

    assert sentences("One.", "", "Two.") == "One. Two."
    assert word_list(["a", "b", "c"]) == "a, b and c"
    assert word_list(["a", "b"], "or") == "a or b"
    translation.use_language("ja")
    assert sentences("一。", "二。") == "一。二。"
    assert word_list(["a", "b", "c"]) == "a、b、c"
    translation.use_language("de")
    assert word_list(["a", "b", "c"], "or") == "a, b oder c"


def test_wrapping_counts_columns_and_breaks_japanese_between_characters() -> None:
    import textwrap

    from core.translation import display_width, wrap

    english = "the settings file of the Box app (default: look in the usual places) " * 3
    for width in (20, 37, 60):
        assert wrap(english, width) == textwrap.wrap(english, width)
    japanese = "設定ファイルの「client_id」を確認してください。BOX_LOGIN_PASSPHRASEを使います。" * 3
    lines = wrap(japanese, 30)
    assert all(display_width(line) <= 30 for line in lines), lines
    assert "".join(lines).replace(" ", "") == japanese.replace(" ", "")
    assert all(line[0] not in "。、」）" for line in lines)  # noqa: RUF001
    assert any("BOX_LOGIN_PASSPHRASE" in line for line in lines)  # never cut inside a word


@pytest.mark.parametrize(
    ("language", "usage", "words"),
    [
        ("de", "Aufruf: ", ["nicht bei Box angemeldet", "Optionen"]),
        ("ja", "使い方: ", ["設定", "オプション"]),
    ],
)
def test_the_command_line_speaks_german_and_japanese(
    cli: Any, built: None, language: str, usage: str, words: list[str]
) -> None:
    """What a person at a German or Japanese desktop reads: the help, a usage error and a
    command's message, in their language, from the shipped catalogues — and the same words
    whether the language comes from the desktop (LANG), BOX_LOGIN_LANGUAGE or --language."""
    from core.translation import display_width

    locale = {"de": "de_DE.UTF-8", "ja": "ja_JP.UTF-8"}[language]
    by_desktop = {**cli.env, "LC_ALL": "", "LANG": locale}
    help_text = cli.run("--help", env=by_desktop).stdout
    assert help_text.startswith(usage)
    assert all(display_width(line) <= 100 for line in help_text.splitlines()), help_text
    assert words[1] in help_text
    assert cli.run("--language", language, "--help").stdout == help_text
    assert cli.run("--help", env={**cli.env, "BOX_LOGIN_LANGUAGE": language}).stdout == help_text
    not_set_up = cli.run("--language", language, "refresh")
    assert not_set_up.returncode != 0
    assert not_set_up.stdout == ""
    if language == "de":
        assert words[0] in not_set_up.stderr
    else:
        assert HIRAGANA_KATAKANA_KANJI.search(not_set_up.stderr)
    assert "Box Login is not set up" not in not_set_up.stderr
    bad = cli.run("--language", language, "--profile", "a b", "status")
    assert bad.returncode == 2
    assert usage.strip() in bad.stderr


def test_what_programs_read_is_never_translated(cli: Any, built: None) -> None:
    english = cli.run("doctor", "--json", "--store", "memory")
    japanese = cli.run("--language", "ja", "doctor", "--json", "--store", "memory")

    keys = [(c["name"], c["verdict"]) for c in json.loads(english.stdout)["checks"]]
    assert keys == [(c["name"], c["verdict"]) for c in json.loads(japanese.stdout)["checks"]]
    assert not HIRAGANA_KATAKANA_KANJI.search(japanese.stdout)
    assert HIRAGANA_KATAKANA_KANJI.search(japanese.stderr)  # the summary is for the person


@pytest.mark.parametrize("language", ["en", *SHIPPED])
def test_every_help_page_fits_100_columns(built: None, language: str) -> None:
    """Every command's --help, in each language, as a terminal shows it (Japanese characters
    take two columns; hand-laid-out descriptions and examples are checked too)."""
    import argparse

    from cli import build_parser
    from core.translation import display_width

    translation.use_language(language)
    pages: list[str] = []

    def collect(parser: argparse.ArgumentParser) -> None:
        pages.append(parser.format_help())
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    collect(sub)

    collect(build_parser("main.py"))
    assert len(pages) >= 18
    wide = [line for page in pages for line in page.splitlines() if display_width(line) > 100]
    assert wide == []
