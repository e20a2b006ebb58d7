"""Where the Label Studio server is and how to authenticate, without ever showing the key.

Precedence: explicit arguments (CLI flags), then ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``,
then the local server started by ``eventset server start`` (its data dir holds the URL and key).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from eventset.annotate.credentials import read_credentials
from eventset.annotate.server import DEFAULT_DATA_DIR, ServerPaths, server_status
from eventset.errors import LabelStudioError


@dataclass(frozen=True)
class Connection:
    """URL and API key of a Label Studio server; ``repr`` and ``str`` hide the key.

    Example:
        >>> conn = Connection("http://127.0.0.1:8080", "s3cret-key")
        >>> "s3cret" in repr(conn) or "s3cret" in str(conn)
        False
    """

    url: str
    api_key: str = field(repr=False)

    def __str__(self) -> str:
        return f"{self.url} (API key set)"


def resolve_connection(
    url: str | None = None, api_key: str | None = None, data_dir: Path | None = None
) -> Connection:
    """Connection settings from arguments, environment or the local server's data dir.

    Example:
        >>> resolve_connection("http://ls.example:8080", "k" * 40).url
        'http://ls.example:8080'
    """
    url = url or os.environ.get("LABEL_STUDIO_URL") or None
    api_key = api_key or os.environ.get("LABEL_STUDIO_API_KEY") or None
    if url and api_key:
        return Connection(url.rstrip("/"), api_key)
    local_dir = Path(data_dir or os.environ.get("EVENTSET_DATA_DIR") or DEFAULT_DATA_DIR)
    local_url, local_key = _local_settings(local_dir)
    if not api_key and (url is None or url.rstrip("/") == local_url):
        # The local key only ever goes to the local server, never to another URL.
        api_key = local_key
    url = url or local_url
    if not url:
        raise LabelStudioError(
            f"no Label Studio server is configured and none is running from {local_dir}",
            remedy="run `eventset server start`, or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY",
        )
    if not api_key:
        raise LabelStudioError(
            f"no API key for the Label Studio server at {url}",
            remedy="set LABEL_STUDIO_API_KEY (Label Studio: Account & Settings -> Access token)",
        )
    return Connection(url.rstrip("/"), api_key)


def _local_settings(data_dir: Path) -> tuple[str | None, str | None]:
    status = server_status(data_dir)
    credentials = read_credentials(ServerPaths(data_dir).credentials)
    return status.url, credentials.api_key if credentials else None
