"""Review 9: the hints for a stopped local server and for a missing key name the right data
dir, port and command, also after a normal session whose log outgrew its tail."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support.cli import run_cli as run

from eventset.annotate import connection
from eventset.annotate.connection import resolve_connection
from eventset.annotate.credentials import load_or_create_credentials
from eventset.annotate.launch import last_url, record_last_url
from eventset.annotate.localnet import free_port
from eventset.annotate.server import ServerPaths, server_status, start_server, stop_server
from eventset.errors import LabelStudioError

# Health checks and API calls that a session writes after the start line (~70 bytes each).
NOISE = '[2025-01-01 10:00:00] "GET /health HTTP/1.1" 200 15\n'
OLD_TAIL_BYTES = 1 << 16  # all that eventset read of server.log before


# A stand-in for label-studio: prints what the real one prints when it starts, answers
# /health, and logs every request, as the real server does.
FAKE_SERVER = """\
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port = int(sys.argv[sys.argv.index("--port") + 1])


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status": "UP"}')

    def log_message(self, *args):
        print(NOISE, end="", flush=True)


print(f"Starting development server at http://127.0.0.1:{port}/", flush=True)
HTTPServer(("127.0.0.1", port), Health).serve_forever()
"""


def _fake_label_studio(tmp_path: Path) -> str:
    script = tmp_path / "fake-label-studio"
    body = FAKE_SERVER.replace("NOISE", repr(NOISE))
    script.write_text(f"#!{sys.executable}\n{body}")
    script.chmod(0o755)
    return str(script)


def _session(data_dir: Path, port: int) -> None:
    """Start, fill the log past its old 64 KiB tail with health checks, stop."""
    start_server(data_dir, port=port, timeout=30)
    with ServerPaths(data_dir.resolve()).log.open("a") as log:
        log.write(NOISE * (2 * OLD_TAIL_BYTES // len(NOISE)))
    stop_server(data_dir)


def test_the_stopped_server_is_named_after_a_normal_session(tmp_path, monkeypatch):
    import eventset.annotate.launch as launch

    monkeypatch.setattr(launch, "find_label_studio", lambda: _fake_label_studio(tmp_path))
    data_dir, port = tmp_path / "ls", free_port()
    _session(data_dir, port)
    paths = ServerPaths(data_dir.resolve())
    assert not paths.state.exists() and paths.log.stat().st_size > 2 * OLD_TAIL_BYTES
    assert last_url(paths) == f"http://127.0.0.1:{port}"  # kept by `stop`
    with pytest.raises(LabelStudioError, match="is not running") as caught:
        resolve_connection(f"http://127.0.0.1:{port}", data_dir=data_dir)
    shown = str(caught.value)
    assert f"eventset server start --data-dir {data_dir} --port {port}" in shown
    assert "LABEL_STUDIO_API_KEY" not in shown
    result = run("project", "list", "--data-dir", data_dir, LABEL_STUDIO_URL=f"127.0.0.1:{port}")
    assert result.exit_code == 1 and "is not running" in result.output, result.output


def _old_data_dir(data_dir: Path, port: int, noise_lines: int) -> ServerPaths:
    """A data dir of an older eventset: no last-URL record, only the log."""
    paths = ServerPaths(data_dir)
    load_or_create_credentials(paths.credentials)
    paths.log.write_text(
        "Performing system checks...\n"
        f"Starting development server at http://127.0.0.1:{port + 1}/\n"
        f"{NOISE * 10}"
        f"Starting development server at http://127.0.0.1:{port}/\n" + NOISE * noise_lines
    )
    return paths


@pytest.mark.parametrize("noise_lines", [0, 3000, 60_000])  # up to ~3.5 MiB after the start
def test_an_older_data_dir_is_read_from_its_whole_log(tmp_path, noise_lines):
    port = free_port()
    _old_data_dir(tmp_path, port, noise_lines)
    with pytest.raises(LabelStudioError, match="is not running") as caught:
        resolve_connection(f"http://127.0.0.1:{port}", data_dir=tmp_path)
    assert f"--data-dir {tmp_path} --port {port}" in str(caught.value)


def test_a_start_line_cut_by_a_read_boundary_is_still_found(tmp_path, monkeypatch):
    port = free_port()
    paths = _old_data_dir(tmp_path, port, 0)
    size = paths.log.stat().st_size
    # every chunk boundary falls inside the last start line for some chunk size
    for chunk in range(20, 80, 7):
        monkeypatch.setattr(connection, "LOG_CHUNK_BYTES", chunk)
        assert connection.log_start_url(paths.log) == f"http://127.0.0.1:{port}", (chunk, size)


def test_the_last_url_record_is_written_atomically_and_read_back(tmp_path):
    paths = ServerPaths(tmp_path)
    assert last_url(paths) is None
    record_last_url(paths, "http://127.0.0.1:18630")
    record_last_url(paths, "http://127.0.0.1:18631")
    assert last_url(paths) == "http://127.0.0.1:18631"
    assert [p.name for p in tmp_path.iterdir()] == ["last_url.json"]  # no temp file left
    (tmp_path / "last_url.json").write_text("{not json")
    assert last_url(paths) is None


def test_the_record_wins_over_an_older_log(tmp_path):
    port = free_port()
    paths = _old_data_dir(tmp_path, port, 0)
    record_last_url(paths, f"http://127.0.0.1:{port + 7}")
    with pytest.raises(LabelStudioError, match="is not running") as caught:
        resolve_connection(f"http://127.0.0.1:{port + 7}", data_dir=tmp_path)
    assert f"--port {port + 7}" in str(caught.value)


# --- 2. no server configured: the hint starts the server of THAT data dir -----------------


def test_no_server_from_a_data_dir_that_never_ran_names_that_data_dir(tmp_path):
    data_dir = tmp_path / "x" / "ls"
    result = run("project", "list", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert "no Label Studio server is configured" in result.output
    assert f"eventset server start --data-dir {data_dir}`" in result.output
    assert "--port" not in result.output


def test_no_server_after_a_stop_names_the_data_dir_and_its_port(tmp_path):
    data_dir, port = tmp_path / "x" / "ls", free_port()
    load_or_create_credentials(ServerPaths(data_dir).credentials)
    record_last_url(ServerPaths(data_dir), f"http://127.0.0.1:{port}")
    result = run("project", "list", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert f"the local server of {data_dir} (last at http://127.0.0.1:{port})" in result.output
    assert f"eventset server start --data-dir {data_dir} --port {port}`" in result.output
    via_env = run("project", "list", EVENTSET_DATA_DIR=str(data_dir))
    assert f"eventset server start --data-dir {data_dir} --port {port}`" in via_env.output


def test_the_default_port_is_not_repeated(tmp_path):
    load_or_create_credentials(ServerPaths(tmp_path).credentials)
    record_last_url(ServerPaths(tmp_path), "http://127.0.0.1:8080")
    with pytest.raises(LabelStudioError) as caught:
        resolve_connection(data_dir=tmp_path)
    assert f"`eventset server start --data-dir {tmp_path}`" in str(caught.value)


def test_a_data_dir_with_spaces_is_quoted(tmp_path):
    data_dir = tmp_path / "my data"
    with pytest.raises(LabelStudioError) as caught:
        resolve_connection(data_dir=data_dir)
    assert f"eventset server start --data-dir '{data_dir}'" in str(caught.value)


def test_a_local_url_without_a_key_points_to_the_data_dir_option(tmp_path):
    port = free_port()
    with pytest.raises(LabelStudioError, match="no API key") as caught:
        resolve_connection(f"http://127.0.0.1:{port}", data_dir=tmp_path)
    shown = str(caught.value)
    assert "LABEL_STUDIO_API_KEY" in shown
    assert "--data-dir DIR" in shown and "EVENTSET_DATA_DIR" in shown
    assert f"{tmp_path} has no server recorded at http://127.0.0.1:{port}" in shown
    for local in (f"http://localhost:{port}", f"http://[::1]:{port}"):
        with pytest.raises(LabelStudioError, match="--data-dir DIR"):
            resolve_connection(local, data_dir=tmp_path)


def test_a_remote_url_without_a_key_does_not_mention_data_dirs(tmp_path):
    with pytest.raises(LabelStudioError, match="no API key") as caught:
        resolve_connection("https://ls.example.org", data_dir=tmp_path)
    assert "--data-dir" not in str(caught.value)


def test_a_running_server_from_the_data_dir_is_still_used(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    paths = ServerPaths(tmp_path)
    creds = load_or_create_credentials(paths.credentials)
    url = "http://127.0.0.1:18630"
    paths.state.write_text(
        json.dumps({"pid": 1, "start_time": 1, "data_dir": str(tmp_path), "url": url})
    )
    monkeypatch.setattr(server, "owns_process", lambda *_: True)
    monkeypatch.setattr(server, "health_ok", lambda _: True)
    assert server_status(tmp_path).running
    assert resolve_connection(data_dir=tmp_path).api_key == creds.api_key


def test_localhost_names_the_running_local_server_but_no_other_port(tmp_path, monkeypatch):
    import eventset.annotate.server as server

    paths = ServerPaths(tmp_path)
    creds = load_or_create_credentials(paths.credentials)
    url = "http://127.0.0.1:18631"
    paths.state.write_text(
        json.dumps({"pid": 1, "start_time": 1, "data_dir": str(tmp_path), "url": url})
    )
    monkeypatch.setattr(server, "owns_process", lambda *_: True)
    monkeypatch.setattr(server, "health_ok", lambda _: True)
    for same in ("http://localhost:18631", "http://localhost:18631/", "http://[::1]:18631"):
        assert resolve_connection(same, data_dir=tmp_path).api_key == creds.api_key
    for other in ("http://localhost:18632", "https://localhost:18631", "http://10.0.0.5:18631"):
        with pytest.raises(LabelStudioError, match="no API key"):
            resolve_connection(other, data_dir=tmp_path)
