"""Box Login's look: colours, the application style sheet, icons and the initials avatar.

Three sets of colours: light and dark, chosen by the desktop's preference (Qt's colour
scheme), and, when the system asks for high contrast, the system's own palette untouched.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from core.paths import resource_path

BOX_BLUE = "#0061d5"
BOX_BLUE_DARK = "#004eac"

AVATAR_COLOURS = ("#0061d5", "#2e7d32", "#6a3fb5", "#c2185b", "#00838f", "#ef6c00", "#5d4037")

#: ``BOX_LOGIN_THEME=light`` or ``dark`` overrides the desktop's preference (for desktops
#: that do not tell Qt, and for screenshots); the sign-in window's process inherits it.
THEME_VARIABLE = "BOX_LOGIN_THEME"


@dataclass(frozen=True)
class Colours:
    """Every colour the style sheet and the palette use, for one theme.

    Text colours are chosen for a contrast of at least 4.5:1 with every background they are
    drawn on (tests/test_accessibility.py computes each pair); disabled text stays at 3:1 or
    more, readable yet plainly different from enabled text.
    """

    name: str
    text: str
    muted: str
    window: str
    surface: str
    border: str
    hover_border: str
    focus: str  # the focus ring of every control but the filled blue buttons
    focus_on_accent: str  # the focus ring of the filled blue buttons
    accent: str  # filled buttons and the progress bar
    accent_hover: str
    on_accent: str  # text on a filled button
    link: str  # text buttons, the selected tab
    danger: str
    disabled_text: str
    disabled_bg: str
    readonly_bg: str
    tool_hover: str
    selection: str
    on_selection: str
    demo: str
    on_demo: str
    info_bg: str
    info_border: str
    success_bg: str
    success_border: str
    warning_bg: str
    warning_border: str
    error_bg: str
    error_border: str
    demo_bg: str
    demo_border: str
    track: str  # the progress bar's empty part


LIGHT = Colours(
    name="light",
    text="#1f2a37",
    muted="#505c6b",
    window="#f4f6f9",
    surface="#ffffff",
    border="#c4ccd6",
    hover_border="#7aa7e0",
    focus="#0061d5",
    focus_on_accent="#0b1b33",
    accent=BOX_BLUE,
    accent_hover=BOX_BLUE_DARK,
    on_accent="#ffffff",
    link="#0057c2",
    danger="#b71c1c",
    disabled_text="#6b7684",
    disabled_bg="#e9edf2",
    readonly_bg="#f7f9fb",
    tool_hover="#e6ebf2",
    selection="#0061d5",
    on_selection="#ffffff",
    demo="#6a3fb5",
    on_demo="#ffffff",
    info_bg="#e8f1fd",
    info_border="#9fc1ee",
    success_bg="#e8f5e9",
    success_border="#94cc97",
    warning_bg="#fff6dd",
    warning_border="#d9b04d",
    error_bg="#fdecea",
    error_border="#e8998f",
    demo_bg="#f3eefb",
    demo_border="#b9a0e3",
    track="#d5dce5",
)

DARK = Colours(
    name="dark",
    text="#e8ebef",
    muted="#b3bcc7",
    window="#16191d",
    surface="#20242a",
    border="#4a5360",
    hover_border="#6f9fd8",
    focus="#8ec2ff",
    focus_on_accent="#ffffff",
    accent=BOX_BLUE,
    accent_hover="#1a73e8",
    on_accent="#ffffff",
    link="#8ec2ff",
    danger="#ff8a80",
    disabled_text="#8b95a1",
    disabled_bg="#2a2f36",
    readonly_bg="#1b1f24",
    tool_hover="#323943",
    selection="#2f6fc0",
    on_selection="#ffffff",
    demo="#6a3fb5",
    on_demo="#ffffff",
    info_bg="#172a42",
    info_border="#345b8c",
    success_bg="#16291b",
    success_border="#356b40",
    warning_bg="#2f2612",
    warning_border="#7a6226",
    error_bg="#381a1b",
    error_border="#8a3a3a",
    demo_bg="#251d36",
    demo_border="#5b4690",
    track="#39414c",
)

#: Windows high contrast (and any desktop that asks for more contrast): every colour comes
#: from the system's palette, which Box Login then leaves alone.
SYSTEM = Colours(
    name="system",
    text="palette(window-text)",
    muted="palette(window-text)",
    window="palette(window)",
    surface="palette(base)",
    border="palette(window-text)",
    hover_border="palette(highlight)",
    focus="palette(highlight)",
    focus_on_accent="palette(window-text)",
    accent="palette(button)",
    accent_hover="palette(button)",
    on_accent="palette(button-text)",
    link="palette(link)",
    danger="palette(window-text)",
    disabled_text="palette(placeholder-text)",
    disabled_bg="palette(window)",
    readonly_bg="palette(base)",
    tool_hover="palette(highlight)",
    selection="palette(highlight)",
    on_selection="palette(highlighted-text)",
    demo="palette(highlight)",
    on_demo="palette(highlighted-text)",
    info_bg="palette(base)",
    info_border="palette(window-text)",
    success_bg="palette(base)",
    success_border="palette(window-text)",
    warning_bg="palette(base)",
    warning_border="palette(window-text)",
    error_bg="palette(base)",
    error_border="palette(window-text)",
    demo_bg="palette(base)",
    demo_border="palette(window-text)",
    track="palette(mid)",
)

# The light theme's colours by their old names (other modules may still use them).
TEXT = LIGHT.text
MUTED = LIGHT.muted
SURFACE = LIGHT.surface
WINDOW = LIGHT.window
BORDER = LIGHT.border


def style_sheet(c: Colours) -> str:
    """The application style sheet for the colours ``c``.

    Every control shows where the keyboard is: a ring (``:focus``) that differs from its
    hover look, on the filled blue buttons a dark (light, in the dark theme) ring around them.
    Text colours come from the palette (:func:`palette`), so menus, dialogs and disabled
    items follow the theme; the sheet sets only the colours the palette has no role for.
    """
    return f"""
