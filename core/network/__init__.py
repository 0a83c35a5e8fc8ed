"""One network path for Box Login: whom to trust, and which way to go.

Box's customers sit behind proxies, some of which inspect secure connections with a company
certificate authority installed in the operating system. The sign-in page (Chromium) trusts
the operating system and takes its proxy; the token calls must do the same, or the person signs
in and then the code exchange fails. This package is the one place that decides, for both:

* **Trust** (:meth:`Network.ssl_context`): the operating system's certificate store through
  ``truststore`` (as pip does: an ``SSLContext`` handed to the HTTP client, never
  ``truststore.inject_into_ssl()``), plus the ``ca_bundle`` file of the settings. certifi's
  certificates are used only where the system store cannot be (no ``truststore``, or a Linux
  system without any certificate file).
* **Proxy** (:meth:`Network.proxy_for`): the ``proxy`` setting is ``system`` (the default),
  ``none`` or ``http://host:port``. ``system`` means, in this order: the environment variables
  (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` with ``NO_PROXY``) when one is set for the
  address's scheme; then the desktop: GNOME's settings (``gsettings``, ``org.gnome.system.proxy``:
  ``auto`` with a PAC address, or WPAD when it has none; ``manual`` with its ignore-hosts) on
  Linux, the PAC address or the proxies of the Windows / macOS system settings there; else a
  direct connection. PAC files are evaluated by ``pypac``. The answer is a plain
  :class:`ProxyDecision` that says where it came from, for the token calls, the web view and
  ``doctor`` alike.

Proxy user names and passwords are never read from the settings file. They come from the
environment variable that names the same proxy (``HTTPS_PROXY=http://USER:PASSWORD@host:port``,
as curl, pip and git read it), or from the caller (the window asks for them). They never appear
in a decision's ``repr``, a log line or an error message.

The package is split by concern:

* :mod:`core.network.decision`: the plain values that cross the layers (``NetworkSettings``,
  ``ProxyCredentials``, ``ProxyDecision``) and reading a proxy URL.
* :mod:`core.network.proxy`: :class:`Network` and the proxy rules above (environment, GNOME,
  PAC and WPAD, the Windows / macOS settings), with the bypass lists they share.
* :mod:`core.network.trust`: the ``SSLContext`` (system store, certifi, ``ca_bundle``) and
  what is wrong with a ``ca_bundle`` file.
* :mod:`core.network.certificates`: who issued a server's certificate, read when a
  verification fails so that the message can name the company's inspecting proxy.

Everything a caller needs is importable from ``core.network`` itself.

Importing this package loads neither ``requests`` nor ``truststore`` nor ``pypac``: each is
imported when first needed.
"""

from __future__ import annotations

from core.network.certificates import CertificateInfo, fetch_certificate_info
from core.network.decision import (
    PROXY_NONE,
    PROXY_SYSTEM,
    NetworkSettings,
    ProxyCredentials,
    ProxyDecision,
    parse_proxy_url,
)
from core.network.proxy import Network
from core.network.trust import ca_bundle_error, ca_bundle_problem

__all__ = [
    "PROXY_NONE",
    "PROXY_SYSTEM",
    "CertificateInfo",
    "Network",
    "NetworkSettings",
    "ProxyCredentials",
    "ProxyDecision",
    "ca_bundle_error",
    "ca_bundle_problem",
    "fetch_certificate_info",
    "parse_proxy_url",
]
