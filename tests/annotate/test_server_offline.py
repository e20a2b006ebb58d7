"""Server management without starting Label Studio: busy port, status, stop, environment."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from eventset.annotate.credentials import Credentials
from eventset.annotate.localnet import free_port, port_is_free, process_alive
from eventset.annotate.server import (
    ServerPaths,
    find_label_studio,
    server_env,
    server_status,
    start_server,
    stop_server,
)
from eventset.errors import LabelStudioError


def test_busy_port_fails_instead_of_moving(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not port_is_free(port)
        with pytest.raises(LabelStudioError, match=f"port {port} on 127.0.0.1 is already in use"):
            start_server(tmp_path, port=port)
    assert not (tmp_path / "server.json").exists()


def test_environment_is_offline_and_local(tmp_path):
    env = server_env(ServerPaths(tmp_path), Credentials("u@x.y", "pw", "k" * 40))
    assert env["LABEL_STUDIO_BASE_DATA_DIR"] == str(tmp_path)
    assert env["LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN"] == "true"
    assert env["LABEL_STUDIO_USER_TOKEN"] == "k" * 40
    assert (env["SENTRY_DSN"], env["FRONTEND_SENTRY_DSN"]) == ("", "")
    assert (env["COLLECT_ANALYTICS"], env["LATEST_VERSION_CHECK"]) == ("false", "false")


def test_executable_is_found_beside_this_python():
    assert find_label_studio().startswith(sys.prefix) or find_label_studio().endswith(
        "label-studio"
    )


def test_status_and_stop_ignore_a_stale_or_foreign_pid(tmp_path):
    assert not server_status(tmp_path).running
    # A live process that is not Label Studio must never be signalled.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        ServerPaths(tmp_path).state.write_text(
            json.dumps({"pid": sleeper.pid, "url": "http://127.0.0.1:1"})
        )
        assert not server_status(tmp_path).running
        assert stop_server(tmp_path) is None
        assert process_alive(sleeper.pid)
        assert not ServerPaths(tmp_path).state.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_free_port_is_free():
    assert port_is_free(free_port())


def _fake_label_studio(tmp_path, body: str):
    script = tmp_path / "fake-label-studio"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def test_a_server_that_dies_is_reported_with_its_log(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    fake = _fake_label_studio(
        tmp_path, 'echo "django.db.utils.OperationalError: disk full"; exit 3'
    )
    monkeypatch.setattr(server, "find_label_studio", lambda: fake)
    with pytest.raises(LabelStudioError) as died:
        start_server(tmp_path / "data", port=free_port(), timeout=20)
    message = str(died.value)
    assert "exited with code 3" in message and "OperationalError: disk full" in message
    assert not ServerPaths(tmp_path / "data").state.exists()


def test_a_server_that_never_answers_times_out_and_is_stopped(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    fake = _fake_label_studio(tmp_path, "echo still migrating; exec sleep 60")
    monkeypatch.setattr(server, "find_label_studio", lambda: fake)
    with pytest.raises(LabelStudioError, match=r"did not answer .*/health within 1 s") as late:
        start_server(tmp_path / "data", port=free_port(), timeout=1)
    assert "still migrating" in str(late.value)
    assert not server_status(tmp_path / "data").running
