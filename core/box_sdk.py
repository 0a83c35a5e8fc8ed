"""Box's own Python SDK (box-sdk-gen), signed in through Box Login.

Copy this one file into your program; it needs only ``box-sdk-gen`` and an installed Box Login
(the ``box-login`` command), not Box Login's code::

    from box_sdk_gen import BoxClient
    from box_login_sdk import box_login_auth      # this file, under the name you gave it

    client = BoxClient(auth=box_login_auth())     # or box_login_auth("work") for a profile
    print(client.users.get_user_me().name)

Why not the SDK's own ``BoxOAuth`` with a token storage: Box's refresh tokens work once, and
``BoxOAuth.refresh_token`` reads the stored refresh token, calls Box and stores the answer with
nothing held in between, so two programs (or a program and Box Login) renewing at the same time
spend the same refresh token and the loser signs the person out. Here the program never
renews by itself: it asks Box Login's command, which renews under its per-profile lock, keeps
the keyring entries and hands out a valid access token (as google-auth gets Cloud SDK
credentials from ``gcloud``).

How it behaves (:class:`BoxLoginAuth`):

- the first call runs ``box-login --profile NAME token --format json`` and keeps the access
  token in memory until shortly before it expires (``margin``, 30 s: ``token`` hands out
  tokens with more than 60 s left), so many API calls cost one command run;
- when Box answers 401 (the SDK then calls ``refresh_token``), it asks the command again; if
  that hands back the same token (Box ended it before its time: a revocation, a renewal from
  another computer), it runs ``box-login --profile NAME refresh`` and asks once more;
- ``revoke_token`` signs the profile out through ``box-login --profile NAME revoke`` (every
  program using that profile loses access, as with the SDK's own ``revoke_token``);
  ``downscope_token`` works as in the SDK; signing in is Box Login's job
  (``box-login login``), so the authorization-code methods raise.

Failures raise :class:`BoxLoginCommandError` (a ``BoxSDKError``) with Box Login's message and
exit code (4: sign in with ``box-login login``; 5: Box could not be reached; 6: the password
store could not be used). The token never appears in a log, a message or an exception.
The file imports nothing from Box Login and runs on the Pythons box-sdk-gen supports.
"""

from __future__ import annotations

import json
import logging
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from box_sdk_gen.box.errors import BoxSDKError
from box_sdk_gen.box.oauth import BoxOAuth, OAuthConfig
from box_sdk_gen.box.token_storage import InMemoryTokenStorage
from box_sdk_gen.schemas.access_token import AccessToken, AccessTokenTokenTypeField

__all__ = [
    "DEFAULT_COMMAND",
    "BoxLoginAuth",
    "BoxLoginCommandError",
    "box_login_auth",
]

logger = logging.getLogger(__name__)

#: The command that starts Box Login, as installed.
DEFAULT_COMMAND = ("box-login",)
#: A kept token is used until this many seconds before it expires, then Box Login is asked
#: again. Box Login's ``token`` hands out tokens with more than 60 seconds left.
DEFAULT_MARGIN = 30.0
#: How long one run of Box Login may take: it may wait for another process's renewal (up to
#: 120 s) and then renew itself.
DEFAULT_TIMEOUT = 180.0


class BoxLoginCommandError(BoxSDKError):  # type: ignore[misc]  # box-sdk-gen has no types
    """Box Login's command failed, could not be started or answered something unreadable.

    ``exit_code`` is Box Login's exit code (None when it did not run to an end); the message
    carries what Box Login said on standard error (never a token).
    """

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message=message)
        self.exit_code = exit_code


class _Token:
    """An access token handed out by Box Login, kept in memory only."""

    __slots__ = ("expires_at", "value")

    def __init__(self, value: str, expires_at: float | None) -> None:
        self.value = value
        self.expires_at = expires_at

    def __repr__(self) -> str:  # never the token
        return f"_Token(expires_at={self.expires_at!r})"


