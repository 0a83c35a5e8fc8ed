"""The Box sandbox over real loopback HTTP: pages, every grant, revoke, users/me, faults."""

from __future__ import annotations

import http.server
import json
import logging
import re
import socket
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.sandbox import DEMO_USER, SandboxError, SandboxServer, SandboxUser
from tests.plugin_sandbox import FakeClock
from tests.sandbox_harness import TestSandbox, complete_authorization

TIMEOUT = 10.0
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
AUD = "https://api.box.com/oauth2/token"
WWW_AUTHENTICATE = (
    'Bearer realm="Service", error="invalid_token", '
    'error_description="The access token provided is invalid."'
)

USER_GRANT_KEYS = {"access_token", "expires_in", "token_type", "restricted_to", "refresh_token"}

MakeSandbox = Callable[..., TestSandbox]


# --- helpers ---------------------------------------------------------------------------------


def authorize_url(sandbox: TestSandbox, **params: str | None) -> str:
    """An authorize URL for ``sandbox``, SDK parameter order, ``None`` drops a parameter."""
    query: dict[str, str | None] = {
        "client_id": sandbox.client_id,
        "response_type": "code",
        "redirect_uri": sandbox.redirect_uris[0],
        "state": "state-123",
    }
    query.update(params)
    return (
        sandbox.authorize_endpoint
        + "?"
        + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
    )


def query_of(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))


def get_code(sandbox: TestSandbox, **params: str | None) -> str:
    callback = complete_authorization(authorize_url(sandbox, **params), follow_redirect=False)
    return query_of(callback)["code"]


def post_token(sandbox: TestSandbox, **form: str) -> requests.Response:
    return requests.post(sandbox.url + "/oauth2/token", data=form, timeout=TIMEOUT)


def client(sandbox: TestSandbox) -> dict[str, str]:
    return {"client_id": sandbox.client_id, "client_secret": sandbox.client_secret}


def exchange_code(sandbox: TestSandbox, code: str, **extra: str) -> requests.Response:
    return post_token(
        sandbox, grant_type="authorization_code", code=code, **client(sandbox), **extra
    )


def sign_in(sandbox: TestSandbox) -> dict[str, Any]:
    response = exchange_code(sandbox, get_code(sandbox))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def refresh(sandbox: TestSandbox, refresh_token: str) -> requests.Response:
    return post_token(
        sandbox, grant_type="refresh_token", refresh_token=refresh_token, **client(sandbox)
    )


def users_me(sandbox: TestSandbox, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.get(sandbox.url + "/2.0/users/me", headers=headers, timeout=TIMEOUT)


def assert_oauth_error(
    response: requests.Response, status: int, error: str, description: str | None = None
) -> None:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == error, body
    if description is not None:
        assert body["error_description"] == description, body
    assert re.fullmatch(r"[0-9a-f]{16}", response.headers["box-request-id"])


def assert_invalid_token(response: requests.Response) -> None:
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == WWW_AUTHENTICATE
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["error"] == "invalid_token"


class CallbackServer:
    """A stand-in for the app's loopback listener that records the paths it was sent."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.uri = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def callback_server() -> Iterator[CallbackServer]:
    server = CallbackServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def rsa_keys() -> dict[str, Any]:
    """Two RSA key pairs: the registered one (kid "key-1") and a stranger's."""
    registered = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        registered.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return {"private": registered, "stranger": stranger, "public_pem": public_pem}


@pytest.fixture
def jwt_sandbox(sandbox_factory: MakeSandbox, rsa_keys: dict[str, Any]) -> TestSandbox:
    return sandbox_factory(jwt_public_keys={"key-1": rsa_keys["public_pem"]})


def make_assertion(
    sandbox: TestSandbox,
    key: Any,
    *,
    algorithm: str = "RS256",
    kid: str | None = "key-1",
    drop: tuple[str, ...] = (),
    **claims: Any,
) -> str:
    payload: dict[str, Any] = {
        "iss": sandbox.client_id,
        "sub": sandbox.enterprise_id,
        "box_sub_type": "enterprise",
        "aud": AUD,
        "jti": uuid.uuid4().hex,
        "exp": int(time.time()) + 30,
    }
    payload.update(claims)
    for name in drop:
        payload.pop(name, None)
    headers = {"kid": kid} if kid is not None else {}
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers)


def post_jwt(sandbox: TestSandbox, assertion: str) -> requests.Response:
    return post_token(sandbox, grant_type=JWT_GRANT, assertion=assertion, **client(sandbox))


# --- the server itself -----------------------------------------------------------------------


def test_binds_loopback_only_on_a_free_port(sandbox: TestSandbox) -> None:
    host, port = sandbox.server_address
    assert host == "127.0.0.1"
    assert port > 0
    assert sandbox.url == f"http://127.0.0.1:{port}"
    assert users_me(sandbox, None).status_code == 401


def test_accepted_sockets_have_tcp_nodelay_and_connections_are_reused(
    sandbox: TestSandbox,
) -> None:
    seen: list[int] = []
    sandbox.connection_hook = lambda sock: seen.append(
        sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    )
    with requests.Session() as session:
        for _ in range(5):
            response = session.get(sandbox.url + "/2.0/users/me", timeout=TIMEOUT)
            assert response.status_code == 401
            assert response.headers["Content-Length"] == str(len(response.content))
        session.post(sandbox.url + "/oauth2/token", data={"grant_type": "x"}, timeout=TIMEOUT)
    assert len(seen) == 1, "keep-alive: one connection for all six requests"
    assert seen[0] != 0


def test_http_1_1_keep_alive(sandbox: TestSandbox) -> None:
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=TIMEOUT) as sock:
        stream = sock.makefile("rb")
        for _ in range(2):
            sock.sendall(b"GET /2.0/users/me HTTP/1.1\r\nHost: x\r\n\r\n")
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 401")
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                assert name.lower() != "connection" or "close" not in value
            assert len(stream.read(length)) == length


