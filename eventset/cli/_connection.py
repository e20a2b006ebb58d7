"""Connection options shared by the commands that talk to Label Studio."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from eventset.errors import InputError, LabelStudioError

if TYPE_CHECKING:
    from eventset.annotate.client import LabelStudioClient

UrlOption = Annotated[
    str | None,
    typer.Option(
        "--url", help="Label Studio URL (default: $LABEL_STUDIO_URL, else the local server)."
    ),
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        help="API key (default: $LABEL_STUDIO_API_KEY, else the local server's).",
        show_default=False,
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Data dir of the local server to use.", envvar="EVENTSET_DATA_DIR"
    ),
]


# Label Studio's own pages and API, as the path of a URL copied from the browser ends: the
# first segment, and the second where the first alone is a common word of proxy prefixes.
APP_ROUTES: dict[str, frozenset[str] | None] = {
    "projects": None,
    "api": None,
    "organization": None,
    "user": frozenset({"login", "signup", "logout", "account"}),
    "data": frozenset({"upload", "local-files"}),
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def connect(url: str | None, api_key: str | None, data_dir: Path | None) -> LabelStudioClient:
    """A client for the configured server (flags, then environment, then the local server)."""
    from eventset.annotate.client import LabelStudioClient
    from eventset.annotate.connection import URL_ENV, URL_FLAG, resolve_connection

    given = url or os.environ.get(URL_ENV) or None
    source = URL_FLAG if url else URL_ENV if given else None
    return LabelStudioClient(resolve_connection(server_url(given), api_key, data_dir, source))


def project_url(server: str, project_id: int) -> str:
    """The page of a project, for output: never with a ``user:password@`` of the server URL.

    Example:
        >>> project_url("http://admin:s3cret@127.0.0.1:8080/ls/", 3)
        'http://127.0.0.1:8080/ls/projects/3'
    """
    from eventset.annotate.clienterrors import show_url

    return f"{show_url(server).rstrip('/')}/projects/{project_id}"


def server_url(url: str | None) -> str | None:
    """The server's base URL from what a user typed or copied from the browser.

    A missing scheme becomes ``http://``; a page of Label Studio (``/user/login``,
    ``/projects/3/data?tab=1``), a query and a fragment are cut off; a path prefix before them
    is kept (a server behind a proxy).

    Example:
        >>> server_url("127.0.0.1:8080"), server_url("https://ls.example/user/login?next=/")
        ('http://127.0.0.1:8080', 'https://ls.example')
    """
    if url is None or not url.strip():
        return None
    text = url.strip()
    scheme = _SCHEME.match(text)
    login = _login_end(text[scheme.end() if scheme else 0 :])
    if login is not None:
        start = scheme.end() if scheme else 0
        without = text[:start] + text[start + login + 1 :]  # the same scheme, the host on
        try:
            suggested = server_url(without) or without
        except LabelStudioError:  # not http(s) either: show what is left as it is
            suggested = without
        raise _user_info_error(text, suggested)
    try:
        parts = urlsplit(text if scheme else f"http://{text}")
        usable = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        usable = usable and (parts.port or 0) >= 0  # a port that is not a number raises here
    except ValueError:  # "[::1" without its bracket, a port beyond 65535
        usable = False
    if not usable:
        raise LabelStudioError(
            f"--url {hide_user_info(text)!r} (or LABEL_STUDIO_URL) is not an http(s) address "
            "of a server",
            remedy="give the address the server runs at, like http://127.0.0.1:8080 or "
            "https://labelstudio.example.org",
        )
    segments = [s for s in parts.path.split("/") if s]
    prefix = "".join(f"/{s}" for s in segments[: _app_route(segments)])
    return f"{parts.scheme.lower()}://{parts.netloc}{prefix}"


# Whatever can follow a login's "@" as a host: any name (docker-compose service names hold "_",
# internationalised names other letters), an IPv6 address (even unclosed), any port text. A URL
# that only looks like one still has its password hidden and refused, never echoed.
_HOST = re.compile(r"(\[[^\]/?#@\s]*\]?|[^/?#@\s:\[\]]+)(:[^/?#@\s]*)?([/?#]|$)")


def _login_end(rest: str) -> int | None:
    """Where a ``user:password@`` ends in ``rest`` (a URL after its scheme), else None.

    The last ``@`` before a host counts when what precedes it is a ``user:password`` (its
    first part holds a colon, so a password with ``/``, ``?`` or ``#`` is caught) or a bare
    user name; an ``@`` in a path or query ("/?next=a@b") is not a login.

    Example:
        >>> _login_end("admin:s3/cret@ls.example"), _login_end("ls.example/?next=a@b")
        (13, None)
    """
    at = rest.rfind("@")
    if at < 0 or not _HOST.match(rest, at + 1):
        return None
    before = rest[:at]
    first = re.split(r"[/?#]", before, maxsplit=1)[0]
    return at if ":" in first or not re.search(r"[/?#]", before) else None


def _user_info_error(given: str, address: str) -> InputError:
    # httpx would log in with Basic auth from the URL in place of the API key (HTTP 401), and
    # every message naming the URL would show the password.
    return InputError(
        f"--url {hide_user_info(given)!r} (or LABEL_STUDIO_URL) holds a user name or password; "
        "eventset authenticates with the API key, never with a login in the URL",
        remedy=f"give the address without it ({address}) and the key with --api-key or "
        "LABEL_STUDIO_API_KEY (Label Studio: Account & Settings -> Access token)",
    )


def hide_user_info(url: str) -> str:
    """``url`` with any ``user:password@`` replaced by ``***@``, for messages.

    Example:
        >>> hide_user_info("ftp://admin:s3cret@ls.example/x")
        'ftp://***@ls.example/x'
    """
    if "@" not in url:
        return url
    scheme = _SCHEME.match(url)
    start = scheme.end() if scheme else 0
    return f"{url[:start]}***@{url.rpartition('@')[2]}"


def _app_route(segments: list[str]) -> int:
    """Where Label Studio's own route starts in a path (its first match), else the path's end.

    Example:
        >>> _app_route(["ls", "projects", "3", "data"]), _app_route(["user", "alice", "proxy"])
        (1, 3)
    """
    for i in range(len(segments)):
        nexts = APP_ROUTES.get(segments[i], frozenset())
        if nexts is None or (i + 1 < len(segments) and segments[i + 1] in nexts):
            return i
    return len(segments)
