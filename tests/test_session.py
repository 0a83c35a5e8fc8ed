"""The sign-in lifecycle (core.session) against the sandbox over real HTTP and the real keyring."""

from __future__ import annotations

import base64
import logging
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import filelock
import pytest

from core.errors import (
    AccessDeniedError,
    InvalidClientError,
    NeedsSignInError,
    NetworkError,
    NotSignedInError,
    SignInCancelledError,
)
from core.logging_setup import REDACTED, redact
from core.session import (
    BoxLogin,
    RefreshLockTimeoutError,
    RevokeOfflineError,
    RevokeResult,
    SignInFlow,
    _lock_name,
    usable_access_token,
)
from core.settings import Settings, parse_settings
from core.store import KeyringStore, StoredToken
from tests.netutil import Sleeps, free_ports, query
from tests.sandbox_harness import TestSandbox, complete_authorization

TOKEN_PATH = "/oauth2/token"
REVOKE_PATH = "/oauth2/revoke"
SIXTY_DAYS = 60 * 24 * 3600


@dataclass
class Env:
    sandbox: TestSandbox
    settings: Settings
    store: KeyringStore
    lock_dir: Path

    def box(self, **kwargs: Any) -> BoxLogin:
        """A fresh BoxLogin (as another process would make) on the same store and locks."""
        return BoxLogin(self.settings, self.store, lock_dir=self.lock_dir, **kwargs)


@pytest.fixture
def env(
    sandbox_factory: Callable[..., TestSandbox], keyring_store: KeyringStore, tmp_path: Path
) -> Env:
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in free_ports(2))
    sandbox = sandbox_factory(redirect_uris=uris)
    data = sandbox.client_settings() | {"scope": "root_readwrite"}
    return Env(sandbox, parse_settings(data), keyring_store, tmp_path / "locks")


BROWSER_THREAD = "test-browser"


def sign_in(
    box: BoxLogin, profile: str = "default", **browser: Any
) -> tuple[StoredToken, list[str], SignInFlow, str]:
    """A whole sign-in: wait() on a worker thread (as the window does), the test acting as the
    browser on a thread of its own (so its own logging can be told apart)."""
    messages: list[str] = []
    flow = box.begin_sign_in(profile, progress=messages.append, timeout=30)
    with (
        ThreadPoolExecutor(1, thread_name_prefix=BROWSER_THREAD) as browser_thread,
        ThreadPoolExecutor(1) as pool,
    ):
        waiting = pool.submit(flow.wait)
        callback = browser_thread.submit(
            complete_authorization, flow.authorize_url, **browser
        ).result(timeout=30)
        stored = waiting.result(timeout=30)
    return stored, messages, flow, callback


def expire_locally(env: Env, profile: str = "default") -> StoredToken:
    """Make the stored access token expired, here and at the sandbox."""
    stored = env.store.load(profile)
    assert stored is not None
    expired = replace(stored, expires_at=time.time() - 5)
    env.store.save(expired)
    env.sandbox.expire_access_tokens()
    return expired


# --- sign-in ---------------------------------------------------------------------------


