"""One import into a project at a time on this machine: a lock file per server and project.

An import reads which documents the project has, then adds the others. Two imports of the same
documents at the same time would both find them missing and both add them (Label Studio keeps
no unique key on tasks), so the second import waits for nothing: it is refused at once, and
running it again after the first has finished adds only what is still missing. The lock is an
``flock`` on a file in ``$TMPDIR/eventset-<uid>/``; the system releases it when the process
ends, however it ends. Imports from two machines into one project are not covered.

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with import_lock("http://127.0.0.1:8080", 1, "demo", folder):
    ...     try:
    ...         with import_lock("http://127.0.0.1:8080", 1, "demo", folder):
    ...             pass
    ...     except InputError as exc:
    ...         print(exc.message.split(" (pid")[0])
    another eventset import into project 'demo' is running on this machine
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventset.errors import InputError

try:
    import fcntl
except ImportError:  # not on Windows: imports there are not locked
    fcntl = None  # type: ignore[assignment]


def lock_folder() -> Path:
    """Where the lock files are: one folder per user in the temporary directory."""
    return Path(tempfile.gettempdir()) / f"eventset-{os.getuid() if hasattr(os, 'getuid') else 0}"


@contextmanager
def import_lock(
    url: str, project_id: int, title: str, folder: str | Path | None = None
) -> Iterator[None]:
    """Hold the import lock of project ``project_id`` on the server at ``url``, or refuse."""
    if fcntl is None:
        yield
        return
    where = Path(folder) if folder is not None else lock_folder()
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    # the URL may carry a password: only a hash of it names the file
    key = hashlib.sha256(f"{url.rstrip('/')}#{project_id}".encode()).hexdigest()[:24]
    fd = os.open(where / f"import-{key}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(fd, title) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _busy(fd: int, title: str) -> InputError:
    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
    return InputError(
        f"another eventset import into project {title!r} is running on this machine "
        f"(pid {holder}); two imports at once would both add the documents neither has sent yet",
        remedy="wait until it has finished, then run this import again: documents it added are "
        "skipped, so only the missing ones are sent",
    )
