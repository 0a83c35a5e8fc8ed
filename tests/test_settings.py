"""Settings: where they are looked up, how they are checked, how they are written."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from core.errors import ConfigError
from core.settings import (
    CONFIG_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_OAUTH_2_URL,
    DEFAULT_REDIRECT_URIS,
    SYSTEM_CONFIG_ENV,
    Settings,
    SettingsFileError,
    display_path,
    load_settings,
    parse_settings,
    preferred_redirect_uri,
    read_settings_file,
    save_user_settings,
    settings_search_paths,
    state_dir,
    system_settings_paths,
    user_settings_path,
)

MINIMAL = {"client_id": "cid-123", "client_secret": "s3cr3t-value"}


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh XDG_CONFIG_HOME, with the lookup environment variables cleared."""
    home = tmp_path / "xdg-config"
    home.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.delenv(SYSTEM_CONFIG_ENV, raising=False)
    return home


def _write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _settings_for(client_id: str) -> dict[str, str]:
    return {"client_id": client_id, "client_secret": "secret-" + client_id}


# --- lookup order ----------------------------------------------------------------------------


def test_user_settings_path_honours_xdg_config_home(config_home: Path) -> None:
    assert user_settings_path() == config_home / "box-login" / "config.json"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux path")
def test_system_path_is_etc_and_can_be_overridden(
    config_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert system_settings_paths() == [Path("/etc/box-login/config.json")]
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(tmp_path / "system.json"))
    assert system_settings_paths() == [tmp_path / "system.json"]


def test_nothing_found_returns_none(config_home: Path, tmp_path: Path) -> None:
    assert load_settings(system_paths=[tmp_path / "absent.json"]) is None


def test_lookup_order(config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system = _write(tmp_path / "etc" / "config.json", _settings_for("system"))
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(system))

    loaded = load_settings()
    assert loaded is not None
    assert (loaded.client_id, loaded.source) == ("system", system)

    user = _write(user_settings_path(), _settings_for("user"))
    loaded = load_settings()
    assert loaded is not None
    assert (loaded.client_id, loaded.source) == ("user", user)

    from_env = _write(tmp_path / "env.json", _settings_for("env"))
    monkeypatch.setenv(CONFIG_ENV, str(from_env))
    loaded = load_settings()
    assert loaded is not None
    assert loaded.client_id == "env"

    explicit = _write(tmp_path / "explicit.json", _settings_for("explicit"))
    loaded = load_settings(explicit)
    assert loaded is not None
    assert (loaded.client_id, loaded.source) == ("explicit", explicit)

    assert [p for p, _ in settings_search_paths(explicit)] == [explicit, from_env, user, system]


def test_system_paths_parameter_overrides_the_environment(
    config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(_write(tmp_path / "a.json", _settings_for("a"))))
    b = _write(tmp_path / "b.json", _settings_for("b"))
    loaded = load_settings(system_paths=[tmp_path / "missing.json", b])
    assert loaded is not None
    assert loaded.client_id == "b"


def test_an_invalid_earlier_file_is_an_error_not_skipped(config_home: Path, tmp_path: Path) -> None:
    _write(user_settings_path(), {"client_id": ""})
    system = _write(tmp_path / "system.json", _settings_for("system"))
    with pytest.raises(SettingsFileError, match="client_id"):
        load_settings(system_paths=[system])


def test_missing_explicit_file_is_an_error_naming_it(config_home: Path, tmp_path: Path) -> None:
    _write(user_settings_path(), _settings_for("user"))
    missing = tmp_path / "nope.json"
    with pytest.raises(SettingsFileError) as info:
        load_settings(missing, system_paths=[])
    assert str(missing) in str(info.value)
    assert "--config" in str(info.value)
    assert info.value.path == missing
    assert isinstance(info.value, ConfigError)


def test_missing_file_named_by_environment_is_an_error_naming_the_variable(
    config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "gone.json"))
    with pytest.raises(SettingsFileError) as info:
        load_settings(system_paths=[])
    assert "gone.json" in str(info.value)
    assert CONFIG_ENV in str(info.value)


