"""The sign-in lifecycle: sign in, hand out a valid access token, refresh, revoke.

``BoxLogin`` composes the settings, a token store and the OAuth client. Its rules:

- A valid stored access token is returned without touching the network (or importing
  ``requests``): the command line's ``token`` must stay as fast as reading the keyring.
- Refreshing happens under a cross-process file lock, one per profile, and the store is
  re-read once the lock is held: Box's refresh tokens are single-use, so when eight processes
  find the same expired token, one refreshes and the other seven read its result.
- New tokens are saved before anyone gets to use them.

``SignInFlow`` is one browser sign-in (loopback listener, authorize URL, code exchange,
``users/me``), driven by the command line or by the window from a worker thread.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import (
    BoxLoginError,
    BoxResponseError,
    BoxServerError,
    InvalidGrantError,
    InvalidTokenError,
    NeedsSignInError,
    NetworkError,
    NotSignedInError,
    OAuthError,
    SignInCancelledError,
    StoreError,
)
from core.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from core.loopback import LoopbackListener
    from core.oauth import AuthorizationManager
    from core.settings import Settings
    from core.store import StoredToken, TokenStore
    from core.tokens import AccessToken

__all__ = [
    "BoxLogin",
    "RefreshLockTimeoutError",
    "RevokeOfflineError",
    "RevokeResult",
    "SignInFlow",
    "usable_access_token",
]

logger = logging.getLogger(__name__)

#: How long a process waits for another one that is refreshing the same profile. A refresh
#: is at most a few requests with timeouts and one Retry-After wait, well under this.
DEFAULT_LOCK_TIMEOUT = 120.0

ProgressCallback = Callable[[str], None]
#: Told who signed in (the new StoredToken) just before it is saved.
SignedInCallback = Callable[["StoredToken"], None]


class RevokeOfflineError(NetworkError):
    """Box could not be reached, so your sign-in was not ended at Box.

    Nothing was deleted; ``BoxLogin.forget`` removes the sign-in from this computer only.
    """

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Box could not be reached, so your sign-in was not ended at Box."
    )


class RefreshLockTimeoutError(StoreError):
    """Another Box Login is renewing this sign-in and has not finished. Try again soon."""

    default_message = QT_TRANSLATE_NOOP(
        "Errors", "Another Box Login is renewing this sign-in and has not finished. Try again soon."
    )


@dataclass(frozen=True)
class RevokeResult:
    """What ``BoxLogin.revoke`` did.

    ``revoked_at_box``: Box accepted the revocation. ``deleted_locally``: the sign-in is gone
    from the store. ``verified``: Box answered 401 to the old access token afterwards (False
    when it still answered, could not be asked, or there was no access token to check).
    """

    profile: str
    revoked_at_box: bool
    deleted_locally: bool
    verified: bool


def usable_access_token(
    stored: StoredToken | None, margin: float = 60.0, *, now: float | None = None
) -> str | None:
    """The stored access token if it stays valid for more than ``margin`` seconds, else None.
    Needs neither settings nor network (the command line's fast path for ``token``)."""
    if stored is not None and stored.access_token and stored.access_token_valid(margin, now):
        return stored.access_token
    return None


def _lock_name(profile: str) -> str:
    # Profile names are free text for the store; file names are not.
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", profile)
    return f"box-login-{safe}-{len(profile)}.lock"


class BoxLogin:
    """Sign-in, valid access tokens, refresh and revoke for one Box app (``settings``), with
    tokens kept in ``store``.

    ``auth`` (an ``AuthorizationManager``) is built from the settings on first use when not
    given; ``lock_dir`` defaults to ``settings.state_dir()``; ``clock`` gives "now" in epoch
    seconds.
    """

    def __init__(
        self,
        settings: Settings,
        store: TokenStore,
        *,
        auth: AuthorizationManager | None = None,
        lock_dir: Path | None = None,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        self.settings = settings
        self.store = store
        self._auth = auth
        self._lock_dir = lock_dir
        self._clock = clock
        self._lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"BoxLogin(client_id={self.settings.client_id!r}, store={self.store.location()!r})"

    @property
    def auth(self) -> AuthorizationManager:
        """The OAuth client (imports ``requests`` on first use only)."""
        if self._auth is None:
            from core.oauth import AuthorizationManager

            self._auth = AuthorizationManager(
                self.settings.base_urls, network=self.settings.network
            )
        return self._auth

    # --- tokens --------------------------------------------------------------------------

    def status(self, profile: str = "default") -> StoredToken | None:
        """The stored sign-in for ``profile`` (None when there is none). No network."""
        return self.store.load(profile)

    def get_access_token(self, profile: str = "default", *, margin: float = 60.0) -> str:
        """An access token valid for more than ``margin`` seconds, refreshed first if needed.

        Raises NotSignedInError, NeedsSignInError, network and Box errors, StoreError.
        """
        stored = self._load_signed_in(profile)
        token = usable_access_token(stored, margin, now=self._clock())
        return token if token is not None else self.renew_access_token(profile, margin=margin)

    def renew_access_token(self, profile: str = "default", *, margin: float = 60.0) -> str:
        """``get_access_token`` for a caller that already found the stored token unusable
        (see ``usable_access_token``): takes the profile lock, re-reads the store and
        refreshes only if no other process did meanwhile."""
        renewed = self.renew_sign_in(profile, margin=margin)
        assert renewed.access_token is not None
        return renewed.access_token

    def renew_sign_in(self, profile: str = "default", *, margin: float = 60.0) -> StoredToken:
        """``renew_access_token``, returning the whole stored sign-in (its access token is
        valid for more than ``margin`` seconds): for callers that also hand out its expiry
        and user (``token --format json``, ``exec``)."""
        with self._profile_lock(profile):
            stored = self._load_signed_in(profile)
            if usable_access_token(stored, margin, now=self._clock()) is not None:
                logger.debug("Another process renewed the access token meanwhile")
                return stored
            return self._refresh_locked(stored)

    def refresh(self, profile: str = "default") -> StoredToken:
        """Renew the access token now, whether or not it is still valid."""
        with self._profile_lock(profile):
            return self._refresh_locked(self._load_signed_in(profile))

    def renew_if(
        self, profile: str, due: Callable[[StoredToken, float], bool]
    ) -> StoredToken | None:
        """Renew only if ``due(stored, now)`` still holds once the profile lock is held and
        the store re-read; None when it no longer does (another process renewed meanwhile).

        For callers that decide from a read made without the lock (keep-alive, which must
        renew each due profile exactly once however many of its runs overlap).
        """
        with self._profile_lock(profile):
            stored = self._load_signed_in(profile)
            if not due(stored, self._clock()):
                logger.debug("Profile %s no longer needs renewing", profile)
                return None
            return self._refresh_locked(stored)

    def _load_signed_in(self, profile: str) -> StoredToken:
        stored = self.store.load(profile)
        if stored is not None and stored.needs_sign_in:
            raise _needs_sign_in(stored)
        if stored is None or (not stored.access_token and not stored.refresh_token):
            raise _not_signed_in(profile)
        return stored

    def _refresh_locked(self, stored: StoredToken) -> StoredToken:
        """Refresh ``stored`` (the caller holds the profile lock) and save the result."""
        from core.store import StoredToken

        if not stored.refresh_token or not stored.refresh_token_valid(now=self._clock()):
            self._mark_needs_sign_in(stored)
            raise _needs_sign_in(stored)
        logger.debug("Renewing the access token for profile %s", stored.profile)
        # Write-ahead: once Box has the refresh token it may end the stored access token, and
        # a crash before the answer is saved must not leave that token looking valid. The mark
        # keeps it from being handed out until a renewal's answer is saved; a crash anywhere
        # after this line leaves the next run renewing with the newest refresh token stored
        # (or, killed between Box's answer and the first write, a plain "sign in again").
        self.store.save_details(stored.marked_renewing(self._clock()))
        try:
            token = self.auth.refresh_access_token(
                self.settings.client_id, self.settings.client_secret, stored.refresh_token
            )
        except InvalidGrantError as exc:
            logger.info("Box no longer accepts the refresh token (%s)", exc.details())
            self._mark_needs_sign_in(stored)
            raise _needs_sign_in(stored) from exc
        except BoxLoginError as exc:
            if _refresh_token_unused(exc):
                self._unmark_renewal(stored)
            raise
        renewed = StoredToken.from_access_token(stored.profile, token, previous=stored)
        self.store.save(renewed)
        logger.info("Access token renewed for profile %s", stored.profile)
        return renewed

    def _unmark_renewal(self, stored: StoredToken) -> None:
        # Box certainly did not use the refresh token: the access token is as good as before
        # (a script offline keeps getting it until it expires).
        try:
            self.store.save_details(stored)
        except StoreError as exc:
            logger.info("Could not clear the renewal mark (%s); the next use renews", exc.details())

    def _mark_needs_sign_in(self, stored: StoredToken) -> None:
        # Keep who it was (the window says "sign in again as …"), drop the dead tokens.
        self.store.save(stored.marked_needs_sign_in())

    @contextmanager
    def _profile_lock(self, profile: str) -> Iterator[None]:
        import filelock

        lock_dir = self._lock_dir
        if lock_dir is None:
            from core.settings import state_dir

            lock_dir = state_dir()
        lock_dir.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(lock_dir / _lock_name(profile), timeout=self._lock_timeout)
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise RefreshLockTimeoutError(
                hint=translate(
                    "Session", "(Waited {seconds} seconds for profile {profile}.)"
                ).format(seconds=f"{self._lock_timeout:.0f}", profile=repr(profile))
            ) from exc
        try:
            yield
        finally:
            lock.release()

    # --- sign-in -------------------------------------------------------------------------

    def begin_sign_in(
        self,
        profile: str = "default",
        *,
        progress: ProgressCallback | None = None,
        timeout: float = 300.0,
        on_signed_in: SignedInCallback | None = None,
        page_messages: Mapping[str, str] | None = None,
    ) -> SignInFlow:
        """Start a browser sign-in: opens the loopback listener on the first free redirect
        URI and builds the authorize URL. Call ``wait()`` on the result (on any thread).

        ``page_messages`` replaces words of the pages the browser shows afterwards
        (``core.loopback.pages.PAGE_MESSAGES``): the window passes them in its language.

        ``on_signed_in`` is called (on the thread running ``wait()``) with the new sign-in
        right before it is saved: saving to a keyring takes several round trips, and a
        window can show who signed in meanwhile. ``wait()`` still raises if the save then
        fails. Exceptions from the callback are logged and ignored.

        Raises PortsUnavailableError when none of the redirect URIs can be opened.
        """
        from core.loopback import LoopbackListener
        from core.oauth import AuthorizeUserResponseType

        state = secrets.token_urlsafe(32)  # 256 bits
        listener = LoopbackListener(
            self.settings.redirect_uris, state, timeout=timeout, messages=page_messages
        )
        redirect_uri = listener.start()
        try:
            authorize_url = self.auth.authorize_user(
                AuthorizeUserResponseType.CODE,
                self.settings.client_id,
                redirect_uri=redirect_uri,
                state=state,
                scope=self.settings.scope,
            )
        except BaseException:
            listener.close()
            raise
        logger.debug("Sign-in started for profile %s, redirect URI %s", profile, redirect_uri)
        return SignInFlow(
            self, profile, listener, authorize_url, redirect_uri, progress, on_signed_in
        )

    def _finish_sign_in(
        self,
        profile: str,
        code: str,
        is_cancelled: Callable[[], bool],
        on_signed_in: SignedInCallback | None = None,
    ) -> StoredToken:
        from core.oauth import RequestAccessTokenGrantType
        from core.store import StoredToken

        token = self.auth.request_access_token(
            RequestAccessTokenGrantType.AUTHORIZATION_CODE,
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            code=code,
        )
        if not token.access_token:
            raise BoxResponseError(
                translate("Session", "Box answered without an access token. Try again.")
            )
        try:
            user = self.auth.get_current_user(token.access_token)
            if is_cancelled():
                raise SignInCancelledError()
            stored = StoredToken.from_access_token(
                profile, token, user=user, scope=self.settings.scope
            )
            if on_signed_in is not None:
                _call_quietly(on_signed_in, stored)
            with self._profile_lock(profile):
                self.store.save(stored)
        except BaseException:
            # Nobody will hold this grant (cancelled, or it could not be saved): end it.
            self._revoke_quietly(token)
            raise
        logger.info("Signed in; profile %s saved in %s", profile, self.store.location())
        return stored

    def _revoke_quietly(self, token: AccessToken) -> None:
        """End a grant nobody will keep (sign-in cancelled or failed after the exchange)."""
        for value in _grant_tokens(token.refresh_token, token.access_token):
            try:
                self._revoke_at_box(value)
            except Exception as exc:  # best effort; the original error matters more
                logger.debug("Could not revoke an abandoned token: %s", type(exc).__name__)

    def _revoke_at_box(self, token: str) -> None:
        self.auth.revoke_access_token(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            token=token,
        )

    # --- sign-out ------------------------------------------------------------------------

    def revoke(self, profile: str = "default") -> RevokeResult:
        """Sign out: revoke the refresh token (ends the grant) and the access token at Box,
        delete them locally, then check that Box now answers 401 to the old access token.

        Raises NotSignedInError when there is nothing stored, RevokeOfflineError when Box
        cannot be reached or is down (nothing is deleted then; see ``forget``).
        """
        with self._profile_lock(profile):
            stored = self.store.load(profile)
            if stored is None:
                raise _not_signed_in(profile)
            revoked = False
            for value in _grant_tokens(stored.refresh_token, stored.access_token):
                try:
                    self._revoke_at_box(value)
                    revoked = True
                except (InvalidGrantError, InvalidTokenError) as exc:
                    # Already dead at Box (expired, used, revoked elsewhere): nothing to end.
                    logger.info("Box did not accept a token for revocation: %s", exc.details())
                except BoxLoginError as exc:
                    if revoked:
                        # The refresh token's revocation already ended the whole grant (and
                        # with it the access token); a failure on the second call changes
                        # nothing. The check below tells whether the access token died.
                        logger.info("Second revocation call failed: %s", exc.details())
                        continue
                    if isinstance(exc, NetworkError | BoxServerError):
                        raise RevokeOfflineError() from exc
                    # Other refusals (e.g. invalid_client): the grant may be alive; keep it.
                    raise
            self.store.delete(profile)
        verified = False
        if stored.access_token:
            try:
                self.auth.get_current_user(stored.access_token)
                logger.warning("Box still accepts the access token after revocation")
            except InvalidTokenError:
                verified = True
            except (NetworkError, BoxResponseError) as exc:
                logger.info("Could not verify the revocation: %s", exc.details())
        return RevokeResult(
            profile=profile, revoked_at_box=revoked, deleted_locally=True, verified=verified
        )

    def forget(self, profile: str = "default") -> None:
        """Remove the sign-in from this computer only (it stays valid at Box until it
        expires). For when Box cannot be reached to revoke it."""
        self.store.delete(profile)


class SignInFlow:
    """One browser sign-in in progress. Show ``authorize_url`` in a browser, then call
    ``wait()``; ``cancel()`` from any thread stops it."""

    def __init__(
        self,
        box_login: BoxLogin,
        profile: str,
        listener: LoopbackListener,
        authorize_url: str,
        redirect_uri: str,
        progress: ProgressCallback | None = None,
        on_signed_in: SignedInCallback | None = None,
    ) -> None:
        self._box_login = box_login
        self.profile = profile
        self._listener = listener
        self.authorize_url = authorize_url
        self.redirect_uri = redirect_uri
        self._progress = progress
        self._on_signed_in = on_signed_in
        self._cancelled = threading.Event()
        self._started = threading.Lock()

    def __repr__(self) -> str:
        # The authorize URL carries the state: never in a repr.
        return f"SignInFlow(profile={self.profile!r}, redirect_uri={self.redirect_uri!r})"

    def _report(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    def wait(self) -> StoredToken:
        """Block until the person finishes in the browser, then exchange the code, learn who
        signed in and save the tokens. Returns the saved sign-in.

        Raises AccessDeniedError (or another OAuthError), SignInTimeoutError,
        SignInCancelledError, network and Box errors. Can be called once.
        """
        if not self._started.acquire(blocking=False):
            raise RuntimeError("SignInFlow.wait() can be called only once")
        try:
            self._report(translate("Session", "Waiting for you to sign in to Box…"))
            result = self._listener.wait()
        finally:
            self._listener.close()
        if self._cancelled.is_set():
            raise SignInCancelledError()
        self._report(translate("Session", "Finishing sign-in…"))
        stored = self._box_login._finish_sign_in(
            self.profile, result.code, self._cancelled.is_set, self._on_signed_in
        )
        self._report(
            translate("Session", "Signed in as {name} ({login})").format(
                name=stored.user_name, login=stored.user_login
            )
        )
        return stored

    def cancel(self) -> None:
        """Stop the sign-in (thread-safe). ``wait()`` raises SignInCancelledError; a code
        already being exchanged is revoked instead of saved."""
        self._cancelled.set()
        self._listener.cancel()

    def close(self) -> None:
        """Release the listener's port without waiting (for a flow never waited on)."""
        self._listener.close()


def _call_quietly(callback: SignedInCallback, stored: StoredToken) -> None:
    """Tell ``callback`` about ``stored``; its failure must not stop the save."""
    try:
        callback(stored)
    except Exception as exc:  # the caller's problem, not the sign-in's
        # The type only: an exception's text could quote the token it was given.
        logger.warning("The signed-in callback failed (%s); saving anyway", type(exc).__name__)


def _refresh_token_unused(exc: BoxLoginError) -> bool:
    """True when a failed refresh certainly left the refresh token unused at Box: the request
    never reached Box, or Box answered that it did not act on it (429, 503, an OAuth error
    other than invalid_grant). A timeout or a dropped connection after sending may have been
    acted on, and so may an unexplained 5xx: the renewal mark stays."""
    if isinstance(exc, NetworkError):
        return not exc.request_may_have_arrived
    if isinstance(exc, OAuthError):
        return not isinstance(exc, InvalidGrantError)
    return isinstance(exc, BoxResponseError) and exc.status in (429, 503)


def _grant_tokens(refresh_token: str | None, access_token: str | None) -> list[str]:
    """The tokens to revoke to end a grant, refresh token first (it ends the whole grant)."""
    return [value for value in (refresh_token, access_token) if value]


def _not_signed_in(profile: str) -> NotSignedInError:
    # A fact, not advice on which command to run: the command line and the window each say
    # how to sign in, in their own way.
    if profile == "default":
        return NotSignedInError(
            translate("Session", "You are not signed in to Box."), profile=profile
        )
    return NotSignedInError(
        translate("Session", 'You are not signed in to Box with profile "{profile}".').format(
            profile=profile
        ),
        profile=profile,
    )


def _needs_sign_in(stored: StoredToken) -> NeedsSignInError:
    if stored.user_login:
        message = translate("Session", "Your Box sign-in as {login} has ended. Sign in again.")
    else:
        message = translate("Session", "Your Box sign-in has ended. Sign in again.")
    return NeedsSignInError(
        message.format(login=stored.user_login),
        profile=stored.profile,
        user_login=stored.user_login,
    )
