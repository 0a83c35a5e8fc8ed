"""The demo: a pretend Box on this computer, so Box Login can be tried before it is set up.

Plain Python (no Qt). The demo says it is one: the window shows a "Demo" badge, the sign-in
window a hint, and the connections it makes live in memory only, never in the keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from core.settings import Settings
    from core.store import TokenStore

#: How to sign in to the pretend Box: said once, in the sign-in window, where it is needed
#: (the pretend Box's own page does not repeat it, see ``default_sandbox_factory``).
DEMO_HINT = QT_TRANSLATE_NOOP("Demo", "Demo: sign in as ada@example.com with the password demo.")
#: The main window's message bar when the demo starts.
DEMO_INTRO = QT_TRANSLATE_NOOP(
    "Demo", "You are trying the demo: a pretend Box runs on this computer, so nothing real is used."
)

SandboxFactory = Callable[[], Any]


def default_sandbox_factory() -> Any:
    """The product's sandbox server (``core.sandbox``), started on a free loopback port.

    Its page does not show the demo account: the sign-in window already does (DEMO_HINT).
    """
    from core.sandbox import SandboxServer

    return SandboxServer(show_demo_hint=False).start()


class Demo:
    """Whether the window runs the demo, and the pretend Box behind it.

    ``sandbox_factory`` starts the server (tests hand in their own); it is started once and
    reused until :meth:`stop`.
    """

    def __init__(self, sandbox_factory: SandboxFactory | None = None) -> None:
        self._sandbox_factory = sandbox_factory or default_sandbox_factory
        #: The running sandbox server, or None.
        self.sandbox: Any = None
        #: True from a successful :meth:`start` until :meth:`stop`.
        self.active = False

    def start(self) -> Settings:
        """Start the pretend Box (if not running) and return the settings that reach it.

        Raises ``BoxLoginError`` when it cannot start; the demo is then not active.
        """
        from core.settings import parse_settings

        if self.sandbox is None:
            self.sandbox = self._sandbox_factory()
        settings = parse_settings(self.sandbox.client_settings())
        self.active = True
        return settings

    @staticmethod
    def make_store() -> TokenStore:
        """Where demo connections live: memory. They are not real; never in the keyring."""
        from core.store import MemoryStore

        return MemoryStore()

    def stop(self) -> bool:
        """Stop the pretend Box; True when the demo was active until now."""
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        was_active, self.active = self.active, False
        return was_active
