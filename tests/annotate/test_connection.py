"""Connection settings and credentials: precedence, and the key never leaks."""

from __future__ import annotations

import json
import os
import stat

import pytest

from eventset.annotate.connection import Connection, resolve_connection
from eventset.annotate.credentials import load_or_create_credentials, read_credentials
from eventset.annotate.server import ServerPaths
from eventset.errors import LabelStudioError

SECRET = "sk-test-0123456789abcdef0123456789abcdef"


def test_key_is_hidden_from_repr_and_str():
    conn = Connection("http://h:1", SECRET)
    assert SECRET not in repr(conn) and SECRET not in str(conn)
    assert conn.api_key == SECRET


def test_flags_win_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LABEL_STUDIO_URL", "http://env:8080/")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "env-key-123456")
    assert resolve_connection(data_dir=tmp_path) == Connection("http://env:8080", "env-key-123456")
    flagged = resolve_connection("http://flag:9", SECRET, data_dir=tmp_path)
    assert flagged == Connection("http://flag:9", SECRET)


def _state(data_dir):
    url = "http://127.0.0.1:18089"
    return {"pid": os.getpid(), "start_time": 1, "data_dir": str(data_dir.resolve()), "url": url}


def test_local_server_settings_are_used_when_nothing_is_given(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    paths = ServerPaths(tmp_path)
    creds = load_or_create_credentials(paths.credentials)
    paths.state.write_text(json.dumps(_state(tmp_path)))
    # This test process stands in for the server (its command line does not hold the data dir).
    monkeypatch.setattr(server, "owns_process", lambda pid, *_: pid == os.getpid())
    assert resolve_connection(data_dir=tmp_path) == Connection(
        "http://127.0.0.1:18089", creds.api_key
    )


def test_the_local_key_is_never_sent_to_another_url(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    paths = ServerPaths(tmp_path)
    creds = load_or_create_credentials(paths.credentials)
    paths.state.write_text(json.dumps(_state(tmp_path)))
    monkeypatch.setattr(server, "owns_process", lambda pid, *_: pid == os.getpid())
    with pytest.raises(
        LabelStudioError, match=r"no API key for the Label Studio server at http://remote\.example"
    ):
        resolve_connection(url="http://remote.example", data_dir=tmp_path)
    same = resolve_connection(url="http://127.0.0.1:18089/", data_dir=tmp_path)
    assert same.api_key == creds.api_key


def test_no_server_is_a_clear_error(tmp_path):
    with pytest.raises(LabelStudioError, match="no Label Studio server is configured") as err:
        resolve_connection(data_dir=tmp_path)
    assert "eventset server start" in str(err.value)
    with pytest.raises(LabelStudioError, match="no API key"):
        resolve_connection(url="http://h:1", data_dir=tmp_path)


def test_generated_credentials_are_private_and_stable(tmp_path):
    path = tmp_path / "creds" / "credentials.json"
    first = load_or_create_credentials(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.api_key) == 40 and first.password
    assert first.api_key not in repr(first) and first.password not in repr(first)
    assert load_or_create_credentials(path) == first == read_credentials(path)


def test_a_planted_temp_file_never_receives_the_secret(tmp_path):
    # An old temp file (or a link to somewhere readable) must be replaced, not written through.
    spy = tmp_path / "spy.txt"
    spy.write_text("nothing yet")
    spy.chmod(0o644)
    (tmp_path / "credentials.tmp").symlink_to(spy)
    creds = load_or_create_credentials(tmp_path / "credentials.json")
    assert spy.read_text() == "nothing yet"
    assert creds.api_key in (tmp_path / "credentials.json").read_text()
    assert stat.S_IMODE((tmp_path / "credentials.json").stat().st_mode) == 0o600
    assert not (tmp_path / "credentials.tmp").exists()


def test_environment_seeds_credentials_once(monkeypatch, tmp_path):
    monkeypatch.setenv("LABEL_STUDIO_USERNAME", "me@example.org")
    monkeypatch.setenv("LABEL_STUDIO_PASSWORD", "pw-123456")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", SECRET)
    creds = load_or_create_credentials(tmp_path / "c.json")
    assert (creds.username, creds.password, creds.api_key) == (
        "me@example.org",
        "pw-123456",
        SECRET,
    )
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "tiny")
    with pytest.raises(LabelStudioError, match="too short"):
        load_or_create_credentials(tmp_path / "d.json")
