"""The window on a company network, with real parts: the sign-in page (real Qt WebEngine in
the sign-in window's own process, under Xvfb) goes through a real proxy (``proxy.py``), trusts
the company's certificate authority through ``ca_bundle`` (a ``trustme`` CA, the sandbox over
HTTPS), shows Box Login's own error page when Box cannot be reached, and Help → "Check my
setup" runs the doctor's checks. The real GNOME Keyring keeps proxy passwords.

Why ``<-loopback>``: the sandbox (Box) listens on 127.0.0.1, and Chromium never sends loopback
addresses through a proxy. Box Login itself lifts that rule (``gui.web_network``) whenever the
sign-in address is on loopback and the decision is a proxy, exactly as the token calls do,
listing the loopback return address as the only exception; the tests therefore run the real
product path rather than a test-only host name (a ``localhost.`` alias would need a resolver
entry, and the certificate would have to name it).

Screenshots of the error page and of "Check my setup" are saved to tests/artifacts/ (and, with
``BOX_LOGIN_UPDATE_SCREENSHOTS=1``, to resources/screenshots/).
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pytestqt.exceptions
import trustme
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import tests.test_company_network as company
import tests.test_gui_e2e as e2e
import tests.test_window_controller as controller_tests
from core.errors import (
    CertificateVerificationError,
    HostNotFoundError,
    ProxyError,
    RefusedConnectionError,
    SignInCancelledError,
)
from core.network import Network, ProxyCredentials, ProxyDecision
from core.settings import Settings, parse_settings, read_settings_file
from core.store import KeyringStore
from gui.main_window import MainWindow
from gui.signin_window import SignInWindow
from gui.web_network import (
    PROXY_PASSWORD_SERVICE,
    PageNetwork,
    PageProblem,
    Problem,
    ProxyPasswords,
    WebNetwork,
    chain_verifies,
    chromium_bypass_rules,
    chromium_proxy_flags,
    classify_load_error,
    error_page_html,
    page_action,
    proxy_options,
)
from tests.netutil import free_port, free_ports
from tests.plugin_cli import TOKEN_PATH
from tests.sandbox_harness import TestSandbox
from tests.test_company_network import PROXY_PASSWORD, PROXY_USER, Proxy, server_context
from tests.test_gui_e2e import (
    RecordingOpener,
    ask,
    click,
    decide,
    log_in,
    run_js,
    shoot,
    wait_for_element,
)
from tests.test_window_controller import Harness

# Fixtures of the neighbouring modules, used here too.
company_ca = company.company_ca
ca_file = company.ca_file
proxy_factory = company.proxy_factory
_box_login_app = e2e._box_login_app
make_window = e2e.make_window
box = controller_tests.box
box_settings = controller_tests.box_settings

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "resources" / "screenshots"


# --- the way to Box, for Chromium (no Qt) ----------------------------------------------------


def test_chromium_switches_follow_the_decision() -> None:
    authorize = "https://account.box.com/api/oauth2/authorize?client_id=c&state=s"
    back = "http://127.0.0.1:8765/callback"
    direct = proxy_options(ProxyDecision(None, "none"), authorize, back)
    assert chromium_proxy_flags(direct) == ["--no-proxy-server"]
    fixed = proxy_options(
        ProxyDecision("http://proxy.example.com:3128", "environment"),
        authorize,
        back,
        ["intranet.example.com", ".corp.example", "10.0.0.0/8", "*.local:8080"],
    )
    assert chromium_proxy_flags(fixed) == [
        "--proxy-server=http://proxy.example.com:3128",
        "--proxy-bypass-list=intranet.example.com;*.intranet.example.com;corp.example;"
        "*.corp.example;10.0.0.0/8;*.local:8080",
    ]
    # Box on the internet: the loopback callback stays direct by Chromium's own rule.
    assert "<-loopback>" not in " ".join(chromium_proxy_flags(fixed))
    pac = proxy_options(
        ProxyDecision("http://proxy.example.com:3128", "pac:http://wpad.example/proxy.pac"),
        authorize,
        back,
    )
    assert chromium_proxy_flags(pac) == ["--proxy-pac-url=http://wpad.example/proxy.pac"]
    broken_pac = ProxyDecision(None, "pac:http://wpad.example/proxy.pac", "could not be used")
    assert chromium_proxy_flags(proxy_options(broken_pac, authorize, back)) == ["--no-proxy-server"]
    assert chromium_proxy_flags(None) == []


def test_a_sign_in_on_loopback_takes_the_proxy_but_the_return_address_does_not() -> None:
    options = proxy_options(
        ProxyDecision("http://127.0.0.1:3128", "settings"),
        "https://127.0.0.1:4443/api/oauth2/authorize?client_id=c&state=s",
        "http://127.0.0.1:8765/callback",
    )
    assert chromium_proxy_flags(options) == [
        "--proxy-server=http://127.0.0.1:3128",
        "--proxy-bypass-list=<-loopback>;127.0.0.1:8765",
    ]
    v6 = proxy_options(
        ProxyDecision("http://127.0.0.1:3128", "settings"),
        "http://[::1]:4443/authorize",
        "http://[::1]:8765/callback",
    )
    assert v6["bypass"] == ["<-loopback>", "[::1]:8765"]


def test_no_password_ever_reaches_a_switch() -> None:
    decision = ProxyDecision(
        "http://proxy.example.com:3128",
        "environment",
        credentials=ProxyCredentials(PROXY_USER, PROXY_PASSWORD),
    )
    options = proxy_options(decision, "https://account.box.com/x", "http://127.0.0.1:1/c")
    assert PROXY_PASSWORD not in json.dumps(options)
    assert PROXY_PASSWORD not in " ".join(chromium_proxy_flags(options))
    assert chromium_proxy_flags({"mode": "fixed", "server": "http://u:p@proxy:1"}) == []
    assert chromium_bypass_rules(["a b", "ok.example"]) == ["ok.example", "*.ok.example"]


def test_start_options_use_the_token_calls_decision_and_a_kept_password(
    keyring_store: KeyringStore,
) -> None:
    settings = parse_settings(
        {"client_id": "c", "client_secret": "s", "proxy": "http://127.0.0.1:3128"}
    )
    network = Network(settings.network, environ={})
    passwords = ProxyPasswords(keyring_store.backend)
    web = WebNetwork(settings, lambda: network, passwords)
    authorize = "https://account.box.com/api/oauth2/authorize?client_id=c&state=s"
    options = web.start_options(authorize, "http://127.0.0.1:8765/callback")
    assert options["proxy"]["mode"] == "fixed"
    assert options["proxy"]["server"] == "http://127.0.0.1:3128"
    assert "proxy_credentials" not in options
    assert options["box_hosts"] == [["account.box.com", 443], ["api.box.com", 443]]
    try:
        # Kept (the person ticked "Remember"): the page and the token calls both get it.
        web.use_credentials(ProxyCredentials(PROXY_USER, PROXY_PASSWORD), remember=True)
        stored = keyring_store.backend.get_password(PROXY_PASSWORD_SERVICE, "127.0.0.1:3128")
        assert stored is not None
        assert PROXY_PASSWORD in stored
        fresh = Network(settings.network, environ={})
        web = WebNetwork(settings, lambda: fresh, passwords)
        options = web.start_options(authorize, "http://127.0.0.1:8765/callback")
        assert options["proxy_credentials"] == {"user": PROXY_USER, "password": PROXY_PASSWORD}
        given = fresh.proxy_for(authorize).credentials
        assert given is not None
        assert (given.user, given.password) == (PROXY_USER, PROXY_PASSWORD)
        assert PROXY_PASSWORD not in repr(PageNetwork.from_options(options))
        # Not kept this time: what was kept goes.
        web.use_credentials(ProxyCredentials(PROXY_USER, "other"), remember=False)
        assert keyring_store.backend.get_password(PROXY_PASSWORD_SERVICE, "127.0.0.1:3128") is None
    finally:
        passwords.forget("127.0.0.1:3128")


# --- ca_bundle for the page (no Qt) -------------------------------------------------------------


def _chain(ca: trustme.CA, *names: str) -> list[bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    leaf = ca.issue_cert(*names)
    return [
        x509.load_pem_x509_certificate(pem.bytes()).public_bytes(Encoding.DER)
        for pem in leaf.cert_chain_pems
    ]


def test_a_chain_is_trusted_only_up_to_the_bundle_for_the_right_name_and_time(
    company_ca: trustme.CA, ca_file: Path
) -> None:
    assert chain_verifies(_chain(company_ca, "127.0.0.1", "localhost"), "127.0.0.1", ca_file)
    assert chain_verifies(_chain(company_ca, "account.box.com"), "account.box.com", ca_file)
    # Through an intermediate the server sends along.
    intermediate = company_ca.create_child_ca()
    assert chain_verifies(_chain(intermediate, "account.box.com"), "account.box.com", ca_file)
    # The name must match, the dates must hold, the issuer must be in the bundle.
    assert not chain_verifies(_chain(company_ca, "evil.example"), "account.box.com", ca_file)
    too_early = datetime.datetime(1999, 1, 1, tzinfo=datetime.UTC)
    assert not chain_verifies(
        _chain(company_ca, "account.box.com"), "account.box.com", ca_file, now=too_early
    )
    stranger = trustme.CA()
    assert not chain_verifies(_chain(stranger, "account.box.com"), "account.box.com", ca_file)
    assert not chain_verifies([], "account.box.com", ca_file)
    assert not chain_verifies([b"not a certificate"], "account.box.com", ca_file)


# --- what a load failure means (no Qt) ----------------------------------------------------------


def test_load_failures_are_told_apart() -> None:
    assert classify_load_error(-105, "ConnectionErrorDomain") is Problem.DNS
    assert classify_load_error(-102, "ConnectionErrorDomain") is Problem.REFUSED
    assert classify_load_error(-118, "ConnectionErrorDomain") is Problem.TIMEOUT
    assert classify_load_error(-130, "ConnectionErrorDomain") is Problem.PROXY_UNREACHABLE
    assert classify_load_error(-111, "ConnectionErrorDomain", proxy=True) is Problem.PROXY_REFUSED
    assert classify_load_error(-202, "CertificateErrorDomain") is Problem.CERTIFICATE
    assert classify_load_error(-375, "HttpErrorDomain", proxy_auth_asked=True) is Problem.PROXY_AUTH
    # Box's own answers (a 404, a 500 page) and stopped navigations stay as they are.
    assert classify_load_error(404, "HttpStatusCodeDomain") is None
    assert classify_load_error(-3, "InternalErrorDomain") is None


def test_the_error_page_says_what_happened_without_the_address() -> None:
    problem = PageProblem(Problem.REFUSED, "account.box.com", -102)
    page = error_page_html(problem)
    assert "account.box.com refused the connection" in page
    for button_id in ("retry", "check", "browser"):
        assert f'id="{button_id}"' in page
    assert ">Try again<" in page
    assert ">Check my setup<" in page
    assert ">Open in my browser instead<" in page
    assert "client_id" not in page
    assert "state" not in page
    assert "?" not in page.split("<style>")[0]
    assert page_action("https://box-login.invalid/retry?") == "retry"
    assert page_action("https://box-login.invalid/other") is None
    assert page_action("https://account.box.com/retry") is None
    failure = PageProblem(Problem.DNS, "account.box.com", -105).failure()
    assert failure.is_a(HostNotFoundError)
    assert "could not find account.box.com" in failure.message
    proxied = PageProblem(
        Problem.PROXY_AUTH, "account.box.com", -375, "127.0.0.1:3128", "named by the settings"
    )
    assert "127.0.0.1:3128" in proxied.body
    assert proxied.failure().is_a(ProxyError)


# --- the window's decision (no Qt) --------------------------------------------------------------


def test_giving_up_on_a_page_that_did_not_load_reports_why(
    tmp_path: Path, box_settings: Settings
) -> None:
    h = Harness(box_settings, tmp_path)
    h.open_and_start()
    h.controller.begin_sign_in()
    problem = PageProblem(Problem.REFUSED, "account.box.com", -102).failure()
    h.controller.sign_in_page_failed(problem)
    assert "did not load" in h.view.status
    h.controller.cancel_sign_in()
    h.tasks.run("sign-in")
    name, failure = h.events.seen[-1]
    assert name == "sign_in_failed"
    assert failure.is_a(RefusedConnectionError)
    assert h.view.calls[-1][0] == "show_failure" or any(
        c[0] == "show_failure" and c[1] is failure for c in h.view.calls
    )
    # The next sign-in starts clean: a plain cancel is a cancel again.
    h.controller.begin_sign_in()
    h.controller.sign_in_page_failed(problem)
    h.controller.sign_in_page_failed(None)  # a page loaded after all
    h.controller.cancel_sign_in()
    h.tasks.run("sign-in")
    assert h.events.seen[-1][1].is_a(SignInCancelledError)


# --- the window, for real ---------------------------------------------------------------------


def company_settings(sandbox: TestSandbox, **keys: Any) -> Settings:
    return parse_settings({**sandbox.client_settings(), **keys})


@pytest.fixture
def https_sandbox(
    sandbox_factory: Callable[..., TestSandbox], company_ca: trustme.CA
) -> TestSandbox:
    """The sandbox over HTTPS, its certificate from the company CA (trusted by no store)."""
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris, ssl_context=server_context(company_ca))
    assert sandbox.url.startswith("https://")
    return sandbox


def open_sign_in(qtbot: Any, window: MainWindow) -> SignInWindow:
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    with qtbot.waitSignal(window.sign_in_opened, timeout=10_000) as opened:
        qtbot.mouseClick(window.connect_button, Qt.MouseButton.LeftButton)
    signin = opened.args[0]
    assert isinstance(signin, SignInWindow)
    return signin


def page_js(qtbot: Any, signin: SignInWindow, script: str, timeout: float = 20.0) -> Any:
    """``run_js``, asked again when Chromium drops the question (it never answers a script
    sent while the page is being replaced, as it is when the error page takes its place)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return ask(qtbot, lambda done: signin.run_js(script, done), timeout=2000)
        except pytestqt.exceptions.TimeoutError:
            if time.monotonic() > deadline:
                raise


