"""Box Login on a company network, with real parts: a test certificate authority (``trustme``)
playing the company CA that inspects secure connections, the sandbox served over HTTPS, a real
HTTP proxy (``proxy.py``, with and without a password), a PAC file served over loopback and
evaluated by ``pypac``, and GNOME's real proxy settings (``gsettings`` with GLib's keyfile
backend in a private folder).

The command line runs as a person runs it (``python main.py --config … login --no-browser``)
against the sandbox and the test session's real GNOME Keyring. The company CA reaches the
"operating system's store" the way OpenSSL (and so ``truststore``) reads it on Linux:
``SSL_CERT_FILE`` in the child's environment.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography import x509
from cryptography.x509.oid import NameOID

from core.errors import (
    CertificateVerificationError,
    HostNotFoundError,
    NetworkError,
    ProxyAuthenticationRequiredError,
    ProxyError,
    RefusedConnectionError,
    RequestTimeoutError,
    TLSError,
)
from core.network import Network, NetworkSettings, ProxyCredentials, ProxyDecision
from core.oauth import AuthorizationManager, BaseUrls
from core.settings import SettingsFileError, parse_settings, read_settings_file
from core.store import KeyringStore, open_store
from tests.netutil import free_port, free_ports, serving
from tests.plugin_cli import TOKEN_PATH, Cli, base_env, make_config
from tests.sandbox_harness import TestSandbox, complete_authorization

ROOT = Path(__file__).resolve().parent.parent
ORGANISATION = "Example Corp Inspection"
CLIENT_SECRET = "s3cret-client-secret"
REFRESH_TOKEN = "r3fresh-token-value"
PROXY_USER = "ada"
PROXY_PASSWORD = "pr0xy-p@ss:word"  # "@" and ":" must survive the trip through a URL


# --- a company CA, HTTPS servers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def company_ca() -> trustme.CA:
    """The CA a TLS-inspecting company proxy would sign with."""
    return trustme.CA(organization_name=ORGANISATION)


@pytest.fixture(scope="module")
def ca_file(company_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "company-ca.pem"
    company_ca.cert_pem.write_to_path(str(path))
    return path


def issuer_words(ca: trustme.CA) -> tuple[str, str]:
    """What the message must name: the CA's organisation and its unit (trustme sets no CN)."""
    cert = x509.load_pem_x509_certificate(ca.cert_pem.bytes())
    org = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    unit = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value
    return str(org), str(unit)


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


TOKEN_ANSWER = {
    "access_token": "an-access-token",
    "expires_in": 3600,
    "token_type": "bearer",
    "refresh_token": "a-new-refresh-token",
}


class _TokenHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps(TOKEN_ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that rejects our certificate hangs up: expected here


@pytest.fixture
def token_server(company_ca: trustme.CA) -> Iterator[str]:
    """A tiny token endpoint over HTTPS with a company-CA certificate; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), _TokenHandler)
    server.socket = server_context(company_ca).wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def refresh(base_url: str, network: NetworkSettings | Network | None = None, **kw: Any) -> Any:
    auth = AuthorizationManager(BaseUrls(base_url=base_url), network=network, **kw)
    try:
        return auth.refresh_access_token("client-id", CLIENT_SECRET, REFRESH_TOKEN)
    finally:
        auth.close()


def assert_plain(error: BaseException) -> None:
    """No raw library text, no secret, in what a person reads."""
    text = f"{error} {error.details() if hasattr(error, 'details') else ''}"
    for raw in (
        "CERTIFICATE_VERIFY_FAILED",
        "SSLError",
        "HTTPSConnectionPool",
        "Max retries",
        "Errno",
        "Traceback",
        CLIENT_SECRET,
        REFRESH_TOKEN,
        PROXY_PASSWORD,
    ):
        assert raw not in text, (raw, text)


# --- a real proxy (proxy.py) -------------------------------------------------------------------


@dataclass
class Proxy:
    port: int
    log_file: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        """The log once it holds ``text`` (proxy.py writes its access line after the reply)."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log()
            if text in log or time.monotonic() > deadline:
                return log
            time.sleep(0.05)


@pytest.fixture
def proxy_factory(tmp_path: Path) -> Iterator[Callable[..., Proxy]]:
    """Start ``proxy.py`` on a free loopback port (optionally with ``--basic-auth``)."""
    started: list[Proxy] = []

    def start(*, basic_auth: str | None = None) -> Proxy:
        folder = tmp_path / f"proxy-{len(started)}"
        folder.mkdir()
        port_file, log_file = folder / "port", folder / "proxy.log"
        argv = [
            sys.executable,
            "-m",
            "proxy",
            "--hostname",
            "127.0.0.1",
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "--log-file",
            str(log_file),
            "--num-workers",
            "1",
            "--num-acceptors",
            "1",
        ]
        if basic_auth is not None:
            argv += ["--basic-auth", basic_auth]
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder
        )
        deadline = time.monotonic() + 20
        port = 0
        while time.monotonic() < deadline and process.poll() is None:
            text = port_file.read_text().strip() if port_file.exists() else ""
            if text.isdigit():
                port = int(text)
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    pass
            time.sleep(0.05)
        else:
            process.kill()
            pytest.fail("proxy.py did not start")
        proxy = Proxy(port, log_file, process)
        started.append(proxy)
        return proxy

    try:
        yield start
    finally:
        for proxy in started:
            proxy.process.terminate()
            try:
                proxy.process.wait(10)
            except subprocess.TimeoutExpired:
                proxy.process.kill()
                proxy.process.wait(10)


