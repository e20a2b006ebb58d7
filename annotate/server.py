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

import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path

from eventset.annotate.launch import launch
from eventset.annotate.localnet import (
    free_port,
    health_ok,
    owns_process,
    port_is_free,
    process_alive,
    process_args,
    terminate,
)
from eventset.annotate.serverfiles import ServerPaths, check_data_dir, read_state, tail
from eventset.errors import InputError, LabelStudioError

DEFAULT_DATA_DIR = Path(".eventset") / "labelstudio"
DEFAULT_PORT = 8080
PORTS = range(1, 65536)  # TCP ports a server can be asked to listen on
# A fresh data dir runs Django migrations first (about 60 s on two cores); leave room.
START_TIMEOUT_S = 240.0


@dataclass(frozen=True)
class ServerStatus:
    """What ``server status`` reports; ``pid`` is None when no server of ours is running."""

    data_dir: Path
    pid: int | None
    url: str | None
    healthy: bool
    port: int | None = None
    started: bool = False  # True when this call started the process (else it was running)

    @property
    def running(self) -> bool:
        return self.pid is not None


def server_status(data_dir: Path = DEFAULT_DATA_DIR) -> ServerStatus:
    """Is a server started from ``data_dir`` running, and does it answer ``/health``?"""
    paths = ServerPaths(Path(data_dir).resolve())
    state = read_state(paths) or {}
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
    port = state.get("port")
    known_port = port if isinstance(port, int) else None
    return ServerStatus(paths.data_dir, pid, url, health_ok(url), known_port)


def start_server(
    data_dir: Path = DEFAULT_DATA_DIR, port: int = DEFAULT_PORT, timeout: float = START_TIMEOUT_S
) -> ServerStatus:
    """Start Label Studio on 127.0.0.1:``port`` and wait until ``/health`` answers.

    Returns the running server's status. If a server from ``data_dir`` is already running it is
    not started again (whatever ``port`` says: compare ``status.port``); when it does not answer
    yet (still migrating) this waits for it. Raises ``InputError`` for a port outside 1-65535 and
    a data dir that is a file or a folder of other files (``check_data_dir``),
    ``LabelStudioError`` when the port is busy or the server dies.

    Example:
        >>> status = start_server(Path("/tmp/ls"), port=18080)  # doctest: +SKIP
        >>> status.url, status.started  # doctest: +SKIP
        ('http://127.0.0.1:18080', True)
    """
    check_port(port)
    paths = ServerPaths(Path(data_dir).resolve())
    check_data_dir(paths.data_dir)  # before anything is written there
    current = server_status(paths.data_dir)
    if current.running and current.pid is not None and current.url:
        if not current.healthy:
            _wait_healthy(current.pid, current.url, paths, timeout)
        return replace(current, healthy=True)
    _refuse_unverifiable(paths)  # never a second server on the same database
    if not port_is_free(port):
        raise LabelStudioError(
            f"port {port} on 127.0.0.1 is already in use",
            remedy=f"stop whatever uses it or pass another port, e.g. --port {_free_near(port)} "
            "(free right now)",
        )
    process = launch(paths, port)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(process.pid, url, paths, timeout, process)
    return ServerStatus(paths.data_dir, process.pid, url, True, port, started=True)


def check_port(port: int, source: str = "") -> None:
    """Refuse a port outside 1-65535; ``source`` names where it came from (``--port``, or an
    environment variable such as ``EVENTSET_PORT``) for the message.

    Port 0 would let the system pick a port, but Label Studio reads it as "not set" and listens
    on 8080 while eventset waits at port 0 for ever; above 65535 the socket cannot even be made.

    Example:
        >>> check_port(8080)
        >>> check_port(0, "--port")
        Traceback (most recent call last):
        ...
        eventset.errors.InputError: --port 0 is not a port Label Studio can listen on: ...
    """
    if port in PORTS:
        return
    if source.startswith("--"):
        given, remedy = f"{source} {port}", f"pass {source} a port from 1 to 65535, e.g. "
        remedy += f"{source} {DEFAULT_PORT} (the default)"
    elif source:
        given = f"{source}={port}"
        remedy = f"set {source} to a port from 1 to 65535, or unset it (default {DEFAULT_PORT})"
    else:
        given, remedy = f"port {port}", f"use a port from 1 to 65535, e.g. {DEFAULT_PORT}"
    raise InputError(
        f"{given} is not a port Label Studio can listen on: TCP ports go from 1 to 65535",
        remedy=remedy,
    )


