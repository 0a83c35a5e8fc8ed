"""Box Login's one error hierarchy.

Every error's docstring is its default message, written for a person who is not a
developer: what happened and what to do next. ``default_message`` repeats it for translation
(context "Errors"; a test keeps the two equal), translated when the error is made. Technical
facts (HTTP status, Box's ``error`` code, ``error_description``, request id) ride along as
attributes and in ``details()``. No error ever holds a token, code, state, client secret or
request body.
"""

from __future__ import annotations

from typing import ClassVar

from core.translation import QT_TRANSLATE_NOOP, sentences, translate

__all__ = [
    "EXIT_CODES",
    "EXIT_NO_KEYRING",
    "EXIT_WEB_VIEW_FAILED",
    "AccessDeniedError",
    "AppConfigError",
    "BoxAPIError",
    "BoxLoginError",
    "BoxResponseError",
    "BoxServerError",
    "CertificateVerificationError",
    "ConfigError",
    "HostNotFoundError",
    "InvalidClientError",
    "InvalidGrantError",
    "InvalidRequestError",
    "InvalidScopeError",
    "InvalidTokenError",
    "KeyringUnavailableError",
    "NeedsSignInError",
    "NetworkError",
    "NotConfiguredError",
    "NotSignedInError",
    "OAuthError",
    "PortsUnavailableError",
    "ProxyAuthenticationRequiredError",
    "ProxyError",
    "RateLimitedError",
    "RedirectUriMismatchError",
    "RefusedConnectionError",
    "RequestTimeoutError",
    "SecretTooLargeError",
    "SignInCancelledError",
    "SignInError",
    "SignInNeededError",
    "SignInTimeoutError",
    "StateMismatchError",
    "StoreError",
    "StoreLockedError",
    "TLSError",
    "UnauthorizedClientError",
    "oauth_error_class",
]


#: Every exit status of the command line and what it means: the one list that ``--help``,
#: the README's table and the error classes' ``exit_code`` follow (a test checks all three).
#: The meanings are marked for translation: ``translate("ExitCodes", meaning)`` where shown.
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, QT_TRANSLATE_NOOP("ExitCodes", "done")),
    (1, QT_TRANSLATE_NOOP("ExitCodes", "something unexpected went wrong")),
    (2, QT_TRANSLATE_NOOP("ExitCodes", "the command line was not understood")),
    (
        3,
        QT_TRANSLATE_NOOP(
            "ExitCodes", "the settings are missing or wrong, or the Box app is set up wrongly"
        ),
    ),
    (
        4,
        QT_TRANSLATE_NOOP(
            "ExitCodes",
            "you need to sign in (again), or the sign-in was declined or did not finish",
        ),
    ),
    (5, QT_TRANSLATE_NOOP("ExitCodes", "Box could not be reached, or is having trouble")),
    (6, QT_TRANSLATE_NOOP("ExitCodes", "the password store (keyring) could not be used")),
    (7, QT_TRANSLATE_NOOP("ExitCodes", "(--smoke-test only) the embedded browser could not start")),
    (130, QT_TRANSLATE_NOOP("ExitCodes", "cancelled (Ctrl-C)")),
)
#: ``--smoke-test``: no usable password store and no explicit alternative chosen.
EXIT_NO_KEYRING = 6
#: ``--smoke-test``: the embedded browser could not load a page or run JavaScript.
EXIT_WEB_VIEW_FAILED = 7


def _default_message(cls: type[BoxLoginError]) -> str:
    """The class's default message (its docstring's first paragraph), translated when the
    class marks it as ``default_message``; a class that does not gets its docstring's first
    paragraph, untranslated (never a parent's message)."""
    if "default_message" in vars(cls):
        return translate("Errors", cls.default_message)
    doc = (cls.__doc__ or "").strip()
    return " ".join(doc.split("\n\n", 1)[0].split())


class BoxLoginError(Exception):
    """Something went wrong in Box Login."""

    default_message: ClassVar[str] = QT_TRANSLATE_NOOP(
        "Errors", "Something went wrong in Box Login."
    )

    #: Suggested exit status for the command line (see README, "Exit codes").
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str | None = None, *, hint: str | None = None) -> None:
        self.message = message or _default_message(type(self))
        self.hint = hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return sentences(self.message, self.hint or "")

    def details(self) -> str:
        """Technical details for a "Details" section or a log line; never a secret."""
        return type(self).__name__

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


# --- configuration -------------------------------------------------------------------


class ConfigError(BoxLoginError):
    """Box Login's settings are missing or invalid."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box Login's settings are missing or invalid.")

    exit_code = 3


class NotConfiguredError(ConfigError):
    """Box Login is not set up for a Box app yet. Ask whoever gave you this program for its
    settings file, or try the demo."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "Box Login is not set up for a Box app yet. Ask whoever gave you this program for its"
        " settings file, or try the demo.",
    )


