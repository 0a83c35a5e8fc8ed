"""What went wrong, as a value the window can show: no Qt here.

A :class:`Failure` crosses from a worker thread to the window (``gui.worker``) and is what the
window's controller decides by (``gui.window_controller``), so it is plain Python that tests
can build without a QApplication.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import BoxLoginError
from core.translation import QT_TRANSLATE_NOOP, sentences, translate

UNEXPECTED_MESSAGE = QT_TRANSLATE_NOOP(
    "Failure", "Something unexpected went wrong. Please try again."
)


@dataclass(frozen=True)
class Failure:
    """What went wrong, in words a person can read, plus the technical part for "Details".

    ``error_type`` keeps the exception's class so callers can react to a kind of error
    (``failure.is_a(SignInCancelledError)``) without holding the exception object itself.
    """

    error_type: type[BaseException]
    message: str
    hint: str | None = None
    details: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        """Translate an exception; only Box Login's own errors contribute their wording."""
        if isinstance(exc, BoxLoginError):
            return cls(type(exc), exc.message, exc.hint, exc.details())
        # A foreign exception's text may quote a URL or a body: keep only its type and place.
        tb = exc.__traceback__
        where = ""
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            code = tb.tb_frame.f_code
            where = f" at {code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno} in {code.co_name}"
        return cls(
            type(exc),
            translate("Failure", UNEXPECTED_MESSAGE),
            None,
            f"{type(exc).__name__}{where}",
        )

    def is_a(self, *kinds: type[BaseException]) -> bool:
        """True when the failure is one of ``kinds`` (or a subclass)."""
        return issubclass(self.error_type, kinds)

    @property
    def text(self) -> str:
        """Message and hint as one paragraph."""
        return sentences(self.message, self.hint or "")
