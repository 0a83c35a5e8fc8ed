"""On the wire, our core sends exactly what box-sdk-gen 1.17.0 sends.

Each call goes through the official SDK and through ``core.oauth`` against the same recording
server; method, path, content type and the form fields (order and values, byte for byte) must
be identical. The authorize URL is compared with the SDK's ``BoxOAuth.get_authorize_url``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from box_sdk_gen.box.ccg_auth import BoxCCGAuth, CCGConfig
from box_sdk_gen.box.oauth import BoxOAuth, GetAuthorizeUrlOptions, OAuthConfig
from box_sdk_gen.managers import authorization as sdk
from box_sdk_gen.networking.base_urls import BaseUrls as SdkBaseUrls
from box_sdk_gen.networking.network import NetworkSession

from core import oauth as ours
from tests.scripted_server import Recorded, ScriptedServer

CLIENT_ID = "wire client/id"
SECRET = "s3cr3t+/=&é"
ODD = "a b+c/d=e&f?g#h%i é ü 日本"


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


@dataclass(frozen=True)
class Managers:
    sdk: sdk.AuthorizationManager
    ours: ours.AuthorizationManager
    server: ScriptedServer
    network_session: NetworkSession


@pytest.fixture(scope="module")
def managers(server: ScriptedServer) -> Managers:
    session = NetworkSession(
        base_urls=SdkBaseUrls(base_url=server.url, oauth_2_url=server.url + "/api/oauth2")
    )
    return Managers(
        sdk.AuthorizationManager(network_session=session),
        ours.AuthorizationManager(server.base_urls),
        server,
        session,
    )


def _one_request(server: ScriptedServer, call: Callable[[], Any]) -> Recorded:
    before = len(server.hits())
    call()
    new = server.hits()[before:]
    assert len(new) == 1, new
    return new[0]


def _assert_same_wire(theirs: Recorded, mine: Recorded) -> None:
    assert mine.method == theirs.method
    assert mine.path == theirs.path
    assert mine.query == theirs.query
    assert mine.content_type == theirs.content_type
    assert mine.form == theirs.form
    assert mine.body == theirs.body  # same encoding, byte for byte
    assert mine.headers.get("x-extra") == theirs.headers.get("x-extra")


# Each case: (name, call on the SDK manager, call on ours). Both get the same arguments.
CASES: list[tuple[str, Callable[[Any, Any], Any]]] = [
    (
        "authorization_code",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.AUTHORIZATION_CODE,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            code="code " + ODD,
        ),
    ),
    (
        "refresh_access_token",
        lambda m, e: m.refresh_access_token(CLIENT_ID, SECRET, "refresh " + ODD),
    ),
    (
        "refresh_via_request_access_token",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.REFRESH_TOKEN,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            refresh_token="rt",
        ),
    ),
    (
        "client_credentials_enterprise",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            box_subject_type=e.RequestAccessTokenBoxSubjectType.ENTERPRISE,
            box_subject_id="1000001",
        ),
    ),
    (
        "client_credentials_user",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            box_subject_type=e.RequestAccessTokenBoxSubjectType.USER,
            box_subject_id="42",
        ),
    ),
    (
        "jwt_bearer",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_JWT_BEARER,
            assertion="eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln",
            client_id=CLIENT_ID,
            client_secret=SECRET,
        ),
    ),
    (
        "token_exchange_with_actor",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
            subject_token="subject-token",
            subject_token_type=(
                e.RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN
            ),
            actor_token="eyJ.actor.jwt",
            actor_token_type=(
                e.RequestAccessTokenActorTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN
            ),
            scope="annotation_edit item_preview",
            resource="https://api.box.com/2.0/files/123",
        ),
    ),
    (
        "token_exchange_shared_link",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
            subject_token="subject-token",
            subject_token_type=(
                e.RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN
            ),
            scope="item_preview",
            box_shared_link="https://app.box.com/s/abc?x=1&y=2",
        ),
    ),
    (
        "every_field_at_once",
        lambda m, e: m.request_access_token(
            e.RequestAccessTokenGrantType.URN_IETF_PARAMS_OAUTH_GRANT_TYPE_TOKEN_EXCHANGE,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            code="c",
            refresh_token="r",
            assertion="a",
            subject_token="s",
            subject_token_type=(
                e.RequestAccessTokenSubjectTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ACCESS_TOKEN
            ),
            actor_token="at",
            actor_token_type=(
                e.RequestAccessTokenActorTokenType.URN_IETF_PARAMS_OAUTH_TOKEN_TYPE_ID_TOKEN
            ),
            scope=ODD,
            resource="res",
            box_subject_type=e.RequestAccessTokenBoxSubjectType.USER,
            box_subject_id="9",
            box_shared_link="link",
        ),
    ),
    (
        "revoke",
        lambda m, e: m.revoke_access_token(client_id=CLIENT_ID, client_secret=SECRET, token=ODD),
    ),
    ("revoke_token_only", lambda m, e: m.revoke_access_token(token="t")),
    (
        "extra_headers",
        lambda m, e: m.refresh_access_token(
            CLIENT_ID, SECRET, "rt", extra_headers={"X-Extra": "yes", "X-Dropped": None}
        ),
    ),
]


@pytest.mark.parametrize("call", [c for _, c in CASES], ids=[n for n, _ in CASES])
def test_same_request_as_the_sdk(managers: Managers, call: Callable[[Any, Any], Any]) -> None:
    theirs = _one_request(managers.server, lambda: call(managers.sdk, sdk))
    mine = _one_request(managers.server, lambda: call(managers.ours, ours))
    _assert_same_wire(theirs, mine)
    assert mine.method == "POST"
    assert mine.content_type == "application/x-www-form-urlencoded"
    assert "x-dropped" not in mine.headers


def test_same_tokens_parsed(managers: Managers) -> None:
    theirs = managers.sdk.refresh_access_token(CLIENT_ID, SECRET, "rt")
    mine = managers.ours.refresh_access_token(CLIENT_ID, SECRET, "rt")
    for name in ("access_token", "expires_in", "token_type", "refresh_token", "issued_token_type"):
        assert getattr(mine, name) == getattr(theirs, name), name
    assert list(mine.restricted_to or ()) == list(theirs.restricted_to or [])


def test_sdk_code_grant_flow_matches(managers: Managers) -> None:
    oauth = BoxOAuth(OAuthConfig(CLIENT_ID, SECRET))
    theirs = _one_request(
        managers.server,
        lambda: oauth.get_tokens_authorization_code_grant(
            "the-code", network_session=managers.network_session
        ),
    )
    mine = _one_request(
        managers.server,
        lambda: managers.ours.request_access_token(
            ours.RequestAccessTokenGrantType.AUTHORIZATION_CODE,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            code="the-code",
        ),
    )
    _assert_same_wire(theirs, mine)
    assert "redirect_uri" not in dict(mine.form)  # the SDK never sends it; neither do we


def test_sdk_ccg_flow_matches(managers: Managers) -> None:
    ccg = BoxCCGAuth(
        CCGConfig(client_id=CLIENT_ID, client_secret=SECRET, enterprise_id="1000001"),
    )
    theirs = _one_request(
        managers.server, lambda: ccg.refresh_token(network_session=managers.network_session)
    )
    mine = _one_request(
        managers.server,
        lambda: managers.ours.request_access_token(
            ours.RequestAccessTokenGrantType.CLIENT_CREDENTIALS,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            box_subject_type=ours.RequestAccessTokenBoxSubjectType.ENTERPRISE,
            box_subject_id="1000001",
        ),
    )
    _assert_same_wire(theirs, mine)


AUTHORIZE_CASES: list[dict[str, str]] = [
    {},
    {"redirect_uri": "http://127.0.0.1:8765/callback"},
    {"redirect_uri": "http://127.0.0.1:8765/callback", "state": "St4te-_~.x"},
    {"state": ODD, "scope": "root_readwrite manage_users"},
    {
        "redirect_uri": "https://example.com/cb?a=1&b=2",
        "state": "abc",
        "scope": "root_readonly",
    },
]


@pytest.mark.parametrize("options", AUTHORIZE_CASES)
def test_authorize_url_identical_to_sdk(options: dict[str, str]) -> None:
    theirs = BoxOAuth(OAuthConfig(CLIENT_ID, SECRET)).get_authorize_url(
        options=GetAuthorizeUrlOptions(**options)
    )
    mine = ours.AuthorizationManager().authorize_user(
        ours.AuthorizeUserResponseType.CODE, CLIENT_ID, **options
    )
    assert mine == theirs
    assert mine.split("?", 1)[1] == theirs.split("?", 1)[1]


@pytest.mark.parametrize("options", AUTHORIZE_CASES)
def test_authorize_parameters_match_sdk_authorize_user(
    managers: Managers, options: dict[str, str]
) -> None:
    # The SDK's own authorize_user GETs the page (params in its own order); a browser opening
    # our URL must send the same parameters with the same values to the same path.
    from urllib.parse import parse_qsl, urlsplit

    theirs = _one_request(
        managers.server,
        lambda: managers.sdk.authorize_user(
            sdk.AuthorizeUserResponseType.CODE, CLIENT_ID, **options
        ),
    )
    url = urlsplit(
        managers.ours.authorize_user(ours.AuthorizeUserResponseType.CODE, CLIENT_ID, **options)
    )
    assert url.path == theirs.path == "/api/oauth2/authorize"
    assert sorted(parse_qsl(url.query)) == sorted(parse_qsl(theirs.query))
