"""Box Login's settings: which Box app to sign in to, and where Box lives.

Settings are a small JSON file::

    {
      "client_id": "abc123",
      "client_secret": "xyz789",
      "redirect_uris": ["http://127.0.0.1:8765/callback", "http://127.0.0.1:8766/callback"],
      "scope": "root_readwrite",
      "base_url": "https://api.box.com",
      "oauth_2_url": "https://account.box.com/api/oauth2"
    }

Two more keys are for company networks (see README, "Company networks"): ``proxy`` is
``"system"`` (the default: what the computer is set up to use), ``"none"`` or a proxy address
``"http://host:port"`` (never with a user name or password: the file is no place for them);
``ca_bundle`` names a PEM file of certificate authorities trusted in addition to the system's
(a path relative to the settings file's folder, or absolute). See :mod:`core.network`.

Only ``client_id`` and ``client_secret`` are required. A desktop app's client secret is not a
real secret (RFC 8252 section 8.5) but Box requires it, so the file may carry it; the per-user
file is still written readable by its owner only. Redirect URIs with ``127.0.0.1`` are
recommended over ``localhost`` ones (RFC 8252 section 8.3): a ``localhost`` URI works, and the
check logs which address to use instead (:func:`preferred_redirect_uri`).

Where settings are looked up, first match wins:

1. ``--config PATH`` given on the command line (a missing file is an error);
2. the file named by the environment variable ``BOX_LOGIN_CONFIG`` (a missing file is an error);
3. the per-user file, ``user_settings_path()`` (``$XDG_CONFIG_HOME/box-login/config.json`` on
   Linux, ``~/Library/Application Support/box-login/config.json`` on macOS,
   ``%LOCALAPPDATA%\\box-login\\config.json`` on Windows);
4. the system-wide file an administrator installs, ``system_settings_paths()``
   (``/etc/box-login/config.json`` on Linux, ``%PROGRAMDATA%\\Box Login\\config.json`` on
   Windows, ``/Library/Application Support/Box Login/config.json`` on macOS). The environment
   variable ``BOX_LOGIN_SYSTEM_CONFIG`` replaces that path (tests and installer checks use it).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import SplitResult, urlsplit, urlunsplit

from core.errors import ConfigError
from core.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from core.network import NetworkSettings
    from core.oauth import BaseUrls

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_OAUTH_2_URL",
    "DEFAULT_PROXY",
    "DEFAULT_REDIRECT_URIS",
    "SYSTEM_CONFIG_ENV",
    "Settings",
    "SettingsFileError",
    "display_path",
    "is_loopback_redirect_uri",
    "load_settings",
    "parse_settings",
    "preferred_redirect_uri",
    "read_settings_file",
    "save_user_settings",
    "settings_search_paths",
    "state_dir",
    "system_settings_paths",
    "user_settings_path",
    "write_private_file",
]

logger = logging.getLogger(__name__)

APP_DIR_NAME = "box-login"
CONFIG_ENV = "BOX_LOGIN_CONFIG"
SYSTEM_CONFIG_ENV = "BOX_LOGIN_SYSTEM_CONFIG"

DEFAULT_REDIRECT_URIS: tuple[str, ...] = (
    "http://127.0.0.1:8765/callback",
    "http://127.0.0.1:8766/callback",
    "http://127.0.0.1:8767/callback",
)
DEFAULT_BASE_URL = "https://api.box.com"
DEFAULT_OAUTH_2_URL = "https://account.box.com/api/oauth2"
DEFAULT_PROXY = "system"

KNOWN_KEYS = (
    "client_id",
    "client_secret",
    "redirect_uris",
    "scope",
    "base_url",
    "oauth_2_url",
    "proxy",
    "ca_bundle",
)
#: The hosts Box accepts in a plain-http redirect URI (docs/box-oauth.md, "Redirect URIs"): the
#: one list the settings check, the loopback listener and the sandbox use.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_EXAMPLE_REDIRECT = DEFAULT_REDIRECT_URIS[0]


class SettingsFileError(ConfigError):
    """Box Login's settings file could not be used.

    Raised with a message that names the file, the key and the fix."""

    default_message = QT_TRANSLATE_NOOP("Errors", "Box Login's settings file could not be used.")

    def __init__(
        self,
        message: str | None = None,
        *,
        path: Path | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.key = key


@dataclass(frozen=True)
class Settings:
    """The Box app Box Login signs in to, and the Box servers to use.

    ``source`` is the file the settings came from (None when built in code).
    """

    client_id: str
    client_secret: str = field(repr=False)
    redirect_uris: tuple[str, ...] = DEFAULT_REDIRECT_URIS
    scope: str | None = None
    base_url: str = DEFAULT_BASE_URL
    oauth_2_url: str = DEFAULT_OAUTH_2_URL
    source: Path | None = None
    #: ``"system"``, ``"none"`` or ``"http://host:port"`` (see core.network).
    proxy: str = DEFAULT_PROXY
    #: A PEM file of extra certificate authorities (absolute), for the token calls and the
    #: sign-in page.
    ca_bundle: Path | None = None

    @property
    def network(self) -> NetworkSettings:
        """The network keys as ``core.network.NetworkSettings`` (for the OAuth client)."""
        from core.network import NetworkSettings  # lazily, like base_urls

        return NetworkSettings(proxy=self.proxy, ca_bundle=self.ca_bundle)

    @property
    def base_urls(self) -> BaseUrls:
        """The servers as the OAuth client's ``BaseUrls`` (upload URL left at its default)."""
        from core.oauth import BaseUrls  # lazily: keeps requests off the settings import path

        return BaseUrls(base_url=self.base_url, oauth_2_url=self.oauth_2_url)

    @property
    def loopback_redirect_uris(self) -> tuple[str, ...]:
        """The redirect URIs this computer can listen on (plain http on a loopback address)."""
        return tuple(uri for uri in self.redirect_uris if is_loopback_redirect_uri(uri))

    def to_dict(self) -> dict[str, Any]:
        """The settings-file JSON for these settings (client secret included: it is the file)."""
        out: dict[str, Any] = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "redirect_uris": list(self.redirect_uris),
        }
        if self.scope:
            out["scope"] = self.scope
        out["base_url"] = self.base_url
        out["oauth_2_url"] = self.oauth_2_url
        if self.proxy != DEFAULT_PROXY:
            out["proxy"] = self.proxy
        if self.ca_bundle is not None:
            out["ca_bundle"] = str(self.ca_bundle)
        return out