def test_stop_is_prompt_and_closes_idle_keep_alive_connections() -> None:
    sandbox = TestSandbox().start()
    session = requests.Session()
    assert session.get(sandbox.url + "/2.0/users/me", timeout=TIMEOUT).status_code == 401
    sandbox.set_delay("/slow", 30.0)
    outcome: list[str] = []

    def call_slow() -> None:
        try:
            requests.get(sandbox.url + "/slow", timeout=TIMEOUT)
            outcome.append("answered")
        except requests.RequestException:
            outcome.append("failed")

    slow = threading.Thread(target=call_slow, daemon=True)
    slow.start()
    deadline = time.monotonic() + TIMEOUT
    while not sandbox.requests_to("/slow") and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    sandbox.stop()
    assert time.monotonic() - started < 1.0
    slow.join(TIMEOUT)
    assert outcome == ["failed"], "the delayed request was cut off, not answered"
    # The pooled keep-alive connection was closed too: nothing answers any more.
    with pytest.raises(requests.ConnectionError):
        session.get(sandbox.url + "/2.0/users/me", timeout=TIMEOUT)
    session.close()
    sandbox.stop()  # a second stop is harmless


def test_port_in_use_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SandboxError, match=f"port {port}") as info:
            TestSandbox(port=port).start()
        assert "--port" in str(info.value)


def test_every_response_has_a_box_request_id(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    responses = [
        requests.get(authorize_url(sandbox), timeout=TIMEOUT),
        requests.get(authorize_url(sandbox, client_id="nope"), timeout=TIMEOUT),
        post_token(sandbox, grant_type="nope"),
        users_me(sandbox, tokens["access_token"]),
        users_me(sandbox, "dead"),
        requests.post(sandbox.url + "/oauth2/revoke", data={"token": "x"}, timeout=TIMEOUT),
        requests.get(sandbox.url + "/no/such/path", timeout=TIMEOUT),
    ]
    ids = [r.headers["box-request-id"] for r in responses]
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_unknown_path_and_wrong_method(sandbox: TestSandbox) -> None:
    missing = requests.get(sandbox.url + "/2.0/folders/0", timeout=TIMEOUT)
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    wrong = requests.get(sandbox.url + "/oauth2/token", timeout=TIMEOUT)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "POST"


# --- authorize pages ---------------------------------------------------------------------------


def test_login_page_looks_like_box_and_needs_nothing_external(sandbox: TestSandbox) -> None:
    response = requests.get(authorize_url(sandbox, scope="root_readwrite"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    page = response.text
    assert "#0061d5" in page.lower()
    assert 'class="wordmark"' in page
    assert ">Authorize</button>" in page
    assert '<form method="post" action="/api/oauth2/authorize"' in page
    assert 'type="password"' in page
    assert '<input type="hidden" name="state" value="state-123">' in page
    assert '<input type="hidden" name="scope" value="root_readwrite">' in page
    assert re.search(r'name="csrf_token" value="[\w-]{32}"', page)
    assert f'value="{DEMO_USER.login}"' in page  # demo convenience: prefilled
    assert "password <strong>demo</strong>" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "url(" not in page


def test_demo_hint_can_be_hidden(sandbox_factory: MakeSandbox) -> None:
    sandbox = sandbox_factory(show_demo_hint=False)
    page = requests.get(authorize_url(sandbox), timeout=TIMEOUT).text
    assert 'id="demo-hint"' not in page
    assert DEMO_USER.login not in page


def test_each_page_has_its_own_csrf_token(sandbox: TestSandbox) -> None:
    def token() -> str:
        page = requests.get(authorize_url(sandbox), timeout=TIMEOUT).text
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match
        return match.group(1)

    assert token() != token()


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"client_id": "someone-else"}, "invalid_client"),
        ({"client_id": None}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"response_type": None}, "unsupported_response_type"),
        ({"redirect_uri": "http://127.0.0.1:9999/callback"}, "redirect_uri_mismatch"),
        ({"redirect_uri": "http://127.0.0.1:8765/other"}, "redirect_uri_mismatch"),
        ({"redirect_uri": "http://localhost:8765/callback"}, "redirect_uri_mismatch"),
        ({"redirect_uri": "https://127.0.0.1:8765/callback"}, "redirect_uri_mismatch"),
        ({"redirect_uri": "http://127.0.0.1:8765/callback?x=1"}, "redirect_uri_mismatch"),
        ({"redirect_uri": "http://127.0.0.1:8765/callback/"}, "redirect_uri_mismatch"),
        ({"redirect_uri": None}, "redirect_uri_missing"),
        ({"redirect_uri": "http://example.com/callback"}, "invalid_request"),
        ({"redirect_uri": "ftp://127.0.0.1/callback"}, "invalid_request"),
    ],
)
def test_bad_authorize_requests_show_an_error_page_not_a_redirect(
    sandbox: TestSandbox, params: dict[str, str | None], error: str
) -> None:
    response = requests.get(authorize_url(sandbox, **params), allow_redirects=False, timeout=10)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'data-error="{error}"' in response.text
    assert "<form" not in response.text
    with pytest.raises(SandboxError, match=error):
        complete_authorization(authorize_url(sandbox, **params), follow_redirect=False)


def test_plain_http_redirect_elsewhere_is_refused_even_when_registered(
    sandbox_factory: MakeSandbox,
) -> None:
    sandbox = sandbox_factory(redirect_uris=["http://example.com/callback"])
    response = requests.get(authorize_url(sandbox), allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code == 400
    assert "HTTPS" in response.text


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://localhost:8765/callback",
        "http://[::1]:8765/callback",
        "https://app.example.com/box/return",
    ],
)
def test_loopback_http_and_https_redirects_are_accepted(
    sandbox_factory: MakeSandbox, redirect_uri: str
) -> None:
    sandbox = sandbox_factory(redirect_uris=[redirect_uri])
    callback = complete_authorization(authorize_url(sandbox), follow_redirect=False)
    assert callback.startswith(redirect_uri + "?code=")


def test_single_redirect_uri_may_be_omitted(sandbox_factory: MakeSandbox) -> None:
    sandbox = sandbox_factory(redirect_uris=["http://127.0.0.1:8765/only"])
    callback = complete_authorization(
        authorize_url(sandbox, redirect_uri=None), follow_redirect=False
    )
    assert callback.startswith("http://127.0.0.1:8765/only?code=")
    code = query_of(callback)["code"]
    assert exchange_code(sandbox, code).status_code == 200


