"""Errors of the Label Studio client: what went wrong, said in eventset's words, with a remedy.

The server's answer is shown with any echo of the API key replaced, and an HTML page only by its
size (``without_key``); a server that cannot be reached, one that is slow, a URL whose path leads
nowhere, and an import cut short each get their own advice.

Example:
    >>> interrupted_import(LabelStudioError("x", remedy="y"), 0, 5).message
    'x'
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from eventset.annotate.connection import (
    KEY_ENV,
    KEY_FLAG,
    URL_ENV,
    URL_FLAG,
    Connection,
    local_server_elsewhere,
    start_command,
    use_instead,
)
from eventset.annotate.server import DEFAULT_DATA_DIR
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


def unreachable(
    connection: Connection, what: str, exc: Exception, waited: float | None = None
) -> LabelStudioError:
    """Nothing answers at the connection's URL; ``waited``: seconds a connection was tried."""
    # A local server's key comes from its data dir's credentials: start that one, on its port.
    source = Path(connection.key_source)
    local = source == ServerPaths(source.parent).credentials and source.is_file()
    start = start_command(source.parent, connection.url) if local else "eventset server start"
    remedy = f"start it with `{start}`" + _check_url(connection.url_source)
    cause = type(exc).__name__
    if waited is not None:  # a host that drops packets: a firewall, or a machine that is off
        cause += f": no answer to connecting within {waited:g} s"
        if not local:  # nothing to start here: the way to that machine is what fails
            remedy = (
                "check that the machine is up and reachable from here (a VPN, a firewall)"
                + _check_url(connection.url_source)
            )
    parts = urlsplit(connection.url)
    if parts.hostname == "::1":  # Label Studio (``eventset server start``) binds IPv4 only
        ipv4 = urlunsplit(parts._replace(netloc=parts.netloc.replace("[::1]", "127.0.0.1")))
        remedy = (
            f"a local Label Studio listens on 127.0.0.1 only: use {show_url(ipv4)}; else {remedy}"
        )
    elsewhere = None if local else local_server_elsewhere(connection.url, connection.local_dir)
    if elsewhere and connection.url_source in (URL_FLAG, URL_ENV):
        # A mistyped port, most likely: the data dir's server is the one meant.
        right, where = elsewhere
        remedy = f"{where}: {use_instead(connection.url_source, right)}; else {remedy}"
    return LabelStudioError(
        f"cannot reach Label Studio at {connection.url} to {what} ({cause})", remedy=remedy
    )


def _check_url(url_source: str) -> str:
    """The end of the unreachable hint: where to check the URL, named by where it came from.

    Example:
        >>> _check_url("--url"), _check_url("")
        (' or check the URL given with --url', ' or check --url or LABEL_STUDIO_URL')
    """
    if url_source == URL_FLAG:
        return f" or check the URL given with {URL_FLAG}"
    if url_source == URL_ENV:
        return f" or check the environment variable {URL_ENV}"
    if url_source:  # the local server's server.json: the URL is where that server ran
        return f" (the URL is the one recorded in {url_source})"
    return f" or check {URL_FLAG} or {URL_ENV}"


def http_error(
    status: int | None, body: object, what: str, connection: Connection
) -> tuple[str, str]:
    """The message and remedy of an error answer to ``what``, the key hidden in its body.

    An HTTP 404 where no Label Studio API answers at the URL at all is no refusal: the message
    says so, naming the URL, and the remedy how to correct its path.
    """
    answer = f"HTTP {status} {without_key(body, connection.api_key)}"
    if status == 404:
        nowhere = _nothing_there(connection)
        if nowhere:
            return (
                f"no Label Studio API answers at {show_url(connection.url)}: asked to {what}, "
                f"the server there answered {answer}",
                nowhere,
            )
        return f"Label Studio refused to {what}: {answer}", NO_SUCH_ITEM
    return f"Label Studio refused to {what}: {answer}", http_remedy(status, connection)


NO_SUCH_ITEM = "the project or task does not exist (any more); check the title or id"


def http_remedy(status: int | None, connection: Connection | None = None) -> str:
    """The remedy of an error answer other than HTTP 404 (``http_error`` handles that)."""
    if status == 401:
        return _refused_key(connection.key_source if connection else "")
    return "read the message above; the server log has details"


def _nothing_there(connection: Connection) -> str | None:
    """For HTTP 404: when no Label Studio API answers at the URL, its path is wrong (not a
    project or task id); None when the API does answer there (or it cannot be told)."""
    url = connection.url.rstrip("/")
    if api_status(url) != 404:
        return None
    hint = f"nothing answers at {url}/api/... (no Label Studio API there): check the URL's path"
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    for keep in range(len(segments) - 1, max(-1, len(segments) - 4), -1):  # up to 3 shorter
        shorter = urlunsplit(
            (parts.scheme, parts.netloc, "".join(f"/{s}" for s in segments[:keep]), "", "")
        )
        if api_status(shorter) not in (None, 404):
            dropped = "".join(f"/{s}" for s in segments[keep:])
            hint += f"; Label Studio answers at {show_url(shorter)}, without {dropped}"
            break
    source = connection.url_source
    return hint + (f" (the URL came from {source})" if source in (URL_FLAG, URL_ENV) else "")


def api_status(url: str, timeout: float = 2.0) -> int | None:
    """The HTTP status of ``{url}/api/projects/`` asked without any key (Label Studio answers
    401, a server or path without its API 404), or None when nothing answers."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/api/projects/", timeout=timeout) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def show_url(url: str) -> str:
    """``url`` without any ``user:password@``, for output.

    Example:
        >>> show_url("http://admin:s3cret@127.0.0.1:8080/ls")
        'http://127.0.0.1:8080/ls'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


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