# --- where settings live -----------------------------------------------------------------


def display_path(path: Path) -> str:
    """A path as a person would write it: the home folder shortened to ``~``."""
    try:
        home = Path.home()
    except RuntimeError:  # no home folder (some service accounts)
        return str(path)
    try:
        rest = path.relative_to(home)
    except ValueError:
        return str(path)
    return str(Path("~") / rest)


def user_settings_path() -> Path:
    """The per-user settings file (honours ``XDG_CONFIG_HOME`` on Linux)."""
    import platformdirs  # imported here: the window starts faster without it

    return platformdirs.user_config_path(APP_DIR_NAME, appauthor=False) / "config.json"


def system_settings_paths() -> list[Path]:
    """The system-wide settings file(s) an administrator installs, in lookup order.

    ``BOX_LOGIN_SYSTEM_CONFIG`` replaces the platform's path when set.
    """
    override = os.environ.get(SYSTEM_CONFIG_ENV)
    if override:
        return [Path(override)]
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return [Path(program_data) / "Box Login" / "config.json"]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/Box Login/config.json")]
    return [Path("/etc/box-login/config.json")]


def settings_search_paths(
    config_path: Path | None = None, *, system_paths: Sequence[Path] | None = None
) -> list[tuple[Path, bool]]:
    """Every place settings are looked for, in order, as ``(path, must_exist)`` pairs.

    ``must_exist`` is True for files the person named explicitly (``--config`` or
    ``BOX_LOGIN_CONFIG``): those are errors when missing rather than skipped.
    """
    places: list[tuple[Path, bool]] = []
    if config_path is not None:
        places.append((Path(config_path), True))
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        places.append((Path(from_env), True))
    places.append((user_settings_path(), False))
    for path in system_settings_paths() if system_paths is None else system_paths:
        places.append((Path(path), False))
    return places


