"""Redirect URIs and the loopback sockets they are received on.

Which of the app's redirect URIs can be received on this computer at all (plain ``http://`` to
127.0.0.1, ``localhost`` or [::1], a fixed port), which loopback addresses each one means, and
binding them. A ``localhost`` URI means every loopback address a browser may try for it
(127.0.0.1 and [::1], and whatever else the system resolver gives), and it is bound on all of
them or on none: an address left free would let another program on this computer take the
sign-in (RFC 8252 §8.3). Kept apart from the serving loop because these are the rules that
decide who can receive the authorization code, and they are tested on their own.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from core.errors import BoxLoginError, PortsUnavailableError
from core.loopback.wire import _printable
from core.settings import LOOPBACK_HOSTS
from core.translation import QT_TRANSLATE_NOOP, translate, word_list

# The package's one logger: its lines keep the name they have always had (log filters and
# the tests select on it), whichever module writes them.
logger = logging.getLogger("core.loopback")

_WSAEACCES: Final = 10013
_WSAEADDRINUSE: Final = 10048
_PORT_TAKEN_CODES: Final = frozenset({errno.EADDRINUSE, _WSAEADDRINUSE})
_ACCESS_DENIED_CODES: Final = frozenset({errno.EACCES, errno.EPERM, _WSAEACCES})
_WSAEADDRNOTAVAIL: Final = 10049
_WSAEAFNOSUPPORT: Final = 10047
#: The machine has no such address (or no IPv6 at all): nobody can listen there, so nobody
#: can take a sign-in sent there either.
_NO_SUCH_ADDRESS_CODES: Final = frozenset(
    {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, _WSAEADDRNOTAVAIL, _WSAEAFNOSUPPORT}
)


# --- when no redirect URI can be opened ------------------------------------------------


class ListenerPortsUnavailableError(PortsUnavailableError):
    """Box Login could not open any of its registered return addresses on this computer."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors",
        "Box Login could not open any of its registered return addresses on this computer.",
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        hint: str | None = None,
        ports: Sequence[int] = (),
        attempts: Sequence[tuple[str, str]] = (),
        advice: str = "",
    ) -> None:
        super().__init__(message, hint=hint)
        #: The ports Box Login tried to open, in order.
        self.ports: tuple[int, ...] = tuple(ports)
        #: (redirect URI, why it could not be used), one per configured URI.
        self.attempts: tuple[tuple[str, str], ...] = tuple(attempts)
        #: What an administrator can change, in their words (shown under "Details").
        self.advice = advice

    def details(self) -> str:
        lines = [type(self).__name__]
        # ``why`` is English (it is logged too) and marked for translation where it is made.
        lines.extend(f"{uri}: {translate('Loopback', why)}" for uri, why in self.attempts)
        if self.advice:
            lines.append(self.advice)
        return "\n".join(lines)


def _ports_error(ports: Sequence[int], attempts: Sequence[tuple[str, str]]) -> BoxLoginError:
    if not ports:
        return ListenerPortsUnavailableError(
            translate(
                "Loopback",
                "None of Box Login's redirect URIs is an address on this computer "
                "(http://127.0.0.1:PORT/…, http://localhost:PORT/… or http://[::1]:PORT/…).",
            ),
            hint=translate(
                "Loopback",
                "Ask whoever administers the Box app to register a redirect URI such as "
                "http://127.0.0.1:8765/callback and add it to Box Login's settings.",
            ),
            attempts=attempts,
        )
    names = [str(p) for p in ports]
    if len(names) > 1:
        advice = translate(
            "Loopback",
            "Ports {ports} in use by other programs. Close the program that is using ports "
            "{ports_or}, or register another redirect URI for the Box app (for example "
            "{example}) and add it to Box Login's settings.",
        )
    else:
        advice = translate(
            "Loopback",
            "Port {ports} in use by other programs. Close the program that is using port "
            "{ports_or}, or register another redirect URI for the Box app (for example "
            "{example}) and add it to Box Login's settings.",
        )
    # Plain words for the person signing in; ports and redirect URIs are for whoever looks
    # after Box Login, so they go under "Details".
    return ListenerPortsUnavailableError(
        translate(
            "Loopback",
            "Another program on this computer is using the connection Box Login needs to "
            "finish signing in.",
        ),
        hint=translate(
            "Loopback",
            "Close programs you do not need (or restart the computer), then try again. If it "
            "keeps happening, send the details to whoever looks after Box Login.",
        ),
        ports=ports,
        attempts=attempts,
        advice=advice.format(
            ports=word_list(names),
            ports_or=word_list(names, "or"),
            example=f"http://127.0.0.1:{ports[-1] + 1}/callback",
        ),
    )


# --- redirect URIs and sockets ---------------------------------------------------------


_Address = tuple[socket.AddressFamily, str]
_IPV4_LOOPBACK: Final[_Address] = (socket.AF_INET, "127.0.0.1")
_IPV6_LOOPBACK: Final[_Address] = (socket.AF_INET6, "::1")


@dataclass(frozen=True)
class _Endpoint:
    uri: str
    #: The redirect URI's host, lower case: ``127.0.0.1``, ``localhost`` or ``::1``.
    host: str
    port: int
    path: str

    @property
    def is_localhost(self) -> bool:
        """A name, not an address: the browser picks which loopback address it means."""
        return self.host == "localhost"

    @property
    def display_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host