def test_grant_keeps_the_redirect_uris_own_query(sandbox_factory: MakeSandbox) -> None:
    sandbox = sandbox_factory(redirect_uris=["http://127.0.0.1:8765/cb?app=box&x=1"])
    callback = complete_authorization(authorize_url(sandbox), follow_redirect=False)
    parts = urllib.parse.urlsplit(callback)
    assert parts.path == "/cb"
    assert parts.query.startswith("app=box&x=1&code=")
    assert query_of(callback)["state"] == "state-123"


@pytest.mark.parametrize(
    "state", ["plain", "with space & amp=eq+plus/slash?", "ünïcødé-✓", "a" * 300, "\"<x>'"]
)
def test_state_is_echoed_exactly(sandbox: TestSandbox, state: str) -> None:
    callback = complete_authorization(authorize_url(sandbox, state=state), follow_redirect=False)
    assert query_of(callback)["state"] == state


def test_state_is_omitted_when_absent(sandbox: TestSandbox) -> None:
    callback = complete_authorization(authorize_url(sandbox, state=None), follow_redirect=False)
    assert set(query_of(callback)) == {"code"}
    denied = complete_authorization(
        authorize_url(sandbox, state=None), decision="deny", follow_redirect=False
    )
    assert set(query_of(denied)) == {"error", "error_description"}


def test_complete_authorization_follows_the_redirect_to_the_callback(
    sandbox_factory: MakeSandbox, callback_server: CallbackServer
) -> None:
    sandbox = sandbox_factory(redirect_uris=[callback_server.uri])
    callback = complete_authorization(authorize_url(sandbox))
    assert callback.startswith(callback_server.uri + "?code=")
    assert callback_server.paths == [callback[len(callback_server.uri) - len("/callback") :]]


def test_wrong_password_shows_the_form_again_with_a_message(sandbox: TestSandbox) -> None:
    page = requests.get(authorize_url(sandbox), timeout=TIMEOUT).text
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page))
    response = requests.post(
        sandbox.authorize_endpoint,
        data={**fields, "login": DEMO_USER.login, "password": "wrong"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 200
    assert "The email address or password is not right" in response.text
    assert 'type="password"' in response.text
    assert "Grant access to Box" not in response.text
    with pytest.raises(SandboxError, match="password is not right"):
        complete_authorization(authorize_url(sandbox), password="wrong", follow_redirect=False)
    with pytest.raises(SandboxError, match="password is not right"):
        complete_authorization(authorize_url(sandbox), login="eve@example.com")


def test_csrf_token_is_required_and_single_use(sandbox: TestSandbox) -> None:
    page = requests.get(authorize_url(sandbox), timeout=TIMEOUT).text
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form = {**fields, "login": DEMO_USER.login, "password": DEMO_USER.password}
    without = {k: v for k, v in form.items() if k != "csrf_token"}
    forged = requests.post(sandbox.authorize_endpoint, data=without, timeout=TIMEOUT)
    assert forged.status_code == 400
    assert "Grant access to Box" not in forged.text
    first = requests.post(sandbox.authorize_endpoint, data=form, timeout=TIMEOUT)
    assert first.status_code == 200
    assert "Grant access to Box" in first.text
    replay = requests.post(sandbox.authorize_endpoint, data=form, timeout=TIMEOUT)
    assert replay.status_code == 400
    assert 'data-error="invalid_request"' in replay.text


def test_changing_the_carried_parameters_is_refused(sandbox: TestSandbox) -> None:
    page = requests.get(authorize_url(sandbox), timeout=TIMEOUT).text
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page))
    fields["redirect_uri"] = "http://127.0.0.1:8766/callback"
    response = requests.post(
        sandbox.authorize_endpoint,
        data={**fields, "login": DEMO_USER.login, "password": DEMO_USER.password},
        timeout=TIMEOUT,
    )
    assert response.status_code == 400


def test_consent_page_names_the_app_the_user_and_the_scopes(
    sandbox_factory: MakeSandbox,
) -> None:
    sandbox = sandbox_factory(app_name="Photo Sorter")
    page = requests.get(
        authorize_url(sandbox, scope="root_readonly manage_groups"), timeout=TIMEOUT
    ).text
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page))
    consent = requests.post(
        sandbox.authorize_endpoint,
        data={**fields, "login": "ADA@example.com", "password": "demo"},
        timeout=TIMEOUT,
    ).text
    assert "<strong>Photo Sorter</strong> would like to:" in consent
    assert "<li>Read all files and folders stored in Box</li>" in consent
    assert "<li>Manage groups</li>" in consent
    assert "Signed in as ada@example.com" in consent
    assert ">Grant access to Box</button>" in consent
    assert ">Deny access</button>" in consent
    assert "<script" not in consent.lower()


def test_deny_redirects_with_access_denied_and_the_state(sandbox: TestSandbox) -> None:
    callback = complete_authorization(
        authorize_url(sandbox, state="s/1 2"), decision="deny", follow_redirect=False
    )
    assert callback.startswith(
        sandbox.redirect_uris[0]
        + "?error=access_denied&error_description=The+user+denied+access+to+your+application"
        + "&state="
    )
    assert query_of(callback)["state"] == "s/1 2"
    assert "code" not in query_of(callback)