def load_settings(
    config_path: Path | None = None, *, system_paths: Sequence[Path] | None = None
) -> Settings | None:
    """Find, read and check the settings; None when no settings file exists anywhere.

    Lookup order (first file found wins, the others are not read): ``config_path``
    (``--config``), ``$BOX_LOGIN_CONFIG``, ``user_settings_path()``, then
    ``system_paths`` (default ``system_settings_paths()``, itself overridable with
    ``$BOX_LOGIN_SYSTEM_CONFIG``). Raises ``SettingsFileError`` (a ``ConfigError``) naming the
    file, the key and the fix when the file found is invalid, or when an explicitly named file
    is missing.
    """
    for path, must_exist in settings_search_paths(config_path, system_paths=system_paths):
        if path.is_file():
            logger.debug("Reading settings from %s", display_path(path))
            return read_settings_file(path)
        if path.exists():
            raise SettingsFileError(
                translate("Settings", "{file} is not a file.").format(file=display_path(path)),
                path=path,
                hint=translate(
                    "Settings", "Point Box Login at the settings file itself (config.json)."
                ),
            )
        if must_exist:
            if path == config_path:
                message = translate(
                    "Settings", "The settings file {file} (named by {option}) does not exist."
                ).format(file=display_path(path), option="--config")
            else:
                message = translate(
                    "Settings",
                    "The settings file {file} (named by the {variable} environment variable) "
                    "does not exist.",
                ).format(file=display_path(path), variable=CONFIG_ENV)
            raise SettingsFileError(
                message,
                path=path,
                hint=translate(
                    "Settings", "Check the path, or leave it out to use the usual settings file."
                ),
            )
        logger.debug("No settings at %s", display_path(path))
    return None