def click_on_page(qtbot: Any, signin: SignInWindow, button_id: str) -> None:
    """Click a button of the error page (after the script has answered: it navigates)."""
    script = f"setTimeout(() => document.getElementById({button_id!r}).click(), 0); true"
    assert run_js(qtbot, signin, script) is True


def wait_for_error_page(qtbot: Any, signin: SignInWindow, timeout: int = 20_000) -> str:
    """The page's HTML once Box Login's own error page is shown."""
    qtbot.waitUntil(lambda: signin.page_problem is not None, timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    script = (
        "document.querySelector('main[data-problem] #retry') !== null "
        "&& document.readyState === 'complete'"
    )
    while page_js(qtbot, signin, script) is not True:
        assert time.monotonic() < deadline, "the error page never appeared"
        qtbot.wait(50)
    html = page_js(qtbot, signin, "document.documentElement.outerHTML")
    assert isinstance(html, str)
    return html


def copy_screenshot(path: Path, name: str) -> None:
    """With ``BOX_LOGIN_UPDATE_SCREENSHOTS=1``, also keep the screenshot as the README's
    (resources/screenshots/NAME); a plain test run leaves them alone."""
    if os.environ.get("BOX_LOGIN_UPDATE_SCREENSHOTS") == "1" and SCREENSHOTS.is_dir():
        shutil.copyfile(path, SCREENSHOTS / name)


def test_the_page_goes_through_the_proxy_and_trusts_ca_bundle(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    https_sandbox: TestSandbox,
    ca_file: Path,
    proxy_factory: Callable[..., Proxy],
) -> None:
    proxy = proxy_factory()
    settings = company_settings(https_sandbox, proxy=proxy.url, ca_bundle=str(ca_file))
    window = make_window(settings)
    signin = open_sign_in(qtbot, window)
    wait_for_element(qtbot, signin, "#login-page form", timeout=30_000)
    # The page came through the proxy (a tunnel to the sandbox) before any token call.
    tunnel = f"CONNECT 127.0.0.1:{https_sandbox.port}"
    assert tunnel in proxy.wait_for(tunnel)
    assert https_sandbox.requests_to(TOKEN_PATH) == []
    shoot(qtbot, signin, "company-1-through-proxy", min_colours=8)
    log_in(qtbot, signin)
    with qtbot.waitSignal(window.connected, timeout=20_000):
        decide(qtbot, signin, "grant")
    # The callback reached Box Login directly, not through the proxy: once the sign-in
    # window's process has ended (its connections closed, so proxy.py has written every
    # line), the proxy never saw the return address.
    qtbot.waitUntil(lambda: window.signin_window is None, timeout=15_000)
    redirect_port = https_sandbox.redirect_uris[0].rsplit(":", 1)[1].split("/")[0]
    assert f":{redirect_port}" not in proxy.log()
    assert tunnel in proxy.log()


def test_without_ca_bundle_the_page_is_refused_in_plain_words(
    qtbot: Any, make_window: Callable[..., MainWindow], https_sandbox: TestSandbox
) -> None:
    window = make_window(company_settings(https_sandbox, proxy="none"))
    signin = open_sign_in(qtbot, window)
    html = wait_for_error_page(qtbot, signin)
    assert 'data-problem="certificate"' in html
    assert "This may not really be Box" in html
    qtbot.waitUntil(lambda: signin.message_level == "error", timeout=10_000)
    assert "security certificate could not be verified" in signin.message_text
    shoot(qtbot, signin, "company-2-certificate-refused", min_colours=8)
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000) as failed:
        click(qtbot, signin, "cancel")
    assert failed.args[0].is_a(CertificateVerificationError)
    assert "security certificate" in window.message.text