def test_unknown_scope_redirects_with_invalid_scope(sandbox: TestSandbox) -> None:
    response = requests.get(
        authorize_url(sandbox, scope="root_readwrite fly_to_the_moon"),
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 302
    answer = query_of(response.headers["Location"])
    assert answer["error"] == "invalid_scope"
    assert answer["state"] == "state-123"


def test_custom_users_can_sign_in(sandbox_factory: MakeSandbox) -> None:
    grace = SandboxUser(id="42", name="Grace Hopper", login="grace@example.com", password="cobol")
    sandbox = sandbox_factory(users=[DEMO_USER, grace])
    callback = complete_authorization(
        authorize_url(sandbox), login="grace@example.com", password="cobol", follow_redirect=False
    )
    token = exchange_code(sandbox, query_of(callback)["code"]).json()["access_token"]
    me = users_me(sandbox, token).json()
    assert (me["id"], me["name"], me["login"]) == ("42", "Grace Hopper", "grace@example.com")
    assert "cobol" not in repr(grace)


# --- authorization_code ----------------------------------------------------------------------


def test_authorization_code_success(sandbox: TestSandbox) -> None:
    response = exchange_code(sandbox, get_code(sandbox))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == {
        "access_token",
        "expires_in",
        "token_type",
        "restricted_to",
        "refresh_token",
    }
    assert body["expires_in"] == 3600
    assert body["token_type"] == "bearer"
    assert body["restricted_to"] == []
    assert len(body["access_token"]) >= 32
    assert len(body["refresh_token"]) >= 32
    me = users_me(sandbox, body["access_token"])
    assert me.status_code == 200
    assert me.json()["type"] == "user"
    assert (me.json()["id"], me.json()["name"], me.json()["login"]) == (
        DEMO_USER.id,
        DEMO_USER.name,
        DEMO_USER.login,
    )
    assert sandbox.is_access_token_active(body["access_token"])
    assert sandbox.is_refresh_token_active(body["refresh_token"])


@pytest.mark.parametrize(
    "credentials",
    [
        {"client_id": TestSandbox.DEFAULT_CLIENT_ID, "client_secret": "wrong"},
        {"client_id": "someone-else", "client_secret": TestSandbox.DEFAULT_CLIENT_SECRET},
        {"client_id": TestSandbox.DEFAULT_CLIENT_ID},
        {"client_secret": TestSandbox.DEFAULT_CLIENT_SECRET},
        {},
    ],
)
def test_authorization_code_needs_the_client_credentials(
    sandbox: TestSandbox, credentials: dict[str, str]
) -> None:
    code = get_code(sandbox)
    response = post_token(sandbox, grant_type="authorization_code", code=code, **credentials)
    assert_oauth_error(response, 400, "invalid_client", "The client credentials are invalid")
    # A refused client did not burn the code.
    assert exchange_code(sandbox, code).status_code == 200


def test_code_is_single_use(sandbox: TestSandbox) -> None:
    code = get_code(sandbox)
    assert exchange_code(sandbox, code).status_code == 200
    assert_oauth_error(exchange_code(sandbox, code), 400, "invalid_grant")


def test_unknown_or_missing_code(sandbox: TestSandbox) -> None:
    assert_oauth_error(
        exchange_code(sandbox, "made-up"),
        400,
        "invalid_grant",
        "Auth code doesn't exist or is invalid for the client",
    )
    response = post_token(sandbox, grant_type="authorization_code", **client(sandbox))
    assert_oauth_error(response, 400, "invalid_request")


def test_code_expires_after_its_lifetime(
    sandbox_factory: MakeSandbox, sandbox_clock: FakeClock
) -> None:
    sandbox = sandbox_factory(clock=sandbox_clock)
    fresh, stale = get_code(sandbox), get_code(sandbox)
    sandbox_clock.advance(29)
    assert exchange_code(sandbox, fresh).status_code == 200
    sandbox_clock.advance(2)
    assert_oauth_error(
        exchange_code(sandbox, stale), 400, "invalid_grant", "The authorization code has expired."
    )


def test_expire_codes(sandbox: TestSandbox) -> None:
    code = get_code(sandbox)
    sandbox.expire_codes()
    assert_oauth_error(
        exchange_code(sandbox, code), 400, "invalid_grant", "The authorization code has expired."
    )


def test_redirect_uri_at_exchange_must_match_when_sent(sandbox: TestSandbox) -> None:
    code = get_code(sandbox, redirect_uri="http://127.0.0.1:8766/callback")
    wrong = exchange_code(sandbox, code, redirect_uri="http://127.0.0.1:8765/callback")
    assert_oauth_error(wrong, 400, "redirect_uri_mismatch")
    right = exchange_code(sandbox, code, redirect_uri="http://127.0.0.1:8766/callback")
    assert right.status_code == 200


def test_token_endpoint_wants_a_form(sandbox: TestSandbox) -> None:
    payload = {"grant_type": "authorization_code", "code": "x", **client(sandbox)}
    as_json = requests.post(sandbox.url + "/oauth2/token", json=payload, timeout=TIMEOUT)
    assert_oauth_error(
        as_json, 400, "invalid_request", "Invalid grant_type parameter or parameter missing"
    )
    as_query = requests.post(
        sandbox.url + "/oauth2/token?" + urllib.parse.urlencode(payload), timeout=TIMEOUT
    )
    assert_oauth_error(as_query, 400, "invalid_request")


@pytest.mark.parametrize("grant_type", [None, "", "password", "implicit"])
def test_missing_or_unknown_grant_type(sandbox: TestSandbox, grant_type: str | None) -> None:
    form = client(sandbox)
    if grant_type is not None:
        form["grant_type"] = grant_type
    assert_oauth_error(
        post_token(sandbox, **form),
        400,
        "invalid_request",
        "Invalid grant_type parameter or parameter missing",
    )


# --- refresh_token ---------------------------------------------------------------------------


def test_refresh_rotates_both_tokens(sandbox: TestSandbox) -> None:
    first = sign_in(sandbox)
    response = refresh(sandbox, first["refresh_token"])
    assert response.status_code == 200
    second = response.json()
    assert set(second) == {
        "access_token",
        "expires_in",
        "token_type",
        "restricted_to",
        "refresh_token",
    }
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    # The old pair is dead, the new pair works.
    assert not sandbox.is_refresh_token_active(first["refresh_token"])
    assert not sandbox.is_access_token_active(first["access_token"])
    assert_invalid_token(users_me(sandbox, first["access_token"]))
    assert users_me(sandbox, second["access_token"]).status_code == 200
    assert_oauth_error(
        refresh(sandbox, first["refresh_token"]), 400, "invalid_grant", "Invalid refresh token"
    )
    third = refresh(sandbox, second["refresh_token"])
    assert third.status_code == 200
    assert users_me(sandbox, third.json()["access_token"]).status_code == 200


def test_two_concurrent_refreshes_with_one_token_only_one_wins(sandbox: TestSandbox) -> None:
    token = sign_in(sandbox)["refresh_token"]
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def worker() -> None:
        barrier.wait()
        statuses.append(refresh(sandbox, token).status_code)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert sorted(statuses) == [200, 400, 400, 400]


def test_unknown_refresh_token(sandbox: TestSandbox) -> None:
    assert_oauth_error(refresh(sandbox, "made-up"), 400, "invalid_grant", "Invalid refresh token")
    missing = post_token(sandbox, grant_type="refresh_token", **client(sandbox))
    assert_oauth_error(missing, 400, "invalid_request")


def test_expired_refresh_token(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    sandbox.expire_refresh_tokens()
    assert not sandbox.is_refresh_token_active(tokens["refresh_token"])
    assert_oauth_error(
        refresh(sandbox, tokens["refresh_token"]),
        400,
        "invalid_grant",
        "Refresh token has expired",
    )


def test_refresh_token_lifetime_uses_the_clock(
    sandbox_factory: MakeSandbox, sandbox_clock: FakeClock
) -> None:
    sandbox = sandbox_factory(clock=sandbox_clock, refresh_token_lifetime=100.0)
    tokens = sign_in(sandbox)
    sandbox_clock.advance(101)
    assert_oauth_error(
        refresh(sandbox, tokens["refresh_token"]), 400, "invalid_grant", "Refresh token has expired"
    )


def test_refresh_needs_the_client_credentials(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    response = post_token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=tokens["refresh_token"],
        client_id=sandbox.client_id,
        client_secret="wrong",
    )
    assert_oauth_error(response, 400, "invalid_client", "The client credentials are invalid")
    assert sandbox.is_refresh_token_active(tokens["refresh_token"])


def test_access_token_expiry(sandbox_factory: MakeSandbox, sandbox_clock: FakeClock) -> None:
    sandbox = sandbox_factory(clock=sandbox_clock)
    tokens = sign_in(sandbox)
    sandbox_clock.advance(3599)
    assert users_me(sandbox, tokens["access_token"]).status_code == 200
    sandbox_clock.advance(2)
    assert_invalid_token(users_me(sandbox, tokens["access_token"]))
    # An expired access token does not stop the refresh.
    fresh = refresh(sandbox, tokens["refresh_token"]).json()
    assert users_me(sandbox, fresh["access_token"]).status_code == 200


def test_expire_access_tokens(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    sandbox.expire_access_tokens()
    assert not sandbox.is_access_token_active(tokens["access_token"])
    assert_invalid_token(users_me(sandbox, tokens["access_token"]))
    assert sandbox.is_refresh_token_active(tokens["refresh_token"])


# --- client_credentials ----------------------------------------------------------------------


def ccg(sandbox: TestSandbox, **form: str) -> requests.Response:
    return post_token(sandbox, grant_type="client_credentials", **{**client(sandbox), **form})


def test_ccg_enterprise_gives_the_service_account(sandbox: TestSandbox) -> None:
    response = ccg(sandbox, box_subject_type="enterprise", box_subject_id="1000001")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "restricted_to"}
    me = users_me(sandbox, body["access_token"]).json()
    assert me["id"] == sandbox.service_account.id
    assert me["login"].startswith("AutomationUser_1000001_")


def test_ccg_user(sandbox: TestSandbox) -> None:
    response = ccg(sandbox, box_subject_type="user", box_subject_id=DEMO_USER.id)
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    assert users_me(sandbox, response.json()["access_token"]).json()["id"] == DEMO_USER.id


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"box_subject_type": "enterprise", "box_subject_id": "999"}, 400, "unauthorized_client"),
        ({"box_subject_type": "enterprise"}, 400, "unauthorized_client"),
        ({"box_subject_type": "user", "box_subject_id": "999"}, 400, "invalid_grant"),
        ({"box_subject_type": "group", "box_subject_id": "1"}, 400, "invalid_request"),
        ({}, 400, "invalid_request"),
        (
            {"box_subject_type": "enterprise", "box_subject_id": "1000001", "client_secret": "x"},
            400,
            "invalid_client",
        ),
    ],
)
def test_ccg_errors(sandbox: TestSandbox, form: dict[str, str], status: int, error: str) -> None:
    assert_oauth_error(ccg(sandbox, **form), status, error)