def test_sign_in_saves_tokens_identity_and_expiry(env: Env) -> None:
    box = env.box()
    before = time.time()
    stored, messages, flow, _ = sign_in(box, "default")

    assert messages == [
        "Waiting for you to sign in to Box…",
        "Finishing sign-in…",
        "Signed in as Ada Lovelace (ada@example.com)",
    ]
    assert env.store.load("default") == stored
    assert (stored.user_name, stored.user_login) == ("Ada Lovelace", "ada@example.com")
    assert stored.user_id
    assert stored.scope == "root_readwrite"
    assert not stored.needs_sign_in
    assert stored.received_at is not None
    assert before <= stored.received_at <= time.time()
    assert stored.expires_at == pytest.approx(stored.received_at + 3600)
    assert stored.refresh_expires_at == pytest.approx(stored.received_at + SIXTY_DAYS)
    assert stored.access_token
    assert env.sandbox.is_access_token_active(stored.access_token)
    assert stored.refresh_token
    assert env.sandbox.is_refresh_token_active(stored.refresh_token)

    params = query(flow.authorize_url)
    assert params["response_type"] == "code"
    assert params["client_id"] == env.settings.client_id
    assert params["redirect_uri"] == flow.redirect_uri == env.settings.redirect_uris[0]
    assert params["scope"] == "root_readwrite"
    # The exchange carries client credentials and the code, and (like the SDK) no redirect_uri.
    (exchange,) = [
        r
        for r in env.sandbox.requests_to(TOKEN_PATH)
        if r.form.get("grant_type") == "authorization_code"
    ]
    assert set(exchange.form) == {"grant_type", "client_id", "client_secret", "code"}
    assert "state" not in repr(flow)
    assert "authorize" not in repr(flow)


def test_state_is_fresh_and_at_least_128_bits(env: Env) -> None:
    box = env.box()
    states = []
    for _ in range(2):
        flow = box.begin_sign_in(timeout=5)
        try:
            states.append(query(flow.authorize_url)["state"])
        finally:
            flow.cancel()
            flow.close()
    assert states[0] != states[1]
    for state in states:
        raw = base64.urlsafe_b64decode(state + "=" * (-len(state) % 4))
        assert len(raw) * 8 >= 128


def test_denied_sign_in_raises_and_saves_nothing(env: Env) -> None:
    box = env.box()
    with pytest.raises(AccessDeniedError):
        sign_in(box, decision="deny")
    assert env.store.load("default") is None
    assert env.sandbox.grant_count("authorization_code") == 0


def test_cancel_from_another_thread_stops_wait_and_frees_the_port(env: Env) -> None:
    flow = env.box().begin_sign_in(timeout=30)
    port = urllib.parse.urlsplit(flow.redirect_uri).port
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(flow.wait)
        threading.Timer(0.2, flow.cancel).start()
        started = time.monotonic()
        with pytest.raises(SignInCancelledError):
            waiting.result(timeout=10)
    assert time.monotonic() - started < 5
    with socket.socket() as probe:  # the listener let go of its port
        probe.bind(("127.0.0.1", port))


def test_cancel_during_code_exchange_revokes_instead_of_saving(env: Env) -> None:
    box = env.box()
    env.sandbox.set_delay(TOKEN_PATH, 1.0)
    flow = box.begin_sign_in(timeout=30)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(flow.wait)
        complete_authorization(flow.authorize_url)
        deadline = time.monotonic() + 10
        while not env.sandbox.requests_to(TOKEN_PATH) and time.monotonic() < deadline:
            time.sleep(0.02)
        flow.cancel()
        with pytest.raises(SignInCancelledError):
            waiting.result(timeout=20)
    assert env.store.load("default") is None
    revoked = [r.form["token"] for r in env.sandbox.requests_to(REVOKE_PATH)]
    assert len(revoked) == 2
    assert not any(env.sandbox.is_refresh_token_active(t) for t in revoked)
    assert not any(env.sandbox.is_access_token_active(t) for t in revoked)


class SaveRecordingStore:
    """The real keyring store, noting in ``events`` when each save starts and ends."""

    def __init__(self, inner: KeyringStore, events: list[tuple[Any, ...]]) -> None:
        self.inner = inner
        self.events = events

    def location(self) -> str:
        return self.inner.location()

    def list_profiles(self) -> list[str]:
        return self.inner.list_profiles()

    def load(self, profile: str) -> StoredToken | None:
        return self.inner.load(profile)

    def save(self, token: StoredToken) -> None:
        self.events.append(("saving", token.profile))
        self.inner.save(token)
        self.events.append(("saved", token.profile))

    def delete(self, profile: str) -> None:
        self.inner.delete(profile)