def test_ca_bundle_makes_the_https_page_load(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    https_sandbox: TestSandbox,
    ca_file: Path,
) -> None:
    window = make_window(company_settings(https_sandbox, proxy="none", ca_bundle=str(ca_file)))
    signin = open_sign_in(qtbot, window)
    wait_for_element(qtbot, signin, "#login-page form", timeout=30_000)
    assert signin.message_level != "error"
    assert signin.address is not None
    assert signin.address[2] != "Not secure"
    log_in(qtbot, signin)
    with qtbot.waitSignal(window.connected, timeout=20_000):
        decide(qtbot, signin, "grant")


def _secrets_in(text: str, sandbox: TestSandbox, settings: Settings) -> list[str]:
    return [
        secret
        for secret in (sandbox.client_id, settings.client_secret, "client_id", "state=")
        if secret in text
    ]


@pytest.mark.parametrize(
    ("where", "kind", "error", "words"),
    [
        ("refused", "refused", RefusedConnectionError, "refused the connection"),
        ("dns", "dns", HostNotFoundError, "could not find box-login-test.invalid"),
    ],
)
def test_box_unreachable_shows_box_logins_own_page(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox: TestSandbox,
    where: str,
    kind: str,
    error: type[BaseException],
    words: str,
) -> None:
    oauth_2_url = (
        f"http://127.0.0.1:{free_port()}/api/oauth2"
        if where == "refused"
        else "https://box-login-test.invalid/api/oauth2"
    )
    settings = company_settings(sandbox, oauth_2_url=oauth_2_url, proxy="none")
    opener = RecordingOpener()
    window = make_window(settings, opener=opener)
    signin = open_sign_in(qtbot, window)
    html = wait_for_error_page(qtbot, signin)
    assert f'data-problem="{kind}"' in html
    assert words in html
    assert _secrets_in(html, sandbox, settings) == []
    for name in ("retry", "check", "browser"):
        assert run_js(qtbot, signin, f"document.getElementById('{name}') !== null") is True
    page_url = ask(qtbot, signin.current_url)
    assert "client_id" not in page_url
    assert "state" not in page_url
    assert signin.address is not None
    assert "?" not in signin.address[0]
    assert "did not load" in window.statusBar().currentMessage()
    path = shoot(qtbot, signin, f"unreachable-{where}-1-error-page", min_colours=8)
    if where == "refused":
        copy_screenshot(path, "signin-error-page.png")

    # Try again: the same page again (Box is still not there).
    run_js(qtbot, signin, "document.body.setAttribute('data-old', '1'); true")
    click_on_page(qtbot, signin, "retry")
    qtbot.waitUntil(
        lambda: page_js(qtbot, signin, "document.body.hasAttribute('data-old')") is False,
        timeout=20_000,
    )
    assert f'data-problem="{kind}"' in wait_for_error_page(qtbot, signin)

    # Check my setup opens the doctor's list in the main window.
    click_on_page(qtbot, signin, "check")
    qtbot.waitUntil(lambda: getattr(window, "doctor_dialog", None) is not None, timeout=10_000)
    doctor = window.doctor_dialog
    assert doctor is not None
    qtbot.waitUntil(lambda: not doctor.running, timeout=20_000)
    verdicts = {str(row.result.verdict) for row in doctor.rows}
    assert "problem" in verdicts  # Box's sign-in address does not answer
    assert all(row.fix is not None for row in doctor.rows if str(row.result.verdict) == "problem")
    path = shoot(qtbot, doctor, f"unreachable-{where}-doctor")
    if where == "refused":
        copy_screenshot(path, "check-my-setup-problems.png")
    doctor.close()

    # Giving up now: the main window says what really happened, not "cancelled".
    with qtbot.waitSignal(window.sign_in_failed, timeout=10_000) as failed:
        click(qtbot, signin, "cancel")
    failure = failed.args[0]
    assert failure.is_a(error)
    assert words in window.message.text
    assert "cancelled" not in window.statusBar().currentMessage()
    assert _secrets_in(window.message.text + failure.details, sandbox, settings) == []
    shoot(qtbot, window, f"unreachable-{where}-2-main-window")


