"""Whom to trust: the ``SSLContext`` that verifies servers, and the ``ca_bundle`` file.

The operating system's certificate store through ``truststore`` (as pip does: an
``SSLContext`` handed to the HTTP client, never ``truststore.inject_into_ssl()``), so that a
company certificate authority installed in the system is trusted by the token calls as it is
by the sign-in page; plus the ``ca_bundle`` file of the settings. certifi's certificates are
used only where the system store cannot be (no ``truststore``, or a Linux system without any
certificate file). ``ssl``, ``truststore`` and ``certifi`` are imported when first needed.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import ConfigError
from core.translation import translate

if TYPE_CHECKING:
    import ssl

# The package's one logger: its lines keep the name they have always had (log filters
# select on it), whichever module writes them.
logger = logging.getLogger("core.network")


def base_ssl_context() -> tuple[ssl.SSLContext, str]:
    """A context that verifies servers, and which store it uses: ``system`` or ``certifi``."""
    import ssl

    why = ""
    try:
        import truststore
    except ImportError:
        why = "truststore is not installed"
    else:
        if _system_store_found():
            return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT), "system"
        why = "no certificate store was found on this system"
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    logger.info("Verifying servers with certifi's certificates: %s", why)
    return context, "certifi"


def add_ca_bundle(context: ssl.SSLContext, bundle: Path) -> None:
    """Trust the certificate authorities of ``bundle`` too; ConfigError naming the file and the
    ``ca_bundle`` key when it cannot be used."""
    import ssl

    try:
        context.load_verify_locations(cafile=str(bundle))
    except (OSError, ssl.SSLError) as exc:
        raise ca_bundle_error(bundle, exc) from None


def _system_store_found() -> bool:
    """True where ``truststore`` has certificates to work with: always on Windows and macOS;
    on Linux when OpenSSL's default file or folder (``SSL_CERT_FILE``/``SSL_CERT_DIR``
    included) or one of the usual distribution files exists."""
    if sys.platform in ("win32", "darwin"):
        return True
    import ssl

    defaults = ssl.get_default_verify_paths()
    if defaults.cafile:
        return True
    if defaults.capath and os.path.isdir(defaults.capath) and os.listdir(defaults.capath):
        return True
    return any(
        os.path.isfile(candidate)
        for candidate in (
            "/etc/ssl/cert.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            "/etc/pki/tls/cert.pem",
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/ssl/ca-bundle.pem",
        )
    )


def ca_bundle_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with a ``ca_bundle`` file, as ``(problem, fix)``; None when it loads."""
    import ssl

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(path))
    except ssl.SSLError:
        return (
            translate("Network", "does not hold certificates in PEM format"),
            translate(
                "Network",
                'A PEM file is text that starts with "-----BEGIN CERTIFICATE-----". A binary '
                "(DER) .cer or .crt file can be converted with: openssl x509 -inform der -in "
                "company.cer -out company.pem",
            ),
        )
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else None
        return (
            translate("Network", "could not be read ({error})").format(
                error=reason or type(exc).__name__
            ),
            translate("Network", "Check that the file exists and that you may read it."),
        )
    return None


def ca_bundle_error(path: Path, exc: BaseException | None = None) -> ConfigError:
    """The error for a ``ca_bundle`` file that cannot be used (names the file and the key)."""
    from core.settings import SettingsFileError, display_path

    problem, fix = ca_bundle_problem(path) or (
        translate("Network", "could not be used ({error})").format(
            error=type(exc).__name__ if exc else translate("Network", "unknown problem")
        ),
        translate("Network", "Ask whoever gave you the file for a fresh copy."),
    )
    return SettingsFileError(
        translate(
            "Network",
            'The certificate file {path} (named by "ca_bundle" in the settings) {problem}.',
        ).format(path=display_path(path), problem=problem),
        path=path,
        key="ca_bundle",
        hint=fix,
    )