# --- a PAC file over loopback, GNOME's settings ------------------------------------------------


@pytest.fixture
def pac_server() -> Iterator[Callable[[str], str]]:
    """``serve(script)`` serves a PAC file on loopback and returns its URL."""

    def serve(script: str) -> str:
        body = script.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ns-proxy-autoconfig")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = servers.enter_context(serving(Handler))
        return f"http://127.0.0.1:{server.server_address[1]}/proxy.pac"

    with contextlib.ExitStack() as servers:
        yield serve


needs_gsettings = pytest.mark.skipif(
    shutil.which("gsettings") is None or sys.platform in ("win32", "darwin"),
    reason="GNOME's gsettings is not installed (Debian: libglib2.0-bin)",
)


def gnome_environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """An environment whose GNOME proxy settings are ``values`` (schema suffix ``.key``:
    ``mode``, ``autoconfig-url``, ``https.host``, ...), kept by GLib's keyfile backend in a
    private folder, set with the real ``gsettings``."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["GSETTINGS_BACKEND"] = "keyfile"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "gnome-config")
    for name, value in values.items():
        schema, _, key = name.rpartition(".")
        full = "org.gnome.system.proxy" + (f".{schema}" if schema else "")
        subprocess.run(["gsettings", "set", full, key, value], env=env, check=True, timeout=10)
    return env


# --- the proxy decision ------------------------------------------------------------------------


def test_proxy_none_and_proxy_from_settings() -> None:
    env = {"HTTPS_PROXY": "http://elsewhere:8080"}
    assert Network(NetworkSettings(proxy="none"), environ=env).proxy_for(
        "https://api.box.com/oauth2/token"
    ) == ProxyDecision(None, "none")
    decision = Network(NetworkSettings(proxy="http://proxy.corp:3128"), environ=env).proxy_for(
        "https://api.box.com/oauth2/token"
    )
    assert decision == ProxyDecision("http://proxy.corp:3128", "settings")
    assert decision.proxy == "proxy.corp:3128"
    assert decision.requests_proxies() == {
        "http": "http://proxy.corp:3128",
        "https": "http://proxy.corp:3128",
    }
    assert 'named by "proxy" in Box Login\'s settings' in decision.describe()


def test_proxy_from_environment_honours_no_proxy() -> None:
    env = {
        "HTTPS_PROXY": "proxy.corp:3128",  # no scheme: http is meant
        "http_proxy": "http://plain.corp:80",
        "NO_PROXY": "internal.example, .box.test,10.0.0.0/8, [::1], localhost:8443",
    }
    network = Network(environ=env)

    def way(url: str) -> str | None:
        return network.proxy_for(url).url

    assert way("https://api.box.com/oauth2/token") == "http://proxy.corp:3128"
    assert way("http://api.box.com/") == "http://plain.corp:80"
    assert way("https://internal.example/") is None
    assert way("https://sso.internal.example/") is None
    assert way("https://box.test/") is None
    assert way("https://api.box.test/") is None
    assert way("https://10.1.2.3/") is None
    assert way("https://[::1]:9000/") is None
    assert way("https://localhost:8443/") is None
    assert way("https://localhost:9443/") == "http://proxy.corp:3128"
    assert way("https://notinternal.example/") == "http://proxy.corp:3128"
    direct = network.proxy_for("https://10.1.2.3/")
    assert direct.source == "environment"
    assert direct.note == "the address is in NO_PROXY"
    assert Network(environ=env | {"no_proxy": "*"}).proxy_for("https://api.box.com/").url is None


def test_lower_case_environment_variables_win_as_in_urllib() -> None:
    env = {"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:2"}
    assert Network(environ=env).proxy_for("https://api.box.com/").url == "http://lower:2"


def test_credentials_come_from_the_environment_variable_for_the_same_proxy_only() -> None:
    from urllib.parse import quote

    secret = quote(PROXY_PASSWORD, safe="")
    env = {"HTTPS_PROXY": f"http://{PROXY_USER}:{secret}@proxy.corp:3128"}
    same = Network(NetworkSettings(proxy="http://proxy.corp:3128"), environ=env)
    decision = same.proxy_for("https://api.box.com/oauth2/token")
    assert decision.credentials == ProxyCredentials(PROXY_USER, PROXY_PASSWORD)
    assert decision.url == "http://proxy.corp:3128"  # never with the password
    assert PROXY_PASSWORD not in repr(decision)
    assert secret not in repr(decision)
    assert PROXY_PASSWORD not in decision.describe()
    assert decision.requests_proxies()["https"] == (f"http://{PROXY_USER}:{secret}@proxy.corp:3128")
    other = Network(NetworkSettings(proxy="http://other.corp:3128"), environ=env)
    assert other.proxy_for("https://api.box.com/").credentials is None
    given = ProxyCredentials("typed", "in-the-window", origin="typed into the window")
    window = Network(NetworkSettings(proxy="http://other.corp:3128"), credentials=given, environ={})
    assert window.proxy_for("https://api.box.com/").credentials == given


def test_unusable_environment_proxy_goes_direct_with_a_note() -> None:
    decision = Network(environ={"HTTPS_PROXY": "socks5://proxy.corp:1080"}).proxy_for(
        "https://api.box.com/"
    )
    assert decision.url is None
    assert decision.source == "environment"
    assert decision.note is not None
    assert "socks5" in decision.note


def test_nothing_configured_means_direct(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path)}  # no gsettings either
    decision = Network(environ=env).proxy_for("https://api.box.com/")
    assert decision == ProxyDecision(None, "default")
    assert decision.describe() == "a direct connection (no proxy is configured)"


@needs_gsettings
def test_gnome_manual_proxy_and_its_ignore_hosts(tmp_path: Path) -> None:
    env = gnome_environment(
        tmp_path,
        **{
            "mode": "manual",
            "https.host": "gnome-proxy.corp",
            "https.port": "3128",
            "http.host": "gnome-plain.corp",
            "http.port": "8080",
            "ignore-hosts": "['localhost', '127.0.0.0/8', '*.intranet.corp']",
        },
    )
    network = Network(environ=env)
    assert network.proxy_for("https://api.box.com/") == ProxyDecision(
        "http://gnome-proxy.corp:3128", "gnome"
    )
    assert network.proxy_for("http://api.box.com/").url == "http://gnome-plain.corp:8080"
    assert network.proxy_for("https://127.0.0.1:8443/").url is None
    assert network.proxy_for("https://wiki.intranet.corp/").url is None
    assert "GNOME's network proxy settings" in network.proxy_for("https://x/").describe()
    # The environment, when it names a proxy for the scheme, comes first.
    env_first = Network(environ=env | {"HTTPS_PROXY": "http://env-proxy:1"})
    assert env_first.proxy_for("https://api.box.com/").source == "environment"


@needs_gsettings
def test_gnome_automatic_mode_uses_the_pac_file(
    tmp_path: Path, pac_server: Callable[[str], str]
) -> None:
    pac_url = pac_server(
        "function FindProxyForURL(url, host) {\n"
        '  if (dnsDomainIs(host, "api.box.com"))\n'
        '    return "SOCKS5 s.corp:1080; PROXY pac-proxy.corp:3128";\n'
        '  if (shExpMatch(url, "*://account.box.com/*")) return "PROXY other.corp:8080";\n'
        '  return "DIRECT";\n'
        "}\n"
    )
    env = gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    network = Network(environ=env)
    decision = network.proxy_for("https://api.box.com/oauth2/token")
    # SOCKS is skipped for the file's next choice.
    assert decision == ProxyDecision("http://pac-proxy.corp:3128", f"pac:{pac_url}")
    assert pac_url in decision.describe()
    assert network.proxy_for("https://account.box.com/api/oauth2/authorize").url == (
        "http://other.corp:8080"
    )
    assert network.proxy_for("https://example.org/") == ProxyDecision(None, f"pac:{pac_url}")


@needs_gsettings
def test_a_pac_file_that_cannot_be_fetched_means_direct_with_a_note(tmp_path: Path) -> None:
    pac_url = f"http://127.0.0.1:{free_port()}/proxy.pac"
    env = gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    decision = Network(environ=env).proxy_for("https://api.box.com/")
    assert decision.url is None
    assert decision.source == f"pac:{pac_url}"
    assert decision.note is not None
    assert "could not be used" in decision.note


@needs_gsettings
def test_a_broken_pac_file_means_direct_with_a_note(
    tmp_path: Path, pac_server: Callable[[str], str]
) -> None:
    pac_url = pac_server("function FindProxyForURL(url, host) { return undefinedThing(); }")
    env = gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    decision = Network(environ=env).proxy_for("https://api.box.com/")
    assert decision.url is None
    assert decision.note is not None


def test_a_local_pac_file(tmp_path: Path) -> None:
    pac = tmp_path / "proxy.pac"
    pac.write_text('function FindProxyForURL(url, host) { return "PROXY local.corp:9"; }')
    network = Network(environ={"PATH": str(tmp_path)})
    network._desktop = ("pac", pac.as_uri())  # as GNOME or Windows would name a file
    assert network.proxy_for("https://api.box.com/").url == "http://local.corp:9"


# --- settings: proxy and ca_bundle -------------------------------------------------------------


def settings_with(tmp_path: Path, **keys: Any) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"client_id": "cid", "client_secret": "cs"} | keys))
    return path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("system", "system"),
        ("System", "system"),
        ("none", "none"),
        (" http://proxy.corp:3128/ ", "http://proxy.corp:3128"),
        ("HTTP://Proxy.Corp:3128", "http://proxy.corp:3128"),
        ("https://proxy.corp:443", "https://proxy.corp:443"),
        ("http://[fd00::1]:3128", "http://[fd00::1]:3128"),
    ],
)
def test_proxy_setting_values(tmp_path: Path, value: str, expected: str) -> None:
    settings = read_settings_file(settings_with(tmp_path, proxy=value))
    assert settings.proxy == expected
    assert settings.network == NetworkSettings(proxy=expected)


def test_proxy_defaults_to_system_and_is_not_written_back(tmp_path: Path) -> None:
    settings = read_settings_file(settings_with(tmp_path))
    assert settings.proxy == "system"
    assert settings.ca_bundle is None
    assert "proxy" not in settings.to_dict()
    assert "ca_bundle" not in settings.to_dict()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (3128, 'must be "system", "none" or a proxy address'),
        ("", 'must be "system", "none" or a proxy address'),
        ("proxy.corp:3128", 'which is not "system", "none" or a proxy address'),
        ("socks5://proxy.corp:1080", "not a proxy address Box Login can use"),
        ("http://proxy.corp", "without a port number"),
        ("http://proxy.corp:3128/x", 'has no path, "?" or "#" part'),
        ("http://proxy.corp:99999", "not a proxy address Box Login can use"),
    ],
)
def test_bad_proxy_settings_name_file_key_and_fix(tmp_path: Path, value: Any, words: str) -> None:
    path = settings_with(tmp_path, proxy=value)
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert info.value.key == "proxy"
    assert info.value.path == path
    assert '"proxy"' in str(info.value)
    assert "config.json" in str(info.value)
    assert words in str(info.value)


def test_proxy_setting_with_a_password_is_refused_without_repeating_it(tmp_path: Path) -> None:
    path = settings_with(tmp_path, proxy="http://ada:hunter2-secret@proxy.corp:3128")
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    text = str(info.value)
    assert info.value.key == "proxy"
    assert "hunter2-secret" not in text
    assert "user name or password" in text
    assert "HTTPS_PROXY" in text


def test_ca_bundle_is_read_relative_to_the_settings_file(tmp_path: Path, ca_file: Path) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    shutil.copy(ca_file, folder / "company-ca.pem")
    settings = read_settings_file(settings_with(folder, ca_bundle="company-ca.pem"))
    assert settings.ca_bundle == folder / "company-ca.pem"
    assert settings.network.ca_bundle == folder / "company-ca.pem"
    again = parse_settings(settings.to_dict(), source=tmp_path / "elsewhere.json")
    assert again.ca_bundle == settings.ca_bundle  # written back as an absolute path


def test_bad_ca_bundles_name_file_key_and_fix(tmp_path: Path, company_ca: trustme.CA) -> None:
    (tmp_path / "text.pem").write_text("not a certificate\n")
    der = x509.load_pem_x509_certificate(company_ca.cert_pem.bytes()).public_bytes(
        __import__(
            "cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]
        ).Encoding.DER
    )
    (tmp_path / "company.cer").write_bytes(der)
    (tmp_path / "folder.pem").mkdir()
    cases = {
        "missing.pem": "does not exist",
        "text.pem": "does not hold certificates in PEM format",
        "company.cer": "openssl x509 -inform der",
        "folder.pem": "not a file",
        "": "must be the path of a certificate file",
    }
    for value, words in cases.items():
        path = settings_with(tmp_path, ca_bundle=value)
        with pytest.raises(SettingsFileError) as info:
            read_settings_file(path)
        assert info.value.key == "ca_bundle", value
        assert info.value.path == path
        assert '"ca_bundle"' in str(info.value)
        assert words in str(info.value), (value, str(info.value))


# --- trust: the system store, ca_bundle, the message -------------------------------------------


def test_an_untrusted_certificate_is_a_plain_message_naming_its_issuer(
    token_server: str, company_ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(CertificateVerificationError) as info:
        refresh(token_server, NetworkSettings())
    error = info.value
    organisation, unit = issuer_words(company_ca)
    text = str(error)
    assert organisation in text
    assert unit in text
    assert "appears to inspect secure connections" in text
    assert '"ca_bundle"' in text
    assert "certificate store" in text
    assert error.issuer is not None
    assert organisation in error.issuer
    assert error.host == "127.0.0.1"
    assert error.reason == "unable to get local issuer certificate"
    assert error.request_may_have_arrived is False
    assert error.exit_code == 5
    assert isinstance(error, TLSError)
    assert error.__cause__ is None
    assert error.__suppress_context__
    assert_plain(error)


def test_the_system_store_is_used_by_default(
    token_server: str, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Linux the system store is OpenSSL's default file, which SSL_CERT_FILE replaces.
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    network = Network()
    assert refresh(token_server, network).access_token == TOKEN_ANSWER["access_token"]
    assert network.trust == "system"


def test_ca_bundle_adds_the_company_ca(
    token_server: str, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    token = refresh(token_server, NetworkSettings(ca_bundle=ca_file))
    assert token.access_token == TOKEN_ANSWER["access_token"]


def test_a_ca_bundle_without_the_issuer_says_so(
    token_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    other = tmp_path / "other-ca.pem"
    trustme.CA(organization_name="Some Other CA").cert_pem.write_to_path(str(other))
    with pytest.raises(CertificateVerificationError) as info:
        refresh(token_server, NetworkSettings(ca_bundle=other))
    assert "other-ca.pem" in str(info.value)
    assert "does not include it" in str(info.value)
    assert ORGANISATION in str(info.value)


def test_a_ca_bundle_that_disappeared_is_a_settings_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone.pem"
    with pytest.raises(SettingsFileError) as info:
        refresh("https://127.0.0.1:9", NetworkSettings(ca_bundle=gone))
    assert info.value.key == "ca_bundle"
    assert "gone.pem" in str(info.value)


def test_hostname_mismatch_has_its_own_sentence(
    company_ca: trustme.CA, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    server = _QuietServer(("127.0.0.1", 0), _TokenHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    company_ca.issue_cert("box.example.com").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with pytest.raises(CertificateVerificationError) as info:
            refresh(
                f"https://127.0.0.1:{server.server_address[1]}", NetworkSettings(ca_bundle=ca_file)
            )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert "is for another server" in str(info.value)
    assert ORGANISATION in str(info.value)
    assert_plain(info.value)


def test_a_handshake_failure_is_a_plain_tls_error() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]

    def answer_in_plain_http() -> None:
        conn, _ = listener.accept()
        conn.recv(1024)
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        conn.close()

    thread = threading.Thread(target=answer_in_plain_http)
    thread.start()
    try:
        with pytest.raises(TLSError) as info:
            refresh(f"https://127.0.0.1:{port}", NetworkSettings(proxy="none"))
    finally:
        thread.join(5)
        listener.close()
    assert type(info.value) is TLSError
    assert "could not set up a secure connection to 127.0.0.1" in str(info.value)
    assert info.value.request_may_have_arrived is False
    assert_plain(info.value)


# --- timeouts, names, refusals -----------------------------------------------------------------


def test_a_name_that_does_not_resolve() -> None:
    # .invalid never resolves (RFC 6761).
    with pytest.raises(HostNotFoundError) as info:
        refresh("https://box-login-test.invalid", NetworkSettings(proxy="none"))
    assert "could not find box-login-test.invalid" in str(info.value)
    assert info.value.request_may_have_arrived is False
    assert info.value.exit_code == 5
    assert_plain(info.value)


def test_a_refused_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RefusedConnectionError) as info:
        refresh(
            f"http://127.0.0.1:{free_port()}", NetworkSettings(proxy="none"), sleep=lambda _: None
        )
    assert "refused the connection" in str(info.value)
    assert info.value.request_may_have_arrived is False
    assert_plain(info.value)


def test_a_connect_timeout() -> None:
    # A listener whose backlog is full drops further connection attempts: a real connect
    # timeout on loopback.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))
    try:
        with pytest.raises(RequestTimeoutError) as info:
            refresh(f"http://127.0.0.1:{port}", NetworkSettings(proxy="none"), timeout=(0.3, 1.0))
    finally:
        filler.close()
        listener.close()
    assert "could not connect to 127.0.0.1 within 0.3 seconds" in str(info.value)
    assert info.value.request_may_have_arrived is False
    assert_plain(info.value)


def test_a_read_timeout_may_have_arrived() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    try:
        with pytest.raises(RequestTimeoutError) as info:
            refresh(f"http://127.0.0.1:{port}", NetworkSettings(proxy="none"), timeout=(1.0, 0.3))
    finally:
        listener.close()
    assert "127.0.0.1 did not answer within 0.3 seconds" in str(info.value)
    assert info.value.request_may_have_arrived is True
    assert_plain(info.value)


# --- proxies, in process -----------------------------------------------------------------------


def test_token_call_through_a_proxy_with_a_password(
    token_server: str, ca_file: Path, proxy_factory: Callable[..., Proxy]
) -> None:
    proxy = proxy_factory(basic_auth=f"{PROXY_USER}:{PROXY_PASSWORD}")
    settings = NetworkSettings(proxy=proxy.url, ca_bundle=ca_file)
    with pytest.raises(ProxyAuthenticationRequiredError) as info:
        refresh(token_server, settings)
    text = str(info.value)
    assert f"The proxy server 127.0.0.1:{proxy.port}" in text
    assert "needs a user name and password" in text
    assert f"HTTPS_PROXY=http://USER:PASSWORD@127.0.0.1:{proxy.port}" in text
    assert info.value.request_may_have_arrived is False
    assert info.value.proxy == f"127.0.0.1:{proxy.port}"
    assert info.value.source == "settings"

    from urllib.parse import quote

    wrong = {"HTTPS_PROXY": f"http://{PROXY_USER}:wrong@127.0.0.1:{proxy.port}"}
    with pytest.raises(ProxyAuthenticationRequiredError) as info:
        refresh(token_server, Network(settings, environ=wrong))
    assert "did not accept the user name and password" in str(info.value)
    assert_plain(info.value)

    secret = quote(PROXY_PASSWORD, safe="")
    right = {"HTTPS_PROXY": f"http://{PROXY_USER}:{secret}@127.0.0.1:{proxy.port}"}
    assert refresh(token_server, Network(settings, environ=right)).access_token
    target = token_server.removeprefix("https://")
    assert f"CONNECT {target}" in proxy.wait_for(f"CONNECT {target}")


def test_a_proxy_that_is_not_there(token_server: str) -> None:
    port = free_port()
    with pytest.raises(ProxyError) as info:
        refresh(token_server, NetworkSettings(proxy=f"http://127.0.0.1:{port}"), max_retry_wait=0)
    assert f"The proxy server 127.0.0.1:{port}" in str(info.value)
    assert "refused the connection" in str(info.value)
    assert 'named by "proxy" in Box Login\'s settings' in str(info.value)
    assert info.value.request_may_have_arrived is False
    assert isinstance(info.value, NetworkError)
    assert_plain(info.value)


# --- the command line, end to end -------------------------------------------------------------


def network_free_env(**changes: str) -> dict[str, str]:
    """The test session's environment without any proxy or certificate-store variable."""
    env = base_env()
    for name in list(env):
        if name.lower().endswith("_proxy") or name in (
            "SSL_CERT_FILE",
            "SSL_CERT_DIR",
            "REQUESTS_CA_BUNDLE",
            "CURL_CA_BUNDLE",
        ):
            del env[name]
    env.update(changes)
    return env