def _parse_redirect_uri(uri: str) -> _Endpoint | str:
    """The endpoint to bind for ``uri``, or why it cannot be received here."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return QT_TRANSLATE_NOOP("Loopback", "not a valid address")
    if parts.scheme.lower() != "http":
        return QT_TRANSLATE_NOOP(
            "Loopback", "not a plain http:// address, so it cannot be received on this computer"
        )
    host = (parts.hostname or "").lower()
    if host not in LOOPBACK_HOSTS:
        return QT_TRANSLATE_NOOP(
            "Loopback", "not a loopback address (127.0.0.1, localhost or [::1])"
        )
    if parts.username is not None or parts.password is not None or parts.fragment:
        return QT_TRANSLATE_NOOP("Loopback", "not a valid redirect URI (user name or fragment)")
    if port == 0:
        return QT_TRANSLATE_NOOP("Loopback", "has port 0; Box needs a fixed port")
    return _Endpoint(uri, host, 80 if port is None else port, parts.path or "/")


def _resolved_loopback_addresses(name: str) -> list[_Address]:
    """The loopback addresses the system resolver gives for ``name``, in its order.

    Anything that is not a loopback address is dropped: whatever the hosts file says, Box
    Login never listens beyond this computer. A resolver failure gives no addresses (the
    caller binds the standard ones regardless).
    """
    try:
        infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[_Address] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        host = str(sockaddr[0])
        try:
            address = ipaddress.ip_address(host)
        except ValueError:  # e.g. a scoped IPv6 address: never loopback
            continue
        if not address.is_loopback:
            logger.debug("Ignoring %s for %s: not a loopback address", _printable(host), name)
            continue
        entry = (socket.AddressFamily(family), address.compressed)
        if entry not in found:
            found.append(entry)
    return found


def _listen_addresses(ep: _Endpoint) -> list[_Address]:
    """Every address ``ep`` must be listened on, the URI's "main" one first.

    An address literal means just that address. ``localhost`` means whatever the browser
    makes of it: Chromium (so the sign-in window and most people's browsers) connects to
    [::1] before 127.0.0.1 even where the hosts file names only 127.0.0.1, and other
    browsers follow the system resolver. Any of those left unbound could be taken by another
    program on this computer, which would then receive the authorization code.
    """
    if ep.host == "::1":
        return [_IPV6_LOOPBACK]
    if not ep.is_localhost:
        return [_IPV4_LOOPBACK]
    addresses = [_IPV4_LOOPBACK]
    if socket.has_ipv6:
        addresses.append(_IPV6_LOOPBACK)
    for extra in _resolved_loopback_addresses(ep.host):
        if extra not in addresses and (extra[0] == socket.AF_INET or socket.has_ipv6):
            addresses.append(extra)
    return addresses


class _BindError(OSError):
    """One address of an endpoint could not be bound; says which (for the log line)."""

    def __init__(self, address: _Address, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.address = address
        self.cause = cause


def _no_such_address(exc: OSError) -> bool:
    return bool({exc.errno, getattr(exc, "winerror", None)} & _NO_SUCH_ADDRESS_CODES)


def _bind_failure(exc: OSError) -> str:
    if isinstance(exc, _BindError):
        exc = exc.cause
    codes = {exc.errno, getattr(exc, "winerror", None)}
    if codes & _PORT_TAKEN_CODES:
        return QT_TRANSLATE_NOOP("Loopback", "port in use by another program")
    if codes & _ACCESS_DENIED_CODES:
        return QT_TRANSLATE_NOOP("Loopback", "access to the port denied (reserved or privileged)")
    if codes & _NO_SUCH_ADDRESS_CODES:
        return QT_TRANSLATE_NOOP("Loopback", "this computer has no such loopback address")
    return f"could not be opened ({exc.strerror or type(exc).__name__})"


def _bind_one(address: _Address, port: int) -> socket.socket:
    family, host = address
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":
            # Without this another program could bind the same port on Windows and steal
            # the callback; SO_REUSEADDR there would allow exactly that, so never set it.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # POSIX: only lets us rebind over TIME_WAIT leftovers of an earlier sign-in.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            # [::1] only: the IPv4 side is its own socket, so each address fails on its own.
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _open_listening_socket(ep: _Endpoint) -> list[socket.socket]:
    """Listening sockets on every address of ``ep`` (see :func:`_listen_addresses`).

    All or nothing: when one address is taken (another program listens there, or the port is
    reserved), the others are closed and :class:`_BindError` is raised, so the caller moves
    to the next redirect URI. A browser would otherwise reach that other program. The one
    failure skipped is an address this computer does not have for a ``localhost`` URI (no
    IPv6, say): nobody can listen there, so no sign-in can be sent there.
    """
    opened: list[socket.socket] = []
    last_missing: _BindError | None = None
    try:
        for address in _listen_addresses(ep):
            try:
                opened.append(_bind_one(address, ep.port))
            except OSError as exc:
                failure = _BindError(address, exc)
                if not (ep.is_localhost and _no_such_address(exc)):
                    raise failure from exc
                logger.debug(
                    "No %s on this computer; not listening there for %s",
                    address[1],
                    ep.display_host,
                )
                last_missing = failure
    except BaseException:
        for sock in opened:
            sock.close()
        raise
    if not opened:
        assert last_missing is not None  # _listen_addresses never returns an empty list
        raise last_missing
    return opened