class BoxLoginAuth(BoxOAuth):  # type: ignore[misc]  # box-sdk-gen has no types
    """A box-sdk-gen authentication that gets its access tokens from Box Login's command.

    ``profile``: Box Login's profile (``--profile``). ``command``: the argv that starts Box
    Login (default ``["box-login"]``; e.g. ``[sys.executable, "/path/to/main.py"]``), to which
    ``--profile NAME token --format json`` and, when needed, ``--profile NAME refresh`` are
    appended. ``margin``: see ``DEFAULT_MARGIN``. ``timeout``: seconds one command run may
    take. ``clock``: the time in epoch seconds (tests). Thread-safe.
    """

    def __init__(
        self,
        profile: str = "default",
        command: Sequence[str] | str | None = None,
        *,
        margin: float = DEFAULT_MARGIN,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        # The SDK's OAuth configuration: no client secret here, and the token storage is only
        # kept in step for code that reads it; Box Login's keyring entries are the real one.
        super().__init__(OAuthConfig("", "", token_storage=InMemoryTokenStorage()))
        if command is None:
            command = DEFAULT_COMMAND
        elif isinstance(command, str):
            command = (command,)
        if not command:
            raise ValueError("command must name the program that starts Box Login")
        self.profile = profile
        self.command = tuple(command)
        self.margin = margin
        self.timeout = timeout
        self._clock = clock
        self._lock = threading.Lock()
        self._token: _Token | None = None
        # The token each thread last put in a request: when Box refuses it, a token that
        # differs from it is new (another thread already asked Box Login).
        self._sent = threading.local()
        #: How many times Box Login's command was run (for programs that watch their costs).
        self.command_runs = 0

    def __repr__(self) -> str:
        return f"BoxLoginAuth(profile={self.profile!r}, command={list(self.command)!r})"

    # --- what BoxClient calls ------------------------------------------------------------

    def retrieve_token(self, *, network_session: Any = None) -> AccessToken:
        """The kept access token, or a new one from Box Login when it is about to expire."""
        return self._sdk_token(self._current())

    def retrieve_authorization_header(self, *, network_session: Any = None) -> str:
        """``Bearer <access token>`` for a request."""
        token = self._current()
        self._sent.value = token.value
        return "Bearer " + token.value

    def refresh_token(self, *, network_session: Any = None) -> AccessToken:
        """Called by the SDK when Box answered 401: a token other than the refused one.

        Asks Box Login's ``token``; should it hand back the refused token (Box ended it
        early), asks for a renewal (``refresh``) and then for the token again.
        """
        with self._lock:
            refused = getattr(self._sent, "value", None)
            if refused is None and self._token is not None:
                refused = self._token.value
            kept = self._token
            if kept is not None and kept.value != refused and self._fresh(kept):
                return self._sdk_token(kept)  # another thread already got a new one
            token = self._ask()
            if token.value == refused:
                logger.info("Box refused the token Box Login has; asking it to renew")
                self._run("refresh")
                token = self._ask()
            return self._sdk_token(token)

    def revoke_token(self, *, network_session: Any = None) -> None:
        """Sign the profile out through Box Login (``revoke``): Box ends the access and Box
        Login forgets it, for every program that uses the profile."""
        with self._lock:
            self._forget()
            self._run("revoke")

    def get_authorize_url(self, *, options: Any = None) -> str:
        raise BoxLoginCommandError(self._sign_in_with_box_login())

    def get_tokens_authorization_code_grant(
        self, authorization_code: str, *, network_session: Any = None
    ) -> AccessToken:
        raise BoxLoginCommandError(self._sign_in_with_box_login())

    # --- the command ---------------------------------------------------------------------

    def _current(self) -> _Token:
        with self._lock:
            token = self._token
            if token is None or not self._fresh(token):
                token = self._ask()
            return token

    def _fresh(self, token: _Token) -> bool:
        return token.expires_at is not None and token.expires_at - self._clock() > self.margin

    def _forget(self) -> None:
        self._token = None
        self.token_storage.clear()

    def _sdk_token(self, token: _Token) -> AccessToken:
        left = None if token.expires_at is None else max(0, int(token.expires_at - self._clock()))
        return AccessToken(
            access_token=token.value,
            expires_in=left,
            token_type=AccessTokenTokenTypeField.BEARER,
        )

    def _ask(self) -> _Token:
        """Run ``token --format json`` and keep what it hands out (the caller holds the lock)."""
        self._forget()
        output = self._run("token", "--format", "json")
        try:
            answer = json.loads(output)
            value = answer["access_token"]
            if not isinstance(value, str) or not value:
                raise ValueError("no access token")
            expires = answer.get("expires_at")
            expires_at = None if expires is None else datetime.fromisoformat(expires).timestamp()
        except (ValueError, TypeError, KeyError, AttributeError):
            # Never the output itself in the message: it holds the token.
            raise BoxLoginCommandError(
                f"Box Login's answer to {self._describe('token')} could not be read."
            ) from None
        token = _Token(value, expires_at)
        self._token = token
        self.token_storage.store(self._sdk_token(token))
        if expires_at is None:
            logger.debug("Box Login handed out an access token without an end time")
        else:
            logger.debug(
                "Box Login handed out an access token valid for %.0f s", expires_at - self._clock()
            )
        return token

    def _run(self, *args: str) -> str:
        """Run Box Login with ``--profile NAME`` and ``args``; its standard output."""
        argv = [*self.command, "--profile", self.profile, *args]
        what = self._describe(*args)
        logger.debug("Running %s", what)
        self.command_runs += 1
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up
        try:
            done = subprocess.run(  # noqa: S603 - the program's own choice of command, no shell
                argv,
                stdin=subprocess.DEVNULL,  # never a question: Box Login asks only in a terminal
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=self.timeout,
                check=False,
                creationflags=flags,
            )
        except FileNotFoundError:
            raise BoxLoginCommandError(
                f"Box Login's command {self.command[0]!r} was not found. Install Box Login, or "
                "give the command that starts it: box_login_auth(command=[...])."
            ) from None
        except subprocess.TimeoutExpired:
            raise BoxLoginCommandError(
                f"{what} did not answer within {self.timeout:.0f} seconds."
            ) from None
        except OSError as exc:
            raise BoxLoginCommandError(
                f"{what} could not be started: {exc.strerror or type(exc).__name__}."
            ) from None
        if done.returncode != 0:
            said = done.stderr.strip() or "(no message)"
            raise BoxLoginCommandError(
                f"{what} failed (exit code {done.returncode}): {said}", exit_code=done.returncode
            )
        return str(done.stdout)

    def _describe(self, *args: str) -> str:
        return " ".join(["Box Login", f"--profile {self.profile}", *args])

    def _sign_in_with_box_login(self) -> str:
        again = "" if self.profile == "default" else f" --profile {self.profile}"
        return (
            f'Box Login signs in; this authentication only borrows its tokens. Run "box-login'
            f'{again} login" (or open Box Login) to sign in.'
        )


def box_login_auth(
    profile: str = "default", command: Sequence[str] | str | None = None
) -> BoxLoginAuth:
    """A box-sdk-gen authentication for Box Login's ``profile``, for ``BoxClient(auth=...)``.

    ``command`` is the argv that starts Box Login (default ``["box-login"]``).
    """
    return BoxLoginAuth(profile, command)
