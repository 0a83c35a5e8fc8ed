"""Who issued a server's certificate, read without verifying it.

When verification fails, the message should say who signed what the server sent (a company's
inspecting proxy, say, whose authority belongs in ``ca_bundle``). :func:`fetch_certificate_info`
connects once more the same way the request went (through the proxy with ``CONNECT`` when
there was one), sends nothing but the TLS handshake and reads the certificate's names.
``cryptography`` is imported only then.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from typing import Any

from core.network.decision import ProxyCredentials, ProxyDecision, _host_port

# The package's one logger: its lines keep the name they have always had (log filters
# select on it), whichever module writes them.
logger = logging.getLogger("core.network")


@dataclass(frozen=True)
class CertificateInfo:
    """What a server's certificate says about who issued it (read without verifying it)."""

    issuer: str
    subject: str
    self_signed: bool


def _name_words(name: Any) -> str:
    """An X.509 name as a person reads it: its common name and organisation."""
    from cryptography.x509.oid import NameOID

    def first(oid: Any) -> str | None:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    common = first(NameOID.COMMON_NAME) or first(NameOID.ORGANIZATIONAL_UNIT_NAME)
    organisation = first(NameOID.ORGANIZATION_NAME)
    if common and organisation and organisation not in common:
        return f'"{common}" ({organisation})'
    if common or organisation:
        return f'"{common or organisation}"'
    return f'"{name.rfc4514_string()}"'


def fetch_certificate_info(
    host: str, port: int, decision: ProxyDecision | None = None, *, timeout: float = 3.0
) -> CertificateInfo | None:
    """Connect once more, without verifying, to read who issued ``host``'s certificate.

    Goes the same way as the request did (through ``decision``'s proxy with ``CONNECT``), sends
    nothing but the TLS handshake, and gives up (None) on any failure within ``timeout``.
    """
    import ssl

    try:
        if decision is not None and decision.url is not None:
            proxy_host, proxy_port = _host_port(decision.url)
            sock = socket.create_connection((proxy_host, proxy_port), timeout=timeout)
            try:
                _connect_tunnel(sock, host, port, decision.credentials)
            except BaseException:
                sock.close()
                raise
        else:
            sock = socket.create_connection((host, port), timeout=timeout)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # only to read the certificate; nothing is sent
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except (OSError, ValueError) as exc:
        logger.debug("Could not read the certificate of %s:%s (%s)", host, port, type(exc).__name__)
        return None
    if not der:
        return None
    from cryptography import x509

    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    return CertificateInfo(
        issuer=_name_words(cert.issuer),
        subject=_name_words(cert.subject),
        self_signed=cert.issuer == cert.subject,
    )


def _connect_tunnel(
    sock: socket.socket, host: str, port: int, credentials: ProxyCredentials | None
) -> None:
    """Ask the proxy on ``sock`` for a tunnel to ``host:port``; OSError when it says no."""
    target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    if credentials is not None:
        import base64

        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk or len(reply) > 65536:
            raise OSError("the proxy closed the connection")
        reply += chunk
    status = reply.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or status[1] != b"200":
        raise OSError("the proxy refused the tunnel")
