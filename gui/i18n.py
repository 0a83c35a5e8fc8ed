"""Which language the window speaks, and the Qt translators that make it speak it.

The choice, first match wins: ``--language`` (which ``gui.app`` puts into
``BOX_LOGIN_LANGUAGE`` so the sign-in window's process inherits it), ``BOX_LOGIN_LANGUAGE``,
the choice made in the window (Help ▸ Language, kept in QSettings), then the system's
language (``QLocale.system()``, which follows ``LANGUAGE``/``LC_ALL``/``LANG``). English is
the source language: it needs no translator.

Box Login's own ``.qm`` files are built from ``resources/translations/*.ts`` by
``pyside6-lrelease`` (``make translations``; the installer's spec builds them too). Qt's
own ``qtbase_*.qm`` / ``qtwebengine_*.qm`` come from PySide6's translations folder.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from core import translation
from core.translation import (
    CATALOG,
    ENVIRONMENT_VARIABLE,
    LANGUAGES,
    TRANSLATIONS_DIR,
    set_translator,
)

logger = logging.getLogger(__name__)

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "LANGUAGES",
    "NATIVE_NAMES",
    "chosen_language",
    "install_translators",
    "save_choice",
    "saved_choice",
    "system_language",
]

#: Each language's name in itself, for the Language menu.
NATIVE_NAMES = {"en": "English", "de": "Deutsch", "ja": "日本語"}
SETTINGS_KEY = "language"
#: Qt's own catalogues loaded next to Box Login's (standard buttons, WebEngine's menus).
QT_CATALOGS = ("qtbase", "qtwebengine")

#: The translators installed in this process (kept alive: Qt does not own them).
_installed: list[QTranslator] = []


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Box Login", "window")


def saved_choice() -> str | None:
    """The language chosen in the window, or None to follow the system."""
    value = _settings().value(SETTINGS_KEY, "")
    return value if isinstance(value, str) and value in LANGUAGES else None


def save_choice(language: str | None) -> None:
    """Remember ``language`` (None: follow the system) for the next start."""
    settings = _settings()
    if language in LANGUAGES:
        settings.setValue(SETTINGS_KEY, language)
    else:
        settings.remove(SETTINGS_KEY)
    settings.sync()


def system_language() -> str:
    """The first of the system's preferred languages that Box Login ships, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def chosen_language(environ: dict[str, str] | None = None) -> str:
    """The language this process shows (see the module's docstring for the order): the
    command line's rule, with the window's choice and the system's language read by Qt."""
    return translation.chosen_language(
        environ, otherwise=lambda: saved_choice() or system_language()
    )


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install Box Login's and Qt's translators for ``language``; True when Box Login's
    own catalogue was found (always True for English, which needs none)."""

    def qt_translate(context: str, text: str, disambiguation: str | None = None) -> str:
        return QCoreApplication.translate(context, text, disambiguation)

    set_translator(qt_translate, language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language) if language != "en" else QLocale(QLocale.Language.English))
    if language == "en":
        return True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", qt_dir):
            app.installTranslator(translator)
            _installed.append(translator)
    own = QTranslator(app)
    if own.load(f"{CATALOG}_{language}", str(TRANSLATIONS_DIR)):
        app.installTranslator(own)
        _installed.append(own)
        return True
    logger.warning(
        "no translation for %s in %s (run: make translations)", language, TRANSLATIONS_DIR
    )
    return False