class AppConfigError(ConfigError):
    """The Box app configuration file could not be used."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "The Box app configuration file could not be used."
    )


# --- network ---------------------------------------------------------------------------


class NetworkError(BoxLoginError):
    """Box could not be reached. Check your internet connection and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box could not be reached. Check your internet connection and try again."
    )

    exit_code = 5

    #: False when the request certainly never reached Box (the connection was refused, or
    #: could not be set up or secured): a single-use refresh token sent with it is unused.
    request_may_have_arrived: bool = True

    def never_arrived(self) -> NetworkError:
        """This error, noting that the request never reached Box; returns ``self``."""
        self.request_may_have_arrived = False
        return self


class RequestTimeoutError(NetworkError):
    """Box did not answer in time. Check your internet connection and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box did not answer in time. Check your internet connection and try again."
    )


class TLSError(NetworkError):
    """The secure connection to Box could not be verified. If you are on a company network,
    ask your IT team whether a proxy intercepts secure connections."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The secure connection to Box could not be verified. If you are on a company network,"
        " ask your IT team whether a proxy intercepts secure connections.",
    )


class CertificateVerificationError(TLSError):
    """The secure connection to Box could not be verified: this computer does not trust the
    certificate it was shown. On a company network, ask your IT team for the company's
    certificate authority.

    ``host`` is the server Box Login tried to reach, ``issuer`` who issued the certificate it
    was shown (None when that could not be read) and ``reason`` OpenSSL's short reason.
    """

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The secure connection to Box could not be verified: this computer does not trust the"
        " certificate it was shown. On a company network, ask your IT team for the company's "
        "certificate authority.",
    )

    request_may_have_arrived = False

    def __init__(
        self,
        message: str | None = None,
        *,
        host: str | None = None,
        issuer: str | None = None,
        reason: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.host = host
        self.issuer = issuer
        self.reason = reason

    def details(self) -> str:
        parts = [type(self).__name__]
        if self.host:
            parts.append(f"host={self.host}")
        if self.issuer:
            parts.append(f"issuer={self.issuer!r}")
        if self.reason:
            parts.append(f"reason={self.reason!r}")
        return ", ".join(parts)


class HostNotFoundError(NetworkError):
    """Box's server could not be found on the network (its name did not resolve). Check your
    internet connection and the Box addresses in the settings."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "Box's server could not be found on the network (its name did not resolve). Check "
        "your internet connection and the Box addresses in the settings.",
    )

    request_may_have_arrived = False


class RefusedConnectionError(NetworkError):
    """Box's server refused the connection, so the request never reached Box. Try again in a
    minute; if it keeps happening, a firewall may be blocking Box Login."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "Box's server refused the connection, so the request never reached Box. Try again in "
        "a minute; if it keeps happening, a firewall may be blocking Box Login.",
    )

    request_may_have_arrived = False


class ProxyError(NetworkError):
    """The proxy server could not be used. Check the proxy settings, or ask your IT team which
    proxy to use.

    ``proxy`` is the proxy's ``host:port`` and ``source`` where the decision to use it came
    from (see ``core.network.ProxyDecision``). Never holds a user name or password.
    """

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The proxy server could not be used. Check the proxy settings, or ask your IT team "
        "which proxy to use.",
    )

    request_may_have_arrived = False

    def __init__(
        self,
        message: str | None = None,
        *,
        proxy: str | None = None,
        source: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.proxy = proxy
        self.source = source

    def details(self) -> str:
        parts = [type(self).__name__]
        if self.proxy:
            parts.append(f"proxy={self.proxy}")
        if self.source:
            parts.append(f"source={self.source}")
        return ", ".join(parts)


class ProxyAuthenticationRequiredError(ProxyError):
    """The proxy server needs a user name and password (HTTP 407). Ask your IT team for them."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The proxy server needs a user name and password (HTTP 407). Ask your IT team for them.",
    )


# --- answers from Box ------------------------------------------------------------------


class BoxResponseError(BoxLoginError):
    """Box answered with an error."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box answered with an error.")

    default_hint: ClassVar[str | None] = None

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        error: str | None = None,
        error_description: str | None = None,
        request_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        default_hint = translate("Errors", self.default_hint) if self.default_hint else None
        super().__init__(message, hint=hint or default_hint)
        self.status = status
        self.error = error
        self.error_description = error_description
        self.request_id = request_id

    def details(self) -> str:
        parts = [type(self).__name__]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.error:
            parts.append(f"error={self.error}")
        if self.error_description:
            parts.append(f"description={self.error_description!r}")
        if self.request_id:
            parts.append(f"box-request-id={self.request_id}")
        return ", ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, error={self.error!r}, "
            f"error_description={self.error_description!r}, request_id={self.request_id!r})"
        )


class BoxServerError(BoxResponseError):
    """Box is having trouble right now. Wait a minute and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box is having trouble right now. Wait a minute and try again."
    )

    exit_code = 5


class RateLimitedError(BoxServerError):
    """Box is receiving too many requests from this app. Wait a minute and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box is receiving too many requests from this app. Wait a minute and try again."
    )


class BoxAPIError(BoxResponseError):
    """Box refused the request."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box refused the request.")


class InvalidTokenError(BoxAPIError):
    """Box no longer accepts this access token. Sign in again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box no longer accepts this access token. Sign in again."
    )

    exit_code = 4


