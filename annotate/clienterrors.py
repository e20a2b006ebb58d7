"""Errors of the Label Studio client: what went wrong, said in eventset's words, with a remedy.

The server's answer is shown with any echo of the API key replaced (``without_key``); a server that
cannot be reached, one that is slow, and an import cut short each get their own advice.

Example:
    >>> interrupted_import(LabelStudioError("x", remedy="y"), 0, 5).message
    'x'
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

from eventset.annotate.connection import KEY_ENV, KEY_FLAG, Connection, start_command
from eventset.annotate.serverfiles import ServerPaths
from eventset.errors import InputError, LabelStudioError

EXPORT_TIMEOUT = 3600.0
EXPORT_TIMEOUT_ENV = "EVENTSET_EXPORT_TIMEOUT"


def export_timeout() -> float:
    """Seconds a pull waits for Label Studio's export: ``$EVENTSET_EXPORT_TIMEOUT`` or an hour."""
    given = os.environ.get(EXPORT_TIMEOUT_ENV, "").strip()
    try:
        return float(given) if given else EXPORT_TIMEOUT
    except ValueError:
        raise InputError(
            f"{EXPORT_TIMEOUT_ENV}={given!r} is not a number of seconds",
            remedy=f"set {EXPORT_TIMEOUT_ENV} to a number such as 7200, or unset it",
        ) from None


def too_slow(connection: Connection, what: str) -> LabelStudioError:
    return LabelStudioError(
        f"Label Studio at {connection.url} did not answer in time to {what}; it is running but "
        "busy (a large export is built whole before it is sent)",
        remedy=f"try again; for a large project raise {EXPORT_TIMEOUT_ENV} (seconds, default "
        f"{int(EXPORT_TIMEOUT)}) for pulls",
    )


def interrupted_import(exc: LabelStudioError, imported: int, total: int) -> LabelStudioError:
    """The error of a failed import batch, saying what arrived and that a rerun is safe."""
    if not imported:
        return exc
    return LabelStudioError(
        f"{exc.message} (after {imported} of {total} tasks were imported)",
        remedy=f"{exc.remedy}; then run the same import again: documents already in the project "
        "are skipped, so the rest is added once",
    )


def unreachable(connection: Connection, what: str, exc: Exception) -> LabelStudioError:
    # A local server's key comes from its data dir's credentials: start that one, on its port.
    source = Path(connection.key_source)
    local = source == ServerPaths(source.parent).credentials and source.is_file()
    start = start_command(source.parent, connection.url) if local else "eventset server start"
    return LabelStudioError(
        f"cannot reach Label Studio at {connection.url} to {what} ({type(exc).__name__})",
        remedy=f"start it with `{start}` or check LABEL_STUDIO_URL",
    )


def http_remedy(status: int | None, connection: Connection | None = None) -> str:
    if status == 401:
        return _refused_key(connection.key_source if connection else "")
    if status == 404:
        return "the project or task does not exist (any more); check the title or id"
    return "read the message above; the server log has details"


def _refused_key(source: str) -> str:
    """The hint for HTTP 401, naming where the refused key came from.

    Example:
        >>> _refused_key("--api-key").split(":")[0]
        'the API key given with --api-key was refused'
    """
    tokens = "and that legacy tokens are enabled for the organisation"
    if source == KEY_FLAG:
        return f"the API key given with {KEY_FLAG} was refused: check it, {tokens}"
    if source == KEY_ENV:
        return f"the API key in the environment variable {KEY_ENV} was refused: check it, {tokens}"
    if source:
        return (
            f"the API key from {source} was refused: check that the URL is the server started "
            f"from that data dir (else give its key with {KEY_FLAG} or {KEY_ENV}), {tokens}"
        )
    return f"the API key was refused: check it, {tokens}"


def without_key(body: object, secret: str, limit: int = 600) -> str:
    """An error body for a message: the API key hidden (servers and proxies may echo the
    Authorization header), then cut to ``limit`` characters."""
    text = str(body).replace(secret, "***") if secret else str(body)
    return text if len(text) <= limit else text[:limit] + " ..."


def unknown_project(title: str, url: str, titles: Sequence[str]) -> LabelStudioError:
    """The error for a missing project, naming the closest existing titles (or all of them).

    Example:
        >>> print(unknown_project("my projet", "http://ls", ["my project", "other"]).message)
        no project titled 'my projet' on http://ls; did you mean 'my project'?
    """
    close = difflib.get_close_matches(title, titles, n=3, cutoff=0.6)
    if close:
        hint = "; did you mean " + " or ".join(map(repr, close)) + "?"
    elif titles:
        listed = ", ".join(map(repr, sorted(titles)[:20]))
        more = f" and {len(titles) - 20} more" if len(titles) > 20 else ""
        hint = f"; the projects there are {listed}{more}"
    else:
        hint = "; the server has no projects yet"
    return LabelStudioError(
        f"no project titled {title!r} on {url}{hint}",
        remedy=f"check --project (titles are exact), or create it first: eventset project sync "
        f"--title {title!r}",
    )
