"""Server management without starting Label Studio: busy port, status, stop, environment."""

from __future__ import annotations

import json
import signal
import socket
import stat
import subprocess
import sys
import time

import pytest

from eventset.annotate.credentials import Credentials, load_or_create_credentials
from eventset.annotate.launch import find_label_studio, server_env
from eventset.annotate.localnet import (
    free_port,
    health_ok,
    port_is_free,
    process_alive,
    process_args,
    process_start_time,
    signal_group,
)
from eventset.annotate.server import (
    ServerPaths,
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
        with pytest.raises(LabelStudioError) as refused:
            start_server(tmp_path, port=port)
        suggested = int(refused.value.remedy.split("--port ")[1].split()[0])
        assert suggested != port and port_is_free(suggested)  # free when it was suggested
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
    process = subprocess.Popen([sys.executable, "-c", code, *args], start_new_session=True)
    # Popen returns while the kernel may still be setting up the new program: for a moment
    # /proc/PID/cmdline is empty, and a check of the arguments then fails for that reason alone.
    deadline = time.monotonic() + 10
    while process_args(process.pid) != [sys.executable, "-c", code, *args]:
        assert time.monotonic() < deadline, "the stand-in server's arguments never showed"
        time.sleep(0.005)
    return process


def _record(data_dir, pid: int, start_time: object, recorded_dir=None) -> None:
    state = {"pid": pid, "start_time": start_time, "url": "http://127.0.0.1:1"}
    state["data_dir"] = str((recorded_dir or data_dir).resolve())
    ServerPaths(data_dir).state.write_text(json.dumps(state))


@pytest.mark.parametrize("mismatch", ["start_time", "cmdline", "data_dir", "legacy-other"])
def test_status_and_stop_never_touch_a_process_that_is_not_ours(tmp_path, mismatch):
    assert not server_status(tmp_path).running
    # 'label' in the command line used to be enough; a recycled pid could match that.
    args = ["label-studio"] if mismatch == "cmdline" else ["label", "--data-dir", str(tmp_path)]
    sleeper = _sleeper(*args)
    try:
        start = process_start_time(sleeper.pid)
        if mismatch == "legacy-other":
            # An old record whose pid now runs something that does not name this data dir.
            sleeper.kill()
            sleeper.wait()
            sleeper = _sleeper("label-studio")
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


def test_an_old_record_without_start_time_is_never_signalled_nor_dropped(tmp_path):
    sleeper = _sleeper("label-studio", "--data-dir", str(tmp_path.resolve()))
    try:
        ServerPaths(tmp_path).state.write_text(json.dumps({"pid": sleeper.pid, "port": 1}))
        assert not server_status(tmp_path).running
        with pytest.raises(LabelStudioError, match="written by an older eventset") as refused:
            stop_server(tmp_path)
        assert f"kill {sleeper.pid}" in str(refused.value)
        with pytest.raises(LabelStudioError, match="written by an older eventset"):
            start_server(tmp_path, port=free_port())
        assert process_alive(sleeper.pid) and ServerPaths(tmp_path).state.exists()
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
    import eventset.annotate.launch as launch

    fake = _fake_label_studio(
        tmp_path, 'echo "django.db.utils.OperationalError: disk full"; exit 3'
    )
    monkeypatch.setattr(launch, "find_label_studio", lambda: fake)
    with pytest.raises(LabelStudioError) as died:
        start_server(tmp_path / "data", port=free_port(), timeout=20)
    message = str(died.value)
    assert "exited with code 3" in message and "OperationalError: disk full" in message
    assert not ServerPaths(tmp_path / "data").state.exists()


def test_a_server_that_never_answers_times_out_and_is_stopped(tmp_path, monkeypatch):
    import eventset.annotate.launch as launch

    pid_file = tmp_path / "fake.pid"
    fake = _fake_label_studio(
        tmp_path, f"echo $$ > {pid_file}; echo still migrating; exec sleep 60"
    )
    monkeypatch.setattr(launch, "find_label_studio", lambda: fake)
    with pytest.raises(LabelStudioError, match=r"did not answer .*/health within 1 s") as late:
        start_server(tmp_path / "data", port=free_port(), timeout=1)
    assert "still migrating" in str(late.value)
    assert not server_status(tmp_path / "data").running
    # The process itself must be gone, not only its record.
    assert not process_alive(int(pid_file.read_text()))


def test_the_data_dir_is_private_and_signup_needs_the_invite_link(tmp_path, monkeypatch):
    import eventset.annotate.launch as launch

    monkeypatch.setattr(launch, "find_label_studio", lambda: _fake_label_studio(tmp_path, "exit 3"))
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
    launch.make_private_dir(ServerPaths(foreign))
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o755
    env = server_env(ServerPaths(new), Credentials("u@x.y", "pw", "k" * 40))
    assert env["LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK"] == "true"


FAKE_SERVER = """
import http.server, sys, time
port = int(sys.argv[sys.argv.index("--port") + 1])
time.sleep(DELAY)


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"status": "UP"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
"""


def _slow_server(tmp_path, delay: float) -> str:
    # Answers /health after ``delay`` seconds, like Label Studio after its migrations.
    script = tmp_path / "slow-label-studio"
    script.write_text(f"#!{sys.executable}\n" + FAKE_SERVER.replace("DELAY", str(delay)))
    script.chmod(0o755)
    return str(script)


def test_start_waits_for_the_running_server_that_does_not_answer_yet(tmp_path, monkeypatch):
    import eventset.annotate.launch as launch

    monkeypatch.setattr(launch, "find_label_studio", lambda: _slow_server(tmp_path, 3))
    data_dir, port = tmp_path / "data", free_port()
    process = launch.launch(ServerPaths(data_dir.resolve()), port)
    try:
        assert not server_status(data_dir).healthy
        status = start_server(data_dir, port=free_port(), timeout=60)
        assert (status.pid, status.port, status.started) == (process.pid, port, False)
        assert status.healthy and health_ok(str(status.url))
    finally:
        stopped = stop_server(data_dir)
        if process.poll() is None:  # a failed assertion above must not leave the fake running
            process.kill()
            process.wait()
    assert stopped == process.pid
    assert not process_alive(process.pid)


def test_cli_start_says_when_the_port_differs_and_shows_only_the_username(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import eventset.annotate.launch as launch
    from eventset.cli import app

    monkeypatch.setattr(launch, "find_label_studio", lambda: _slow_server(tmp_path, 0))
    data_dir, port, other = tmp_path / "data", free_port(), free_port()
    cli = CliRunner()
    try:
        first = cli.invoke(
            app, ["server", "start", "--data-dir", str(data_dir), "--port", str(port)]
        )
        again = cli.invoke(
            app, ["server", "start", "--data-dir", str(data_dir), "--port", str(other)]
        )
    finally:
        stop_server(data_dir)
    creds = load_or_create_credentials(ServerPaths(data_dir).credentials)
    assert first.exit_code == 0, first.output
    assert f"Label Studio is running at http://127.0.0.1:{port}" in first.output
    assert f"Log in as {creds.username}; the password is in " in first.output
    assert str(data_dir.resolve() / "credentials.json") in first.output
    assert again.exit_code == 0, again.output
    assert f"already running at http://127.0.0.1:{port}" in again.output
    assert f"listens on port {port}, not the requested {other}" in again.output
    for result in (first, again):
        assert creds.password not in result.output and creds.api_key not in result.output
