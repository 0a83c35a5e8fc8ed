"""A keyboard at the X server: key presses through the XTEST extension (python-xlib), which
the X server delivers to whichever window has the keyboard focus, exactly as a real keyboard.

Used where a test cannot send Qt key events itself: the sign-in window runs in a process of
its own. Under Xvfb (pytest-xvfb) with its default US layout.
"""

from __future__ import annotations

import os

from Xlib import XK, X, display
from Xlib.ext import xtest

#: Keys by name (X keysym names: "Tab", "Return", "Escape", "Control_L", …).
NAMED = {"Tab", "Return", "Escape", "Control_L", "Shift_L", "BackSpace", "space", "Down", "Up"}


class XKeyboard:
    """Types into the X display ``DISPLAY`` names."""

    def __init__(self, name: str | None = None) -> None:
        self._display = display.Display(name or os.environ.get("DISPLAY"))
        self._shift = self._display.keysym_to_keycode(XK.string_to_keysym("Shift_L"))

    def close(self) -> None:
        """Let go of the display connection."""
        self._display.close()

    def _keycode(self, keysym: int) -> tuple[int, bool]:
        code = self._display.keysym_to_keycode(keysym)
        if not code:
            raise ValueError(f"no key for keysym {keysym:#x}")
        return code, self._display.keycode_to_keysym(code, 0) != keysym

    def _tap(self, code: int, shifted: bool, held: tuple[int, ...] = ()) -> None:
        mods = (*held, self._shift) if shifted else held
        for mod in mods:
            xtest.fake_input(self._display, X.KeyPress, mod)
        xtest.fake_input(self._display, X.KeyPress, code)
        xtest.fake_input(self._display, X.KeyRelease, code)
        for mod in reversed(mods):
            xtest.fake_input(self._display, X.KeyRelease, mod)
        self._display.sync()

    def press(self, key: str, *, ctrl: bool = False) -> None:
        """Press one key by its X name ("Tab", "Return", "a"), with Ctrl if asked."""
        keysym = XK.string_to_keysym(key) if len(key) > 1 else ord(key)
        code, shifted = self._keycode(keysym)
        held = (self._keycode(XK.string_to_keysym("Control_L"))[0],) if ctrl else ()
        self._tap(code, shifted, held)

    def type(self, text: str) -> None:
        """Type ``text`` (printable ASCII), with Shift where the layout needs it."""
        for char in text:
            code, shifted = self._keycode(ord(char))
            self._tap(code, shifted)
