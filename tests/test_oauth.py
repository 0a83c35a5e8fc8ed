"""The OAuth client over real loopback HTTP against a small scripted server.

``ScriptedServer`` (also used by the wire-compatibility test and the benchmark) answers from a
per-path script and records every request it receives, so each test can say exactly what
went over the wire and how often.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import logging
import re
import socket
import time
import traceback
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
import requests

from core.errors import (
    AccessDeniedError,
    BoxAPIError,
    BoxLoginError,
    BoxResponseError,
    BoxServerError,
    ConfigError,
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    InvalidTokenError,
    NetworkError,
    OAuthError,
    RateLimitedError,
    RedirectUriMismatchError,
    RefusedConnectionError,
    RequestTimeoutError,
    TLSError,
    UnauthorizedClientError,
)
from core.http import MAX_RETRIES, merge_headers, parse_retry_after
from core.oauth import (
    AuthorizationManager,
    AuthorizeUserResponseType,
    BaseUrls,
    BoxUser,
    RefreshAccessTokenGrantType,
    RequestAccessTokenActorTokenType,
    RequestAccessTokenBoxSubjectType,
    RequestAccessTokenGrantType,
    RequestAccessTokenSubjectTokenType,
)
from core.tokens import AccessToken
from core.version import __version__
from tests.netutil import Sleeps, free_port
from tests.sandbox_harness import TestSandbox
from tests.scripted_server import DEFAULT_ANSWERS, TOKEN_BODY, Answer, Recorded, ScriptedServer


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def auth(server: ScriptedServer, sleeps: Sleeps) -> Iterator[AuthorizationManager]:
    manager = AuthorizationManager(server.base_urls, timeout=(2.0, 5.0), sleep=sleeps)
    yield manager
    manager.close()


CLIENT_ID = "client-id-abc123"
CLIENT_SECRET = "CLIENT-SECRET-do-not-leak-7f3a9c"
REFRESH_TOKEN = "REFRESH-TOKEN-do-not-leak-51e0"
ACCESS_TOKEN = "ACCESS-TOKEN-do-not-leak-c0ffee"
AUTH_CODE = "AUTH-CODE-do-not-leak-8bd2"
ASSERTION = "eyJhbGciOiJSUzI1NiJ9.ASSERTION-do-not-leak.sig"
ACTOR = "eyJhbGciOiJSUzI1NiJ9.ACTOR-do-not-leak.sig"
SECRETS = (CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, AUTH_CODE, ASSERTION, ACTOR)
FORM = "application/x-www-form-urlencoded"


# --- authorize URL -------------------------------------------------------------------------


def test_authorize_url_has_sdk_order_and_encoding() -> None:
    auth = AuthorizationManager(BaseUrls(oauth_2_url="https://ent.box.com/api/oauth2"))
    url = auth.authorize_user(
        AuthorizeUserResponseType.CODE,
        "my client",
        redirect_uri="http://127.0.0.1:8765/callback",
        state="s/t&a=te",
        scope="root_readwrite manage_users",
    )
    assert url == (
        "https://ent.box.com/api/oauth2/authorize?client_id=my+client&response_type=code"
        "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&state=s%2Ft%26a%3Dte"
        "&scope=root_readwrite+manage_users"
    )


def test_authorize_url_drops_absent_parameters() -> None:
    url = AuthorizationManager().authorize_user("code", "cid", state="xyz")
    assert (
        url
        == "https://account.box.com/api/oauth2/authorize?client_id=cid&response_type=code&state=xyz"
    )


def test_authorize_user_makes_no_request(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    url = auth.authorize_user(AuthorizeUserResponseType.CODE, CLIENT_ID, extra_headers={"X": "1"})
    assert url.startswith(server.url + "/api/oauth2/authorize?")
    assert server.hits() == []


def test_enums_match_the_sdk() -> None:
    from box_sdk_gen.managers import authorization as sdk

    for ours in (
        AuthorizeUserResponseType,
        RequestAccessTokenGrantType,
        RequestAccessTokenSubjectTokenType,
        RequestAccessTokenActorTokenType,
        RequestAccessTokenBoxSubjectType,
        RefreshAccessTokenGrantType,
    ):
        theirs = getattr(sdk, ours.__name__)
        assert [(m.name, m.value) for m in ours] == [(m.name, m.value) for m in theirs]
        assert issubclass(ours, str)


# --- every grant type on the wire ----------------------------------------------------------


def _only_post(server: ScriptedServer) -> Recorded:
    hits = server.hits()
    assert len(hits) == 1, hits
    assert hits[0].method == "POST"
    assert hits[0].content_type == FORM
    return hits[0]


def test_authorization_code_grant(server: ScriptedServer, sleeps: Sleeps) -> None:
    clock_value = 1_800_000_000.5
    auth = AuthorizationManager(server.base_urls, sleep=sleeps, clock=lambda: clock_value)
    token = auth.request_access_token(
        RequestAccessTokenGrantType.AUTHORIZATION_CODE,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        code=AUTH_CODE,
    )
    hit = _only_post(server)
    assert hit.path == "/oauth2/token"
    assert hit.form == [
        ("grant_type", "authorization_code"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("code", AUTH_CODE),
    ]
    assert token.access_token == TOKEN_BODY["access_token"]
    assert token.refresh_token == TOKEN_BODY["refresh_token"]
    assert token.expires_in == 3600
    assert token.token_type == "bearer"
    assert token.restricted_to == ()
    assert token.received_at == clock_value
    assert token.expires_at == clock_value + 3600
    assert TOKEN_BODY["access_token"] not in repr(token)


def test_received_at_is_when_the_answer_arrived(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    server.script("POST", "/oauth2/token", Answer(200, TOKEN_BODY, delay=0.3))
    before = time.time()
    token = auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert before + 0.3 <= token.received_at <= time.time()


def test_refresh_grant(server: ScriptedServer, auth: AuthorizationManager) -> None:
    token = auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    hit = _only_post(server)
    assert hit.path == "/oauth2/token"
    assert hit.form == [
        ("grant_type", "refresh_token"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("refresh_token", REFRESH_TOKEN),
    ]
    assert token.refresh_token == TOKEN_BODY["refresh_token"]


def test_refresh_through_request_access_token(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    auth.request_access_token(
        RequestAccessTokenGrantType.REFRESH_TOKEN,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        refresh_token=REFRESH_TOKEN,
    )
    assert _only_post(server).form == [
        ("grant_type", "refresh_token"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("refresh_token", REFRESH_TOKEN),
    ]


@pytest.mark.parametrize("subject", list(RequestAccessTokenBoxSubjectType))
def test_client_credentials_grant(
    server: ScriptedServer, auth: AuthorizationManager, subject: RequestAccessTokenBoxSubjectType
) -> None:
    server.script("POST", "/oauth2/token", Answer(200, {**TOKEN_BODY, "refresh_token": None}))
    token = auth.request_access_token(
        RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        box_subject_type=subject,
        box_subject_id="1000001",
    )
    assert _only_post(server).form == [
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("box_subject_type", subject.value),
        ("box_subject_id", "1000001"),
    ]
    assert token.refresh_token is None


def test_jwt_grant(server: ScriptedServer, auth: AuthorizationManager) -> None:
    auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
        assertion=ASSERTION,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
    assert _only_post(server).form == [
        ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("assertion", ASSERTION),
    ]


def test_token_exchange_with_actor_and_resource(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    restricted = [{"scope": "base_preview", "object": {"type": "file", "id": "42"}}]
    server.script(
        "POST",
        "/oauth2/token",
        Answer(
            200,
            {
                "access_token": "downscoped",
                "expires_in": 4000,
                "token_type": "bearer",
                "restricted_to": restricted,
                "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
            },
        ),
    )
    token = auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
        subject_token=ACCESS_TOKEN,
        subject_token_type=RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN,
        actor_token=ACTOR,
        actor_token_type=RequestAccessTokenActorTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN,
        scope="base_preview item_download",
        resource="https://api.box.com/2.0/files/42",
        box_shared_link="https://app.box.com/s/abc",
    )
    assert _only_post(server).form == [
        ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
        ("subject_token", ACCESS_TOKEN),
        ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
        ("actor_token", ACTOR),
        ("actor_token_type", "urn:ietf:params:oauth:token-type:id_token"),
        ("scope", "base_preview item_download"),
        ("resource", "https://api.box.com/2.0/files/42"),
        ("box_shared_link", "https://app.box.com/s/abc"),
    ]
    assert token.restricted_to == tuple(restricted)
    assert token.issued_token_type == "urn:ietf:params:oauth:token-type:access_token"
    assert token.refresh_token is None


def test_form_is_urlencoded_with_plus_for_space(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    auth.request_access_token(
        "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token="a+b/c=d&e",
        scope="item_preview base_explorer",
    )
    assert _only_post(server).body == (
        b"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
        b"&subject_token=a%2Bb%2Fc%3Dd%26e&scope=item_preview+base_explorer"
    )


def test_revoke(server: ScriptedServer, auth: AuthorizationManager) -> None:
    result = auth.revoke_access_token(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token=REFRESH_TOKEN
    )
    assert result is None
    hit = _only_post(server)
    assert hit.path == "/oauth2/revoke"
    assert hit.form == [
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("token", REFRESH_TOKEN),
    ]


def test_get_current_user(server: ScriptedServer, auth: AuthorizationManager) -> None:
    user = auth.get_current_user(ACCESS_TOKEN)
    assert user == BoxUser(id="11446498", name="Ada Lovelace", login="ada@example.com")
    (hit,) = server.hits()
    assert (hit.method, hit.path, hit.query) == ("GET", "/2.0/users/me", "")
    assert hit.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_get_current_user_dead_token(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script(
        "GET",
        "/2.0/users/me",
        Answer(
            401,
            "",
            headers={
                "WWW-Authenticate": 'Bearer realm="Service", error="invalid_token", '
                'error_description="The access token provided is invalid."'
            },
        ),
    )
    with pytest.raises(InvalidTokenError) as info:
        auth.get_current_user(ACCESS_TOKEN)
    err = info.value
    assert (err.status, err.error) == (401, "invalid_token")
    assert err.error_description == "The access token provided is invalid."
    assert err.request_id == "req-0001"
    assert str(err).startswith("Box no longer accepts this access token")


def test_get_current_user_other_api_error(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    server.script(
        "GET",
        "/2.0/users/me",
        Answer(
            403,
            {
                "type": "error",
                "status": 403,
                "code": "access_denied_insufficient_permissions",
                "message": "Access denied - insufficient permission",
                "request_id": "abc",
            },
        ),
    )
    with pytest.raises(BoxAPIError) as info:
        auth.get_current_user(ACCESS_TOKEN)
    assert type(info.value) is BoxAPIError
    assert info.value.error == "access_denied_insufficient_permissions"
    assert info.value.status == 403
    assert info.value.request_id == "req-0001"


def test_keep_alive_reuses_one_connection(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    for _ in range(3):
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    auth.get_current_user(ACCESS_TOKEN)
    assert len({hit.client_port for hit in server.hits()}) == 1


def test_client_sockets_have_tcp_nodelay(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    pools = auth.session.get_adapter(server.url).poolmanager.pools
    connections = [
        conn
        for key in pools.keys()  # noqa: SIM118 - the container does not iterate
        for conn in list(pools[key].pool.queue)
        if conn is not None and conn.sock is not None
    ]
    assert connections, "the connection should be pooled for reuse"
    for conn in connections:
        assert conn.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


# --- headers ---------------------------------------------------------------------------------


def test_user_agent_and_box_ua(server: ScriptedServer, auth: AuthorizationManager) -> None:
    auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    headers = server.hits()[0].headers
    assert re.fullmatch(
        rf"box-login/{re.escape(__version__)} python/\d+\.\d+\.\d+", headers["user-agent"]
    )
    assert re.fullmatch(
        rf"agent=box-login/{re.escape(__version__)}; env=python/\d+\.\d+\.\d+",
        headers["x-box-ua"],
    )


def test_extra_headers_merged_and_none_dropped(server: ScriptedServer, sleeps: Sleeps) -> None:
    auth = AuthorizationManager(
        server.base_urls,
        sleep=sleeps,
        extra_headers={"X-Team": "blue", "X-Both": "default", "X-Gone": "x"},
    )
    auth.refresh_access_token(
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        extra_headers={"x-both": "per-call", "X-Gone": None, "X-Call": "1"},
    )
    auth.revoke_access_token(token=ACCESS_TOKEN, extra_headers={"X-Call": "2"})
    auth.get_current_user(ACCESS_TOKEN, extra_headers={"X-Call": "3", "X-Team": None})
    first, second, third = server.hits()
    assert first.headers["x-team"] == "blue"
    assert first.headers["x-both"] == "per-call"
    assert "x-gone" not in first.headers
    assert first.headers["x-call"] == "1"
    assert second.headers["x-call"] == "2"
    assert second.headers["x-both"] == "default"
    assert "x-gone" in second.headers
    assert third.headers["x-call"] == "3"
    assert "x-team" not in third.headers
    # the protocol's own headers are not overridable by accident
    assert first.content_type == FORM


def test_merge_headers_is_case_insensitive() -> None:
    assert merge_headers({"A": "1", "b": "2"}, None, {"a": None, "B": "3"}) == {"B": "3"}


# --- Box's OAuth errors ----------------------------------------------------------------------

OAUTH_ERRORS = [
    (400, "invalid_client", InvalidClientError, "The client credentials are invalid"),
    (400, "invalid_grant", InvalidGrantError, "Invalid refresh token"),
    (
        400,
        "unauthorized_client",
        UnauthorizedClientError,
        "This app is not authorized by the enterprise admin.",
    ),
    (
        400,
        "invalid_request",
        InvalidRequestError,
        "Invalid grant_type parameter or parameter missing",
    ),
    (400, "redirect_uri_mismatch", RedirectUriMismatchError, "Redirect URI mismatch"),
    (400, "access_denied", AccessDeniedError, "The user denied access"),
    (400, "invalid_scope", InvalidScopeError, "Requested scope is invalid"),
    (400, "something_new", OAuthError, "A code Box Login does not know"),
    (401, "invalid_client", InvalidClientError, "The client credentials are invalid"),
]


@pytest.mark.parametrize(("status", "code", "cls", "description"), OAUTH_ERRORS)
def test_each_oauth_error_on_token_endpoint(
    server: ScriptedServer,
    auth: AuthorizationManager,
    status: int,
    code: str,
    cls: type[OAuthError],
    description: str,
) -> None:
    server.script(
        "POST",
        "/oauth2/token",
        Answer(status, {"error": code, "error_description": description}),
    )
    with pytest.raises(OAuthError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    err = info.value
    assert type(err) is cls
    assert (err.status, err.error, err.error_description) == (status, code, description)
    assert err.request_id == "req-0001"
    assert "box-request-id=req-0001" in err.details()
    assert description in err.details()
    if cls is not OAuthError:
        assert err.message == (cls.__doc__ or "").strip().splitlines()[0]
    assert len(server.hits()) == 1, "4xx answers are never retried"
    _assert_no_secret(err)


@pytest.mark.parametrize(("status", "code", "cls", "description"), OAUTH_ERRORS[:4])
def test_each_oauth_error_on_revoke(
    server: ScriptedServer,
    auth: AuthorizationManager,
    status: int,
    code: str,
    cls: type[OAuthError],
    description: str,
) -> None:
    server.script(
        "POST", "/oauth2/revoke", Answer(status, {"error": code, "error_description": description})
    )
    with pytest.raises(cls) as info:
        auth.revoke_access_token(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token=ACCESS_TOKEN
        )
    assert info.value.error == code
    assert info.value.request_id == "req-0001"
    _assert_no_secret(info.value)


def test_4xx_without_oauth_body(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script("POST", "/oauth2/token", Answer(404, "<html>Not Found</html>"))
    with pytest.raises(OAuthError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert type(info.value) is OAuthError
    assert "HTTP 404" in str(info.value)
    assert info.value.error is None


def test_200_that_is_not_json(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script("POST", "/oauth2/token", Answer(200, "<html>captive portal</html>"))
    with pytest.raises(BoxResponseError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert type(info.value) is BoxResponseError
    assert "did not contain a token" in str(info.value)
    assert "text/html" in str(info.value)
    assert info.value.status == 200


def test_200_json_without_access_token(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script("POST", "/oauth2/token", Answer(200, {"hello": "world"}))
    with pytest.raises(BoxResponseError, match="did not contain a token"):
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)


def test_users_me_not_json(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script("GET", "/2.0/users/me", Answer(200, "nope"))
    with pytest.raises(BoxResponseError, match="did not contain the signed-in user"):
        auth.get_current_user(ACCESS_TOKEN)


# --- retries ---------------------------------------------------------------------------------


def test_retry_after_seconds_on_429(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    server.script(
        "POST", "/oauth2/token", Answer(429, {"error": "rate"}, headers={"Retry-After": "2"})
    )
    token = auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert token.access_token == TOKEN_BODY["access_token"]
    assert sleeps.calls == [2.0]
    assert len(server.hits()) == 2


def test_retry_after_http_date_on_503(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    when = email.utils.format_datetime(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=4), usegmt=True
    )
    server.script("POST", "/oauth2/token", Answer(503, "busy", headers={"Retry-After": when}))
    auth.request_access_token(
        RequestAccessTokenGrantType.AUTHORIZATION_CODE,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        code=AUTH_CODE,
    )
    assert len(sleeps.calls) == 1
    assert 1.0 <= sleeps.calls[0] <= 4.0  # whole seconds on the wire; leeway for a slow machine
    assert len(server.hits()) == 2


def test_retry_after_garbage_falls_back_to_backoff(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    server.script(
        "POST",
        "/oauth2/token",
        Answer(429, "", headers={"Retry-After": "soon, maybe"}),
        Answer(503, "", headers={"Retry-After": "-3"}),
    )
    auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert sleeps.calls == [0.5, 1.0]
    assert len(server.hits()) == 3


@pytest.mark.parametrize(("status", "cls"), [(429, RateLimitedError), (503, BoxServerError)])
def test_wait_beyond_bound_raises_at_once(
    server: ScriptedServer, sleeps: Sleeps, status: int, cls: type[BoxServerError]
) -> None:
    auth = AuthorizationManager(server.base_urls, sleep=sleeps, max_retry_wait=30)
    server.script("POST", "/oauth2/token", Answer(status, "", headers={"Retry-After": "120"}))
    started = time.monotonic()
    with pytest.raises(cls) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert time.monotonic() - started < 1.0
    assert type(info.value) is cls
    assert info.value.status == status
    assert "120 seconds" in str(info.value)
    assert sleeps.calls == []
    assert len(server.hits()) == 1


def test_total_wait_is_bounded(server: ScriptedServer, sleeps: Sleeps) -> None:
    auth = AuthorizationManager(server.base_urls, sleep=sleeps, max_retry_wait=25)
    server.script("POST", "/oauth2/token", *[Answer(429, "", headers={"Retry-After": "10"})] * 5)
    with pytest.raises(RateLimitedError):
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert sleeps.calls == [10.0, 10.0]
    assert len(server.hits()) == 3


def test_retry_count_is_bounded(server: ScriptedServer, sleeps: Sleeps) -> None:
    auth = AuthorizationManager(server.base_urls, sleep=sleeps, max_retry_wait=30)
    server.script("POST", "/oauth2/token", *[Answer(429, "", headers={"Retry-After": "0"})] * 20)
    with pytest.raises(RateLimitedError):
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert len(server.hits()) == MAX_RETRIES + 1


@pytest.mark.parametrize("status", [500, 502, 504])
def test_5xx_on_refresh_is_not_retried(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps, status: int
) -> None:
    server.script("POST", "/oauth2/token", Answer(status, {"error": "server_error"}))
    with pytest.raises(BoxServerError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert type(info.value) is BoxServerError
    assert info.value.status == status
    assert info.value.request_id == "req-0001"
    assert len(server.hits()) == 1, "a single-use refresh token must not be sent twice"
    assert sleeps.calls == []


def test_dropped_connection_on_post_is_not_retried(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    server.script("POST", "/oauth2/token", Answer(drop=True))
    with pytest.raises(NetworkError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert type(info.value) is NetworkError
    assert len(server.hits("POST")) == 1, "the server may have used the refresh token"
    assert sleeps.calls == []


def test_dropped_connection_on_get_is_retried(
    server: ScriptedServer, auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    server.script("GET", "/2.0/users/me", Answer(drop=True))
    assert auth.get_current_user(ACCESS_TOKEN).login == "ada@example.com"
    assert len(server.hits("GET")) == 2
    assert len(sleeps.calls) == 1


def test_connection_refused_is_retried() -> None:
    port = free_port()
    started: list[ScriptedServer] = []

    def bring_server_up(_: float) -> None:
        if not started:
            started.append(ScriptedServer(port).start())

    sleeps = Sleeps(bring_server_up)
    auth = AuthorizationManager(
        BaseUrls(base_url=f"http://127.0.0.1:{port}"), timeout=(2.0, 5.0), sleep=sleeps
    )
    try:
        token = auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
        assert token.access_token == TOKEN_BODY["access_token"]
        assert len(sleeps.calls) == 1
        assert len(started[0].hits()) == 1
    finally:
        auth.close()
        for srv in started:
            srv.stop()


def test_connection_refused_gives_up(sleeps: Sleeps) -> None:
    auth = AuthorizationManager(BaseUrls(base_url=f"http://127.0.0.1:{free_port()}"), sleep=sleeps)
    with pytest.raises(NetworkError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    err = info.value
    assert type(err) is RefusedConnectionError
    assert err.request_may_have_arrived is False
    assert len(sleeps.calls) == MAX_RETRIES
    assert sum(sleeps.calls) <= 30
    assert err.__cause__ is None
    assert err.__suppress_context__
    assert "127.0.0.1" not in str(err)
    _assert_no_secret(err)


def test_redirect_on_post_is_not_followed(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    server.script(
        "POST", "/oauth2/token", Answer(302, "", headers={"Location": server.url + "/elsewhere"})
    )
    with pytest.raises(BoxResponseError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert info.value.status == 302
    assert "redirect" in str(info.value)
    assert [(h.method, h.path) for h in server.hits()] == [("POST", "/oauth2/token")]


def test_read_timeout_is_quick_and_not_retried(server: ScriptedServer, sleeps: Sleeps) -> None:
    auth = AuthorizationManager(server.base_urls, timeout=(1.0, 0.2), sleep=sleeps)
    server.script("POST", "/oauth2/token", Answer(200, TOKEN_BODY, delay=1.5))
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert time.monotonic() - started < 1.0
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    assert len(server.hits()) == 1
    assert sleeps.calls == []


def test_tls_failure_is_wrapped(server: ScriptedServer, sleeps: Sleeps) -> None:
    # https:// to a plain-HTTP server: a real handshake failure, no mock.
    auth = AuthorizationManager(
        BaseUrls(base_url=server.url.replace("http://", "https://")), timeout=(2, 2), sleep=sleeps
    )
    with pytest.raises(TLSError) as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    assert sleeps.calls == []


def test_bad_base_url_is_a_config_error() -> None:
    auth = AuthorizationManager(BaseUrls(base_url="api.box.com"))
    with pytest.raises(ConfigError, match="not a valid web address"):
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)


def test_bad_header_value_is_a_config_error_without_the_value(
    server: ScriptedServer, auth: AuthorizationManager
) -> None:
    with pytest.raises(ConfigError, match="header") as info:
        auth.get_current_user(ACCESS_TOKEN + "\nX-Injected: 1")
    assert ACCESS_TOKEN not in str(info.value)
    assert server.hits() == []


def test_unusable_token_fields(server: ScriptedServer, auth: AuthorizationManager) -> None:
    server.script("POST", "/oauth2/token", Answer(200, {**TOKEN_BODY, "expires_in": "soon"}))
    with pytest.raises(BoxResponseError, match="usable token") as info:
        auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert info.value.__cause__ is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-1", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:28:10 -0000", 10.0),
        ("Wed, 32 Oct 2015 99:28:10 GMT", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime.datetime(2015, 10, 21, 7, 28, 0, tzinfo=datetime.UTC).timestamp()
    assert parse_retry_after(value, now=now) == expected


# --- no secret anywhere ------------------------------------------------------------------------


def _assert_no_secret(err: BaseException) -> None:
    texts = [str(err), repr(err), "".join(traceback.format_exception(err))]
    if isinstance(err, BoxLoginError):
        texts += [err.details(), err.message, err.hint or ""]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into {text!r}"


def _every_operation(auth: AuthorizationManager, server: ScriptedServer) -> list[BaseException]:
    """Run every operation, successful and failing; return the errors raised."""
    errors: list[BaseException] = []

    def attempt(fn: Callable[[], object]) -> None:
        try:
            fn()
        except BoxLoginError as exc:
            errors.append(exc)

    def all_grants() -> None:
        attempt(lambda: auth.authorize_user("code", CLIENT_ID, state=AUTH_CODE))
        attempt(
            lambda: auth.request_access_token(
                RequestAccessTokenGrantType.AUTHORIZATION_CODE,
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                code=AUTH_CODE,
            )
        )
        attempt(lambda: auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN))
        attempt(
            lambda: auth.request_access_token(
                RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                box_subject_type=RequestAccessTokenBoxSubjectType.ENTERPRISE,
                box_subject_id="1",
            )
        )
        attempt(
            lambda: auth.request_access_token(
                RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                assertion=ASSERTION,
            )
        )
        attempt(
            lambda: auth.request_access_token(
                RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
                subject_token=ACCESS_TOKEN,
                subject_token_type=RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN,
                actor_token=ACTOR,
                actor_token_type=RequestAccessTokenActorTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN,
            )
        )
        attempt(
            lambda: auth.revoke_access_token(
                client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token=REFRESH_TOKEN
            )
        )
        attempt(lambda: auth.get_current_user(ACCESS_TOKEN))

    all_grants()  # successes
    failures = [
        Answer(400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}),
        Answer(401, {"error": "invalid_client", "error_description": "bad"}),
        Answer(429, "", headers={"Retry-After": "1"}),
        Answer(503, "", headers={"Retry-After": "999"}),
        Answer(500, "oops"),
        Answer(302, "", headers={"Location": "/x"}),
        Answer(200, "not json"),
        Answer(drop=True),
    ]
    for answer in failures:
        for method, path in DEFAULT_ANSWERS:
            server.script(method, path, *[answer] * 10)
        all_grants()
        server._scripts.clear()
    return errors


def test_no_secret_in_errors_or_debug_logs(
    server: ScriptedServer, auth: AuthorizationManager, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        errors = _every_operation(auth, server)
    kinds = {type(e) for e in errors}
    assert {
        InvalidGrantError,
        InvalidClientError,
        RateLimitedError,
        BoxServerError,
        BoxResponseError,
        NetworkError,
        InvalidTokenError,
    } <= kinds
    for err in errors:
        _assert_no_secret(err)
    messages = [r.getMessage() for r in caplog.records]
    assert any("POST 127.0.0.1 /oauth2/token -> 200" in m for m in messages), messages
    assert any("box-request-id=req-" in m for m in messages)
    log_text = "\n".join([*messages, caplog.text])
    for secret in SECRETS:
        assert secret not in log_text
    # the server did see the secrets: the test would notice a leak
    seen = b"".join(h.body for h in server.hits()).decode()
    for secret in (CLIENT_SECRET, REFRESH_TOKEN, AUTH_CODE, ASSERTION, ACTOR):
        assert secret in seen


def test_errors_raised_are_only_ours(server: ScriptedServer, auth: AuthorizationManager) -> None:
    errors = _every_operation(auth, server)
    assert errors
    assert all(isinstance(e, BoxLoginError) for e in errors)


def test_manager_repr_has_no_secret(auth: AuthorizationManager) -> None:
    auth.refresh_access_token(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
    assert all(s not in repr(auth) + repr(vars(auth)) for s in SECRETS)


def test_requests_exceptions_do_not_escape(sleeps: Sleeps) -> None:
    auth = AuthorizationManager(
        BaseUrls(base_url=f"http://127.0.0.1:{free_port()}"), sleep=sleeps, max_retry_wait=0
    )
    with pytest.raises(BoxLoginError) as info:
        auth.get_current_user(ACCESS_TOKEN)
    assert not isinstance(info.value, requests.RequestException)
    assert sleeps.calls == []


# --- against the Box sandbox (core.sandbox) ---------------------------------------------------

SANDBOX_REDIRECT = "http://127.0.0.1:8765/callback"


@pytest.fixture
def sandbox_auth(sandbox: TestSandbox, sleeps: Sleeps) -> Iterator[AuthorizationManager]:
    manager = AuthorizationManager(sandbox.base_urls, timeout=(2.0, 5.0), sleep=sleeps)
    yield manager
    manager.close()


def _sign_in(sandbox: TestSandbox, auth: AuthorizationManager) -> tuple[AccessToken, str]:
    """The authorization-code grant end to end, the sandbox acting as Box and the browser."""
    from urllib.parse import parse_qs

    from tests.sandbox_harness import complete_authorization

    url = auth.authorize_user(
        AuthorizeUserResponseType.CODE,
        sandbox.client_id,
        redirect_uri=SANDBOX_REDIRECT,
        state="state-123",
    )
    callback = complete_authorization(url, follow_redirect=False)
    assert callback.startswith(SANDBOX_REDIRECT + "?")
    query = parse_qs(urlsplit(callback).query)
    assert query["state"] == ["state-123"]
    return auth.request_access_token(
        RequestAccessTokenGrantType.AUTHORIZATION_CODE,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        code=query["code"][0],
    ), query["code"][0]


def test_sandbox_code_refresh_revoke_lifecycle(
    sandbox: TestSandbox, sandbox_auth: AuthorizationManager
) -> None:
    auth = sandbox_auth
    token, code = _sign_in(sandbox, auth)
    assert token.expires_in == 3600
    assert sandbox.is_access_token_active(token.access_token)
    assert auth.get_current_user(token.access_token).login == "ada@example.com"

    with pytest.raises(InvalidGrantError):  # codes are single-use
        auth.request_access_token(
            RequestAccessTokenGrantType.AUTHORIZATION_CODE,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            code=code,
        )

    fresh = auth.refresh_access_token(sandbox.client_id, sandbox.client_secret, token.refresh_token)
    assert fresh.refresh_token != token.refresh_token
    assert not sandbox.is_refresh_token_active(token.refresh_token)
    assert sandbox.is_refresh_token_active(fresh.refresh_token)
    with pytest.raises(InvalidGrantError) as info:  # refresh tokens are single-use
        auth.refresh_access_token(sandbox.client_id, sandbox.client_secret, token.refresh_token)
    assert info.value.request_id

    auth.revoke_access_token(
        client_id=sandbox.client_id, client_secret=sandbox.client_secret, token=fresh.access_token
    )
    assert not sandbox.is_access_token_active(fresh.access_token)
    with pytest.raises(InvalidTokenError):
        auth.get_current_user(fresh.access_token)


def test_sandbox_wrong_secret(sandbox: TestSandbox, sandbox_auth: AuthorizationManager) -> None:
    with pytest.raises(InvalidClientError) as info:
        sandbox_auth.request_access_token(
            RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
            client_id=sandbox.client_id,
            client_secret="not-the-secret",
            box_subject_type=RequestAccessTokenBoxSubjectType.ENTERPRISE,
            box_subject_id=sandbox.enterprise_id,
        )
    assert info.value.status in (400, 401)
    assert "not-the-secret" not in str(info.value) + repr(info.value) + info.value.details()


def test_sandbox_client_credentials(
    sandbox: TestSandbox, sandbox_auth: AuthorizationManager
) -> None:
    token = sandbox_auth.request_access_token(
        RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        box_subject_type=RequestAccessTokenBoxSubjectType.ENTERPRISE,
        box_subject_id=sandbox.enterprise_id,
    )
    assert token.refresh_token is None
    assert sandbox_auth.get_current_user(token.access_token).id == sandbox.service_account.id
    with pytest.raises(UnauthorizedClientError):
        sandbox_auth.request_access_token(
            RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            box_subject_type=RequestAccessTokenBoxSubjectType.ENTERPRISE,
            box_subject_id="999",
        )


def test_sandbox_jwt_grant(sandbox_factory: Callable[..., TestSandbox], sleeps: Sleeps) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from core.jwt_assertion import JwtAppConfig, make_assertion

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sandbox = sandbox_factory(jwt_public_keys={"kid-1": public_pem.decode()})
    app_config = {
        "boxAppSettings": {
            "clientID": sandbox.client_id,
            "clientSecret": sandbox.client_secret,
            "appAuth": {
                "publicKeyID": "kid-1",
                "privateKey": key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.BestAvailableEncryption(b"pass phrase"),
                ).decode(),
                "passphrase": "pass phrase",
            },
        },
        "enterpriseID": sandbox.enterprise_id,
    }
    config = JwtAppConfig.from_json(json.dumps(app_config))
    auth = AuthorizationManager(sandbox.base_urls, sleep=sleeps)
    assertion = make_assertion(
        config, subject_type="enterprise", subject_id=config.enterprise_id or ""
    )
    token = auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
        assertion=assertion,
        client_id=config.client_id,
        client_secret=config.client_secret,
    )
    assert token.refresh_token is None
    assert auth.get_current_user(token.access_token).id == sandbox.service_account.id
    with pytest.raises(InvalidGrantError, match="Box no longer accepts"):  # jti is single-use
        auth.request_access_token(
            RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
            assertion=assertion,
            client_id=config.client_id,
            client_secret=config.client_secret,
        )
    user_assertion = make_assertion(
        config, subject_type="user", subject_id=sandbox.users[0].id, algorithm="RS512"
    )
    user_token = auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
        assertion=user_assertion,
        client_id=config.client_id,
        client_secret=config.client_secret,
    )
    assert auth.get_current_user(user_token.access_token).login == sandbox.users[0].login


def test_sandbox_token_exchange(sandbox: TestSandbox, sandbox_auth: AuthorizationManager) -> None:
    token, _ = _sign_in(sandbox, sandbox_auth)
    down = sandbox_auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
        subject_token=token.access_token,
        subject_token_type=RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN,
        scope="item_preview item_download",
        resource="https://api.box.com/2.0/files/123",
    )
    assert down.issued_token_type == "urn:ietf:params:oauth:token-type:access_token"
    assert down.refresh_token is None
    assert {r["scope"] for r in down.restricted_to or ()} == {"item_preview", "item_download"}
    annotator = sandbox_auth.request_access_token(
        RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
        subject_token=token.access_token,
        subject_token_type=RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN,
        actor_token="eyJ.actor.jwt",
        actor_token_type=RequestAccessTokenActorTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN,
        scope="annotation_edit",
        box_shared_link="https://app.box.com/s/abc",
    )
    assert annotator.access_token
    with pytest.raises(InvalidScopeError):
        sandbox_auth.request_access_token(
            RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
            subject_token=token.access_token,
            subject_token_type=RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN,
            scope="no_such_scope",
        )


def test_sandbox_500_on_refresh_keeps_the_refresh_token(
    sandbox: TestSandbox, sandbox_auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    token, _ = _sign_in(sandbox, sandbox_auth)
    sandbox.inject_fault("/oauth2/token", status=500, body={"error": "internal"})
    before = sandbox.grant_count("refresh_token")
    with pytest.raises(BoxServerError):
        sandbox_auth.refresh_access_token(
            sandbox.client_id, sandbox.client_secret, token.refresh_token
        )
    assert sandbox.grant_count("refresh_token") == before + 1
    assert sleeps.calls == []
    # nothing was burned: the same refresh token still works
    assert sandbox_auth.refresh_access_token(
        sandbox.client_id, sandbox.client_secret, token.refresh_token
    ).access_token


def test_sandbox_retry_after(
    sandbox: TestSandbox, sandbox_auth: AuthorizationManager, sleeps: Sleeps
) -> None:
    when = email.utils.format_datetime(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5), usegmt=True
    )
    sandbox.inject_fault("/oauth2/token", status=429, headers={"Retry-After": "1"})
    sandbox.inject_fault("/oauth2/token", status=503, headers={"Retry-After": when})
    token = sandbox_auth.request_access_token(
        RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        box_subject_type=RequestAccessTokenBoxSubjectType.ENTERPRISE,
        box_subject_id=sandbox.enterprise_id,
    )
    assert token.access_token
    assert sleeps.calls[0] == 1.0
    assert 1.0 <= sleeps.calls[1] <= 5.0
    assert sandbox.grant_count("client_credentials") == 3


def test_sandbox_redirect_and_timeout(sandbox: TestSandbox, sleeps: Sleeps) -> None:
    auth = AuthorizationManager(sandbox.base_urls, timeout=(1.0, 0.2), sleep=sleeps)
    sandbox.inject_fault("/oauth2/token", status=307, headers={"Location": sandbox.url + "/x"})
    with pytest.raises(BoxResponseError, match="redirect"):
        auth.refresh_access_token(sandbox.client_id, sandbox.client_secret, "rt")
    assert [r.path for r in sandbox.requests] == ["/oauth2/token"]
    sandbox.set_delay("/oauth2/token", 1.0)
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError):
        auth.refresh_access_token(sandbox.client_id, sandbox.client_secret, "rt")
    assert time.monotonic() - started < 0.9