def read_settings_file(path: Path) -> Settings:
    """Read and check one settings file; raises ``SettingsFileError`` naming what to fix."""
    shown = display_path(path)
    try:
        # utf-8-sig: Windows Notepad may start the file with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SettingsFileError(
            translate("Settings", "{file} is not a text file in UTF-8.").format(file=shown),
            path=path,
            hint=translate("Settings", "Save it again as UTF-8 text (JSON)."),
        ) from None
    except OSError as exc:
        raise SettingsFileError(
            translate("Settings", "{file} could not be read ({error}).").format(
                file=shown, error=exc.strerror or type(exc).__name__
            ),
            path=path,
            hint=translate("Settings", "Check that the file exists and that you may read it."),
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # exc.msg is Python's own English words ("Expecting ',' delimiter").
        raise SettingsFileError(
            translate(
                "Settings", "{file} is not valid JSON: {problem} at line {line}, column {column}."
            ).format(file=shown, problem=exc.msg, line=exc.lineno, column=exc.colno),
            path=path,
            hint=translate(
                "Settings", "Fix the file there (a missing comma or quote is the usual cause)."
            ),
        ) from None
    except RecursionError:  # e.g. "[[[[…": Python's parser gives up on very deep nesting
        raise SettingsFileError(
            translate(
                "Settings", "{file} is not valid JSON: it is nested too deeply to read."
            ).format(file=shown),
            path=path,
            hint=translate(
                "Settings",
                'Replace it with a JSON object with keys such as "client_id" and '
                '"client_secret" (ask whoever gave you the settings for a fresh copy).',
            ),
        ) from None
    return parse_settings(data, source=path)


# --- checking ---------------------------------------------------------------------------


def parse_settings(data: object, *, source: Path | None = None) -> Settings:
    """Check settings-file JSON and build ``Settings``; errors name ``source``, key and fix.

    Unknown keys are logged as a warning and ignored, so newer files still work.
    """
    where = display_path(source) if source is not None else translate("Settings", "The settings")

    def fail(
        key: str | None, problem: str, fix: str | None = None, **values: object
    ) -> SettingsFileError:
        """``problem``: a translated sentence naming ``{file}`` and ``{key}``, with ``values``
        for its other placeholders; ``fix``: translated and filled in already."""
        message = problem.format(file=where, key=key, **values)
        return SettingsFileError(message, path=source, key=key, hint=fix)

    if not isinstance(data, Mapping):
        raise fail(
            None,
            translate(
                "Settings",
                "{file}: must be a JSON object with keys such as "
                '"client_id", "client_secret" and "redirect_uris".',
            ),
            translate("Settings", 'Start the file with "{open}" and end it with "{close}".').format(
                open="{", close="}"
            ),
        )

    for key in data:
        if key not in KNOWN_KEYS:
            import difflib  # only needed to suggest a fix for an unknown key

            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            suggestion = f' (did you mean "{close[0]}"?)' if close else ""
            logger.warning("%s: unknown key %r ignored%s", where, key, suggestion)

    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not client_id.strip():
        raise fail(
            "client_id",
            translate(
                "Settings", '{file}: "{key}" must be the app\'s client ID, a non-empty string.'
            )
            if "client_id" in data
            else translate("Settings", '{file}: "{key}" is missing.'),
            translate(
                "Settings",
                "Copy the Client ID from the app's Configuration page in the Box developer "
                'console, e.g. "client_id": "abc123".',
            ),
        )

    client_secret = data.get("client_secret")
    if not isinstance(client_secret, str) or not client_secret.strip():
        raise fail(
            "client_secret",
            translate(
                "Settings", '{file}: "{key}" must be the app\'s client secret, a non-empty string.'
            )
            if "client_secret" in data
            else translate(
                "Settings",
                '{file}: "{key}" is missing; Box requires the app\'s client secret to sign in.',
            ),
            translate(
                "Settings",
                "Copy the Client Secret from the app's Configuration page in the Box developer "
                "console. (For a desktop app it is not a real secret, but Box needs it.)",
            ),
        )

    redirect_uris = _check_redirect_uris(data.get("redirect_uris", None), fail)
    _advise_on_localhost(redirect_uris, where)
    scope = _check_scope(data.get("scope", None), fail)
    base_url = _check_server_url(data, "base_url", DEFAULT_BASE_URL, fail)
    oauth_2_url = _check_server_url(data, "oauth_2_url", DEFAULT_OAUTH_2_URL, fail)
    proxy = _check_proxy(data.get("proxy", None), fail)
    ca_bundle = _check_ca_bundle(data.get("ca_bundle", None), source, fail)

    return Settings(
        client_id=client_id.strip(),
        client_secret=client_secret.strip(),
        redirect_uris=redirect_uris,
        scope=scope,
        base_url=base_url,
        oauth_2_url=oauth_2_url,
        source=source,
        proxy=proxy,
        ca_bundle=ca_bundle,
    )


class _Fail(Protocol):  # the signature of parse_settings' local ``fail`` helper
    def __call__(
        self, key: str | None, problem: str, fix: str | None = None, **values: object
    ) -> SettingsFileError: ...


def _split(url: str) -> SplitResult | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number 1-65535
    except ValueError:
        return None
    return parts


def is_loopback_redirect_uri(uri: str) -> bool:
    """True for ``http://`` on 127.0.0.1, localhost or [::1] with an explicit port."""
    parts = _split(uri)
    return (
        parts is not None
        and parts.scheme == "http"
        and (parts.hostname or "") in LOOPBACK_HOSTS
        and parts.port is not None
        and parts.port > 0
    )


def _check_redirect_uris(value: object, fail: _Fail) -> tuple[str, ...]:
    key = "redirect_uris"
    if value is None:
        return DEFAULT_REDIRECT_URIS
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        list_fix = translate(
            "Settings",
            'Write them as a list, e.g. "{key}": ["{first}", "{second}"], exactly as registered '
            "in the Box developer console.",
        ).format(key=key, first=DEFAULT_REDIRECT_URIS[0], second=DEFAULT_REDIRECT_URIS[1])
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" must be a list of addresses like "{example}".'),
            list_fix,
            example=_EXAMPLE_REDIRECT,
        )
    uris: list[str] = []
    for uri in value:
        uri = uri.strip()
        parts = _split(uri)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail(
                key,
                translate(
                    "Settings", '{file}: "{key}" contains "{uri}", which is not a web address.'
                ),
                translate(
                    "Settings",
                    'Use addresses like "{example}", exactly as registered in the Box '
                    "developer console.",
                ).format(example=_EXAMPLE_REDIRECT),
                uri=uri,
            )
        if parts.fragment:
            raise fail(
                key,
                translate(
                    "Settings",
                    '{file}: "{key}" contains "{uri}"; a redirect URI cannot have a "#" part.',
                ),
                translate("Settings", "Remove it."),
                uri=uri,
            )
        if parts.scheme == "http":
            if parts.hostname not in LOOPBACK_HOSTS:
                raise fail(
                    key,
                    translate(
                        "Settings",
                        '{file}: "{key}" contains "{uri}": plain http is only allowed for '
                        "127.0.0.1, localhost and [::1].",
                    ),
                    translate(
                        "Settings",
                        'Use https for other hosts, or a loopback address such as "{example}".',
                    ).format(example=_EXAMPLE_REDIRECT),
                    uri=uri,
                )
            if parts.port is None or parts.port == 0:
                raise fail(
                    key,
                    translate(
                        "Settings", '{file}: "{key}" contains "{uri}" without a port number.'
                    ),
                    translate(
                        "Settings",
                        "Box matches redirect URIs exactly, so give the registered port, e.g. "
                        '"{example}".',
                    ).format(example=_EXAMPLE_REDIRECT),
                    uri=uri,
                )
        uris.append(uri)
    if not any(is_loopback_redirect_uri(uri) for uri in uris):
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" has no address Box Login can listen on: it needs at least one '
                "plain http address on this computer with a port.",
            ),
            translate(
                "Settings",
                'Register e.g. "{example}" in the Box developer console and add it to the list.',
            ).format(example=_EXAMPLE_REDIRECT),
        )
    return tuple(uris)


