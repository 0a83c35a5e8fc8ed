"""Box Login's window: the only place Qt is imported.

Importing this package first works around a reference-counting bug of PySide6 6.12.0 on
Python 3.11 (see ``pin_bool_singletons``); every Qt module of Box Login lives below it, so
the workaround is in place before any signal is emitted, in the window's process and in the
sign-in window's.
"""

from __future__ import annotations

import sys

#: Added to the reference counts of True and False (see ``pin_bool_singletons``).
BOOL_PIN = 1 << 40


def pin_bool_singletons() -> bool:
    """Make ``True`` and ``False`` immortal, as Python 3.12 and later do by themselves.

    PySide6 6.12.0 (measured with Python 3.11) returns ``True`` from every
    ``SignalInstance.emit()`` without taking a reference to it, so each emit takes one
    reference away from ``True``. A window that stays open for days emits many thousands of
    signals; once ``True``'s count reaches zero, Python aborts with "Fatal Python error:
    bool_dealloc". PySide6 6.11.3 does not do this. Giving both singletons a reference count
    no program can use up is exactly what later Pythons do (immortal objects), and harmless:
    they are never freed anyway.

    Returns True when the counts were raised (CPython < 3.12, release build).
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays objects out differently
        return False
    import ctypes

    for singleton in (True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < BOOL_PIN:
            count.value += BOOL_PIN
    return True


pin_bool_singletons()
