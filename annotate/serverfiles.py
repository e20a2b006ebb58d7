"""The files of a local server's data dir: where they are, whether a folder is one, and
``server.json`` read and written.

Example:
    >>> ServerPaths(Path(".eventset/labelstudio")).credentials.name
    'credentials.json'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from eventset.errors import InputError

DATABASE_FILE = "label_studio.sqlite3"  # Label Studio's database, made by the first start
LAST_URL_FILE = "last_url.json"  # where the server last ran; outlives `server stop`


@dataclass(frozen=True)
class ServerPaths:
    """Where the files of one local server live."""

    data_dir: Path

    @property
    def state(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def log(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def credentials(self) -> Path:
        return self.data_dir / "credentials.json"

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def last_url(self) -> Path:
        return self.data_dir / LAST_URL_FILE


def holds_server_files(paths: ServerPaths) -> bool:
    """True when the data dir holds a file that only a server start writes there: Label Studio's
    database (any Label Studio data dir), or eventset's ``credentials.json`` (written before
    Label Studio runs, so a first start that failed leaves it too), ``server.json`` or
    ``last_url.json``.

    Example:
        >>> holds_server_files(ServerPaths(Path("/no/such/dir")))
        False
    """
    marks = (paths.database, paths.credentials, paths.state, paths.last_url)
    return any(mark.is_file() for mark in marks)


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data dir that a server must not start in: a file, a path inside a file, or a
    folder of other things (say a folder of articles).

    A server writes its database (password hashes, API tokens), ``credentials.json``, ``.env``
    (Label Studio's ``SECRET_KEY``), ``media/``, ``export/`` and ``server.log`` into its data
    dir: among someone's files they would be exposed in a folder that is not private, and get in
    their way (``eventset import FOLDER`` would read ``credentials.json`` as a document). A new
    folder, an empty one or a data dir of an earlier start is fine.

    Example:
        >>> import tempfile
        >>> check_data_dir(Path(tempfile.mkdtemp()) / "labelstudio")  # new: it is created
    """
    existing = Path(data_dir)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        inside = "" if existing == Path(data_dir) else f" lies inside the file {existing} and"
        raise InputError(
            f"the data dir {data_dir}{inside} is a file, not a folder",
            remedy="pass --data-dir a folder for the server: a new one (it is created) or an "
            "empty one, e.g. --data-dir .eventset/labelstudio",
        )
    if existing != Path(data_dir) or holds_server_files(ServerPaths(existing)):
        return
    try:
        others = sorted(os.listdir(existing))
    except OSError as exc:
        raise InputError(
            f"cannot read the data dir {data_dir}: {exc.strerror or exc}",
            remedy="pass --data-dir a folder of yours, or a new one (it is created)",
        ) from None
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise InputError(
            f"the data dir {data_dir} is not empty and is not a Label Studio data dir (it holds "
            f"{shown}): the server would write its database, credentials.json, .env, media/, "
            "export/ and server.log among those files",
            remedy="pass --data-dir a new folder (it is created, private to you) or an empty "
            f"one, e.g. --data-dir {_suggested(data_dir)}",
        )


def _suggested(refused: Path) -> str:
    """A data dir to suggest instead of ``refused``: the default one, unless that is it."""
    default = Path(".eventset/labelstudio")
    if refused.resolve() != default.resolve():
        return str(default)
    return str(refused.parent / f"{refused.name}-server")


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file ('' when it does not exist)."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def read_state(paths: ServerPaths) -> dict[str, object] | None:
    try:
        return json.loads(paths.state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_state(paths: ServerPaths, state: dict[str, object]) -> None:
    temp = paths.state.with_suffix(".json.tmp")
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, paths.state)
