"""Small local helpers for the server: is a port free, does /health answer, is a pid alive."""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.request
from pathlib import Path


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (Label Studio would silently move otherwise).

    Example:
        >>> port_is_free(free_port())
        True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
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


def process_alive(pid: int, cmdline_contains: str | None = None) -> bool:
    """True when ``pid`` runs; with ``cmdline_contains``, only if its command line has that text.

    The command-line check protects against a recycled pid after a reboot or crash.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline_contains is None or not cmdline.exists():
        return _not_zombie(pid)
    return cmdline_contains in cmdline.read_bytes().decode(errors="replace") and _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return True
    # Field 3 of /proc/PID/stat is the state; 'Z' means exited but not yet reaped.
    fields = stat.read_text().rsplit(")", 1)[-1].split()
    return not fields or fields[0] != "Z"
