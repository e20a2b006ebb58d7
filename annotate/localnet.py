"""Small local helpers for the server: is a port free, does /health answer, is this pid ours,
stop a process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

from eventset.errors import LabelStudioError


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (Label Studio would silently move otherwise).

    Example:
        >>> port_is_free(free_port())
        True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As a server binds: connections of a just-stopped server left in TIME_WAIT do not make
        # the port busy (else a stop + start on the same port fails for a minute).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS considers free right now (for tests and fixtures)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def health_ok(url: str, timeout: float = 2.0) -> bool:
    """True when ``{url}/health`` answers with status UP."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200 and b"UP" in response.read()
    except (urllib.error.URLError, OSError, ValueError):
        return False


def process_alive(pid: int) -> bool:
    """True when ``pid`` runs (a zombie, exited but not yet reaped, does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return _not_zombie(pid)


def process_start_time(pid: int) -> int | None:
    """Start time of ``pid`` in clock ticks since boot (field 22 of /proc/PID/stat), or None.

    With the pid it identifies a process for good: a recycled pid has another start time.

    Example:
        >>> process_start_time(os.getpid()) == process_start_time(os.getpid()) is not None
        True
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    fields = stat.rsplit(")", 1)[-1].split()
    return int(fields[19]) if len(fields) > 19 else None


def process_args(pid: int) -> list[str]:
    """The command-line arguments of ``pid`` ([] when unknown).

    Example:
        >>> process_args(2**22 + 1)  # above the kernel's pid limit: no such process
        []
    """
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]


def owns_process(pid: int, start_time: object, data_dir: str) -> bool:
    """True only for the very process we started: alive, same start time, ``data_dir`` in its
    arguments. Guards against signalling a recycled pid or another program.

    Example:
        >>> owns_process(os.getpid(), process_start_time(os.getpid()), "/no/such/dir")
        False
    """
    return (
        isinstance(start_time, int)
        and process_alive(pid)
        and process_start_time(pid) == start_time
        and data_dir in process_args(pid)
    )


def signal_group(pid: int, sig: signal.Signals) -> None:
    """Send ``sig`` to the process group led by ``pid`` (or to ``pid`` alone if it leads none).

    Raises ``LabelStudioError`` when the process belongs to someone else.

    Example:
        >>> signal_group(server_pid, signal.SIGTERM)  # doctest: +SKIP
    """
    try:
        os.killpg(pid, sig)
        return
    except (ProcessLookupError, PermissionError):
        pass  # not a group leader, or not ours to signal as a group: try the process itself
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    except PermissionError:
        raise LabelStudioError(
            f"not allowed to signal process {pid} (it belongs to another user)",
            remedy="stop the server as the user who started it (or with sudo)",
        ) from None


def terminate(pid: int, timeout: float = 20.0) -> None:
    """SIGTERM the group of ``pid``, wait up to ``timeout`` s, then SIGKILL it.

    The server runs in its own session, so its group also holds any worker it forks.

    Example:
        >>> terminate(server_pid, timeout=5)  # doctest: +SKIP
    """
    signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap(pid)
        if not process_alive(pid):
            return
        time.sleep(0.2)
    signal_group(pid, signal.SIGKILL)
    time.sleep(0.2)
    _reap(pid)


def _reap(pid: int) -> None:
    # When this process started the server (tests, fixtures), collect its exit status so it
    # does not linger as a zombie; for a server started by another process this is a no-op.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _not_zombie(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        text = stat.read_text()
    except OSError:
        return True  # no /proc entry to look at: trust os.kill
    # Field 3 of /proc/PID/stat is the state; 'Z' means exited but not yet reaped.
    fields = text.rsplit(")", 1)[-1].split()
    return not fields or fields[0] != "Z"
