"""A local Label Studio server: start, stop and status of a real ``label-studio`` process.

Everything lives in one data dir (default ``.eventset/labelstudio``): Label Studio's SQLite
database, ``server.json`` (pid, its start time, data dir, port, url), ``server.log`` and
``credentials.json`` (mode 0600, the admin login and API key). The server binds to 127.0.0.1
only and makes no outbound calls.

Example:
    >>> from pathlib import Path
    >>> paths = ServerPaths(Path(".eventset/labelstudio"))
    >>> paths.credentials.name
    'credentials.json'
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from eventset.annotate.credentials import Credentials, load_or_create_credentials
from eventset.annotate.localnet import (
    health_ok,
    owns_process,
    port_is_free,
    process_start_time,
    terminate,
)
from eventset.errors import LabelStudioError

DEFAULT_DATA_DIR = Path(".eventset") / "labelstudio"
DEFAULT_PORT = 8080
# A fresh data dir runs Django migrations first (about 60 s on two cores); leave room.
START_TIMEOUT_S = 240.0


@dataclass(frozen=True)
class ServerPaths:
    """Where the files of one local server live."""

    data_dir: Path

    @property
    def state(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def log(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def credentials(self) -> Path:
        return self.data_dir / "credentials.json"


@dataclass(frozen=True)
class ServerStatus:
    """What ``server status`` reports; ``pid`` is None when no server of ours is running."""

    data_dir: Path
    pid: int | None
    url: str | None
    healthy: bool

    @property
    def running(self) -> bool:
        return self.pid is not None


def find_label_studio() -> str:
    """Path of the ``label-studio`` executable, preferring the one beside this Python.

    Example:
        >>> find_label_studio().endswith("label-studio")  # doctest: +SKIP
        True
    """
    beside = Path(sys.executable).with_name("label-studio")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    import shutil

    found = shutil.which("label-studio")
    if found:
        return found
    raise LabelStudioError(
        "the label-studio executable was not found next to this Python or on PATH",
        remedy="install the server extra: pip install 'eventset[server]'",
    )


def server_env(paths: ServerPaths, credentials: Credentials) -> dict[str, str]:
    """Environment for the ``label-studio`` process: SQLite in the data dir, no telemetry."""
    env = dict(os.environ)
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(paths.data_dir),
        DJANGO_DB="sqlite",
        LABEL_STUDIO_USERNAME=credentials.username,
        LABEL_STUDIO_PASSWORD=credentials.password,
        # Applied only when the user and organisation are first created (first start).
        LABEL_STUDIO_USER_TOKEN=credentials.api_key,
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="",
        COLLECT_ANALYTICS="false",
        LATEST_VERSION_CHECK="false",
        LOG_LEVEL=env.get("EVENTSET_LS_LOG_LEVEL", "WARNING"),
        # Nobody on a shared machine can sign up without the organisation's invite link
        # (read as DISABLE_SIGNUP_WITHOUT_LINK in label_studio/core/settings/base.py).
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true",
    )
    return env


def server_status(data_dir: Path = DEFAULT_DATA_DIR) -> ServerStatus:
    """Is a server started from ``data_dir`` running, and does it answer ``/health``?"""
    paths = ServerPaths(Path(data_dir).resolve())
    state = _read_state(paths) or {}
    pid = state.get("pid")
    # Only the process we started counts: same pid, same start time, this data dir in its
    # command line. A recycled pid or another program is never reported (or signalled).
    ours = (
        isinstance(pid, int)
        and state.get("data_dir") == str(paths.data_dir)
        and owns_process(pid, state.get("start_time"), str(paths.data_dir))
    )
    if not ours or not isinstance(pid, int):
        return ServerStatus(paths.data_dir, None, None, False)
    url = str(state.get("url"))
    return ServerStatus(paths.data_dir, pid, url, health_ok(url))


def start_server(
    data_dir: Path = DEFAULT_DATA_DIR, port: int = DEFAULT_PORT, timeout: float = START_TIMEOUT_S
) -> ServerStatus:
    """Start Label Studio on 127.0.0.1:``port`` and wait until ``/health`` answers.

    Returns the running server's status; if one is already running from ``data_dir`` it is
    returned unchanged. Raises ``LabelStudioError`` when the port is busy or the server dies.

    Example:
        >>> status = start_server(Path("/tmp/ls"), port=18080)  # doctest: +SKIP
        >>> status.url  # doctest: +SKIP
        'http://127.0.0.1:18080'
    """
    paths = ServerPaths(Path(data_dir).resolve())
    current = server_status(paths.data_dir)
    if current.running:
        return current
    if not port_is_free(port):
        raise LabelStudioError(
            f"port {port} on 127.0.0.1 is already in use",
            remedy="stop whatever uses it or pass another port, e.g. --port 8081",
        )
    make_private_dir(paths)
    credentials = load_or_create_credentials(paths.credentials)
    url = f"http://127.0.0.1:{port}"
    process = _spawn(paths, credentials, port)
    _write_state(
        paths,
        {
            "pid": process.pid,
            "start_time": process_start_time(process.pid),
            "data_dir": str(paths.data_dir),
            "port": port,
            "url": url,
        },
    )
    _wait_healthy(process, url, paths, timeout)
    return ServerStatus(paths.data_dir, process.pid, url, True)


def make_private_dir(paths: ServerPaths) -> None:
    """Create the data dir with mode 0700: it holds the database (password hashes, API tokens)
    and ``credentials.json``. An existing one is tightened when it is empty or already ours."""
    data_dir = paths.data_dir
    if not data_dir.exists():
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        data_dir.mkdir(mode=0o700)
    ours = paths.credentials.exists() or (data_dir / "label_studio.sqlite3").exists()
    # Any other folder (say --data-dir ~) is not ours to change.
    if ours or not any(data_dir.iterdir()):
        os.chmod(data_dir, 0o700)


def _spawn(paths: ServerPaths, credentials: Credentials, port: int) -> subprocess.Popen[bytes]:
    command = [
        find_label_studio(),
        "start",
        "--no-browser",
        "--internal-host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(paths.data_dir),
    ]
    with paths.log.open("ab") as log:
        # A new session so that a Ctrl-C in the shell that ran `server start` leaves it running.
        return subprocess.Popen(
            command,
            env=server_env(paths, credentials),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def _wait_healthy(
    process: subprocess.Popen[bytes], url: str, paths: ServerPaths, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if health_ok(url):
            return
        if process.poll() is not None:
            paths.state.unlink(missing_ok=True)
            raise LabelStudioError(
                f"Label Studio exited with code {process.returncode} before answering at {url}; "
                f"last lines of {paths.log}:\n{tail(paths.log)}",
                remedy="read the log above; a half-initialised data dir can be deleted and retried",
            )
        time.sleep(0.3)
    terminate(process.pid)
    paths.state.unlink(missing_ok=True)
    raise LabelStudioError(
        f"Label Studio did not answer {url}/health within {timeout:.0f} s; "
        f"last lines of {paths.log}:\n{tail(paths.log)}",
        remedy="check the log; the first start runs migrations and can be slow on a busy machine",
    )


def stop_server(data_dir: Path = DEFAULT_DATA_DIR, timeout: float = 20.0) -> int | None:
    """Stop the server started from ``data_dir``; returns its pid, or None if none was running.

    Only the process recorded in ``server.json`` (and its process group) is signalled, and only
    when its start time and command line (holding the data dir) still match.
    """
    status = server_status(data_dir)
    paths = ServerPaths(status.data_dir)
    if status.pid is None:
        paths.state.unlink(missing_ok=True)
        return None
    terminate(status.pid, timeout)
    paths.state.unlink(missing_ok=True)
    return status.pid


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file ('' when it does not exist)."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def _read_state(paths: ServerPaths) -> dict[str, object] | None:
    try:
        return json.loads(paths.state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(paths: ServerPaths, state: dict[str, object]) -> None:
    temp = paths.state.with_suffix(".json.tmp")
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, paths.state)
