"""The QApplication every Box Login process makes: name, desktop entry, icon and look.

Both the main window's process (``gui.app``) and the sign-in window's own process
(``gui.signin_dialog``) start here, so neither has to import the other.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from core.version import APP_NAME, __version__
from gui import i18n, theme

#: The installed desktop entry is ``com.example.BoxLogin.desktop`` (packaging/linux/);
#: Wayland compositors match windows to it by this name (the xdg-shell app id).
DESKTOP_FILE_NAME = "com.example.BoxLogin"
#: The instance part of X11's WM_CLASS, which the desktop entry's ``StartupWMClass`` names.
#: Qt takes it from ``-name`` (else argv[0]): given explicitly, it is the same whether Box
#: Login runs installed (/opt/box-login/box-login) or from source (main.py).
WM_INSTANCE_NAME = "box-login"


def make_application(
    argv: list[str] | None = None, *, icon: bool = True, share_gl: bool = True
) -> QApplication:
    """The QApplication with Box Login's name, icon and look (reused if one exists).

    ``icon=False`` leaves the icon to the main window, which sets it once it is on screen
    (drawing the SVG icon is not needed for the first picture). ``share_gl=False`` does not
    ask for shared OpenGL contexts (see below).
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        if share_gl:
            # Qt WebEngine drawing with OpenGL needs shared contexts, which must be
            # requested before the application exists (--smoke-test checks the web view in
            # this process). The sign-in window's process, drawing in software without any
            # OpenGL, has nothing to share.
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else [sys.argv[0], "-name", WM_INSTANCE_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    if icon:
        app.setWindowIcon(theme.app_icon())
    # Before any widget exists: every tr() afterwards finds its translation. The sign-in
    # window's process inherits BOX_LOGIN_LANGUAGE, so both speak the same language.
    i18n.install_translators(app, i18n.chosen_language())
    theme.apply(app)
    return app