def test_a_folder_instead_of_a_file(config_home: Path, tmp_path: Path) -> None:
    with pytest.raises(SettingsFileError, match="not a file"):
        load_settings(tmp_path, system_paths=[])


# --- what a valid file gives ---------------------------------------------------------------


def test_defaults_and_full_file(tmp_path: Path) -> None:
    minimal = read_settings_file(_write(tmp_path / "m.json", MINIMAL))
    assert minimal.redirect_uris == DEFAULT_REDIRECT_URIS
    assert minimal.base_url == DEFAULT_BASE_URL == "https://api.box.com"
    assert minimal.oauth_2_url == DEFAULT_OAUTH_2_URL == "https://account.box.com/api/oauth2"
    assert minimal.scope is None

    full = {
        "client_id": " cid ",
        "client_secret": "sec",
        "redirect_uris": [
            "https://example.com/box/callback",
            "http://localhost:9000/cb",
            "http://[::1]:9001/cb",
            "http://127.0.0.1:9002/cb",
        ],
        "scope": "  root_readwrite   manage_groups ",
        "base_url": "http://127.0.0.1:5000/",
        "oauth_2_url": "https://ent.box.com/api/oauth2",
    }
    settings = read_settings_file(_write(tmp_path / "f.json", full))
    assert settings.client_id == "cid"
    assert settings.redirect_uris == tuple(full["redirect_uris"])
    assert settings.loopback_redirect_uris == tuple(full["redirect_uris"][1:])
    assert settings.scope == "root_readwrite manage_groups"
    assert settings.base_url == "http://127.0.0.1:5000"  # the sandbox, on loopback
    assert settings.oauth_2_url == "https://ent.box.com/api/oauth2"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert read_settings_file(path).client_id == "cid-123"


def test_client_secret_is_not_in_repr(tmp_path: Path) -> None:
    settings = read_settings_file(_write(tmp_path / "c.json", MINIMAL))
    assert "s3cr3t-value" not in repr(settings)
    assert "cid-123" in repr(settings)


def test_base_urls_come_from_the_oauth_module(tmp_path: Path) -> None:
    oauth = pytest.importorskip("core.oauth")
    settings = parse_settings({**MINIMAL, "base_url": "http://127.0.0.1:7000"})
    urls = settings.base_urls
    assert isinstance(urls, oauth.BaseUrls)
    assert urls.base_url == "http://127.0.0.1:7000"
    assert urls.oauth_2_url == DEFAULT_OAUTH_2_URL


def test_unknown_keys_are_a_warning_not_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="core.settings")
    path = _write(tmp_path / "u.json", {**MINIMAL, "sope": "root_readonly", "colour": "blue"})
    settings = read_settings_file(path)
    assert settings.scope is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert any("'sope'" in w and 'did you mean "scope"' in w and str(path) in w for w in warnings)
    assert "s3cr3t-value" not in caplog.text


# --- localhost redirect URIs: a recommendation, not an error (issue 8, part 2) ------------


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_localhost_redirect_uri_works_but_127_0_0_1_is_recommended(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="core.settings")
    uris = ["http://localhost:8765/callback", "http://127.0.0.1:8766/callback"]
    path = _write(tmp_path / "l.json", {**MINIMAL, "redirect_uris": uris})
    settings = read_settings_file(path)
    assert settings.redirect_uris == tuple(uris)
    assert settings.loopback_redirect_uris == tuple(uris)
    (warning,) = _warnings(caplog)
    assert warning.startswith(f'{display_path(path)}: "redirect_uris" has {uris[0]}.')
    assert "It works" in warning
    assert "register http://127.0.0.1:8765/callback in the Box developer console" in warning
    assert "always means this computer" in warning
    assert "likewise" not in warning
    assert "s3cr3t-value" not in caplog.text


def test_several_localhost_redirect_uris_give_one_recommendation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="core.settings")
    uris = ["http://localhost:8765/callback", "http://LocalHost:8766/callback"]
    parse_settings({**MINIMAL, "redirect_uris": uris})
    (warning,) = _warnings(caplog)
    assert warning.startswith('The settings: "redirect_uris" has http://localhost:8765/callback.')
    assert "likewise for the other localhost addresses" in warning