def test_ccg_error_descriptions(sandbox: TestSandbox) -> None:
    assert ccg(sandbox, box_subject_type="enterprise", box_subject_id="9").json()[
        "error_description"
    ] == ("This app is not authorized by the enterprise admin.")
    assert ccg(sandbox, box_subject_type="user", box_subject_id="9").json()[
        "error_description"
    ] == ("Grant credentials are invalid")


# --- jwt-bearer ------------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ["RS256", "RS384", "RS512"])
def test_jwt_enterprise(jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any], algorithm: str) -> None:
    response = post_jwt(
        jwt_sandbox, make_assertion(jwt_sandbox, rsa_keys["private"], algorithm=algorithm)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "restricted_to"}
    me = users_me(jwt_sandbox, body["access_token"]).json()
    assert me["id"] == jwt_sandbox.service_account.id


def test_jwt_user(jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any]) -> None:
    assertion = make_assertion(
        jwt_sandbox, rsa_keys["private"], sub=DEMO_USER.id, box_sub_type="user"
    )
    response = post_jwt(jwt_sandbox, assertion)
    assert response.status_code == 200, response.text
    assert users_me(jwt_sandbox, response.json()["access_token"]).json()["id"] == DEMO_USER.id


def test_jwt_with_an_encrypted_private_key_from_an_app_config(
    jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any]
) -> None:
    pem = rsa_keys["private"].private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase"),
    )
    key = serialization.load_pem_private_key(pem, password=b"passphrase")
    assert post_jwt(jwt_sandbox, make_assertion(jwt_sandbox, key)).status_code == 200


def _jwt_case(name: str) -> Callable[[TestSandbox, dict[str, Any]], str]:
    now = int(time.time())

    def build(sandbox: TestSandbox, keys: dict[str, Any]) -> str:
        key = keys["private"]
        cases: dict[str, Callable[[], str]] = {
            "stranger's key": lambda: make_assertion(sandbox, keys["stranger"]),
            "unknown kid": lambda: make_assertion(sandbox, key, kid="key-2"),
            "no kid": lambda: make_assertion(sandbox, key, kid=None),
            "HS256": lambda: jwt.encode(
                {"iss": sandbox.client_id, "aud": AUD},
                "k" * 32,
                algorithm="HS256",
                headers={"kid": "key-1"},
            ),
            "wrong aud": lambda: make_assertion(sandbox, key, aud="https://example.com"),
            "wrong iss": lambda: make_assertion(sandbox, key, iss="someone-else"),
            "no exp": lambda: make_assertion(sandbox, key, drop=("exp",)),
            "exp passed": lambda: make_assertion(sandbox, key, exp=now - 5),
            "exp too far": lambda: make_assertion(sandbox, key, exp=now + 120),
            "no jti": lambda: make_assertion(sandbox, key, drop=("jti",)),
            "wrong enterprise": lambda: make_assertion(sandbox, key, sub="999"),
            "unknown user": lambda: make_assertion(sandbox, key, sub="999", box_sub_type="user"),
            "bad box_sub_type": lambda: make_assertion(sandbox, key, box_sub_type="group"),
            "numeric sub": lambda: make_assertion(sandbox, key, sub=1000001),
            "garbage": lambda: "not.a.jwt",
        }
        return cases[name]()

    return build


