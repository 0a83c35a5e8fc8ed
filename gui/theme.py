"""Box Login's look: colours, the application style sheet, icons and the initials avatar."""

from __future__ import annotations

import hashlib
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from core.paths import resource_path

BOX_BLUE = "#0061d5"
BOX_BLUE_DARK = "#004eac"
TEXT = "#1f2a37"
MUTED = "#5b6776"
SURFACE = "#ffffff"
WINDOW = "#f4f6f9"
BORDER = "#d9dfe7"
SUCCESS = "#1e7d32"
WARNING_BG = "#fff6dd"
WARNING_FG = "#7a5200"
ERROR_BG = "#fdecea"
ERROR_FG = "#8e1b1b"
INFO_BG = "#e8f1fd"
DEMO = "#6a3fb5"

AVATAR_COLOURS = ("#0061d5", "#2e7d32", "#6a3fb5", "#c2185b", "#00838f", "#ef6c00", "#5d4037")

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QWidget {{ color: {TEXT}; font-size: 10.5pt; }}
QFrame#card {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 12px;
}}
QLabel#title {{ font-size: 17pt; font-weight: 600; }}
QLabel#subtitle {{ color: {MUTED}; font-size: 11pt; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#userName {{ font-size: 16pt; font-weight: 600; }}
QLabel#countdown {{ font-size: 11pt; font-weight: 600; color: {TEXT}; }}
QLabel#fieldLabel {{ color: {MUTED}; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; }}
QLabel#help {{ color: {MUTED}; font-size: 9.5pt; }}
QFrame#rule {{ background: {BORDER}; border: none; }}
QLabel#demoBadge {{
    background: {DEMO}; color: white; border-radius: 9px; padding: 2px 10px; font-weight: 600;
}}
QPushButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
    padding: 7px 16px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {BOX_BLUE}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eef1f5; }}
QPushButton#primary {{
    background: {BOX_BLUE}; color: white; border: 1px solid {BOX_BLUE}; font-weight: 600;
}}
QPushButton#primary:hover {{ background: {BOX_BLUE_DARK}; border-color: {BOX_BLUE_DARK}; }}
QPushButton#primary:disabled {{ background: #8db6ea; border-color: #8db6ea; color: #eef4fc; }}
QPushButton#big {{
    background: {BOX_BLUE}; color: white; border: none; font-weight: 600;
    font-size: 13pt; padding: 12px 34px; border-radius: 10px;
}}
QPushButton#big:hover {{ background: {BOX_BLUE_DARK}; }}
QPushButton#big:disabled {{ background: #8db6ea; }}
QPushButton#danger {{ color: #b71c1c; }}
QPushButton#danger:hover {{ border-color: #b71c1c; }}
QPushButton#link {{
    background: transparent; border: none; color: {BOX_BLUE}; padding: 2px 4px;
    text-decoration: underline;
}}
QToolButton {{ border: none; padding: 3px; border-radius: 6px; }}
QToolButton:hover {{ background: #e6ebf2; }}
QLineEdit, QPlainTextEdit, QComboBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 5px 7px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {BOX_BLUE}; }}
QComboBox {{ padding-right: 26px; }}
QComboBox:hover, QComboBox:focus {{ border-color: {BOX_BLUE}; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px;
    border: none; background: transparent;
}}
QLineEdit[readOnly="true"] {{ background: #f7f9fb; }}
QFrame#addressStrip {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#addressStrip[kind="warning"] {{ background: {WARNING_BG}; border-color: #e8c46a; }}
QFrame#addressStrip[kind="demo"] {{ background: #f3eefb; border-color: #c9b5ea; }}
QFrame#messageBar {{ border-radius: 8px; border: 1px solid {BORDER}; }}
QFrame#messageBar[level="info"] {{ background: {INFO_BG}; border-color: #b9d3f5; }}
QFrame#messageBar[level="success"] {{ background: #e8f5e9; border-color: #a5d6a7; }}
QFrame#messageBar[level="warning"] {{ background: {WARNING_BG}; border-color: #e8c46a; }}
QFrame#messageBar[level="error"] {{ background: {ERROR_BG}; border-color: #f1b0aa; }}
QProgressBar {{
    border: none; background: #e3e8ef; border-radius: 2px; max-height: 4px;
}}
QProgressBar::chunk {{ background: {BOX_BLUE}; border-radius: 2px; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 8px; background: {SURFACE}; }}
QTabBar::tab {{
    padding: 7px 14px; margin-right: 4px; color: {MUTED}; background: transparent;
    border: none; border-bottom: 2px solid transparent;
}}
QTabBar::tab:hover {{ color: {TEXT}; }}
QTabBar::tab:selected {{ color: {BOX_BLUE}; font-weight: 600; border-bottom-color: {BOX_BLUE}; }}
"""


def apply(app: QApplication) -> None:
    """Give the whole application Box Login's look."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET + _arrow_rules())


def _arrow_rules() -> str:
    """The combo box arrow: styling the drop-down button removes the native arrow, and a
    style sheet takes images by file name only."""
    chevron = resource_path("chevron-down.svg").as_posix()
    return f'\nQComboBox::down-arrow {{ image: url("{chevron}"); width: 14px; height: 14px; }}\n'


@cache
def icon(name: str) -> QIcon:
    """An icon from ``resources/<name>.svg`` (crisp at any size)."""
    return QIcon(str(resource_path(f"{name}.svg")))


def app_icon() -> QIcon:
    """Box Login's application icon."""
    return icon("icon")


def initials(name: str | None, login: str | None = None) -> str:
    """Up to two letters for the avatar: first and last word of the name, else the login."""
    words = [w for w in (name or "").replace(".", " ").split() if w[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[-1][0]).upper()
    if words:
        return words[0][:2].upper() if len(words[0]) > 1 else words[0][0].upper()
    if login:
        return login[:1].upper()
    return "?"


def avatar_colour(key: str) -> str:
    """A stable colour for a person (same person, same colour)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return AVATAR_COLOURS[digest[0] % len(AVATAR_COLOURS)]


def avatar_pixmap(name: str | None, login: str | None, size: int = 64, dpr: float = 1.0) -> QPixmap:
    """A round avatar with the person's initials."""
    pixmap = QPixmap(int(size * dpr), int(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(avatar_colour(login or name or "?")))
    painter.drawEllipse(QRectF(0, 0, size, size))
    font = QFont()
    font.setPixelSize(int(size * 0.4))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name, login))
    painter.end()
    return pixmap