@pytest.mark.parametrize(
    "uris",
    [
        None,
        ["http://127.0.0.1:8765/callback"],
        ["http://[::1]:8765/callback", "https://example.com/localhost/cb"],
        ["https://localhost:8443/cb", "http://127.0.0.1:8765/callback"],
    ],
)
def test_address_redirect_uris_give_no_recommendation(
    caplog: pytest.LogCaptureFixture, uris: list[str] | None
) -> None:
    caplog.set_level(logging.WARNING, logger="core.settings")
    data = dict(MINIMAL) if uris is None else {**MINIMAL, "redirect_uris": uris}
    parse_settings(data)
    assert _warnings(caplog) == []


@pytest.mark.parametrize(
    ("uri", "preferred"),
    [
        ("http://localhost:8765/callback", "http://127.0.0.1:8765/callback"),
        ("http://LOCALHOST:9000/cb?x=1", "http://127.0.0.1:9000/cb?x=1"),
        ("http://localhost:9000", "http://127.0.0.1:9000"),
        ("http://127.0.0.1:8765/callback", None),
        ("http://[::1]:8765/callback", None),
        ("https://localhost:8765/callback", None),
        ("http://localhost/callback", None),
        ("http://localhost.example.com:8765/cb", None),
        ("http://localhost:99999/cb", None),
        ("not a url", None),
    ],
)
def test_preferred_redirect_uri(uri: str, preferred: str | None) -> None:
    assert preferred_redirect_uri(uri) == preferred


# --- every validation error names the file, the key and the fix --------------------------

BAD = [
    # (file contents, key named, words of the fix)
    ({"client_secret": "s"}, "client_id", "Client ID"),
    ({**MINIMAL, "client_id": ""}, "client_id", "Client ID"),
    ({**MINIMAL, "client_id": 42}, "client_id", "Client ID"),
    ({"client_id": "c"}, "client_secret", "Client Secret"),
    ({**MINIMAL, "client_secret": ""}, "client_secret", "Client Secret"),
    ({**MINIMAL, "client_secret": None}, "client_secret", "Client Secret"),
    ({**MINIMAL, "redirect_uris": "http://127.0.0.1:8765/callback"}, "redirect_uris", "list"),
    ({**MINIMAL, "redirect_uris": []}, "redirect_uris", "list"),
    ({**MINIMAL, "redirect_uris": [8765]}, "redirect_uris", "list"),
    ({**MINIMAL, "redirect_uris": ["not a url"]}, "redirect_uris", "http://127.0.0.1:8765"),
    ({**MINIMAL, "redirect_uris": ["ftp://127.0.0.1:21/x"]}, "redirect_uris", "http://"),
    ({**MINIMAL, "redirect_uris": ["http://example.com:80/cb"]}, "redirect_uris", "https"),
    ({**MINIMAL, "redirect_uris": ["http://127.0.0.1/callback"]}, "redirect_uris", "port"),
    ({**MINIMAL, "redirect_uris": ["http://127.0.0.1:99999/cb"]}, "redirect_uris", "http://"),
    ({**MINIMAL, "redirect_uris": ["http://127.0.0.1:8765/cb#x"]}, "redirect_uris", "Remove"),
    ({**MINIMAL, "redirect_uris": ["https://example.com/cb"]}, "redirect_uris", "Register"),
    ({**MINIMAL, "scope": ["root_readwrite"]}, "scope", "separated by spaces"),
    ({**MINIMAL, "base_url": "http://api.box.com"}, "base_url", "https"),
    ({**MINIMAL, "base_url": "api.box.com"}, "base_url", "https"),
    ({**MINIMAL, "base_url": 5}, "base_url", "https"),
    ({**MINIMAL, "oauth_2_url": "http://account.box.com/api/oauth2"}, "oauth_2_url", "https"),
    ({**MINIMAL, "oauth_2_url": "https://x.example/?a=b"}, "oauth_2_url", "https"),
]


