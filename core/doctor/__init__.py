"""``doctor``: what Box Login needs on this computer, checked one plain line at a time.

The command line (``main.py doctor``, ``doctor --json``) and the window ("Check my setup")
show the same checks, in this order:

* **settings**: which settings file is used and why (the lookup order of
  :mod:`core.settings`), and any key at fault;
* **redirect ports**: each of the app's return addresses (loopback redirect URIs) can be
  opened here, as the sign-in opens it (:class:`core.loopback.LoopbackListener`); for a busy
  one, which program holds it when the system says (``/proc`` on Linux, ``lsof`` on macOS,
  ``netstat`` on Windows) and Windows' excluded port ranges;
* **password store**: the keyring backend is there, answers and is unlocked, probed in a
  thread of its own so that a hung D-Bus or keychain never holds up the rest;
* **proxy**: which way Box Login goes to Box and where that decision came from
  (:meth:`core.network.Network.proxy_for`), and whether the proxy lets it through;
* **name lookup** (DNS) of each Box host (or of the proxy, which then looks Box up);
* **secure connection** to each Box host: whether this computer's trust settings accept its
  certificate, who issued it, and whether the network appears to inspect secure connections
  (the certificate is not one a public certificate authority issued);
* **Box's sign-in and token addresses** answer, and how fast;
* **clock**: its offset against the ``Date`` of Box's answers (a JWT needs the right time);
* **Box app**: Box answers the sign-in address for this ``client_id`` and each redirect URI
  with its sign-in page, not an error page (docs/box-oauth.md).

Each check is a small function that returns a frozen :class:`CheckResult`. :func:`run_checks`
runs them at once, each in a daemon thread, with per-check time limits and one overall
deadline (:data:`DEADLINE`), so it returns within seconds even when every host is unreachable
or the password store hangs; results come back in the fixed order above. Nothing here prints,
logs or returns a secret: no client secret, token or proxy password, and no sign-in address
with its query.

The HTTP calls go through :class:`core.http.HttpClient` (its plain errors, the same trust
and proxy rules as the sign-in) and never change anything at Box: a GET of the sign-in page
and an empty POST to the token address, which Box answers with an error.

The package is split by concern:

* :mod:`core.doctor.results`: :class:`CheckResult`, :class:`Verdict` and the report
  (:func:`report_lines`, :func:`summary_line`, :func:`report_json`, :func:`exit_code`);
* :mod:`core.doctor.context`: what the checks share (the settings, the network path, Box's
  answers fetched once per run);
* :mod:`core.doctor.runner`: :func:`run_checks`, its threads and deadlines;
* one module per family of checks: :mod:`~core.doctor.settings_check`,
  :mod:`~core.doctor.ports`, :mod:`~core.doctor.password_store`,
  :mod:`~core.doctor.network_checks` (proxy, name lookup, secure connection, endpoints,
  clock) and :mod:`~core.doctor.box_app`.

Everything a caller needs is importable from ``core.doctor`` itself. The time limits are
re-exported here for reading only: a test that replaces one (or the password store's probe)
patches the module that reads it, such as :mod:`core.doctor.password_store`.
"""

from __future__ import annotations

from core.doctor.box_app import MAX_APP_CHECKS, check_box_app, classify_authorize_answer
from core.doctor.context import HTTP_TIMEOUT
from core.doctor.network_checks import (
    CLOCK_PROBLEM,
    CLOCK_WARNING,
    DNS_TIMEOUT,
    SLOW_ANSWER,
    check_authorize_endpoint,
    check_clock,
    check_dns,
    check_plain_http,
    check_proxy,
    check_tls,
    check_token_endpoint,
    clock_offset,
    clock_result,
)
from core.doctor.password_store import STORE_TIMEOUT, check_password_store
from core.doctor.ports import check_redirect_ports, parse_excluded_port_ranges
from core.doctor.results import (
    CHECK_NAMES,
    CheckResult,
    Verdict,
    exit_code,
    report_json,
    report_lines,
    summary_line,
)
from core.doctor.runner import DEADLINE, run_checks
from core.doctor.settings_check import check_settings

__all__ = [
    "CHECK_NAMES",
    "CLOCK_PROBLEM",
    "CLOCK_WARNING",
    "DEADLINE",
    "DNS_TIMEOUT",
    "HTTP_TIMEOUT",
    "MAX_APP_CHECKS",
    "SLOW_ANSWER",
    "STORE_TIMEOUT",
    "CheckResult",
    "Verdict",
    "check_authorize_endpoint",
    "check_box_app",
    "check_clock",
    "check_dns",
    "check_password_store",
    "check_plain_http",
    "check_proxy",
    "check_redirect_ports",
    "check_settings",
    "check_tls",
    "check_token_endpoint",
    "classify_authorize_answer",
    "clock_offset",
    "clock_result",
    "exit_code",
    "parse_excluded_port_ranges",
    "report_json",
    "report_lines",
    "run_checks",
    "summary_line",
]