def preferred_redirect_uri(uri: str) -> str | None:
    """The recommended form of a ``localhost`` redirect URI (127.0.0.1 instead); else None.

    RFC 8252 §8.3 recommends the address over the name: "localhost" is looked up, so it
    depends on the computer's setup (hosts file, resolver, firewall), and browsers choose
    between 127.0.0.1 and [::1] for it. Box Login listens on both for a ``localhost`` URI,
    so it still works; 127.0.0.1 just leaves less to chance.
    """
    parts = _split(uri)
    if parts is None or parts.scheme != "http" or parts.hostname != "localhost":
        return None
    if parts.port is None or parts.port == 0:
        return None
    return urlunsplit(("http", f"127.0.0.1:{parts.port}", parts.path, parts.query, ""))


def _advise_on_localhost(uris: Sequence[str], where: str) -> None:
    """A recommendation, not an error: a ``localhost`` URI works (see preferred_redirect_uri)."""
    better = [(uri, preferred) for uri in uris if (preferred := preferred_redirect_uri(uri))]
    if not better:
        return
    uri, preferred = better[0]
    others = " (and likewise for the other localhost addresses)" if len(better) > 1 else ""
    logger.warning(
        '%s: "redirect_uris" has %s. It works, but 127.0.0.1 addresses are recommended: '
        "register %s%s in the Box developer console and use it in the settings instead. "
        '127.0.0.1 always means this computer; "localhost" is a name whose meaning depends '
        "on how the computer is set up.",
        where,
        uri,
        preferred,
        others,
    )


def _check_scope(value: object, fail: _Fail) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(
            "scope",
            translate(
                "Settings", '{file}: "{key}" must be a string of scopes separated by spaces.'
            ),
            translate(
                "Settings",
                'For example "scope": "root_readwrite manage_managed_users", or leave it out to '
                "get the scopes configured for the app.",
            ),
        )
    return " ".join(value.split()) or None


def _check_server_url(data: Mapping[str, object], key: str, default: str, fail: _Fail) -> str:
    value = data.get(key)
    if value is None:
        return default
    fix = translate(
        "Settings", 'Leave "{key}" out to use Box ("{default}"), or give an https address.'
    ).format(key=key, default=default)
    if not isinstance(value, str):
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" must be a web address like "{default}".'),
            fix,
            default=default,
        )
    url = value.strip().rstrip("/")
    parts = _split(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" is "{value}", which is not a web address like "{default}".',
            ),
            fix,
            value=value,
            default=default,
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" is "{value}": Box must be reached over https (plain http is only '
                "allowed for the sandbox on 127.0.0.1).",
            ),
            fix,
            value=value,
        )
    if parts.query or parts.fragment:
        raise fail(
            key,
            translate(
                "Settings", '{file}: "{key}" is "{value}"; it cannot have a "?" or "#" part.'
            ),
            fix,
            value=value,
        )
    return url


