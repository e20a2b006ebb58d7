"""Integers beyond 64 bits read exactly: orjson reads them as floats, the standard library not.

Example:
    >>> exact_loads(b'{"id": 18446744073709551617}')["id"]
    18446744073709551617
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# orjson reads an integer beyond 64 bits as a float (two such ids would collide); the standard
# library reads it exactly. A line that may hold one has a run of 19 digits: digits are mapped to
# "0" and everything else to " ", then searched for (faster than a regular expression here).
_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
WIDE_RUN = b"0" * 19  # 19 digits, each read as "0": any integer beyond 64 bits has them
_INT64 = 2**63


def wide_digits(line: bytes) -> bool:
    """Whether ``line`` has 19 digits in a row, as any integer beyond 64 bits does."""
    return WIDE_RUN in line.translate(_DIGITS)


def exact_loads(body: bytes) -> Any:
    """``orjson.loads(body)`` (which decides what is valid), with integers beyond 64 bits exact."""
    return reread_exact(body, orjson.loads(body))


def reread_exact(body: bytes, value: Any) -> Any:
    """``body`` read again by the standard library (exact integers); ``value``, orjson's reading
    of it, where that cannot go as deep."""
    try:
        return json.loads(body)
    except RecursionError:
        return value


def rounded(value: Any) -> bool:
    """Whether ``value`` holds a float as large as an integer orjson would have rounded.

    Iterative: metadata may be nested as deep as orjson reads (1024 levels).
    """
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is float:
            if abs(item) >= _INT64:
                return True
        elif kind is dict:
            stack += [v for v in item.values() if type(v) is not str]  # texts: most of it
        elif kind is list or kind is tuple:
            stack += [v for v in item if type(v) is not str]
    return False
