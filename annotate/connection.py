"""Where the Label Studio server is and how to authenticate, without ever showing the key.

Precedence: explicit arguments (CLI flags), then ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``,
then the local server started by ``eventset server start`` (its data dir holds the URL and key).
``Connection.key_source`` says where the key came from, so that a refused key is traced there;
``url_source`` where the URL came from, so that an unreachable one is traced there too.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from eventset.annotate.credentials import read_credentials
from eventset.annotate.launch import last_url
from eventset.annotate.localnet import health_ok
from eventset.annotate.server import DEFAULT_DATA_DIR, DEFAULT_PORT, ServerPaths, server_status
from eventset.annotate.serverfiles import read_state
from eventset.errors import LabelStudioError

KEY_FLAG = "--api-key"
KEY_ENV = "LABEL_STUDIO_API_KEY"
URL_FLAG = "--url"
URL_ENV = "LABEL_STUDIO_URL"
# What Label Studio's server prints when it starts (server.log keeps it after a stop).
_STARTED_AT = re.compile(rb"Starting development server at (http://[^\s/]+)")
# A data dir of an older eventset has no last_url.json: its log is searched from the end (the
# last start), at most LOG_SCAN_BYTES of it, then its head (the first start).
LOG_SCAN_BYTES = 64 << 20
LOG_CHUNK_BYTES = 1 << 20
_LINE_BYTES = 512  # longer than any start line: the overlap of two chunks read
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


@dataclass(frozen=True)
class Connection:
    """URL and API key of a Label Studio server; ``repr`` and ``str`` hide the key.

    ``key_source`` names where the key came from (``--api-key``, ``LABEL_STUDIO_API_KEY`` or a
    credentials file), for the hint when the server refuses it; ``url_source`` where the URL
    came from (``--url``, ``LABEL_STUDIO_URL`` or the local server's ``server.json``), for the
    hint when it cannot be reached; ``local_dir`` is the data dir of the local server that
    was consulted (its URL is suggested when another local URL does not answer).

    Example:
        >>> conn = Connection("http://127.0.0.1:8080", "s3cret-key", KEY_ENV)
        >>> "s3cret" in repr(conn) or "s3cret" in str(conn)
        False
    """

    url: str
    api_key: str = field(repr=False)
    key_source: str = field(default="", compare=False)
    url_source: str = field(default="", compare=False)
    local_dir: Path | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.url} (API key set)"


def resolve_connection(
    url: str | None = None,
    api_key: str | None = None,
    data_dir: Path | None = None,
    url_source: str | None = None,
) -> Connection:
    """Connection settings from arguments, environment or the local server's data dir.

    ``url_source`` names where a given ``url`` came from (default ``--url``; the CLI passes
    ``LABEL_STUDIO_URL`` for a URL it read from there).

    Example:
        >>> resolve_connection("http://ls.example:8080", "k" * 40).key_source
        '--api-key'
    """
    if url:
        url_source = url_source or URL_FLAG
    elif os.environ.get(URL_ENV):
        url, url_source = os.environ[URL_ENV], URL_ENV
    source = KEY_FLAG if api_key else KEY_ENV
    api_key = api_key or os.environ.get(KEY_ENV) or None
    local_dir = Path(data_dir or os.environ.get("EVENTSET_DATA_DIR") or DEFAULT_DATA_DIR)
    if url and api_key:
        return Connection(url.rstrip("/"), api_key, source, str(url_source), local_dir)
    local_url, local_key = _local_settings(local_dir)
    if not api_key and (url is None or same_server(url, local_url)):
        # The local key only ever goes to the local server, never to another URL.
        api_key, source = local_key, str(ServerPaths(local_dir).credentials)
    if not url:
        url, url_source = local_url, str(ServerPaths(local_dir).state)
    if not url:
        raise _no_server(local_dir)
    if not api_key:
        raise _no_key(url.rstrip("/"), local_dir, local_url, str(url_source))
    return Connection(url.rstrip("/"), api_key, source, str(url_source), local_dir)


def _no_server(local_dir: Path) -> LabelStudioError:
    # `eventset server start` alone would start another, empty server (default data dir, port
    # 8080): the command names this data dir and the port its server last had.
    last = recorded_url(local_dir)
    if last:
        what = f"the local server of {local_dir} (last at {last}) is not running"
    else:
        what = f"none is running from {local_dir}"
    return LabelStudioError(
        f"no Label Studio server is configured, and {what}",
        remedy=f"run `{start_command(local_dir, last)}`, or set LABEL_STUDIO_URL and "
        f"{KEY_ENV}; a server started from another data dir is found with --data-dir DIR "
        "(or EVENTSET_DATA_DIR)",
    )


def _no_key(
    url: str, local_dir: Path, local_url: str | None = None, url_source: str = URL_FLAG
) -> LabelStudioError:
    # The local server's URL with that server stopped: its key is not offered (it only goes to
    # the running local server), and "set LABEL_STUDIO_API_KEY" would send the user astray.
    recorded = _recorded_urls(local_dir)
    known = any(same_server(url, r) for r in recorded)
    if known and not health_ok(url):
        return LabelStudioError(
            f"the local Label Studio server of {local_dir} ({url}) is not running",
            remedy=f"start it with `{start_command(local_dir, url)}`",
        )
    remedy = f"set {KEY_ENV} (Label Studio: Account & Settings -> Access token)"
    elsewhere = local_server_elsewhere(url, local_dir, local_url)
    if elsewhere:
        # Most likely a mistyped port: the server of the data dir is the one meant.
        right, where = elsewhere
        return LabelStudioError(
            f"no API key for the Label Studio server at {url} (from {url_source}), and {where}",
            remedy=f"{use_instead(url_source, right)} (or leave it out: with no URL given, the "
            f"data dir's server is used, with its key); if {url} is another server, {remedy}",
        )
    if _is_local(url):
        # Most likely a server started by `eventset server start` from another data dir.
        unknown = "" if known else f"; {local_dir} has no server recorded at {url}"
        remedy += (
            "; or, for a server started by `eventset server start`, give its data dir with "
            f"--data-dir DIR or EVENTSET_DATA_DIR: its key is read from there{unknown}"
        )
    return LabelStudioError(f"no API key for the Label Studio server at {url}", remedy=remedy)


def local_server_elsewhere(
    url: str, local_dir: Path | None, running_url: str | None = None
) -> tuple[str, str] | None:
    """For a local ``url`` that is not the server of ``local_dir``: that server's URL (where it
    runs, ``running_url`` or its ``server.json``, else where it last ran) and a clause saying
    so; None when ``url`` is not local, is that server, or the data dir has none on record.

    Example:
        >>> local_server_elsewhere("https://ls.example.org", Path("/tmp/none")) is None
        True
    """
    if local_dir is None or not _is_local(url):
        return None
    if running_url is None:
        status = server_status(local_dir)
        running_url = status.url if status.running else None
    if running_url:
        right = running_url.rstrip("/")
        if same_server(url, right):
            return None
        return right, f"the local server of {local_dir} runs at {right}"
    last = recorded_url(local_dir)
    if not last or same_server(url, last):
        return None
    return last, (
        f"the local server of {local_dir} last ran at {last} (stopped now: start it with "
        f"`{start_command(local_dir, last)}`)"
    )


def use_instead(url_source: str, right: str) -> str:
    """How to reach ``right`` in place of a URL that came from ``url_source``.

    Example:
        >>> use_instead("--url", "http://127.0.0.1:8080")
        'give --url http://127.0.0.1:8080'
        >>> use_instead("LABEL_STUDIO_URL", "http://127.0.0.1:8080")
        'set LABEL_STUDIO_URL=http://127.0.0.1:8080'
    """
    if url_source == URL_ENV:
        return f"set {URL_ENV}={right}"
    return f"give {URL_FLAG} {right}"


def start_command(data_dir: Path, url: str | None = None) -> str:
    """The command that starts the local server of ``data_dir`` again (at ``url``'s port).

    Example:
        >>> start_command(Path("/tmp/my ls"), "http://127.0.0.1:18080")
        "eventset server start --data-dir '/tmp/my ls' --port 18080"
        >>> start_command(DEFAULT_DATA_DIR, "http://127.0.0.1:8080")
        'eventset server start'
    """
    command = "eventset server start"
    if Path(data_dir) != DEFAULT_DATA_DIR:
        command += f" --data-dir {shlex.quote(str(data_dir))}"
    port = _port(url) if url else None
    return command + (f" --port {port}" if port and port != DEFAULT_PORT else "")


def same_server(url: str, other: str | None) -> bool:
    """Whether two URLs name one server: same scheme and port, and the same host, where
    ``localhost``, ``::1`` and every ``127.x`` address count as one (this machine).

    Example:
        >>> same_server("http://localhost:8080/", "http://127.0.0.1:8080")
        True
        >>> same_server("http://127.0.0.1:8081", "http://127.0.0.1:8080")
        False
    """
    if not other:
        return False
    try:
        a, b = urlsplit(url.rstrip("/")), urlsplit(other.rstrip("/"))
        ports = (a.port, b.port)
    except ValueError:
        return False
    if (a.scheme, ports[0], a.path) != (b.scheme, ports[1], b.path):
        return False
    return a.hostname == b.hostname or (_is_local(url) and _is_local(other))


def server_key(url: str) -> str:
    """One spelling per server: scheme and host in lower case, this machine's names as one, the
    default port filled in, no user or password, no trailing slash.

    Example:
        >>> server_key("HTTP://user:pw@LocalHost/ls/") == server_key("http://127.0.0.1:80/ls")
        True
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().rstrip("/")
    scheme = parts.scheme.lower()
    host = "localhost" if _is_local(url) else (parts.hostname or "").lower()
    port = port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}:{port}{parts.path.rstrip('/')}"