@pytest.mark.parametrize(
    ("case", "description_part"),
    [
        ("stranger's key", "Signature verification error"),
        ("unknown kid", '"kid" invalid, unable to lookup correct key'),
        ("no kid", '"kid" invalid'),
        ("HS256", "'alg'"),
        ("wrong aud", "'aud'"),
        ("wrong iss", "'iss'"),
        ("no exp", "'exp'"),
        ("exp passed", "MUST be before the expiration"),
        ("exp too far", "exceeds the maximum value of 60 seconds"),
        ("no jti", "'jti'"),
        ("wrong enterprise", "The 'sub' specified is invalid."),
        ("unknown user", "The 'sub' specified is invalid."),
        ("bad box_sub_type", "'box_sub_type'"),
        ("numeric sub", "The 'sub' specified is invalid."),
        ("garbage", "'assertion'"),
    ],
)
def test_jwt_errors(
    jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any], case: str, description_part: str
) -> None:
    response = post_jwt(jwt_sandbox, _jwt_case(case)(jwt_sandbox, rsa_keys))
    assert_oauth_error(response, 400, "invalid_grant")
    assert description_part in response.json()["error_description"]


def test_jwt_jti_cannot_be_replayed(jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any]) -> None:
    assertion = make_assertion(jwt_sandbox, rsa_keys["private"])
    assert post_jwt(jwt_sandbox, assertion).status_code == 200
    replay = post_jwt(jwt_sandbox, assertion)
    assert_oauth_error(
        replay,
        400,
        "invalid_grant",
        "Please check the 'jti' claim. A unique 'jti' value is required.",
    )


def test_jwt_exp_is_judged_by_the_sandbox_clock(
    sandbox_factory: MakeSandbox, sandbox_clock: FakeClock, rsa_keys: dict[str, Any]
) -> None:
    sandbox = sandbox_factory(
        clock=sandbox_clock, jwt_public_keys={"key-1": rsa_keys["public_pem"]}
    )
    assertion = make_assertion(sandbox, rsa_keys["private"], exp=int(sandbox_clock()) + 30)
    sandbox_clock.advance(31)
    response = post_jwt(sandbox, assertion)
    assert_oauth_error(response, 400, "invalid_grant")
    assert "'exp'" in response.json()["error_description"]


def test_jwt_needs_client_credentials_and_an_assertion(
    jwt_sandbox: TestSandbox, rsa_keys: dict[str, Any]
) -> None:
    assertion = make_assertion(jwt_sandbox, rsa_keys["private"])
    no_client = post_token(jwt_sandbox, grant_type=JWT_GRANT, assertion=assertion)
    assert_oauth_error(no_client, 400, "invalid_client")
    no_assertion = post_token(jwt_sandbox, grant_type=JWT_GRANT, **client(jwt_sandbox))
    assert_oauth_error(no_assertion, 400, "invalid_request")


# --- token exchange --------------------------------------------------------------------------


def exchange(sandbox: TestSandbox, **form: str) -> requests.Response:
    return post_token(
        sandbox, grant_type=EXCHANGE_GRANT, subject_token_type=ACCESS_TOKEN_TYPE, **form
    )


@pytest.mark.parametrize(("kind", "object_type"), [("files", "file"), ("folders", "folder")])
def test_token_exchange_for_a_resource(sandbox: TestSandbox, kind: str, object_type: str) -> None:
    parent = sign_in(sandbox)["access_token"]
    response = exchange(
        sandbox,
        subject_token=parent,
        scope="item_preview item_download",
        resource=f"https://api.box.com/2.0/{kind}/123456",
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "access_token",
        "expires_in",
        "token_type",
        "restricted_to",
        "issued_token_type",
    }
    assert body["issued_token_type"] == ACCESS_TOKEN_TYPE
    assert body["token_type"] == "bearer"
    assert 3590 <= body["expires_in"] <= 3600
    assert body["restricted_to"] == [
        {"scope": "item_preview", "object": {"type": object_type, "id": "123456"}},
        {"scope": "item_download", "object": {"type": object_type, "id": "123456"}},
    ]
    assert sandbox.is_access_token_active(body["access_token"])
    assert sandbox.is_access_token_active(parent), "the subject token stays valid"


def test_token_exchange_without_resource_and_with_shared_link(sandbox: TestSandbox) -> None:
    parent = sign_in(sandbox)["access_token"]
    plain = exchange(sandbox, subject_token=parent, scope="base_preview")
    assert plain.status_code == 200
    assert plain.json()["restricted_to"] == []
    link = "https://app.box.com/s/abc123"
    shared = exchange(sandbox, subject_token=parent, scope="item_preview", box_shared_link=link)
    assert shared.status_code == 200
    assert shared.json()["restricted_to"][0]["object"]["url"] == link


def test_token_exchange_accepts_ccg_tokens_and_client_credentials(sandbox: TestSandbox) -> None:
    parent = ccg(sandbox, box_subject_type="enterprise", box_subject_id="1000001").json()
    response = exchange(
        sandbox, subject_token=parent["access_token"], scope="item_upload", **client(sandbox)
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"subject_token": "dead", "scope": "item_preview"}, "invalid_grant"),
        ({"scope": "item_preview"}, "invalid_request"),
        ({"subject_token": "LIVE"}, "invalid_request"),
        ({"subject_token": "LIVE", "scope": " "}, "invalid_request"),
        ({"subject_token": "LIVE", "scope": "item_preview fly"}, "invalid_scope"),
        (
            {"subject_token": "LIVE", "scope": "item_preview", "subject_token_type": "jwt"},
            "invalid_request",
        ),
        (
            {"subject_token": "LIVE", "scope": "item_preview", "resource": "https://x/2.0/users/1"},
            "invalid_resource",
        ),
        (
            {"subject_token": "LIVE", "scope": "item_preview", "client_secret": "wrong"},
            "invalid_client",
        ),
    ],
)
def test_token_exchange_errors(sandbox: TestSandbox, form: dict[str, str], error: str) -> None:
    live = sign_in(sandbox)["access_token"]
    form = {k: live if v == "LIVE" else v for k, v in form.items()}
    if "client_secret" in form:
        form["client_id"] = sandbox.client_id
    fields = {"subject_token_type": ACCESS_TOKEN_TYPE, **form}
    response = post_token(sandbox, grant_type=EXCHANGE_GRANT, **fields)
    assert_oauth_error(response, 400, error)


