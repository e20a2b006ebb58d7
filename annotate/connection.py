"""Where the Label Studio server is and how to authenticate, without ever showing the key.

Precedence: explicit arguments (CLI flags), then ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``,
then the local server started by ``eventset server start`` (its data dir holds the URL and key).
``Connection.key_source`` says where the key came from, so that a refused key is traced there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from eventset.annotate.credentials import read_credentials
from eventset.annotate.localnet import health_ok
from eventset.annotate.server import DEFAULT_DATA_DIR, DEFAULT_PORT, ServerPaths, server_status
from eventset.annotate.serverfiles import read_state
from eventset.errors import LabelStudioError

KEY_FLAG = "--api-key"
KEY_ENV = "LABEL_STUDIO_API_KEY"
# What Label Studio's server prints when it starts (server.log keeps it after a stop).
_STARTED_AT = re.compile(rb"Starting development server at (http://[^\s/]+)")
LOG_TAIL_BYTES = 1 << 16


@dataclass(frozen=True)
class Connection:
    """URL and API key of a Label Studio server; ``repr`` and ``str`` hide the key.

    ``key_source`` names where the key came from (``--api-key``, ``LABEL_STUDIO_API_KEY`` or a
    credentials file), for the hint when the server refuses it.

    Example:
        >>> conn = Connection("http://127.0.0.1:8080", "s3cret-key", KEY_ENV)
        >>> "s3cret" in repr(conn) or "s3cret" in str(conn)
        False
    """

    url: str
    api_key: str = field(repr=False)
    key_source: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.url} (API key set)"


def resolve_connection(
    url: str | None = None, api_key: str | None = None, data_dir: Path | None = None
) -> Connection:
    """Connection settings from arguments, environment or the local server's data dir.

    Example:
        >>> resolve_connection("http://ls.example:8080", "k" * 40).key_source
        '--api-key'
    """
    url = url or os.environ.get("LABEL_STUDIO_URL") or None
    source = KEY_FLAG if api_key else KEY_ENV
    api_key = api_key or os.environ.get(KEY_ENV) or None
    if url and api_key:
        return Connection(url.rstrip("/"), api_key, source)
    local_dir = Path(data_dir or os.environ.get("EVENTSET_DATA_DIR") or DEFAULT_DATA_DIR)
    local_url, local_key = _local_settings(local_dir)
    if not api_key and (url is None or url.rstrip("/") == local_url):
        # The local key only ever goes to the local server, never to another URL.
        api_key, source = local_key, str(ServerPaths(local_dir).credentials)
    url = url or local_url
    if not url:
        raise LabelStudioError(
            f"no Label Studio server is configured and none is running from {local_dir}",
            remedy="run `eventset server start`, or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY",
        )
    if not api_key:
        raise _no_key(url.rstrip("/"), local_dir)
    return Connection(url.rstrip("/"), api_key, source)


def _no_key(url: str, local_dir: Path) -> LabelStudioError:
    # The local server's URL with that server stopped: its key is not offered (it only goes to
    # the running local server), and "set LABEL_STUDIO_API_KEY" would send the user astray.
    if url in _recorded_urls(local_dir) and not health_ok(url):
        port = _port(url)
        port_option = f" --port {port}" if port and port != DEFAULT_PORT else ""
        return LabelStudioError(
            f"the local Label Studio server of {local_dir} ({url}) is not running",
            remedy=f"start it with `eventset server start --data-dir {local_dir}{port_option}`",
        )
    return LabelStudioError(
        f"no API key for the Label Studio server at {url}",
        remedy="set LABEL_STUDIO_API_KEY (Label Studio: Account & Settings -> Access token)",
    )


def _recorded_urls(data_dir: Path) -> set[str]:
    """The URLs the local server of ``data_dir`` last ran at (its records outlive a stop)."""
    paths = ServerPaths(data_dir)
    if not paths.credentials.is_file():
        return set()
    found = {str(url).rstrip("/") for url in [(read_state(paths) or {}).get("url")] if url}
    try:
        with paths.log.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - LOG_TAIL_BYTES))
            started = _STARTED_AT.findall(log.read())
    except OSError:
        started = []
    if started:
        found.add(started[-1].decode("ascii", "replace"))
    return found


def _port(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        return None


def _local_settings(data_dir: Path) -> tuple[str | None, str | None]:
    status = server_status(data_dir)
    credentials = read_credentials(ServerPaths(data_dir).credentials)
    return status.url, credentials.api_key if credentials else None