class OAuthError(BoxResponseError):
    """Box refused to sign you in."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box refused to sign you in.")

    exit_code = 4
    #: The OAuth ``error`` code this class stands for (None for the generic class).
    code: ClassVar[str | None] = None


class InvalidClientError(OAuthError):
    """Box rejected the app's client ID or client secret."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box rejected the app's client ID or client secret."
    )

    code = "invalid_client"
    default_hint = QT_TRANSLATE_NOOP(
        "Errors", "Ask whoever gave you this app to check its settings."
    )
    exit_code = 3


class InvalidGrantError(OAuthError):
    """Box no longer accepts this sign-in. Sign in again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box no longer accepts this sign-in. Sign in again."
    )

    code = "invalid_grant"


class UnauthorizedClientError(OAuthError):
    """This app is not authorized by your company's Box administrator."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "This app is not authorized by your company's Box administrator."
    )

    code = "unauthorized_client"
    default_hint = QT_TRANSLATE_NOOP("Errors", "Ask your Box administrator to authorize the app.")
    exit_code = 3


class InvalidRequestError(OAuthError):
    """Box did not understand the sign-in request."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box did not understand the sign-in request.")

    code = "invalid_request"


class RedirectUriMismatchError(OAuthError):
    """The app's return address does not match what is registered at Box."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "The app's return address does not match what is registered at Box."
    )

    code = "redirect_uri_mismatch"
    default_hint = QT_TRANSLATE_NOOP(
        "Errors",
        "Ask whoever administers the Box app to add this program's redirect URI "
        "in the Box developer console.",
    )
    exit_code = 3


class AccessDeniedError(OAuthError):
    """You declined to give the app access to your Box account."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "You declined to give the app access to your Box account."
    )

    code = "access_denied"


class InvalidScopeError(OAuthError):
    """The app asked Box for permissions it does not have."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "The app asked Box for permissions it does not have."
    )

    code = "invalid_scope"
    default_hint = QT_TRANSLATE_NOOP(
        "Errors", "Ask whoever administers the Box app to check its scopes."
    )
    exit_code = 3


_OAUTH_ERRORS: dict[str, type[OAuthError]] = {
    cls.code: cls
    for cls in (
        InvalidClientError,
        InvalidGrantError,
        UnauthorizedClientError,
        InvalidRequestError,
        RedirectUriMismatchError,
        AccessDeniedError,
        InvalidScopeError,
    )
    if cls.code
}


def oauth_error_class(code: str | None) -> type[OAuthError]:
    """The OAuthError subclass for an OAuth ``error`` code (OAuthError when unknown)."""
    return _OAUTH_ERRORS.get(code or "", OAuthError)


# --- sign-in ---------------------------------------------------------------------------


class SignInError(BoxLoginError):
    """Signing in to Box did not finish."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Signing in to Box did not finish.")

    exit_code = 4


class SignInTimeoutError(SignInError):
    """Signing in took too long, so Box Login stopped waiting. Try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Signing in took too long, so Box Login stopped waiting. Try again."
    )


class SignInCancelledError(SignInError):
    """Signing in was cancelled."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Signing in was cancelled.")

    exit_code = 130


class StateMismatchError(SignInError):
    """The answer that came back did not belong to this sign-in, so it was ignored."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "The answer that came back did not belong to this sign-in, so it was ignored."
    )


class PortsUnavailableError(SignInError):
    """Box Login could not open any of its registered return addresses on this computer."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "Box Login could not open any of its registered return addresses on this computer.",
    )

    exit_code = 3


class SignInNeededError(SignInError):
    """You need to sign in to Box."""

    default_message = QT_TRANSLATE_NOOP("Errors", "You need to sign in to Box.")

    def __init__(
        self,
        message: str | None = None,
        *,
        hint: str | None = None,
        profile: str = "default",
        user_login: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        #: The profile that has no usable sign-in: a face (the command line, the window)
        #: says how to sign in for it; core's message states only the fact.
        self.profile = profile
        #: Who was signed in there, when known.
        self.user_login = user_login


class NotSignedInError(SignInNeededError):
    """You are not signed in to Box. Sign in first."""

    default_message = QT_TRANSLATE_NOOP("Errors", "You are not signed in to Box. Sign in first.")


class NeedsSignInError(SignInNeededError):
    """Your Box sign-in has ended. Sign in again."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Your Box sign-in has ended. Sign in again.")


# --- token storage ---------------------------------------------------------------------


class StoreError(BoxLoginError):
    """Box Login could not use the place where it keeps your sign-in."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box Login could not use the place where it keeps your sign-in."
    )

    exit_code = 6


class KeyringUnavailableError(StoreError):
    """This computer has no password store (keyring) that Box Login can use."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "This computer has no password store (keyring) that Box Login can use."
    )


class SecretTooLargeError(StoreError):
    """A value is too large for the system password store."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "A value is too large for the system password store."
    )


class StoreLockedError(StoreError):
    """The system password store is locked. Unlock it (for example by signing in to your
    desktop) and try again."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "The system password store is locked. Unlock it (for example by signing in to your "
        "desktop) and try again.",
    )