@pytest.fixture
def https_cli(
    sandbox_factory: Callable[..., TestSandbox],
    tmp_path: Path,
    company_ca: trustme.CA,
    ca_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Cli]:
    """The command line against the sandbox over HTTPS, its certificate from the company CA.

    The test's scripted browser trusts the company CA (as the person's browser does on such a
    network); the command line gets no hint of it unless a test gives one.
    """
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))  # the browser's trust only
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris, ssl_context=server_context(company_ca))
    assert sandbox.url.startswith("https://")
    store = open_store()
    assert isinstance(store, KeyringStore)
    profile = f"t-{uuid.uuid4().hex[:10]}"
    try:
        yield Cli(sandbox, make_config(tmp_path / "settings", sandbox), profile, store, base_env())
    finally:
        store.delete(profile)


def with_config(cli: Cli, directory: Path, **keys: Any) -> Cli:
    return replace(cli, config=make_config(directory, cli.sandbox, **keys))


def failed_login(cli: Cli, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A sign-in the person completes in the browser, whose code exchange then fails."""
    login = cli.start_login(env=env)
    complete_authorization(login.url)
    result = login.finish()
    assert cli.stored() is None
    return result


def assert_plain_output(result: subprocess.CompletedProcess[str], *secrets: str) -> None:
    for raw in ("CERTIFICATE_VERIFY_FAILED", "Traceback", "HTTPSConnectionPool", "Errno"):
        assert raw not in result.stderr, result.stderr
    for secret in (CLIENT_SECRET, PROXY_PASSWORD, *secrets):
        assert secret not in result.stderr
        assert secret not in result.stdout


def test_company_ca_in_the_system_store_needs_no_settings_change(
    https_cli: Cli, ca_file: Path
) -> None:
    env = network_free_env(SSL_CERT_FILE=str(ca_file))  # the OS store, as OpenSSL reads it
    first = https_cli.login(env=env)
    https_cli.expire()
    result = https_cli.run("token", env=env)  # a refresh over the same path
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() not in ("", first.access_token)
    assert https_cli.sandbox.grant_count("refresh_token") == 1


def test_without_the_company_ca_sign_in_fails_naming_the_issuer(
    https_cli: Cli, company_ca: trustme.CA
) -> None:
    result = failed_login(https_cli, network_free_env())
    assert result.returncode == 5, result.stderr
    organisation, unit = issuer_words(company_ca)
    assert organisation in result.stderr
    assert unit in result.stderr
    assert "appears to inspect secure connections" in result.stderr
    assert '"ca_bundle"' in result.stderr
    assert "certificate store" in result.stderr
    assert_plain_output(result, https_cli.sandbox.client_secret)
    assert https_cli.sandbox.requests_to(TOKEN_PATH) == []  # nothing got past the handshake


def test_ca_bundle_in_the_settings_makes_it_work_again(
    https_cli: Cli, ca_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "admin-settings"
    folder.mkdir()
    shutil.copy(ca_file, folder / "company-ca.pem")
    cli = with_config(https_cli, folder, ca_bundle="company-ca.pem")
    stored = cli.login(env=network_free_env())
    assert stored.access_token


def test_token_calls_go_through_the_proxy_in_the_settings(
    https_cli: Cli, ca_file: Path, tmp_path: Path, proxy_factory: Callable[..., Proxy]
) -> None:
    proxy = proxy_factory()
    cli = with_config(https_cli, tmp_path / "proxied", proxy=proxy.url)
    env = network_free_env(SSL_CERT_FILE=str(ca_file))
    tunnel = f"CONNECT 127.0.0.1:{cli.sandbox.port}"
    cli.login(env=env)
    assert tunnel in proxy.wait_for(tunnel)
    after_login = proxy.log().count(tunnel)
    cli.expire()
    result = cli.run("token", env=env)
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10
    while proxy.log().count(tunnel) <= after_login and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proxy.log().count(tunnel) > after_login, "the refresh did not go through the proxy"
    assert cli.sandbox.grant_count("refresh_token") == 1


def test_a_proxy_that_wants_a_password(
    https_cli: Cli, ca_file: Path, tmp_path: Path, proxy_factory: Callable[..., Proxy]
) -> None:
    from urllib.parse import quote

    proxy = proxy_factory(basic_auth=f"{PROXY_USER}:{PROXY_PASSWORD}")
    tunnel = f"CONNECT 127.0.0.1:{https_cli.sandbox.port}"

    # Named in the settings, no password anywhere: a plain message says what is needed.
    named = with_config(https_cli, tmp_path / "named", proxy=proxy.url)
    result = failed_login(named, network_free_env(SSL_CERT_FILE=str(ca_file)))
    assert result.returncode == 5, result.stderr
    assert f"The proxy server 127.0.0.1:{proxy.port}" in result.stderr
    assert "needs a user name and password" in result.stderr
    assert f"HTTPS_PROXY=http://USER:PASSWORD@127.0.0.1:{proxy.port}" in result.stderr
    assert_plain_output(result)
    assert "ProxyAuthenticationFailed" in proxy.wait_for("ProxyAuthenticationFailed")
    assert https_cli.sandbox.requests_to(TOKEN_PATH) == []

    # "system" (the default) with the standard environment variable, password included.
    secret = quote(PROXY_PASSWORD, safe="")
    env = network_free_env(
        SSL_CERT_FILE=str(ca_file),
        HTTPS_PROXY=f"http://{PROXY_USER}:{secret}@127.0.0.1:{proxy.port}",
    )
    stored = https_cli.login(env=env)
    assert stored.access_token
    assert tunnel in proxy.wait_for(tunnel)

    # The settings name the proxy; the password still comes from the environment variable
    # that names the same proxy. --verbose logs every request: never the password.
    named.expire()
    verbose = subprocess.run(
        named.argv("--verbose", "token"),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert verbose.returncode == 0, verbose.stderr
    assert f"goes through the proxy 127.0.0.1:{proxy.port}" in verbose.stderr
    assert PROXY_PASSWORD not in verbose.stderr
    assert secret not in verbose.stderr
    assert https_cli.sandbox.grant_count("refresh_token") == 1


@needs_gsettings
def test_a_pac_file_in_gnome_settings_selects_the_proxy(
    cli: Cli,
    tmp_path: Path,
    proxy_factory: Callable[..., Proxy],
    pac_server: Callable[[str], str],
) -> None:
    proxy = proxy_factory()
    pac_url = pac_server(
        "function FindProxyForURL(url, host) {\n"
        f'  if (url.indexOf("/oauth2/") >= 0) return "PROXY 127.0.0.1:{proxy.port}";\n'
        '  return "DIRECT";\n'
        "}\n"
    )
    gnome = gnome_environment(tmp_path, mode="auto", **{"autoconfig-url": pac_url})
    env = network_free_env(
        GSETTINGS_BACKEND=gnome["GSETTINGS_BACKEND"], XDG_CONFIG_HOME=gnome["XDG_CONFIG_HOME"]
    )
    cli.login(env=env)
    line = f"POST 127.0.0.1:{cli.sandbox.port}/oauth2/token"
    assert line in proxy.wait_for(line)


def test_token_with_a_valid_stored_token_loads_no_network_module(cli: Cli) -> None:
    stored = cli.login()
    code = (
        "import sys, main\n"
        f"argv = ['--config', {str(cli.config)!r}, '--profile', {cli.profile!r}, 'token']\n"
        "rc = main.main(argv)\n"
        "names = ('requests', 'truststore', 'pypac', 'dukpy', 'core.network', 'core.http')\n"
        "print('LOADED', [n for n in names if n in sys.modules], rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli.env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{stored.access_token}\nLOADED [] 0\n"