def _wait_healthy(
    pid: int,
    url: str,
    paths: ServerPaths,
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    """Wait for ``/health``; ``process`` is given when this call spawned the server (a server
    that was already running is never killed here)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if health_ok(url):
            return
        exited = process.poll() is not None if process else not process_alive(pid)
        if exited:
            paths.state.unlink(missing_ok=True)
            code = f" with code {process.returncode}" if process else ""
            raise LabelStudioError(
                f"Label Studio exited{code} before answering at {url}; "
                f"last lines of {paths.log}:\n{tail(paths.log)}",
                remedy="read the log above; a half-initialised data dir can be deleted and retried",
            )
        time.sleep(0.3)
    if process is None:
        raise LabelStudioError(
            f"the Label Studio already running from {paths.data_dir} (pid {pid}) did not answer "
            f"{url}/health within {timeout:.0f} s; last lines of {paths.log}:\n{tail(paths.log)}",
            remedy="wait and retry (the first start runs migrations), or stop it with "
            f"`eventset server stop --data-dir {paths.data_dir}`",
        )
    terminate(pid)
    paths.state.unlink(missing_ok=True)
    raise LabelStudioError(
        f"Label Studio did not answer {url}/health within {timeout:.0f} s; "
        f"last lines of {paths.log}:\n{tail(paths.log)}",
        remedy="check the log; the first start runs migrations and can be slow on a busy machine",
    )


def _free_near(port: int) -> int:
    """The first free port above ``port`` (within 100), else one the system picks."""
    for candidate in range(port + 1, min(port + 101, 65536)):
        if port_is_free(candidate):
            return candidate
    return free_port()


def stop_server(data_dir: Path = DEFAULT_DATA_DIR, timeout: float = 20.0) -> int | None:
    """Stop the server started from ``data_dir``; returns its pid, or None if none was running.

    Only the process recorded in ``server.json`` (and its process group) is signalled, and only
    when its start time and command line (holding the data dir) still match.
    """
    status = server_status(data_dir)
    paths = ServerPaths(status.data_dir)
    if status.pid is None:
        _refuse_unverifiable(paths)
        paths.state.unlink(missing_ok=True)
        return None
    terminate(status.pid, timeout)
    paths.state.unlink(missing_ok=True)
    if status.port is not None:
        _wait_port_released(status.port)
    return status.pid


def _refuse_unverifiable(paths: ServerPaths) -> None:
    # server.json of an older eventset has no start time: its server may still run, and
    # dropping the record would orphan it. It is never signalled; the user decides.
    state = read_state(paths) or {}
    pid = state.get("pid")
    if "start_time" in state or not isinstance(pid, int):
        return
    if process_alive(pid) and str(paths.data_dir) in process_args(pid):
        raise LabelStudioError(
            f"{paths.state} was written by an older eventset and records no start time, so "
            f"process {pid} (which names this data dir) cannot be verified as the server",
            remedy=f"check it with `ps -o args -p {pid}`, stop it with `kill {pid}`, then "
            f"delete {paths.state}",
        )


def _wait_port_released(port: int, timeout: float = 5.0) -> None:
    # The kernel may close the dead server's listening socket a moment after the process is
    # reaped; wait so that an immediate `start` on the same port does not find it busy.
    deadline = time.monotonic() + timeout
    while not port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.05)
