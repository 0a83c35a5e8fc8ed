"""The **settings** check: which settings file is used and why (the lookup order of
:mod:`core.settings`: ``--config``, the environment variable, the user's file, the
system-wide file), and any key at fault: one Box Login does not know, or a return address
on "localhost" where 127.0.0.1 is the safer choice.

Named ``settings_check`` so that it is not mistaken for :mod:`core.settings`, which it reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from core.doctor.context import _Context
from core.doctor.results import CheckResult, _ok, _problem, _warning
from core.settings import (
    CONFIG_ENV,
    KNOWN_KEYS,
    SettingsFileError,
    display_path,
    preferred_redirect_uri,
    settings_search_paths,
    user_settings_path,
)
from core.translation import joined, sentences, translate, word_list


def _settings_places(config_path: Path | None) -> list[tuple[Path, str]]:
    """Every place settings are looked for, in order, with its role in words."""
    places = []
    from_env = os.environ.get(CONFIG_ENV)
    user = user_settings_path()
    for index, (path, _must_exist) in enumerate(settings_search_paths(config_path)):
        if index == 0 and config_path is not None:
            role = translate("Doctor", "named by --config")
        elif from_env and path == Path(from_env) and not (index == 0 and config_path):
            role = translate("Doctor", "named by the {variable} environment variable").format(
                variable=CONFIG_ENV
            )
        elif path == user:
            role = translate("Doctor", "your own settings file")
        else:
            role = translate("Doctor", "the system-wide settings file an administrator installs")
        places.append((path, role))
    return places


def check_settings(ctx: _Context) -> CheckResult:
    """Which settings file is used and why; any key at fault."""
    name = "settings"
    places = _settings_places(ctx.config_path)
    looked = [{"path": str(path), "role": role, "exists": path.exists()} for path, role in places]
    order = joined(
        [
            translate("Doctor", "{place} ({role})").format(place=display_path(path), role=role)
            for path, role in places
        ],
        translate("Doctor", "{earlier}; {next}"),
    )
    error = ctx.settings_error
    if error is not None:
        key = error.key if isinstance(error, SettingsFileError) else None
        path = error.path if isinstance(error, SettingsFileError) else None
        return _problem(
            name,
            error.message,
            error.hint,
            file=None if path is None else str(path),
            key=key,
            looked_at=looked,
        )
    settings = ctx.settings
    if settings is None:
        return _problem(
            name,
            translate(
                "Doctor",
                "Box Login is not set up for a Box app yet: there is no settings file. "
                "It looked, in this order, at: {places}.",
            ).format(places=order),
            translate(
                "Doctor",
                "Ask whoever gave you Box Login for its settings file, and save it as "
                "{file} (or name it with --config).",
            ).format(file=display_path(user_settings_path())),
            file=None,
            looked_at=looked,
        )
    source = settings.source
    role = next((r for p, r in places if source is not None and p == source), "")
    earlier = []
    for path, _role in places:
        if path == source:
            break
        earlier.append(display_path(path))
    why = role
    if earlier:
        why = translate("Doctor", "{why}; nothing at {places}, which come first").format(
            why=role, places=word_list(earlier, "or")
        )
    shown = (
        display_path(source)
        if source is not None
        else translate("Doctor", "settings built in code")
    )
    details: dict[str, Any] = {
        "file": None if source is None else str(source),
        "why": role,
        "looked_at": looked,
        "client_id": settings.client_id,
        "base_url": settings.base_url,
        "oauth_2_url": settings.oauth_2_url,
        "redirect_uris": list(settings.redirect_uris),
        "proxy": settings.proxy,
        "ca_bundle": None if settings.ca_bundle is None else str(settings.ca_bundle),
    }
    notes: list[str] = []
    fixes: list[str] = []
    unknown = _unknown_keys(source)
    if unknown:
        details["unknown_keys"] = unknown
        listed = word_list([f'"{k}"' for k in unknown])
        notes.append(
            translate("Doctor", "it has {keys}, which Box Login does not know and ignores").format(
                keys=listed
            )
        )
        fixes.append(
            translate("Doctor", "Check the spelling of {keys} (the keys are {known}).").format(
                keys=listed, known=word_list(list(KNOWN_KEYS))
            )
        )
    better = [
        (uri, pref) for uri in settings.redirect_uris if (pref := preferred_redirect_uri(uri))
    ]
    if better:
        details["localhost_redirect_uris"] = [uri for uri, _ in better]
        notes.append(
            translate(
                "Doctor", 'its return address {address} uses "localhost"; 127.0.0.1 is recommended'
            ).format(address=better[0][0])
        )
        fixes.append(
            translate(
                "Doctor",
                "Register {address} in the Box developer console and use it in the settings "
                'instead: 127.0.0.1 always means this computer, "localhost" depends on its setup.',
            ).format(address=better[0][1])
        )
    summary = translate("Doctor", "Using {file} ({why}).").format(file=shown, why=why)
    if notes:
        said = translate("Doctor", "{summary} But {notes}.").format(
            summary=summary, notes=joined(notes, translate("Doctor", "{earlier}; and {next}"))
        )
        return _warning(name, said, sentences(*fixes), **details)
    return _ok(name, summary, **details)


def _unknown_keys(source: Path | None) -> list[str]:
    if source is None:
        return []
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, dict):
        return []
    return [str(k) for k in data if k not in KNOWN_KEYS]