QMainWindow, QDialog {{ background: {c.window}; }}
QWidget {{ font-size: 10.5pt; }}
QScrollArea#page, QScrollArea#page > QWidget > QWidget {{ background: transparent; border: none; }}
QFrame#card {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px;
}}
QLabel {{ color: {c.text}; }}
QLabel:disabled {{ color: {c.disabled_text}; }}
QLabel#title {{ font-size: 17pt; font-weight: 600; }}
QLabel#subtitle {{ color: {c.muted}; font-size: 11pt; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#userName {{ font-size: 16pt; font-weight: 600; }}
QLabel#countdown {{ font-size: 11pt; font-weight: 600; }}
QLabel#fieldLabel {{ color: {c.muted}; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; }}
QLabel#help {{ color: {c.muted}; font-size: 9.5pt; }}
QLabel#appTitle {{ font-size: 13pt; font-weight: 600; }}
QFrame#rule {{ background: {c.border}; border: none; }}
QLabel#demoBadge {{
    background: {c.demo}; color: {c.on_demo}; border-radius: 9px; padding: 2px 10px;
    font-weight: 600;
}}
QPushButton {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 8px; padding: 7px 16px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {c.hover_border}; }}
QPushButton:focus {{ border: 2px solid {c.focus}; padding: 6px 15px; outline: none; }}
QPushButton:disabled {{
    color: {c.disabled_text}; background: {c.disabled_bg}; border-color: {c.disabled_bg};
}}
QPushButton#primary, QPushButton#big {{
    background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
    font-weight: 600;
}}
QPushButton#big {{ font-size: 13pt; padding: 12px 34px; border-radius: 10px; }}
QPushButton#primary:hover, QPushButton#big:hover {{
    background: {c.accent_hover}; border-color: {c.accent_hover};
}}
QPushButton#primary:focus {{ border: 3px solid {c.focus_on_accent}; padding: 5px 14px; }}
QPushButton#big:focus {{ border: 3px solid {c.focus_on_accent}; padding: 10px 32px; }}
QPushButton#primary:disabled, QPushButton#big:disabled {{
    background: {c.disabled_bg}; border-color: {c.disabled_bg}; color: {c.disabled_text};
}}
QPushButton#danger {{ color: {c.danger}; }}
QPushButton#danger:hover {{ border-color: {c.danger}; }}
QPushButton#danger:disabled {{ color: {c.disabled_text}; }}
QPushButton#link {{
    background: transparent; border: 2px solid transparent; color: {c.link};
    padding: 1px 3px; text-decoration: underline; min-height: 0px;
}}
QPushButton#link:focus {{ border: 2px solid {c.focus}; border-radius: 4px; }}
QPushButton#link:disabled {{ color: {c.disabled_text}; }}
QToolButton {{
    color: {c.text}; border: 2px solid transparent; padding: 1px; border-radius: 6px;
}}
QToolButton:hover {{ background: {c.tool_hover}; }}
QToolButton:focus {{ border: 2px solid {c.focus}; outline: none; }}
QLineEdit, QPlainTextEdit, QComboBox {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 6px; padding: 5px 7px;
    selection-background-color: {c.selection}; selection-color: {c.on_selection};
}}
QLineEdit:hover, QPlainTextEdit:hover, QComboBox:hover {{ border-color: {c.hover_border}; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{
    border: 2px solid {c.focus}; padding: 4px 6px;
}}
QLineEdit:disabled, QComboBox:disabled {{ color: {c.disabled_text}; background: {c.disabled_bg}; }}
QComboBox {{ padding-right: 26px; }}
QComboBox:focus {{ padding-right: 25px; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px;
    border: none; background: transparent;
}}
QComboBox QAbstractItemView {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    selection-background-color: {c.selection}; selection-color: {c.on_selection};
}}
QLineEdit[readOnly="true"] {{ background: {c.readonly_bg}; }}
QCheckBox, QRadioButton {{ color: {c.text}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {c.disabled_text}; }}
QCheckBox:focus, QRadioButton:focus {{ outline: 2px solid {c.focus}; }}
QMenuBar {{ background: {c.window}; color: {c.text}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {c.selection}; color: {c.on_selection}; }}
QMenuBar::item:disabled {{ color: {c.disabled_text}; }}
QMenu {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
QMenu::item {{ padding: 5px 24px 5px 24px; }}
QMenu::item:selected {{ background: {c.selection}; color: {c.on_selection}; }}
QMenu::item:disabled {{ color: {c.disabled_text}; background: transparent; }}
QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 8px; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
QFrame#addressStrip {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
}}
QFrame#addressStrip[kind="warning"] {{
    background: {c.warning_bg}; border-color: {c.warning_border};
}}
QFrame#addressStrip[kind="demo"] {{ background: {c.demo_bg}; border-color: {c.demo_border}; }}
QFrame#messageBar {{ border-radius: 8px; border: 1px solid {c.border}; }}
QFrame#messageBar[level="info"] {{ background: {c.info_bg}; border-color: {c.info_border}; }}
QFrame#messageBar[level="success"] {{
    background: {c.success_bg}; border-color: {c.success_border};
}}
QFrame#messageBar[level="warning"] {{
    background: {c.warning_bg}; border-color: {c.warning_border};
}}
QFrame#messageBar[level="error"] {{ background: {c.error_bg}; border-color: {c.error_border}; }}
QFrame#messageBar QPlainTextEdit {{ background: {c.surface}; }}
QProgressBar {{
    border: none; background: {c.track}; border-radius: 2px; max-height: 4px;
}}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 2px; }}
QStatusBar {{ background: {c.surface}; border-top: 1px solid {c.border}; color: {c.muted}; }}
QStatusBar QLabel {{ color: {c.muted}; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0px; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 0px; }}
QScrollBar::handle {{ background: {c.border}; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:hover {{ background: {c.muted}; }}
QScrollBar::handle:vertical {{ min-height: 32px; }}
QScrollBar::handle:horizontal {{ min-width: 32px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QTabWidget::pane {{ border: 1px solid {c.border}; border-radius: 8px; background: {c.surface}; }}
QTabBar::tab {{
    padding: 7px 14px; margin-right: 4px; color: {c.muted}; background: transparent;
    border: 2px solid transparent; border-bottom: 2px solid transparent;
}}
QTabBar::tab:hover {{ color: {c.text}; }}
QTabBar::tab:selected {{ color: {c.link}; font-weight: 600; border-bottom-color: {c.link}; }}
QTabBar::tab:focus {{ border: 2px solid {c.focus}; border-radius: 4px; }}
"""


def palette(c: Colours) -> QPalette:
    """A Qt palette with the colours ``c``: what menus, dialogs, message boxes and Qt's own
    widgets draw with (text, disabled text, selection, links)."""
    pal = QPalette()
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.window,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.on_accent,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.Highlight: c.selection,
        QPalette.ColorRole.HighlightedText: c.on_selection,
        QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.LinkVisited: c.link,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Light: c.surface,
        QPalette.ColorRole.Midlight: c.border,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Dark: c.muted,
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        for group in groups:
            pal.setColor(group, role, QColor(colour))
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled_text))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor(c.disabled_bg))
    return pal


def wants_high_contrast(app: QGuiApplication) -> bool:
    """True when the system asks for high contrast (Windows' high-contrast themes)."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def choose(app: QGuiApplication, environ: Mapping[str, str] | None = None) -> Colours:
    """The colours for the system's preference: high contrast (the system's own), else dark
    or light as the desktop says (``BOX_LOGIN_THEME`` overrides)."""
    env = os.environ if environ is None else environ
    forced = env.get(THEME_VARIABLE, "").strip().lower()
    if forced in ("light", "dark"):
        return DARK if forced == "dark" else LIGHT
    if wants_high_contrast(app):
        return SYSTEM
    return DARK if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT


#: The application property naming the theme in use (:func:`current`).
THEME_PROPERTY = "boxLoginTheme"
_THEMES = {c.name: c for c in (LIGHT, DARK, SYSTEM)}


def current() -> Colours:
    """The colours in use (those :func:`apply` gave the application; light before that)."""
    app = QCoreApplication.instance()
    name = app.property(THEME_PROPERTY) if app is not None else None
    return _THEMES.get(str(name), LIGHT)


def apply(app: QApplication, colours: Colours | None = None) -> Colours:
    """Give the whole application Box Login's look, in ``colours`` (default: what the system
    prefers, :func:`choose`); it follows the system when its preference changes. Returns
    the colours used."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    chosen = colours or choose(app)
    if chosen is not SYSTEM:
        app.setPalette(palette(chosen))
    else:
        app.setPalette(app.style().standardPalette())
    app.setProperty(THEME_PROPERTY, chosen.name)
    app.setStyleSheet(style_sheet(chosen) + _arrow_rules(chosen))
    if colours is None and not app.property("boxLoginFollowsScheme"):
        # Follow the desktop when the person switches between light and dark.
        app.setProperty("boxLoginFollowsScheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))
    return chosen


def contrast_ratio(foreground: str | QColor, background: str | QColor) -> float:
    """WCAG 2's contrast ratio of two opaque colours (1 to 21)."""

    def luminance(colour: str | QColor) -> float:
        rgb = QColor(colour)
        channels = []
        for value in (rgb.redF(), rgb.greenF(), rgb.blueF()):
            channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _arrow_rules(c: Colours) -> str:
    """The combo box arrow: styling the drop-down button removes the native arrow, and a
    style sheet takes images by file name only (a light arrow for the dark theme)."""
    name = "chevron-down-light.svg" if c is DARK else "chevron-down.svg"
    chevron = resource_path(name).as_posix()
    return f'\nQComboBox::down-arrow {{ image: url("{chevron}"); width: 14px; height: 14px; }}\n'


def icon(name: str) -> QIcon:
    """An icon from ``resources/<name>.svg`` (crisp at any size), in the theme's colours —
    those in use when it is drawn, so the icons already on screen follow the desktop when it
    switches between light and dark."""
    if name in _DARK_TINTED:
        return QIcon(_ThemedIconEngine(name))
    return QIcon(str(resource_path(f"{name}.svg")))


#: The dark theme's colours for the line icons drawn in the light theme's text, muted,
#: blue and red (filled icons keep their own colours: they read on both).
_DARK_TINTS = {"#3b4a5a": DARK.text, "#5b6776": DARK.muted, "#0061d5": DARK.link}
_DARK_TINTED = frozenset({"copy", "eye", "eye-off", "globe", "refresh", "disconnect"})


@cache
def _renderer(name: str, theme: str) -> QSvgRenderer:
    svg = resource_path(f"{name}.svg").read_text(encoding="utf-8")
    if theme == DARK.name:
        for light, dark in {**_DARK_TINTS, "#c62828": DARK.danger}.items():
            svg = svg.replace(light, dark)
    return QSvgRenderer(QByteArray(svg.encode("utf-8")))


class _ThemedIconEngine(QIconEngine):
    """A line icon drawn in the colours of the theme in use at each paint."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the SVG into ``rect``; half-transparent when disabled."""
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        _renderer(self._name, current().name).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at ``size``."""
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def key(self) -> str:
        """The engine's kind (Qt asks when streaming icons)."""
        return "BoxLoginThemedIcon"

    def clone(self) -> QIconEngine:
        """A copy (Qt copies engines when icons are detached)."""
        return _ThemedIconEngine(self._name)


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
