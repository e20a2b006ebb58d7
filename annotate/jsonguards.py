"""Guards on the bytes of an export as ijson reads them, and the errors a reader raises.

ijson's C backend reads what orjson refuses, silently: a lone high surrogate escape becomes
``?`` (``SurrogateCheck``), and nesting makes its memory grow with the square of the depth
(``DepthCheck``). Both wrap the binary stream ijson reads and raise ``NotAnArray`` subclasses
naming the byte.
"""

from __future__ import annotations

import re
from typing import IO, Any


class NotAnArray(ValueError):
    """The file is not a JSON array or one of its items is not valid JSON."""

    remedy = (
        "export again in Label Studio's JSON format (not JSON_MIN or CSV), or check that the "
        "file was copied whole"
    )


class LoneSurrogate(NotAnArray):
    """A string of the file holds half of a character (a lone UTF-16 surrogate escape)."""

    remedy = (
        "find the text at that byte in Label Studio (an emoji or other character cut in two, "
        "often by shortening a text), correct it there and export again"
    )


MAX_DEPTH = 1024  # arrays and objects inside one item: orjson's limit for a line


class DepthCheck:
    """A binary stream of a JSON array that refuses an item nested deeper than ``MAX_DEPTH``.

    ijson builds a path prefix for every event, so its memory grows with the square of the
    nesting: an 80 KB file of 40,000 nested brackets took 4 GB. Brackets inside strings do not
    count; a quote is escaped when an odd run of backslashes precedes it. The state (depth,
    inside a string, backslashes just before) carries from one read to the next; each read is
    judged with a few numpy passes.
    """

    BLOCK = 1 << 20

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._depth = 0
        self._in_string = False
        self._backslashes = 0  # the run of backslashes that ended the previous block
        self._offset = 0  # file offset of the current block (for messages)
        self._block = b""
        self._at = 0  # bytes of the block already returned

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes; the stream below is read and judged in blocks of at least
        ``BLOCK`` bytes (ijson asks for 64 KB at a time: per-read costs would dominate)."""
        if size == 0:
            return b""
        if self._at >= len(self._block):
            self._block = self._stream.read(max(size, self.BLOCK) if size > 0 else -1)
            self._at = 0
            if self._block:
                self._judge(self._block)
        end = len(self._block) if size < 0 else self._at + size
        out = self._block[self._at : end]
        self._at += len(out)
        return out

    def _judge(self, data: bytes) -> None:
        import numpy as np

        codes = np.frombuffer(data, np.uint8)
        is_quote = codes == 0x22
        quotes = np.flatnonzero(is_quote)
        # quotes right after a backslash (rare) may be escaped: judged one by one
        suspects = (np.flatnonzero(is_quote[1:] & (codes[:-1] == 0x5C)) + 1).tolist()
        if is_quote[0] and self._backslashes:
            suspects.insert(0, 0)
        escaped = [at for at in suspects if self._odd_run(data, at)]
        toggles = np.setdiff1d(quotes, escaped, assume_unique=True) if escaped else quotes
        opening = (codes == 0x5B) | (codes == 0x7B)
        brackets = np.flatnonzero(opening | (codes == 0x5D) | (codes == 0x7D))
        # inside a string when an odd number of unescaped quotes (plus the carried state) precede
        inside = (np.searchsorted(toggles, brackets) + self._in_string) % 2 == 1
        steps = np.where(opening[brackets], 1, -1)
        steps[inside] = 0
        depth = self._depth + np.cumsum(steps)
        if len(depth) and int(depth.max()) > MAX_DEPTH + 1:  # + 1: the top-level array
            where = self._offset + int(brackets[np.argmax(depth > MAX_DEPTH + 1)])
            raise NotAnArray(
                f"an item is nested deeper than {MAX_DEPTH} levels at byte {where}; no Label "
                "Studio task is, and reading it would take memory growing with the square of "
                "the depth"
            )
        self._depth = int(depth[-1]) if len(depth) else self._depth
        self._in_string = (len(toggles) + self._in_string) % 2 == 1
        tail = len(data) - len(data.rstrip(b"\\"))
        self._backslashes = tail + (self._backslashes if tail == len(data) else 0)
        self._offset += len(data)

    def _odd_run(self, data: bytes, quote: int) -> bool:
        """Whether an odd number of backslashes precedes ``data[quote]`` (an escaped quote)."""
        start = quote
        while start and data[start - 1] == 0x5C:
            start -= 1
        return (quote - start + (self._backslashes if start == 0 else 0)) % 2 == 1


# The body of a high (first-half) surrogate escape, D800-DBFF, and a whole low one after it.
_HIGH_BODY = re.compile(rb"u[dD][89aAbB][0-9a-fA-F]{2}")
_LOW_ESCAPE = re.compile(rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_REACH = 11  # bytes a judged match needs from its u: its body (5) and a low escape (6)
_BACKSLASH = 0x5C


class SurrogateCheck:
    """A binary stream that refuses a lone high surrogate escape (``\\ud83d`` not followed by
    ``\\udc00``..``\\udfff``) as the bytes pass by.

    ijson's C backend turns such an escape into ``?``, or joins it with the next escape into a
    character the text never had, without a word; orjson and Label Studio's own reader refuse
    it. Escapes are ASCII, so the raw bytes are searched for the body ``uD8xx``..``uDBxx``; it
    is an escape when an odd number of backslashes precedes it (an even run is literal
    backslashes). The last bytes of a read wait for the next one, with the parity of the
    backslash run before them, so each candidate is judged once, whole.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._pending = b""
        self._odd = False  # an odd run of backslashes ends just before the pending bytes
        self._shown = b""  # the bytes before the pending ones
        self._offset = stream.tell()  # file position of the first pending byte

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        window = self._pending + data
        keep = len(window) if not data else max(len(window) - _REACH, 0)
        for match in _HIGH_BODY.finditer(window, 0, len(window) if not data else keep + 4):
            at = match.start()
            if at >= keep:
                break
            if self._odd_before(window, at) and not _LOW_ESCAPE.match(window, match.end()):
                self._fail(window, at)
        self._odd = self._odd_before(window, keep)
        self._offset += keep
        self._shown = window[max(keep - 30, 0) : keep]  # context for a message, never judged
        self._pending = window[keep:]
        return data

    def _odd_before(self, window: bytes, at: int) -> bool:
        """Whether an odd number of backslashes ends at ``window[at]`` (carried across reads)."""
        start = at
        while start and window[start - 1] == _BACKSLASH:
            start -= 1
        odd = (at - start) % 2 == 1
        return odd != self._odd if start == 0 else odd

    def _fail(self, window: bytes, body: int) -> None:
        """Refuse the escape whose body (``uD83D``) starts at ``window[body]``."""
        around = self._shown + window
        at = body + len(self._shown)
        shown = around[max(at - 31, 0) : at + 29].decode("utf-8", "replace")
        escape = "\\" + window[body : body + 5].decode("ascii")
        raise LoneSurrogate(
            f"byte {self._offset + body - 1} holds a lone surrogate escape {escape} (half of a "
            f"character, such as an emoji cut in two) in ...{shown}...; it is not text and "
            "cannot be stored"
        )
