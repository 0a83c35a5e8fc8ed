"""Box Login's window: the only place Qt is imported.

Every Qt module of Box Login lives below this package. PySide6 is pinned to 6.11.3: 6.12.0
takes a reference away from ``None`` on every Qt call that returns nothing and from ``True``
on every ``Signal.emit()``, and on Python 3.11 (where those objects are not immortal) the
window aborts after a few thousand calls ("none_dealloc" / "bool_dealloc"). The guard tests
in ``tests/test_gui_units.py`` fail on any PySide6 that does this again.
"""
