"""Server management without starting Label Studio: busy port, status, stop, environment."""

from __future__ import annotations

import json
import signal
import socket
import stat
import subprocess
import sys

import pytest

from eventset.annotate.credentials import Credentials, load_or_create_credentials
from eventset.annotate.localnet import (
    free_port,
    port_is_free,
    process_alive,
    process_start_time,
    signal_group,
)
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


def _sleeper(*args: str) -> subprocess.Popen[bytes]:
    # A stand-in server: its own session (like the real one) and the given arguments.
    code = "import time; time.sleep(60)"
    return subprocess.Popen([sys.executable, "-c", code, *args], start_new_session=True)


def _record(data_dir, pid: int, start_time: object, recorded_dir=None) -> None:
    state = {"pid": pid, "start_time": start_time, "url": "http://127.0.0.1:1"}
    state["data_dir"] = str((recorded_dir or data_dir).resolve())
    ServerPaths(data_dir).state.write_text(json.dumps(state))


@pytest.mark.parametrize("mismatch", ["start_time", "cmdline", "data_dir", "legacy"])
def test_status_and_stop_never_touch_a_process_that_is_not_ours(tmp_path, mismatch):
    assert not server_status(tmp_path).running
    # 'label' in the command line used to be enough; a recycled pid could match that.
    args = ["label-studio"] if mismatch == "cmdline" else ["label", "--data-dir", str(tmp_path)]
    sleeper = _sleeper(*args)
    try:
        start = process_start_time(sleeper.pid)
        if mismatch == "legacy":
            ServerPaths(tmp_path).state.write_text(json.dumps({"pid": sleeper.pid}))
        else:
            recorded = tmp_path / "other" if mismatch == "data_dir" else None
            _record(tmp_path, sleeper.pid, start + (mismatch == "start_time"), recorded)
        assert not server_status(tmp_path).running
        assert stop_server(tmp_path) is None
        assert process_alive(sleeper.pid)
        assert not ServerPaths(tmp_path).state.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_stop_ends_the_recorded_process_when_everything_matches(tmp_path):
    sleeper = _sleeper("--data-dir", str(tmp_path.resolve()))
    try:
        _record(tmp_path, sleeper.pid, process_start_time(sleeper.pid))
        assert server_status(tmp_path).pid == sleeper.pid
        assert stop_server(tmp_path) == sleeper.pid
        assert sleeper.poll() is not None and not process_alive(sleeper.pid)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_process_of_another_user_is_an_error_with_a_remedy(monkeypatch):
    import eventset.annotate.localnet as localnet

    def refuse(pid, sig):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(localnet.os, "killpg", refuse)
    monkeypatch.setattr(localnet.os, "kill", refuse)
    with pytest.raises(LabelStudioError, match="not allowed to signal process 4242") as err:
        signal_group(4242, signal.SIGTERM)
    assert "as the user who started it" in str(err.value)


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


def test_the_data_dir_is_private_and_signup_needs_the_invite_link(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    monkeypatch.setattr(server, "find_label_studio", lambda: _fake_label_studio(tmp_path, "exit 3"))
    new, old = tmp_path / "new", tmp_path / "old"
    old.mkdir(mode=0o755)
    load_or_create_credentials(ServerPaths(old).credentials)
    old.chmod(0o755)
    for data_dir in (new, old):
        with pytest.raises(LabelStudioError, match="exited with code 3"):
            start_server(data_dir, port=free_port(), timeout=20)
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700, data_dir
    foreign = tmp_path / "foreign"
    foreign.mkdir(mode=0o755)
    (foreign / "notes.txt").write_text("not ours")
    ServerPaths(foreign).data_dir.chmod(0o755)
    server.make_private_dir(ServerPaths(foreign))
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o755
    env = server_env(ServerPaths(new), Credentials("u@x.y", "pw", "k" * 40))
    assert env["LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK"] == "true"
