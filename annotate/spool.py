"""Task payloads spooled to a temporary file: built and checked once, then sent batch by batch.

An import checks every document before the first batch goes out (a misfit in the last document
must not leave the first ones imported), so every payload exists before any is sent. Held as
Python objects that took about 20 KB per document (2 GB for 100k documents). A ``TaskSpool``
writes each payload as one line of compact JSON to an unnamed temporary file (in ``TMPDIR``;
the system removes it when the process ends, however it ends) and keeps only its size and
where it came from; sending reads one batch at a time back.

Example:
    >>> with TaskSpool(limit=1 << 20) as spool:
    ...     spool.add({"data": {"text": "Talks began."}})
    ...     spool.add({"data": {"text": "Troops left."}})
    ...     [len(batch) for batch in spool.batches(size=1, max_bytes=1 << 20)]
    [1, 1]
"""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import orjson

from eventset.annotate.importbatches import import_batches, oversized_error, task_name

# How a line was written: orjson, or the standard library for what orjson refuses (integers
# beyond 64 bits, keys that are not strings, lone surrogates), which is also how it is read.
_ORJSON, _STDLIB = 0, 1


class TaskSpool:
    """Payloads in order on disk, with their sizes as one request body counts them.

    ``limit`` is the most bytes of JSON one import request may carry: a task that cannot fit
    on its own is remembered by name for ``refuse_oversized``.
    """

    def __init__(self, limit: int, directory: str | None = None) -> None:
        self.limit = limit
        # closed by close() or the with block; unnamed, so nothing is left behind either way
        self._file = tempfile.TemporaryFile(prefix="eventset-import-", dir=directory)  # noqa: SIM115
        self._sizes = array("q")
        self._codec = array("b")
        self._versions: dict[str, None] = {}
        self._oversized: list[tuple[str, int]] = []

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
        self._file.close()

    def __len__(self) -> int:
        return len(self._sizes)

    def add(self, task: dict[str, Any]) -> None:
        """Append ``task``; its size counts one byte more for the comma or bracket after it."""
        line, codec = _encode(task)
        size = len(line) + 1
        if size + 1 > self.limit:  # alone in a request: its opening bracket too
            self._oversized.append((task_name(task), size + 1))
        self._file.write(line + b"\n")
        self._sizes.append(size)
        self._codec.append(codec)
        for prediction in task.get("predictions") or ():
            if isinstance(prediction, dict) and prediction.get("model_version"):
                self._versions.setdefault(str(prediction["model_version"]), None)

    @property
    def model_versions(self) -> list[str]:
        """The model versions of the spooled predictions, in order of first use."""
        return list(self._versions)

    def refuse_oversized(self) -> None:
        """Raise ``InputError`` naming every task too large for one request, if there is one."""
        error = oversized_error(self._oversized, self.limit)
        if error is not None:
            raise error

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every task, in order, read back from the file."""
        for task, _ in self._sized():
            yield task

    def batches(self, size: int, max_bytes: int) -> Iterator[list[dict[str, Any]]]:
        """The tasks in batches of at most ``size`` tasks and ``max_bytes`` of JSON each."""
        return import_batches(self._sized(), size, max_bytes)

    def _sized(self) -> Iterator[tuple[dict[str, Any], int]]:
        self._file.flush()
        self._file.seek(0)
        for line, size, codec in zip(self._file, self._sizes, self._codec, strict=True):
            yield _decode(line, codec), size
        self._file.seek(0, 2)  # further adds append


def _encode(task: dict[str, Any]) -> tuple[bytes, int]:
    try:
        return orjson.dumps(task, default=str), _ORJSON
    except orjson.JSONEncodeError:
        text = json.dumps(task, ensure_ascii=False, separators=(",", ":"), default=str)
        return text.encode("utf-8", "surrogatepass"), _STDLIB


def _decode(line: bytes, codec: int) -> dict[str, Any]:
    if codec == _ORJSON:
        return orjson.loads(line)  # type: ignore[no-any-return]
    return json.loads(line.decode("utf-8", "surrogatepass"))  # type: ignore[no-any-return]
