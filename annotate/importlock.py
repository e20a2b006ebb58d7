"""One import into a project at a time on this machine: a lock file per server and project.

An import reads which documents the project has, then adds the others. Two imports of the same
documents at the same time would both find them missing and both add them (Label Studio keeps
no unique key on tasks), so a second import is refused at once; running it again after the
first has finished adds only what is still missing. The lock is an ``flock`` on a file in the
user's cache folder (``$XDG_CACHE_HOME/eventset/locks``, else ``~/.cache/eventset/locks``),
named by a hash of the server (one spelling per server: ``localhost`` and ``127.0.0.1`` are
one) and the project id. The system releases it when the process ends, however it ends. The
folder must belong to the user and be closed to others, and the lock file is never followed
through a link: another local user cannot plant a file there. Imports from two machines into
one project are not covered.

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with import_lock("http://127.0.0.1:8080", 1, "demo", folder):
    ...     try:
    ...         with import_lock("http://localhost:8080/", 1, "demo", folder):
    ...             pass
    ...     except InputError as exc:
    ...         print(exc.message.split(" (pid")[0])
    another eventset import into project 'demo' is running on this machine
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from eventset.annotate.connection import server_key
from eventset.errors import InputError

try:
    import fcntl
except ImportError:  # not on Windows: imports there are not locked
    fcntl = None  # type: ignore[assignment]

_HELD: set[int] = set()  # descriptors of held locks: a forked child closes its copies


def lock_folder() -> Path:
    """Where the lock files are: the user's own cache folder, the same for every shell and job."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "eventset" / "locks"


@contextmanager
def import_lock(
    url: str, project_id: int, title: str, folder: str | Path | None = None
) -> Iterator[None]:
    """Hold the import lock of project ``project_id`` on the server at ``url``, or refuse."""
    if fcntl is None:
        yield
        return
    where = Path(folder) if folder is not None else lock_folder()
    # the URL may carry a password: only a hash of it names the file
    key = hashlib.sha256(f"{server_key(url)}#{project_id}".encode()).hexdigest()[:24]
    path = where / f"import-{key}.lock"
    try:
        _own_folder(where)
        fd = _acquire(path, title)
    except OSError as exc:
        raise _unusable(path, exc) from None
    _HELD.add(fd)
    owner = os.getpid()
    try:
        yield
    finally:
        if os.getpid() == owner:  # not in a forked child, which closed its copy at the fork
            _HELD.discard(fd)
            path.unlink(missing_ok=True)  # while still held: a late opener retries (_acquire)
            os.close(fd)


def _own_folder(where: Path) -> None:
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    found = os.lstat(where)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        raise PermissionError(
            f"{where} must be a folder of yours that others cannot open (mode 700), not a link"
        )


def _acquire(path: Path, title: str) -> int:
    """The descriptor of ``path``, locked; a file removed by its last holder meanwhile is
    opened anew, so two imports never lock two different files of one name."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        fd = os.open(path, flags, 0o600)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or opened.st_uid != os.getuid():
                raise PermissionError(f"{path} is not a file of yours")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise _busy(fd, title) from None
            try:
                current = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                current = None
            if current is not None and current.st_ino == opened.st_ino:
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode(), 0)
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed this file as it finished: open the new one


def _close_held_in_child() -> None:
    for fd in list(_HELD):
        with suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_in_child)


def _busy(fd: int, title: str) -> InputError:
    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
    return InputError(
        f"another eventset import into project {title!r} is running on this machine "
        f"(pid {holder}); two imports at once would both add the documents neither has sent yet",
        remedy="wait until it has finished, then run this import again: documents it added are "
        "skipped, so only the missing ones are sent",
    )


def _unusable(path: Path, exc: OSError) -> InputError:
    return InputError(
        f"cannot use the import lock file {path}: {exc.strerror or exc}",
        remedy=f"make {path.parent} a folder of yours with mode 700 (or remove it, and it is "
        "made anew), or set XDG_CACHE_HOME to a folder of yours",
    )