def test_open_in_browser_from_the_error_page(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox
) -> None:
    settings = company_settings(
        sandbox, oauth_2_url=f"http://127.0.0.1:{free_port()}/api/oauth2", proxy="none"
    )
    opener = RecordingOpener()
    window = make_window(settings, opener=opener)
    signin = open_sign_in(qtbot, window)
    wait_for_error_page(qtbot, signin)
    with qtbot.waitSignal(signin.handed_off, timeout=10_000):
        click_on_page(qtbot, signin, "browser")
    assert opener.urls == [window.controller.flow.authorize_url]  # type: ignore[union-attr]
    assert signin.page_problem is None  # the person went on in the browser


def test_a_proxy_that_wants_a_password_is_asked_for_one(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    https_sandbox: TestSandbox,
    ca_file: Path,
    proxy_factory: Callable[..., Proxy],
    keyring_store: KeyringStore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    proxy = proxy_factory(basic_auth=f"{PROXY_USER}:{PROXY_PASSWORD}")
    settings = company_settings(https_sandbox, proxy=proxy.url, ca_bundle=str(ca_file))
    window = make_window(settings)
    signin = open_sign_in(qtbot, window)
    try:
        html = wait_for_error_page(qtbot, signin, timeout=30_000)
        assert 'data-problem="proxy_auth"' in html
        qtbot.waitUntil(lambda: signin.proxy_dialog is not None, timeout=10_000)
        dialog = signin.proxy_dialog
        from gui.proxy_dialog import ProxyCredentialsDialog

        assert isinstance(dialog, ProxyCredentialsDialog)
        qtbot.waitExposed(dialog)
        assert dialog.remember.isChecked() is False  # kept only when the person says so
        assert f"127.0.0.1:{proxy.port}" in dialog.text.text()
        shoot(qtbot, dialog, "company-3-proxy-password")
        # A wrong password first: the page says so and the dialog asks again.
        dialog.user.setText(PROXY_USER)
        dialog.password.setText("wrong")
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

        def refused() -> bool:
            problem = signin.page_problem
            return problem is not None and problem.credentials_refused

        qtbot.waitUntil(refused, timeout=30_000)
        qtbot.waitUntil(lambda: signin.proxy_dialog is not None, timeout=10_000)
        html = wait_for_error_page(qtbot, signin, timeout=30_000)
        assert "did not accept" in html
        dialog = signin.proxy_dialog
        assert isinstance(dialog, ProxyCredentialsDialog)
        assert "did not accept" in dialog.title.text()
        assert dialog.user.text() == PROXY_USER  # kept: only the password is typed again
        dialog.user.setText(PROXY_USER)
        dialog.password.setText(PROXY_PASSWORD)
        dialog.remember.setChecked(True)
        dialog.buttons.buttons()[0].click()
        wait_for_element(qtbot, signin, "#login-page form", timeout=30_000)
        log_in(qtbot, signin)
        with qtbot.waitSignal(window.connected, timeout=20_000):
            decide(qtbot, signin, "grant")
        tunnel = f"CONNECT 127.0.0.1:{https_sandbox.port}"
        assert tunnel in proxy.wait_for(tunnel)
        # Kept in the password store, as an entry of its own.
        passwords = ProxyPasswords(keyring_store.backend)
        kept = passwords.load(f"127.0.0.1:{proxy.port}")
        assert kept is not None
        assert (kept.user, kept.password) == (PROXY_USER, PROXY_PASSWORD)
        assert keyring_store.load("default") is not None
        for record in caplog.records:
            assert PROXY_PASSWORD not in record.getMessage()
    finally:
        ProxyPasswords(keyring_store.backend).forget(f"127.0.0.1:{proxy.port}")


# --- Help → Check my setup ----------------------------------------------------------------------


def test_check_my_setup_lists_the_checks_and_copies_a_report_without_secrets(
    qtbot: Any, make_window: Callable[..., MainWindow], sandbox: TestSandbox, tmp_path: Path
) -> None:
    config = tmp_path / "settings" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps(sandbox.client_settings()), encoding="utf-8")
    settings = read_settings_file(config)
    window = make_window(settings)
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    assert window.doctor_action.text() == "&Check my setup…"
    assert window.doctor_action in window.help_menu.actions()
    window.doctor_action.trigger()
    dialog = window.doctor_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.checks_done, timeout=20_000) as done:
        pass
    results = done.args[0]
    names = dialog.result_names()
    assert names == [r.name for r in results]
    for expected in ("settings", "redirect_ports", "password_store", "proxy", "dns"):
        assert expected in names
    assert "authorize_endpoint" in names
    assert "box_app" in names
    for row in dialog.rows:
        assert row.accessibleName().startswith(row.result.title)
        assert row.focusPolicy() & Qt.FocusPolicy.TabFocus
    for control in (dialog.run_again_button, dialog.copy_button, dialog.close_button):
        assert control.accessibleName() == control.text()
        assert control.isEnabled()
    # The settings file the window uses (named as --config would: not the usual place).
    assert dialog.rows[0].result.name == "settings"
    assert "config.json" in dialog.rows[0].summary.text()
    path = shoot(qtbot, dialog, "doctor-1-check-my-setup")
    copy_screenshot(path, "check-my-setup.png")

    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.startswith("Box Login ")
    assert "Check my setup" in text
    assert all(r.title in text for r in results)
    assert sandbox.client_secret not in text
    assert "The report is on the clipboard." in dialog.status.text()

    # Run again: the list empties and fills again; the keyboard gets the results.
    with qtbot.waitSignal(dialog.checks_done, timeout=20_000):
        qtbot.mouseClick(dialog.run_again_button, Qt.MouseButton.LeftButton)
        assert dialog.running
        assert not dialog.run_again_button.isEnabled()
    assert dialog.result_names() == names
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.doctor_dialog is None, timeout=5000)


def test_advanced_server_keys_take_the_settings_proxy(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    sandbox: TestSandbox,
    proxy_factory: Callable[..., Proxy],
) -> None:
    proxy = proxy_factory()
    window = make_window(company_settings(sandbox, proxy=proxy.url))
    qtbot.waitUntil(lambda: window.current_page() == "connect", timeout=10_000)
    window.advanced_action.trigger()
    dialog = window.advanced_dialog
    qtbot.waitExposed(dialog)
    dialog.ccg_subject_id.setText(sandbox.enterprise_id)
    with qtbot.waitSignal(dialog.token_received, timeout=10_000) as got:
        qtbot.mouseClick(dialog.ccg_button, Qt.MouseButton.LeftButton)
    assert sandbox.is_access_token_active(got.args[1].access_token)
    line = f"POST 127.0.0.1:{sandbox.port}{TOKEN_PATH}"
    assert line in proxy.wait_for(line)
    dialog.close()
