"""Spawn a ``label-studio`` process for a data dir: executable, environment, private data dir.

``start_server`` (in ``server``) calls ``launch`` and then waits for ``/health``. ``launch`` also
records the server's URL in ``last_url.json``, which ``stop`` keeps (it deletes ``server.json``),
so that a later command can tell the user that the server at that URL is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from eventset.annotate.credentials import Credentials, load_or_create_credentials
from eventset.annotate.localnet import process_start_time
from eventset.annotate.serverfiles import (
    LAST_URL_FILE,
    ServerPaths,
    holds_server_files,
    write_state,
)
from eventset.errors import LabelStudioError


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


def launch(paths: ServerPaths, port: int) -> subprocess.Popen[bytes]:
    """Spawn ``label-studio`` for ``paths`` on ``port`` and record it in ``server.json``
    (without waiting for it: ``start_server`` does that).

    Example:
        >>> process = launch(ServerPaths(Path("/tmp/ls").resolve()), 18080)  # doctest: +SKIP
    """
    make_private_dir(paths)
    credentials = load_or_create_credentials(paths.credentials)
    process = _spawn(paths, credentials, port)
    state: dict[str, object] = {
        "pid": process.pid,
        "start_time": process_start_time(process.pid),
        "data_dir": str(paths.data_dir),
        "port": port,
        "url": f"http://127.0.0.1:{port}",
    }
    write_state(paths, state)
    with contextlib.suppress(OSError):  # only a hint for later messages: never fail a start
        record_last_url(paths, str(state["url"]))
    return process


def record_last_url(paths: ServerPaths, url: str) -> None:
    """Record ``url`` as where the server of ``paths`` last ran (atomically: a reader sees the
    old record or the new one, never half a file).

    Example:
        >>> paths = ServerPaths(Path(tempfile.mkdtemp()))
        >>> record_last_url(paths, "http://127.0.0.1:18080")
        >>> last_url(paths)
        'http://127.0.0.1:18080'
    """
    fd, temp = tempfile.mkstemp(prefix=".last_url.", suffix=".tmp", dir=paths.data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"url": url}, handle)
        os.replace(temp, paths.data_dir / LAST_URL_FILE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def last_url(paths: ServerPaths) -> str | None:
    """The URL the server of ``paths`` last ran at (None when never recorded or unreadable)."""
    try:
        url = json.loads((paths.data_dir / LAST_URL_FILE).read_text(encoding="utf-8"))["url"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return url.rstrip("/") if isinstance(url, str) and url else None


def make_private_dir(paths: ServerPaths) -> None:
    """Create the data dir with mode 0700: it holds the database (password hashes, API tokens)
    and ``credentials.json``. An existing one is tightened when it is empty or already ours.

    Example:
        >>> import stat, tempfile
        >>> paths = ServerPaths(Path(tempfile.mkdtemp()) / "ls")
        >>> make_private_dir(paths)
        >>> oct(stat.S_IMODE(paths.data_dir.stat().st_mode))
        '0o700'
    """
    data_dir = paths.data_dir
    if not data_dir.exists():
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        data_dir.mkdir(mode=0o700)
    # Any other folder (say --data-dir ~) is not ours to change (``start_server`` refuses it).
    if holds_server_files(paths) or not any(data_dir.iterdir()):
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