def test_token_exchange_refuses_a_revoked_subject(sandbox: TestSandbox) -> None:
    parent = sign_in(sandbox)
    revoke(sandbox, parent["access_token"])
    response = exchange(sandbox, subject_token=parent["access_token"], scope="item_preview")
    assert_oauth_error(response, 400, "invalid_grant")


# --- revoke and users/me ---------------------------------------------------------------------


def revoke(sandbox: TestSandbox, token: str, **override: str) -> requests.Response:
    form = {**client(sandbox), "token": token, **override}
    return requests.post(sandbox.url + "/oauth2/revoke", data=form, timeout=TIMEOUT)


@pytest.mark.parametrize("which", ["access_token", "refresh_token"])
def test_revoking_either_token_ends_the_sign_in(sandbox: TestSandbox, which: str) -> None:
    tokens = sign_in(sandbox)
    other = sign_in(sandbox)
    response = revoke(sandbox, tokens[which])
    assert response.status_code == 200
    assert response.content == b""
    assert "box-request-id" in response.headers
    assert_invalid_token(users_me(sandbox, tokens["access_token"]))
    assert not sandbox.is_refresh_token_active(tokens["refresh_token"])
    assert_oauth_error(refresh(sandbox, tokens["refresh_token"]), 400, "invalid_grant")
    # Another sign-in of the same person is untouched.
    assert users_me(sandbox, other["access_token"]).status_code == 200


def test_revoking_after_a_refresh_ends_the_new_tokens(sandbox: TestSandbox) -> None:
    first = sign_in(sandbox)
    second = refresh(sandbox, first["refresh_token"]).json()
    assert revoke(sandbox, second["refresh_token"]).status_code == 200
    assert not sandbox.is_access_token_active(second["access_token"])


def test_revoke_ccg_token(sandbox: TestSandbox) -> None:
    token = ccg(sandbox, box_subject_type="enterprise", box_subject_id="1000001").json()
    assert revoke(sandbox, token["access_token"]).status_code == 200
    assert_invalid_token(users_me(sandbox, token["access_token"]))


def test_revoke_unknown_token_is_ok_and_revoke_is_idempotent(sandbox: TestSandbox) -> None:
    assert revoke(sandbox, "never-issued").status_code == 200
    tokens = sign_in(sandbox)
    assert revoke(sandbox, tokens["access_token"]).status_code == 200
    assert revoke(sandbox, tokens["access_token"]).status_code == 200


