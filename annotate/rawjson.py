"""Stream the items of a top-level JSON array from a file, fast when it has one item per line.

``eventset pull`` writes exports with one task per line (``[``, then each task as compact JSON
followed by ``,``, then ``]``). Such a file is read line by line and each line parsed with
orjson, about three times faster than a general streaming parser. Any other layout (Label
Studio's own one-line export, pretty-printed JSON) is read with ijson; the switch happens at the
first line that is not a whole item, and items already yielded are not repeated.

Example:
    >>> for task in iter_array("export.json"):  # doctest: +SKIP
    ...     print(task["id"])
"""

from __future__ import annotations

import itertools
import json
from array import array
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import orjson

from eventset.annotate.exactjson import exact_loads, reread_exact, rounded, wide_digits
from eventset.annotate.jsonguards import DepthCheck, NotAnArray, SurrogateCheck
from eventset.annotate.taskhead import task_head

BOM = b"\xef\xbb\xbf"

# Lines are read through a buffer this large: with the default 8 KB, a task's line (16 KB is
# usual) took several reads and joins, and reading lines cost a fifth of a first pass.
READ_BUFFER = 1 << 20


class OtherLayout(ValueError):
    """A byte range of the file is not in the one-item-per-line layout."""


class ArrayReader:
    """Iterates the items of the JSON array in ``path`` and remembers its layout.

    After a complete iteration, ``one_per_line`` tells whether every item was on a line of its
    own; then ``read(first, last)`` returns items' raw bytes (for processes that parse them
    themselves) as long as the file has not changed since (``unchanged()``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.one_per_line = False
        self._stamp: tuple[int, int] | None = None
        self._spans: array[int] = array("Q")  # start and end byte of each item's line

    def __iter__(self) -> Iterator[Any]:
        self._stamp = _stamp(self.path)
        self._spans = array("Q")
        done = 0
        with self.path.open("rb", buffering=READ_BUFFER) as stream:
            for item in _by_line(stream, self._spans):
                if item is _OTHER_LAYOUT:
                    break
                done += 1
                yield item
            else:
                self.one_per_line = True
                return
        yield from _general(self.path, skip=done)

    @property
    def tasks(self) -> int:
        """Items found by the last complete iteration in the line layout."""
        return len(self._spans) // 2

    def adopt_lines(self, spans: array[int], stamp: tuple[int, int]) -> None:
        """Take the line spans found by ``iter_line_range`` over the whole file (in order).

        Afterwards the reader is as if iterated completely in the line layout: ``tasks``,
        ``read`` and ``unchanged`` (against ``stamp``, taken before the ranges were read) work.
        """
        self._spans, self._stamp, self.one_per_line = spans, stamp, True

    def stamp(self) -> tuple[int, int]:
        """Size and modification time of the file now (for ``adopt_lines``)."""
        return _stamp(self.path)

    def unchanged(self) -> bool:
        return self._stamp is not None and self._stamp == _stamp(self.path)

    def read(self, first: int, last: int) -> list[bytes]:
        """Raw bytes of items ``first`` to ``last`` (exclusive) of a one-item-per-line file.

        One read of their byte range: a worker process can fetch its batch itself instead of
        receiving it through a pipe.
        """
        assert self.one_per_line, "read() needs a file read completely in the line layout"
        begin, end = self._spans[2 * first], self._spans[2 * last - 1]
        with self.path.open("rb") as stream:
            stream.seek(begin)
            chunk = stream.read(end - begin)
        out = []
        for raw in chunk.split(b"\n"):
            line = raw.strip()
            if line.startswith(b"{"):
                out.append(line[:-1] if line.endswith(b",") else line)
        return out


def iter_array(path: Path) -> Iterator[Any]:
    """Yield the items of the JSON array in ``path`` one at a time (bounded memory)."""
    return iter(ArrayReader(path))


def line_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """Up to ``parts`` non-empty byte ranges covering ``path``, each starting a line."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as stream:
        for k in range(1, parts):
            stream.seek(max(size * k // parts, cuts[-1]))
            stream.readline()  # to the end of the line the cut falls in
            cuts.append(min(stream.tell(), size))
    cuts.append(size)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def iter_line_range(
    path: Path, begin: int, end: int, *, first: bool, last: bool
) -> Iterator[tuple[int, int, Any]]:
    """(start byte, end byte, item) of the item lines in ``begin..end`` of a one-per-line file.

    ``first``: the range opens the file (``[`` comes first); ``last``: it closes it (``]``
    comes last). Raises ``OtherLayout`` as soon as the range does not fit that layout; the
    caller then reads the whole file with ``ArrayReader``, which names any real problem.
    """
    opened, closed = not first, False
    with path.open("rb", buffering=READ_BUFFER) as stream:
        stream.seek(begin)
        position = begin
        while position < end:  # line by line: a range may be gigabytes
            raw = stream.readline()
            if not raw:
                break
            start, position = position, position + len(raw)
            line = raw.strip()
            if not line:
                continue
            if not opened:
                if line.removeprefix(BOM) != b"[":
                    raise OtherLayout("the file does not open with a line holding only '['")
                opened = True
            elif closed or (line == b"]" and not last):
                raise OtherLayout("something follows the closing ']'")
            elif line == b"]":
                closed = True
            else:
                item = _item(line, exact=False)  # a scan reads only ids and data
                if item is _OTHER_LAYOUT:
                    raise OtherLayout(f"the line at byte {start} is not one whole item")
                yield start, position, item
    if last and not closed:
        raise OtherLayout("the file does not end with a line holding only ']'")


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


_OTHER_LAYOUT = object()


def _by_line(stream: IO[bytes], spans: array[int]) -> Iterator[Any]:
    """Items of a one-item-per-line array; ``_OTHER_LAYOUT`` as soon as the layout differs.

    The start and end byte of each item's line are appended to ``spans``.
    """
    closed = False
    position = _open_line(stream)
    if position < 0:
        yield _OTHER_LAYOUT
        return
    if position == 0:  # "[]": no item
        return
    for raw in stream:
        begin, position = position, position + len(raw)
        line = raw.strip()
        if not line:
            continue
        if closed:
            yield _OTHER_LAYOUT  # something after the closing bracket: let ijson report it
            return
        if line == b"]":
            closed = True
            continue
        item = _item(line)
        if item is _OTHER_LAYOUT:
            yield _OTHER_LAYOUT
            return
        spans.extend((begin, position))
        yield item
    if not closed:
        yield _OTHER_LAYOUT  # truncated or empty file: the general parser names the problem


# The first line is read at most this far: Label Studio's download is one line of the whole
# export, which reading as a line would hold in memory (twice, with its stripped copy).
OPENING_PEEK = 64


def _open_line(stream: IO[bytes]) -> int:
    """Read the array's opening line: the byte after it when it is ``[`` alone, 0 for ``[]``,
    -1 for any other layout (without reading a long first line whole)."""
    position = 0
    while True:
        raw = stream.readline(OPENING_PEEK)
        position += len(raw)
        if not raw:
            return -1  # empty: the general parser names the problem
        line = raw.strip().removeprefix(BOM).strip()
        if not line:
            continue  # blank lines (or a run of spaces) before the bracket
        if not raw.endswith(b"\n") and len(raw) == OPENING_PEEK:
            return -1  # a long first line: not one item per line
        return position if line == b"[" else 0 if line == b"[]" else -1


def _item(line: bytes, exact: bool = True) -> Any:
    """The item on ``line``, or ``_OTHER_LAYOUT``. ``exact``: integers beyond 64 bits are read
    exactly anywhere in it; otherwise only in ``id`` and ``data`` (all a first pass reads, and
    cheaper to check than searching the whole line for long digit runs), and the usual task is
    read by ``task_head``: its text and annotations stay undecoded."""
    body = line[:-1] if line.endswith(b",") else line
    if not body.startswith(b"{") or not body.endswith(b"}"):
        return _OTHER_LAYOUT
    if not exact:
        head = task_head(body)
        if head is not None:
            return head
    return parsed_item(body, exact)


def parsed_item(body: bytes, exact: bool = True) -> Any:
    """``body`` parsed whole by orjson (``_OTHER_LAYOUT`` if it refuses), as ``_item`` says."""
    try:
        item = orjson.loads(body)
    except orjson.JSONDecodeError:
        return _OTHER_LAYOUT
    if exact:
        return reread_exact(body, item) if wide_digits(body) else item
    if isinstance(item, dict) and rounded((item.get("id"), item.get("data"))):
        return exact_loads(body)
    return item


def _general(path: Path, skip: int) -> Iterator[Any]:
    import ijson  # local: only needed for exports in another layout

    with path.open("rb") as stream:
        head = stream.read(len(BOM))
        if head != BOM:
            stream.seek(0)
        start = stream.read(4096).lstrip()
        if not start.startswith(b"["):
            shown = start[:1].decode("utf-8", "replace") or "nothing"
            raise NotAnArray(f"the top level is {shown!r}, not a list")
        stream.seek(len(BOM) if head == BOM else 0)
        index = 0
        checked = DepthCheck(SurrogateCheck(stream))
        try:
            for index, item in enumerate(ijson.items(checked, "item", use_float=True), 1):
                if index > skip:
                    yield item
        except ijson.JSONError as exc:
            if "integer overflow" in str(exc):  # an integer beyond 64 bits: read on, exactly
                yield from _exact_items(path, max(index, skip))
                return
            raise NotAnArray(f"item {index} (counting from 0) is not valid JSON: {exc}") from exc
        except UnicodeDecodeError as exc:  # a lone low surrogate escape (\udc00), or bad bytes
            raise _not_text(index, exc) from exc


def _not_text(index: int, exc: UnicodeDecodeError) -> NotAnArray:
    return NotAnArray(
        f"item {index} (counting from 0) holds a string that is not valid text: a lone "
        f"surrogate escape such as \\udc00, or bytes that are not UTF-8 ({exc.reason})"
    )


def _exact_items(path: Path, skip: int) -> Iterator[Any]:
    """Items after the first ``skip`` as ``_general`` reads them, but with integers beyond 64 bits
    exact: ijson's ``use_float`` refuses them, so numbers come as ints and Decimals and the
    Decimals (fractions, exponents) become floats, as ``use_float`` gives them."""
    for item in _general_decimal(path, skip):
        yield _floats(item)


def _general_decimal(path: Path, skip: int) -> Iterator[Any]:
    import ijson

    with path.open("rb") as stream:
        if stream.read(len(BOM)) != BOM:
            stream.seek(0)
        index = 0
        try:
            checked = DepthCheck(SurrogateCheck(stream))
            for index, item in enumerate(ijson.items(checked, "item"), 1):
                if index > skip:
                    yield item
        except ijson.JSONError as exc:
            raise NotAnArray(f"item {index} (counting from 0) is not valid JSON: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise _not_text(index, exc) from exc


def _floats(value: Any) -> Any:
    """``value`` with every Decimal made a float, in place (iterative: items nest up to
    ``MAX_DEPTH`` levels)."""
    if isinstance(value, Decimal):
        return float(value)
    stack = [value]
    while stack:
        node = stack.pop()
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for key, item in list(pairs):
            if isinstance(item, Decimal):
                node[key] = float(item)
            elif isinstance(item, dict | list):
                stack.append(item)
    return value


def copy_lines(
    items: Iterable[Any], stream: IO[bytes], spans: array[int] | None = None
) -> Iterator[Any]:
    """Write ``items`` to ``stream`` as a JSON array, one compact item per line, yielding each.

    The closing bracket is written once the items are exhausted, so consume the iterator fully.
    ``spans`` receives the start and end byte of each item's line (as ``ArrayReader`` records
    them), for ``ArrayReader.adopt_lines`` on the written file.
    """
    stream.write(b"[")
    position = 1
    for count, item in enumerate(items):
        head = b",\n" if count else b"\n"
        body = _dumps(item)
        stream.write(head)
        stream.write(body)
        if spans is not None:
            if count:
                spans.append(position + 2)  # the previous line ends after its comma
            spans.append(position + len(head))
        position += len(head) + len(body)
        yield item
    stream.write(b"\n]\n")
    if spans:
        spans.append(position + 1)  # the last line ends after its newline


def _dumps(item: Any) -> bytes:
    """``item`` as compact JSON; raises ``orjson.JSONEncodeError`` when it cannot be written."""
    try:
        return orjson.dumps(item)
    except orjson.JSONEncodeError as exc:  # integers beyond 64 bits, nesting beyond 254 levels
        try:
            text = json.dumps(item, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (ValueError, RecursionError):
            raise exc from None
        return text.encode("utf-8")


def opens_line_per_item(path: Path) -> bool:
    """Whether the file opens like the one-item-per-line layout: ``[``, then one whole item.

    Looks at the first two non-blank lines, at most 1 MB each (a one-line export is one line).
    """
    lines: list[bytes] = []
    with path.open("rb") as stream:
        while len(lines) < 2:
            raw = stream.readline(1 << 20)
            if not raw:
                break
            if raw.strip():
                lines.append(raw.strip())
    if len(lines) < 2 or lines[0].removeprefix(BOM) != b"[":
        return False
    return lines[1].startswith(b"{") and lines[1].rstrip(b",").endswith(b"}")