def _is_local(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return host.lower() in LOCAL_HOSTS or host.startswith("127.")


def _recorded_urls(data_dir: Path) -> set[str]:
    """The URLs the local server of ``data_dir`` runs or last ran at (records outlive a stop)."""
    paths = ServerPaths(data_dir)
    if not paths.credentials.is_file():
        return set()
    found = {str(url).rstrip("/") for url in [(read_state(paths) or {}).get("url")] if url}
    last = recorded_url(data_dir)
    return found | {last} if last else found


def recorded_url(data_dir: Path) -> str | None:
    """Where the local server of ``data_dir`` last ran: its ``last_url.json``, or for a data
    dir of an older eventset, the last start line of its ``server.log``; None if never run."""
    paths = ServerPaths(data_dir)
    if not paths.credentials.is_file():
        return None
    return last_url(paths) or log_start_url(paths.log)


def log_start_url(log_path: Path) -> str | None:
    """The URL of the last ``Starting development server at`` line of a server log.

    Read backwards in chunks (a log grows by every request, and the start line of the last
    session may lie anywhere), at most ``LOG_SCAN_BYTES`` of it, then its head.
    """
    try:
        with log_path.open("rb") as log:
            size = log.seek(0, os.SEEK_END)
            found = _last_start(log, max(0, size - LOG_SCAN_BYTES), size)
            if found is None and size > LOG_SCAN_BYTES:
                found = _last_start(log, 0, min(LOG_CHUNK_BYTES, size))
    except OSError:
        return None
    return found.decode("ascii", "replace") if found else None


def _last_start(log: BinaryIO, floor: int, end: int) -> bytes | None:
    """The last start URL in bytes ``floor:end`` of ``log``, read from the end in chunks that
    overlap by a line, so that a start line cut by a chunk boundary is still found whole."""
    overlap = b""
    while end > floor:
        begin = max(floor, end - LOG_CHUNK_BYTES)
        log.seek(begin)
        data = log.read(end - begin) + overlap
        matches = _STARTED_AT.findall(data)
        if matches:
            return matches[-1]
        overlap, end = data[:_LINE_BYTES], begin
    return None


def _port(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        return None


def _local_settings(data_dir: Path) -> tuple[str | None, str | None]:
    status = server_status(data_dir)
    credentials = read_credentials(ServerPaths(data_dir).credentials)
    return status.url, credentials.api_key if credentials else None
