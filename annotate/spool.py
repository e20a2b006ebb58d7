"""Task payloads spooled to a temporary file: built and checked once, then sent batch by batch.

An import checks every document before the first batch goes out (a misfit in the last document
must not leave the first ones imported), so every payload exists before any is sent. Held as
Python objects that took about 20 KB per document (2 GB for 100k documents). A ``TaskSpool``
writes each payload to an unnamed temporary file (in ``TMPDIR``; the system removes it when the
process ends, however it ends) and keeps only where it lies and its size as a request counts it;
sending reads one batch at a time back. Payloads are stored pickled, so what comes back is
exactly what went in (a numpy score, a datetime, a float subclass), and the SDK encodes it as it
would have; sizes are those of the compact JSON that httpx sends.

Example:
    >>> with TaskSpool(limit=1 << 20) as spool:
    ...     spool.add({"data": {"text": "Talks began."}})
    ...     spool.add({"data": {"text": "Troops left."}})
    ...     [len(batch) for batch in spool.batches(size=1, max_bytes=1 << 20)]
    [1, 1]
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Iterator
from contextlib import suppress
from types import TracebackType
from typing import Any

from eventset.annotate.importbatches import import_batches, json_size, oversized_error, task_name
from eventset.errors import InputError


class TaskSpool:
    """Payloads in order on disk, with their sizes as one request body counts them.

    ``limit`` is the most bytes of JSON one import request may carry (``refuse_oversized`` and
    ``batches`` use it unless given another).
    """

    def __init__(self, limit: int, directory: str | None = None) -> None:
        self.limit = limit
        self._where = directory or tempfile.gettempdir()
        try:
            # closed by close() or the with block; unnamed, so nothing is left behind either way
            self._file = tempfile.TemporaryFile(prefix="eventset-import-", dir=self._where)  # noqa: SIM115
        except OSError as exc:
            raise self._unusable(exc) from None
        self._ends = array("q")  # end offset of each pickled payload
        self._sizes = array("q")  # bytes of its JSON in a request, separator included
        self._versions: dict[str, None] = {}

    def __enter__(self) -> TaskSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with suppress(OSError):  # what is still buffered is not needed any more (a full disk)
            self._file.close()

    def __len__(self) -> int:
        return len(self._sizes)

    def add(self, task: dict[str, Any]) -> None:
        """Append ``task``; its size counts one byte more for the comma or bracket after it."""
        blob = pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)
        start = self._ends[-1] if self._ends else 0
        try:
            self._file.write(blob)  # buffered; reads are positional and flush it first
        except OSError as exc:
            raise self._unusable(exc) from None
        self._ends.append(start + len(blob))
        self._sizes.append(json_size(task) + 1)
        for prediction in task.get("predictions") or ():
            if isinstance(prediction, dict) and prediction.get("model_version"):
                self._versions.setdefault(str(prediction["model_version"]), None)

    @property
    def model_versions(self) -> list[str]:
        """The model versions of the spooled predictions, in order of first use."""
        return list(self._versions)

    def refuse_oversized(self, limit: int | None = None) -> None:
        """Raise ``InputError`` naming every task that cannot fit in one request on its own (its
        opening bracket too) under ``limit`` (default: the spool's), if there is one."""
        limit = self.limit if limit is None else limit
        sizes = enumerate(self._sizes)
        big = [(task_name(self._read(i)), size + 1) for i, size in sizes if size + 1 > limit]
        error = oversized_error(big, limit)
        if error is not None:
            raise error

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every task, in order, read back from the file."""
        return (self._read(i) for i in range(len(self)))

    def batches(self, size: int, max_bytes: int | None = None) -> Iterator[list[dict[str, Any]]]:
        """The tasks in batches of at most ``size`` tasks and ``max_bytes`` (default: the
        spool's limit) of JSON each."""
        sized = ((self._read(i), self._sizes[i]) for i in range(len(self)))
        return import_batches(sized, size, self.limit if max_bytes is None else max_bytes)

    def _read(self, index: int) -> dict[str, Any]:
        try:
            self._file.flush()  # what ``add`` buffered (a no-op when nothing is)
        except OSError as exc:
            raise self._unusable(exc) from None
        start = self._ends[index - 1] if index else 0
        blob = os.pread(self._file.fileno(), self._ends[index] - start, start)
        return pickle.loads(blob)  # type: ignore[no-any-return]  # our own unnamed file

    def _unusable(self, exc: OSError) -> InputError:
        return InputError(
            f"cannot write the import's temporary file in {self._where}: {exc.strerror or exc}; "
            "nothing was imported",
            remedy="free space there, or set TMPDIR to a folder with room for the documents "
            "and their pre-annotations (about their size as JSON)",
        )