def test_revoke_errors(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    assert_oauth_error(
        revoke(sandbox, tokens["access_token"], client_secret="wrong"),
        400,
        "invalid_client",
        "The client credentials are invalid",
    )
    no_client = requests.post(
        sandbox.url + "/oauth2/revoke", data={"token": tokens["access_token"]}, timeout=TIMEOUT
    )
    assert_oauth_error(no_client, 400, "invalid_client")
    assert sandbox.is_access_token_active(tokens["access_token"])
    no_token = requests.post(sandbox.url + "/oauth2/revoke", data=client(sandbox), timeout=10)
    assert_oauth_error(no_token, 400, "invalid_request")


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Bearer ", "Basic abc", "Bearer not-a-token"]
)
def test_users_me_without_a_live_token(sandbox: TestSandbox, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = requests.get(sandbox.url + "/2.0/users/me", headers=headers, timeout=TIMEOUT)
    assert_invalid_token(response)


# --- faults, delays, recorded requests -------------------------------------------------------


def test_fault_with_retry_after_then_the_real_answer(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    sandbox.inject_fault(
        "/oauth2/token",
        status=429,
        body={"error": "rate_limited"},
        headers={"Retry-After": "2"},
    )
    sandbox.inject_fault(
        "/oauth2/token",
        status=503,
        body="Service Unavailable",
        headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"},
    )
    limited = refresh(sandbox, tokens["refresh_token"])
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "2"
    assert limited.json() == {"error": "rate_limited"}
    unavailable = refresh(sandbox, tokens["refresh_token"])
    assert unavailable.status_code == 503
    assert unavailable.headers["Retry-After"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert unavailable.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert unavailable.text == "Service Unavailable"
    # The faulted POSTs never reached the grant: the refresh token is still good.
    assert sandbox.is_refresh_token_active(tokens["refresh_token"])
    assert refresh(sandbox, tokens["refresh_token"]).status_code == 200
    assert sandbox.grant_count("refresh_token") == 3


def test_fault_times_and_other_paths(sandbox: TestSandbox) -> None:
    sandbox.inject_fault("/2.0/users/me", status=500, times=2)
    statuses = [users_me(sandbox, "x").status_code for _ in range(3)]
    assert statuses == [500, 500, 401]
    with pytest.raises(ValueError, match="times"):
        sandbox.inject_fault("/2.0/users/me", status=500, times=0)


def test_fault_with_own_content_type(sandbox: TestSandbox) -> None:
    sandbox.inject_fault(
        "/oauth2/token",
        status=502,
        body="<html>bad gateway</html>",
        headers={"content-type": "text/html"},
    )
    response = post_token(sandbox, grant_type="x")
    assert response.status_code == 502
    assert response.headers["Content-Type"] == "text/html"
    assert response.text == "<html>bad gateway</html>"


def test_fault_can_drop_the_connection(sandbox: TestSandbox) -> None:
    sandbox.inject_fault("/oauth2/token", status=0)
    with pytest.raises(requests.ConnectionError):
        post_token(sandbox, grant_type="x")
    assert post_token(sandbox, grant_type="x").status_code == 400


def test_fault_delay_and_set_delay(sandbox: TestSandbox) -> None:
    sandbox.inject_fault("/2.0/users/me", status=503, delay=0.3)
    started = time.monotonic()
    assert users_me(sandbox, "x").status_code == 503
    assert time.monotonic() - started >= 0.3
    sandbox.set_delay("/2.0/users/me", 0.3)
    started = time.monotonic()
    assert users_me(sandbox, "x").status_code == 401
    assert time.monotonic() - started >= 0.3
    with pytest.raises(requests.ReadTimeout):
        requests.get(sandbox.url + "/2.0/users/me", timeout=(5, 0.05))
    sandbox.set_delay("/2.0/users/me", 0)
    started = time.monotonic()
    assert users_me(sandbox, "x").status_code == 401
    assert time.monotonic() - started < 0.3


def test_recorded_requests_keep_method_path_headers_and_form_order(
    sandbox: TestSandbox,
) -> None:
    body = "grant_type=refresh_token&client_id=a&client_secret=b&refresh_token=c"
    requests.post(
        sandbox.url + "/oauth2/token",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Extra": "1"},
        timeout=TIMEOUT,
    )
    requests.get(authorize_url(sandbox), timeout=TIMEOUT)
    recorded = sandbox.requests
    assert [(r.method, r.path) for r in recorded] == [
        ("POST", "/oauth2/token"),
        ("GET", "/api/oauth2/authorize"),
    ]
    token_request = recorded[0]
    assert list(token_request.form) == ["grant_type", "client_id", "client_secret", "refresh_token"]
    assert token_request.form["refresh_token"] == "c"
    assert token_request.body == body.encode()
    assert token_request.headers["X-Extra"] == "1"
    assert list(recorded[1].query) == ["client_id", "response_type", "redirect_uri", "state"]
    assert sandbox.requests_to("/oauth2/token") == [token_request]


def test_recording_is_thread_safe(sandbox: TestSandbox) -> None:
    def worker() -> None:
        with requests.Session() as session:
            for _ in range(20):
                session.get(sandbox.url + "/2.0/users/me", timeout=TIMEOUT)

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert len(sandbox.requests_to("/2.0/users/me")) == 100


def test_grant_count_counts_answered_and_failed_posts(sandbox: TestSandbox) -> None:
    tokens = sign_in(sandbox)
    refresh(sandbox, "made-up")
    refresh(sandbox, tokens["refresh_token"])
    post_token(sandbox, grant_type="password")
    assert sandbox.grant_count("authorization_code") == 1
    assert sandbox.grant_count("refresh_token") == 2
    assert sandbox.grant_count("password") == 1
    assert sandbox.grant_count("client_credentials") == 0


def test_reset_forgets_state_but_keeps_config(sandbox_factory: MakeSandbox) -> None:
    sandbox = sandbox_factory(app_name="Kept")
    tokens = sign_in(sandbox)
    sandbox.inject_fault("/2.0/users/me", status=500)
    sandbox.set_delay("/oauth2/token", 5)
    sandbox.add_page("/page", "<p>kept</p>")
    sandbox.reset()
    assert sandbox.requests == []
    assert sandbox.grant_count("authorization_code") == 0
    assert not sandbox.is_access_token_active(tokens["access_token"])
    assert_invalid_token(users_me(sandbox, tokens["access_token"]))  # no fault any more
    started = time.monotonic()
    assert post_token(sandbox, grant_type="x").status_code == 400
    assert time.monotonic() - started < 1
    assert requests.get(sandbox.url + "/page", timeout=TIMEOUT).text == "<p>kept</p>"
    assert sandbox.app_name == "Kept"
    assert sign_in(sandbox)["access_token"]


def test_add_page(sandbox: TestSandbox) -> None:
    sandbox.add_page("/idp/start", "<html><body>Identity provider</body></html>")
    response = requests.get(sandbox.url + "/idp/start?x=1", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Identity provider" in response.text


def test_tokens_and_codes_are_unique_and_long(sandbox: TestSandbox) -> None:
    issued = [sign_in(sandbox) for _ in range(5)]
    codes = [get_code(sandbox) for _ in range(5)]
    values = [t["access_token"] for t in issued] + [t["refresh_token"] for t in issued] + codes
    assert len(set(values)) == len(values)
    assert all(len(v) >= 32 and re.fullmatch(r"[\w-]+", v) for v in values)


def test_logs_name_method_path_status_but_no_secret(
    sandbox: TestSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="core.sandbox")
    url = authorize_url(sandbox, state="state-SECRET-1")
    callback = complete_authorization(url, follow_redirect=False)
    code = query_of(callback)["code"]
    tokens = exchange_code(sandbox, code).json()
    fresh = refresh(sandbox, tokens["refresh_token"]).json()
    users_me(sandbox, fresh["access_token"])
    revoke(sandbox, fresh["access_token"])
    text = caplog.text
    assert "POST /oauth2/token -> 200" in text
    assert "GET /api/oauth2/authorize -> 200" in text
    assert "POST /api/oauth2/authorize -> 302" in text
    secrets_seen = [
        "state-SECRET-1",
        code,
        tokens["access_token"],
        tokens["refresh_token"],
        fresh["access_token"],
        fresh["refresh_token"],
        sandbox.client_secret,
        DEMO_USER.password + "&",
        "?",
    ]
    for secret in secrets_seen:
        assert secret not in text


def test_the_product_sandbox_records_nothing_and_takes_no_faults() -> None:
    """Recorded bodies hold secrets: only the tests' harness keeps them, and only it fails."""
    with SandboxServer() as sandbox:
        assert sign_in(sandbox)["access_token"]
        for name in ("requests", "requests_to", "inject_fault", "set_delay", "grant_count"):
            assert not hasattr(sandbox, name), name


# --- settings --------------------------------------------------------------------------------


def test_client_settings(sandbox: TestSandbox) -> None:
    settings = sandbox.client_settings()
    assert settings == {
        "client_id": "sandbox-client-id",
        "client_secret": "sandbox-client-secret",
        "redirect_uris": [
            "http://127.0.0.1:8765/callback",
            "http://127.0.0.1:8766/callback",
            "http://127.0.0.1:8767/callback",
        ],
        "base_url": sandbox.url,
        "oauth_2_url": sandbox.url + "/api/oauth2",
    }
    json.dumps(settings)


def test_base_urls(sandbox: TestSandbox) -> None:
    pytest.importorskip("core.oauth")
    urls = sandbox.base_urls
    assert urls.base_url == sandbox.url
    assert urls.oauth_2_url == sandbox.url + "/api/oauth2"
