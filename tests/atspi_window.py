"""The window on one screen, for tests/test_screen_reader.py to read from outside through
AT-SPI: ``python -m tests.atspi_window first-run|connected|setup``. Runs until killed.

Starts like Box Login (the application's name, translators for BOX_LOGIN_LANGUAGE, the
theme) with a store in memory; "connected" holds a sign-in whose access key is "a" * 32.
"""

from __future__ import annotations

import sys

from core.settings import parse_settings
from core.store import MemoryStore
from gui import i18n
from gui.application import make_application
from gui.main_window import MainWindow
from tests.screenshots import connected_token


def main(screen: str) -> int:
    app = make_application()
    i18n.install_translators(app, i18n.chosen_language())
    store = MemoryStore()
    settings = None
    if screen in ("connected", "setup"):
        settings = parse_settings({"client_id": "c", "client_secret": "s"})
        store.save(connected_token())
    window = MainWindow(settings, store_factory=lambda _c, _p: store, clipboard_clear_ms=30_000)
    window.resize(780, 600)
    window.show()
    if screen == "setup":
        window.setup_action.trigger()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
