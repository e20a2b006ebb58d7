"""The few fields of a task line that a build's first pass reads, without decoding the rest.

A scan needs a task's id, its ``data`` object (doc id, language, metadata; not the text) and
whether each annotation was cancelled, but it must also refuse any line that orjson refuses,
because the second pass decodes only the fields it reads (``eventset.annotate.wire``) and relies
on the scan for the rest. Decoding the whole line with orjson costs about as much as reading the
file a second time; this module gets the same answer for the usual line at a fraction of that:

- msgspec decodes the typed fields below and skips the others, checking their JSON syntax,
  escapes and nesting as it goes (it refuses deep nesting sooner than orjson: such a line goes
  the general way);
- ``str(line, "utf-8")`` checks what msgspec does not check in skipped strings: valid UTF-8;
- ``_numbers_in_doubt`` finds any number orjson might refuse or round where msgspec does not:
  19 digits in a row (integers beyond 64 bits) and exponents of three digits or more.

``task_head`` returns None for any line that needs more than that (not the usual shape, or any
check in doubt); the caller then parses it whole with orjson as before. Where it returns a
value, ``parse_task(value, annotations=False)`` gives the task orjson's reading would give,
except that the text is left out (a test compares both over generated and mutated lines).
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson

from eventset.annotate.exactjson import WIDE_RUN


class _Annotation(msgspec.Struct, gc=False):
    was_cancelled: Any = None


class _Head(msgspec.Struct, gc=False):
    data: dict[str, msgspec.Raw]
    id: Any = msgspec.UNSET
    annotations: list[_Annotation] | None = None
    drafts: list[msgspec.Raw] | None = None


_HEAD = msgspec.json.Decoder(_Head)

# Digits become 0 and an exponent's E or + becomes e, so numbers in doubt are plain substrings
# ("1E+400" reads "0ee000"). No byte is deleted: translating without deleting is faster.
_NUMBERS = bytes.maketrans(b"123456789E+", b"000000000ee")
_EXPONENT = b"e000"  # a positive exponent of three digits or more: could exceed a double
_NUMBER_ENDS = frozenset(b",]} \t\r\n")  # what may follow a number in JSON


def task_head(line: bytes) -> dict[str, Any] | None:
    """``{"id", "data", "annotations", "drafts"}`` of the task on ``line``, or None to parse it
    whole. ``data["text"]`` is ``""`` when the text is a JSON string (its value is not read)."""
    try:
        head = _HEAD.decode(line)
        if not line.isascii():
            str(line, "utf-8")
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None
    if _numbers_in_doubt(line):
        return None
    try:
        data = {key: _value(key, raw) for key, raw in head.data.items()}
    except orjson.JSONDecodeError:
        return None  # not expected after the checks above; the whole parse names the problem
    task: dict[str, Any] = {"data": data, "annotations": None, "drafts": head.drafts}
    if head.id is not msgspec.UNSET:
        task["id"] = head.id
    if head.annotations is not None:
        task["annotations"] = [{"was_cancelled": a.was_cancelled} for a in head.annotations]
    # No integer here is beyond 64 bits (that takes 19 digits), so none was rounded: the whole
    # parse would not read the line again exactly (``eventset.annotate.exactjson``).
    return task


def _value(key: str, raw: msgspec.Raw) -> Any:
    value = memoryview(raw)
    if key == "text" and value[:1] == b'"':
        return ""
    return orjson.loads(value)


def _numbers_in_doubt(line: bytes) -> bool:
    """Whether ``line`` may hold a number orjson refuses or rounds (false alarms are harmless:
    such a line is parsed whole). Hex digits in ids look like exponents ("96e835"), but a number
    ends at a delimiter where they end at a quote."""
    numbers = line.translate(_NUMBERS)
    if WIDE_RUN in numbers:
        return True
    at = numbers.find(_EXPONENT)
    while at >= 0:
        end = at + len(_EXPONENT)
        while end < len(numbers) and numbers[end] == 0x30:
            end += 1
        if end == len(numbers) or numbers[end] in _NUMBER_ENDS:
            return True
        at = numbers.find(_EXPONENT, end)
    return False
