"""Import batches: task payloads grouped by count and by bytes of JSON, checked before sending.

Example:
    >>> [len(b) for b in import_batches(sized_tasks([{"data": {"text": "a"}}] * 3), 2, 1 << 20)]
    [2, 1]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from eventset.errors import InputError

DOC_ID_KEY = "doc_id"
IMPORT_BATCH_SIZE = 1000
# Bytes of JSON per import request: Label Studio 1.23 refuses a body over its
# DATA_UPLOAD_MAX_MEMORY_SIZE (250 MiB) with a bare HTTP 500; a quarter of it leaves room.
IMPORT_BATCH_BYTES = 64 * 1024 * 1024


def sized_tasks(tasks: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each task with the bytes it adds to a request body, as httpx encodes it (compact UTF-8
    JSON) plus one byte for the comma or bracket that separates it."""
    return [(task, json_size(task) + 1) for task in tasks]


# orjson writes JSON values as the standard library's compact form does, four times faster,
# except a float's one-digit negative exponent (1e-7, where Python writes 1e-07): where its
# output may hold one, and for what it refuses, the standard library measures.
_SHORT_EXPONENT = re.compile(rb"\de-\d(?!\d)")


def json_size(task: dict[str, Any]) -> int:
    """The length of ``task`` as httpx sends it: compact JSON, non-ASCII kept, UTF-8 bytes."""
    try:
        data = orjson.dumps(task)
    except (orjson.JSONEncodeError, TypeError):  # numpy values, keys that are not strings ...
        data = None
    if data is not None and not _SHORT_EXPONENT.search(data):
        return len(data)
    text = json.dumps(task, ensure_ascii=False, separators=(",", ":"), default=str)
    return len(text.encode("utf-8", "surrogatepass"))


def refuse_oversized(sized: list[tuple[dict[str, Any], int]], limit: int) -> None:
    """Name every task that cannot fit in one request on its own, before anything is sent."""
    # the request of that task alone: its opening bracket, then the task with its closing one
    big = [(task_name(task), size + 1) for task, size in sized if size + 1 > limit]
    error = oversized_error(big, limit)
    if error is not None:
        raise error


def oversized_error(big: list[tuple[str, int]], limit: int) -> InputError | None:
    """The error naming the tasks in ``big`` (name, bytes of a request of it alone), if any."""
    if not big:
        return None
    shown = ", ".join(f"{name} ({size:,} bytes)" for name, size in big[:5])
    more = f" and {len(big) - 5} more" if len(big) > 5 else ""
    return InputError(
        f"{len(big)} document(s) are too large to import: {shown}{more}; one import request "
        f"carries at most {limit:,} bytes of JSON (text, metadata and pre-annotations), and "
        "nothing was imported",
        remedy="split those documents into smaller ones (e.g. one file per article or "
        "chapter) or leave them out, then import again",
    )


def task_name(task: dict[str, Any]) -> str:
    """The document a task payload holds: its doc id (and file), else the start of its text."""
    data = _dict(task.get("data"))
    meta = _dict(data.get("meta"))
    where = f" from {meta['filename']}" if meta.get("filename") else ""
    if data.get(DOC_ID_KEY) not in (None, ""):
        return f"doc id {data[DOC_ID_KEY]!r}{where}"
    return f"the document{where} starting {str(data.get('text', ''))[:40]!r}"


def _dict(value: object) -> dict[str, Any]:
    """``value`` when it is a dict, else an empty one (a payload built by hand may lack it)."""
    return value if isinstance(value, dict) else {}


def import_batches(
    sized: Iterable[tuple[dict[str, Any], int]], size: int, max_bytes: int
) -> Iterator[list[dict[str, Any]]]:
    """The tasks in order, in batches of at most ``size`` tasks and ``max_bytes`` of JSON
    (the list's brackets and commas included); ``sized`` comes from ``sized_tasks``."""
    batch: list[dict[str, Any]] = []
    used = 1  # the opening bracket
    for task, nbytes in sized:
        if batch and (len(batch) >= size or used + nbytes > max_bytes):
            yield batch
            batch, used = [], 1
        batch.append(task)
        used += nbytes
    if batch:
        yield batch