@pytest.mark.parametrize(("data", "key", "fix"), BAD)
def test_validation_errors_name_file_key_and_fix(
    tmp_path: Path, data: dict[str, Any], key: str, fix: str
) -> None:
    path = _write(tmp_path / "bad.json", data)
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    message = str(info.value)
    assert message.startswith(f'{display_path(path)}: "{key}" ')
    assert fix in message
    assert info.value.key == key
    assert info.value.path == path
    assert "s3cr3t-value" not in message


def test_redirect_uris_error_reads_like_the_example(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.json", {**MINIMAL, "redirect_uris": "x"})
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert info.value.message == (
        f'{display_path(path)}: "redirect_uris" must be a list of addresses like '
        '"http://127.0.0.1:8765/callback".'
    )


def test_https_only_redirect_uris_explain_the_listener(tmp_path: Path) -> None:
    path = _write(tmp_path / "h.json", {**MINIMAL, "redirect_uris": ["https://example.com/cb"]})
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert "listen" in str(info.value)


def test_home_folder_is_shown_as_tilde(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = _write(tmp_path / ".config" / "box-login" / "config.json", {"client_id": "c"})
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert str(info.value).startswith('~/.config/box-login/config.json: "client_secret" ')


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "client_id": "c",\n  "client_secret": "s"\n  "scope": "x"\n}', 4, 3),
        ('{"client_id": "c",}', 1, 19),
        ("", 1, 1),
    ],
)
def test_malformed_json_names_line_and_column(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = _write(tmp_path / "broken.json", text)
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert f"{display_path(path)} is not valid JSON" in str(info.value)
    assert f"line {line}, column {column}" in str(info.value)


def test_not_an_object_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(SettingsFileError, match="JSON object"):
        read_settings_file(_write(tmp_path / "list.json", ["client_id"]))
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe{}")
    with pytest.raises(SettingsFileError, match="UTF-8"):
        read_settings_file(binary)


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a": ' * 100_000, "[" * 5_000 + "]" * 5_000])
def test_deeply_nested_json_is_named_like_any_malformed_file(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path / "deep.json", text)
    with pytest.raises(SettingsFileError) as info:
        read_settings_file(path)
    assert f"{display_path(path)} is not valid JSON" in str(info.value)
    assert "nested too deeply" in str(info.value)
    assert info.value.path == path
    assert info.value.hint
    assert info.value.__cause__ is None


def test_unreadable_file(tmp_path: Path) -> None:
    # A folder stands in for an unreadable file: permissions do not stop root, who runs CI.
    with pytest.raises(SettingsFileError, match="could not be read") as info:
        read_settings_file(tmp_path)
    assert str(tmp_path) in str(info.value)


# --- writing ------------------------------------------------------------------------------


def test_save_user_settings_round_trip_private_and_atomic(config_home: Path) -> None:
    settings = Settings(
        client_id="cid",
        client_secret="sec",
        redirect_uris=("http://127.0.0.1:9100/cb",),
        scope="root_readonly",
    )
    path = save_user_settings(settings)
    assert path == user_settings_path()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = load_settings(system_paths=[])
    assert loaded == Settings(**{**settings.__dict__, "source": path})
    assert os.listdir(path.parent) == ["config.json"]  # no temporary file left behind

    # Overwriting keeps the file private even if someone loosened it.
    path.chmod(0o644)
    save_user_settings(Settings(client_id="other", client_secret="sec"))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reloaded = load_settings(system_paths=[])
    assert reloaded is not None
    assert reloaded.client_id == "other"


def test_save_refuses_settings_it_could_not_read_back(config_home: Path) -> None:
    bad = Settings(client_id="c", client_secret="s", redirect_uris=("http://example.com/cb",))
    with pytest.raises(SettingsFileError, match="redirect_uris"):
        save_user_settings(bad)
    assert not user_settings_path().exists()


def test_save_to_an_explicit_path(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "c.json"
    assert save_user_settings(Settings("c", "s"), path=target) == target
    assert read_settings_file(target).client_secret == "s"


def test_state_dir_is_created_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = state_dir()
    assert path == tmp_path / "state" / "box-login"
    assert path.is_dir()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