# The start of an HTML (or XML) page: a proxy's, a login page, a framework's "Not Found".
_MARKUP = re.compile(r"\s*<(!doctype|html|head|body|\?xml|[a-z][a-z0-9]*[\s>/])", re.IGNORECASE)


# an auth scheme as a header writes it, then a value that looks like a credential (not prose such
# as Label Studio's "Invalid token header.")
_AUTH_VALUE = re.compile(r"\b((?:Bearer|Token|Basic) )[A-Za-z0-9._~+/=-]{16,}")
_JWT = re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*")


def without_key(body: object, secret: str, limit: int = 300) -> str:
    """An error body for a message: the API key hidden (servers and proxies may echo the
    Authorization header), then cut to ``limit`` characters on one line; an HTML page is only
    named with its size (its markup says nothing to the user and may be long).

    Example:
        >>> without_key("<!DOCTYPE html><html><body>Not Found</body></html>", "k")
        '(an HTML page of 50 bytes, not shown)'
        >>> without_key({"detail": "Invalid token k3y"}, "k3y")
        "{'detail': 'Invalid token ***'}"
        >>> without_key("{'authorization': 'Bearer eyJhbGc.eyJzdWIi.c2ln'}", "refresh-key")
        "{'authorization': 'Bearer ***'}"
        >>> without_key("{'authorization': 'Token 0123456789abcdef0123'}", "other")
        "{'authorization': 'Token ***'}"
        >>> without_key({"detail": "Invalid token header. No credentials provided."}, "k3y")
        "{'detail': 'Invalid token header. No credentials provided.'}"
    """
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str) and _MARKUP.match(body):
        return f"(an HTML page of {len(body.encode('utf-8', 'replace'))} bytes, not shown)"
    text = str(body).replace(secret, "***") if secret else str(body)
    # A personal access token is sent as another token (``Bearer`` + a JWT the SDK fetched
    # with it): hide any token after an auth scheme, and anything shaped like a JWT.
    text = _AUTH_VALUE.sub(r"\1***", _JWT.sub("***", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " ..."


class UnknownProject(LabelStudioError):
    """No project has the title that was asked for; ``suggesting`` repeats it with the ontology
    of the command (so the suggested ``project sync`` creates the project that command needs),
    ``for_reading`` suits a command that reads a project (a pull): it points to the list of
    projects (``listing``, the command that prints it) instead of creating one."""

    def __init__(
        self,
        title: str,
        url: str,
        titles: Sequence[str],
        ontology: str | None = None,
        *,
        listing: str | None = None,
    ):
        self.title, self.url, self.titles = title, url, tuple(titles)
        close = difflib.get_close_matches(title, titles, n=3, cutoff=0.6)
        if close:
            hint = "; did you mean " + " or ".join(map(repr, close)) + "?"
        elif titles:
            listed = ", ".join(map(repr, sorted(titles)[:20]))
            more = f" and {len(titles) - 20} more" if len(titles) > 20 else ""
            hint = f"; the projects there are {listed}{more}"
        else:
            hint = "; the server has no projects yet"
        if listing:
            remedy = f"check --project (titles are exact); `{listing}` lists the projects there"
        else:
            with_ontology = f" --ontology {shlex.quote(ontology)}" if ontology else ""
            remedy = (
                "check --project (titles are exact), or create it first: eventset project "
                f"sync --title {shlex.quote(title)}{with_ontology}"
            )
        super().__init__(f"no project titled {title!r} on {url}{hint}", remedy=remedy)

    def suggesting(self, ontology: str) -> UnknownProject:
        """The same error, its suggested ``project sync`` given ``--ontology ontology``."""
        return UnknownProject(self.title, self.url, self.titles, ontology)

    def for_reading(self, listing: str = "eventset project list") -> UnknownProject:
        """The same error for a command that reads the project: nothing to create, so the
        remedy is checking the title against ``listing`` (the command listing the projects).

        Example:
            >>> print(unknown_project("news", "http://ls", ["other"]).for_reading().remedy)
            check --project (titles are exact); `eventset project list` lists the projects there
        """
        return UnknownProject(self.title, self.url, self.titles, listing=listing)


def list_command(connection: Connection) -> str:
    """The ``eventset project list`` reaching the server of ``connection``: with its URL and
    data dir where those were options; a key given with ``--api-key`` is only named, never shown.

    Example:
        >>> list_command(Connection("http://ls.example:8080", "k", KEY_ENV, URL_ENV))
        'eventset project list'
        >>> list_command(Connection("http://ls.example:8080", "k", KEY_FLAG, URL_FLAG))
        'eventset project list --url http://ls.example:8080 --api-key KEY'
    """
    command = "eventset project list"
    if connection.url_source == URL_FLAG:
        command += f" --url {shlex.quote(show_url(connection.url))}"
    local = connection.local_dir
    if local is not None and Path(local) != DEFAULT_DATA_DIR:
        paths = ServerPaths(Path(local))
        if str(paths.credentials) == connection.key_source or str(paths.state) == (
            connection.url_source
        ):
            command += f" --data-dir {shlex.quote(str(local))}"
    if connection.key_source == KEY_FLAG:
        command += " --api-key KEY"
    return command


def unknown_project(title: str, url: str, titles: Sequence[str]) -> UnknownProject:
    """The error for a missing project, naming the closest existing titles (or all of them).

    Example:
        >>> print(unknown_project("my projet", "http://ls", ["my project", "other"]).message)
        no project titled 'my projet' on http://ls; did you mean 'my project'?
    """
    return UnknownProject(title, url, titles)