def _check_proxy(value: object, fail: _Fail) -> str:
    key = "proxy"
    if value is None:
        return DEFAULT_PROXY
    fix = translate(
        "Settings",
        'Use "{system}" (what this computer is set up to use), "none" (connect '
        'directly) or a proxy address like "http://proxy.example.com:3128".',
    ).format(system=DEFAULT_PROXY)
    if not isinstance(value, str) or not value.strip():
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" must be "system", "none" or a proxy address.'),
            fix,
        )
    text = value.strip()
    if text.lower() in (DEFAULT_PROXY, "none"):
        return text.lower()
    if "://" not in text:
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" is "{value}", which is not "system", "none" or a proxy address.',
            ),
            fix,
            value=text,
        )
    parts = _split(text)
    if parts is not None and (parts.username is not None or parts.password is not None):
        # The value holds a password: it is not repeated.
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" contains a user name or password. Box Login never reads those '
                "from its settings file, which other programs and people may be able to read.",
            ),
            translate(
                "Settings",
                'Write only "http://host:port" here. On the command line, give the user name and '
                "password in the HTTPS_PROXY environment variable "
                "(http://USER:PASSWORD@host:port, for the same proxy); the window asks for them.",
            ),
        )
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" is "{value}", which is not a proxy address Box Login can use '
                "(an http or https proxy).",
            ),
            fix,
            value=text,
        )
    if parts.port is None:
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" is "{value}" without a port number.'),
            translate("Settings", 'Give the proxy\'s port, e.g. "http://proxy.example.com:3128".'),
            value=text,
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise fail(
            key,
            translate(
                "Settings",
                '{file}: "{key}" is "{value}"; a proxy address has no path, "?" or "#" part.',
            ),
            fix,
            value=text,
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme.lower()}://{host}:{parts.port}"


def _check_ca_bundle(value: object, source: Path | None, fail: _Fail) -> Path | None:
    key = "ca_bundle"
    if value is None:
        return None
    fix = translate(
        "Settings",
        "Give the path of a PEM file with your company's certificate authority, e.g. "
        '"ca_bundle": "company-ca.pem" (a relative path is read from the settings file\'s '
        "folder), or leave the key out.",
    )
    if not isinstance(value, str) or not value.strip():
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" must be the path of a certificate file (PEM).'),
            fix,
        )
    path = Path(value.strip()).expanduser()
    if not path.is_absolute():
        path = (source.parent if source is not None else Path.cwd()) / path
    shown = display_path(path)
    if not path.exists():
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" names {path}, which does not exist.'),
            fix,
            path=shown,
        )
    if not path.is_file():
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" names {path}, which is not a file.'),
            fix,
            path=shown,
        )
    from core.network import ca_bundle_problem  # lazily: only settings that use the key

    problem = ca_bundle_problem(path)
    if problem is not None:
        raise fail(
            key,
            translate("Settings", '{file}: "{key}" names {path}, which {what}.'),
            problem[1],
            path=shown,
            what=problem[0],
        )
    return path


# --- writing ----------------------------------------------------------------------------


def save_user_settings(settings: Settings, *, path: Path | None = None) -> Path:
    """Write ``settings`` to the per-user file (or ``path``) atomically; returns the path.

    The file is checked first, written to a temporary file in the same folder and moved into
    place, so a crash never leaves half a file. On POSIX it is readable by its owner only: it
    holds the client secret.
    """
    target = user_settings_path() if path is None else Path(path)
    data = settings.to_dict()
    parse_settings(data, source=target)  # refuse to write settings we could not read back
    _make_private_dir(target.parent)
    text = json.dumps(data, indent=2) + "\n"
    write_private_file(target, text.encode("utf-8"))
    logger.info("Saved settings to %s", display_path(target))
    return target


def state_dir() -> Path:
    """The per-user state folder (locks and similar), created private (0700) if needed."""
    import platformdirs

    path = platformdirs.user_state_path(APP_DIR_NAME, appauthor=False)
    _make_private_dir(path)
    return path


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def write_private_file(target: Path, data: bytes) -> None:
    """Write a file readable by its owner only (0600 on POSIX), atomically.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the file is
    moved over ``target`` with ``os.replace``: readers see the old file or the new one, never
    half of one.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), 0o600)  # mkstemp's default, stated on purpose
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