def test_signed_in_callback_comes_before_the_save_and_cannot_stop_it(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    events: list[tuple[Any, ...]] = []
    box = BoxLogin(env.settings, SaveRecordingStore(env.store, events), lock_dir=env.lock_dir)
    told: list[StoredToken] = []

    def on_signed_in(stored: StoredToken) -> None:
        told.append(stored)
        events.append(("told", stored.profile, env.store.load(stored.profile)))
        raise RuntimeError("the window that asked is gone")

    flow = box.begin_sign_in("work", timeout=30, on_signed_in=on_signed_in)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(flow.wait)
        complete_authorization(flow.authorize_url)
        stored = waiting.result(timeout=30)

    # Told first, with the sign-in not yet in the keyring; then saved all the same.
    assert events == [("told", "work", None), ("saving", "work"), ("saved", "work")]
    assert told == [stored]
    assert stored.user_login == "ada@example.com"
    assert env.store.load("work") == stored
    assert "callback failed (RuntimeError)" in caplog.text


# --- access tokens ---------------------------------------------------------------------


def test_not_signed_in(env: Env) -> None:
    with pytest.raises(NotSignedInError):
        env.box().get_access_token("nobody")
    assert env.box().status("nobody") is None


def test_usable_access_token_needs_margin_and_a_live_sign_in() -> None:
    now = time.time()
    stored = StoredToken(profile="p", access_token="tok", expires_at=now + 120)
    assert usable_access_token(None) is None
    assert usable_access_token(stored, 60, now=now) == "tok"
    assert usable_access_token(stored, 120, now=now) is None
    assert usable_access_token(replace(stored, needs_sign_in=True), 60, now=now) is None
    assert usable_access_token(replace(stored, access_token=None), 60, now=now) is None


def test_valid_token_is_returned_without_network(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    seen = len(env.sandbox.requests)
    assert env.box().get_access_token() == stored.access_token
    assert len(env.sandbox.requests) == seen
    assert env.box().status() == stored


def test_expired_token_is_refreshed_once_and_saved_before_use(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    expire_locally(env)
    box = env.box()
    token = box.get_access_token()

    assert token != stored.access_token
    assert env.sandbox.is_access_token_active(token)
    saved = env.store.load("default")
    assert saved is not None
    assert saved.access_token == token
    assert saved.refresh_token != stored.refresh_token
    assert saved.refresh_token
    assert env.sandbox.is_refresh_token_active(saved.refresh_token)
    assert stored.refresh_token
    assert not env.sandbox.is_refresh_token_active(stored.refresh_token)
    assert (saved.user_login, saved.scope) == (stored.user_login, stored.scope)
    assert saved.refresh_expires_at == pytest.approx(time.time() + SIXTY_DAYS, abs=30)
    assert box.get_access_token() == token
    assert env.sandbox.grant_count("refresh_token") == 1


def test_margin_decides_when_to_refresh(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    box = env.box()
    assert box.get_access_token(margin=3000) == stored.access_token
    assert env.sandbox.grant_count("refresh_token") == 0
    assert box.get_access_token(margin=3700) != stored.access_token
    assert env.sandbox.grant_count("refresh_token") == 1


def test_eight_threads_on_an_expired_token_cause_one_refresh(env: Env) -> None:
    sign_in(env.box())
    expire_locally(env)
    env.sandbox.set_delay(TOKEN_PATH, 0.3)  # the others pile up on the lock meanwhile
    barrier = threading.Barrier(8)

    def one() -> str:
        box = env.box()  # each with its own HTTP client, like separate processes
        barrier.wait()
        return box.get_access_token()

    with ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(lambda _: one(), range(8)))
    assert len(set(tokens)) == 1
    assert env.sandbox.grant_count("refresh_token") == 1
    assert env.sandbox.is_access_token_active(tokens[0])


def test_refresh_forces_a_new_token(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    renewed = env.box().refresh()
    assert renewed.access_token != stored.access_token
    assert env.store.load("default") == renewed


def test_503_with_retry_after_during_refresh_succeeds(env: Env) -> None:
    sign_in(env.box())
    expire_locally(env)
    env.sandbox.inject_fault(
        TOKEN_PATH,
        status=503,
        body={"error": "temporarily_unavailable"},
        headers={"Retry-After": "1"},
    )
    started = time.monotonic()
    token = env.box().get_access_token()
    assert time.monotonic() - started >= 0.9  # Retry-After was honoured
    assert env.sandbox.is_access_token_active(token)
    assert env.sandbox.grant_count("refresh_token") == 2  # the 503, then the real one


def test_invalid_grant_marks_the_profile_as_needing_sign_in(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    expire_locally(env)
    env.sandbox.expire_refresh_tokens()
    box = env.box()
    with pytest.raises(NeedsSignInError, match=r"ada@example\.com") as caught:
        box.get_access_token()
    assert caught.value.exit_code == 4
    marked = env.store.load("default")
    assert marked is not None
    assert marked.needs_sign_in
    assert marked.access_token is None
    assert marked.refresh_token is None
    assert (marked.user_id, marked.user_login) == (stored.user_id, stored.user_login)
    # From now on no request is made at all: the answer is known.
    seen = len(env.sandbox.requests)
    with pytest.raises(NeedsSignInError):
        box.get_access_token()
    assert len(env.sandbox.requests) == seen


def test_refresh_token_past_sixty_days_needs_sign_in_without_asking_box(env: Env) -> None:
    sign_in(env.box())
    stored = expire_locally(env)
    env.store.save(replace(stored, refresh_expires_at=time.time() - 1))
    with pytest.raises(NeedsSignInError):
        env.box().get_access_token()
    assert env.sandbox.grant_count("refresh_token") == 0


def test_a_busy_lock_times_out_with_a_plain_error(env: Env) -> None:
    sign_in(env.box())
    expire_locally(env)
    env.lock_dir.mkdir(parents=True, exist_ok=True)
    with (
        filelock.FileLock(env.lock_dir / _lock_name("default")),
        pytest.raises(RefreshLockTimeoutError, match="Another Box Login") as caught,
    ):
        env.box(lock_timeout=0.3).get_access_token()
    assert caught.value.exit_code == 6
    assert env.sandbox.grant_count("refresh_token") == 0


# --- revoke ----------------------------------------------------------------------------


def test_revoke_ends_the_grant_at_box_deletes_locally_and_verifies(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    result = env.box().revoke()
    assert result == RevokeResult(
        profile="default", revoked_at_box=True, deleted_locally=True, verified=True
    )
    assert [r.form["token"] for r in env.sandbox.requests_to(REVOKE_PATH)] == [
        stored.refresh_token,
        stored.access_token,
    ]
    assert stored.access_token
    assert not env.sandbox.is_access_token_active(stored.access_token)
    assert stored.refresh_token
    assert not env.sandbox.is_refresh_token_active(stored.refresh_token)
    assert env.store.load("default") is None


def test_revoke_when_box_is_unreachable_keeps_the_tokens_and_forget_removes_them(
    env: Env,
) -> None:
    from core.http import MAX_RETRIES
    from core.oauth import AuthorizationManager

    sign_in(env.box())
    env.sandbox.stop()
    sleeps = Sleeps()  # the refused calls' back-off, recorded instead of waited out
    box = env.box(auth=AuthorizationManager(env.settings.base_urls, sleep=sleeps))
    with pytest.raises(RevokeOfflineError) as caught:
        box.revoke()
    assert isinstance(caught.value, NetworkError)
    assert caught.value.exit_code == 5
    assert len(sleeps.calls) == MAX_RETRIES  # refused: retried, then given up
    assert env.store.load("default") is not None
    box.forget()
    assert env.store.load("default") is None


def test_revoke_refused_by_box_deletes_nothing(env: Env) -> None:
    stored, *_ = sign_in(env.box())
    wrong = BoxLogin(
        replace(env.settings, client_secret="not-the-secret"), env.store, lock_dir=env.lock_dir
    )
    with pytest.raises(InvalidClientError):
        wrong.revoke()
    assert env.store.load("default") == stored
    assert stored.refresh_token
    assert env.sandbox.is_refresh_token_active(stored.refresh_token)


@pytest.mark.parametrize("second_answer", [500, 400])
def test_revoke_a_failure_after_the_grant_ended_still_signs_out(
    env: Env, second_answer: int
) -> None:
    """Revoking the refresh token ends the grant; if Box then fails (5xx) or refuses (4xx)
    the second call, for the access token, the sign-out still completes and is verified."""
    from core.oauth import AuthorizationManager

    stored, *_ = sign_in(env.box())
    sandbox = env.sandbox

    class FaultAfterFirstRevoke(AuthorizationManager):
        def revoke_access_token(self, **kwargs: Any) -> None:
            super().revoke_access_token(**kwargs)
            body = {"error": "invalid_request", "error_description": "Bad token"}
            sandbox.inject_fault(REVOKE_PATH, status=second_answer, body=body)

    box = env.box(auth=FaultAfterFirstRevoke(env.settings.base_urls))
    result = box.revoke()
    assert result.deleted_locally
    assert result.revoked_at_box
    assert result.verified
    assert len(sandbox.requests_to(REVOKE_PATH)) == 2
    assert env.store.load("default") is None
    assert stored.refresh_token
    assert not sandbox.is_refresh_token_active(stored.refresh_token)


def test_revoke_without_a_sign_in(env: Env) -> None:
    with pytest.raises(NotSignedInError):
        env.box().revoke("nobody")


# --- logging ---------------------------------------------------------------------------


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def test_whole_lifecycle_at_debug_logs_no_secret(
    env: Env, debug_log: pytest.LogCaptureFixture
) -> None:
    box = env.box()
    stored, _, flow, callback = sign_in(box)
    expire_locally(env)
    box.get_access_token()
    renewed = env.store.load("default")
    box.revoke()

    assert renewed is not None
    secrets = {
        "code": query(callback)["code"],
        "state": query(flow.authorize_url)["state"],
        "client secret": env.settings.client_secret,
        "access token": stored.access_token,
        "refresh token": stored.refresh_token,
        "new access token": renewed.access_token,
        "new refresh token": renewed.refresh_token,
    }
    # Only what Box Login logged: the test's stand-in browser (requests) is not the app.
    text = "\n".join(
        f"{r.name} {r.getMessage()}"
        for r in debug_log.records
        if not r.threadName.startswith(BROWSER_THREAD)
    )
    assert "Signed in" in text or "Renewing" in text  # DEBUG logging was really on
    for what, value in secrets.items():
        assert value, what
        assert value not in text, f"the {what} was logged"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("GET /callback?code=Zx81kQ0aA9smB3vP2q7Y1mN4tR6wE8uI&state=abc HTTP/1.1", "Zx81kQ0a"),
        ("state=q1w2e3r4t5y6u7i8o9p0-_AbCdEfGh&x=1", "q1w2e3r4"),
        ('{"access_token": "short1", "token_type": "bearer"}', "short1"),
        ("{'refresh_token': 'r3fr3sh'}", "r3fr3sh"),
        ("Authorization: Bearer abc.def", "abc.def"),
        ("client_secret=s3cr3t&client_id=x", "s3cr3t"),
        ("token 4fG7hJ2kL9mN3pQ5rS8tU1vW6xY0zA2b expired", "4fG7hJ2kL9mN3pQ5"),
    ],
)
def test_redaction_backstop(line: str, secret: str) -> None:
    cleaned = redact(line)
    assert secret not in cleaned
    assert REDACTED in cleaned


def test_redaction_leaves_ordinary_lines_alone() -> None:
    line = "POST /oauth2/token HTTP/1.1 200 (box-login-default-7.lock, core.session)"
    assert redact(line) == line
