"""Field values of Label Studio tasks and annotations read the same way by every parser.

Flags that may come as booleans, 0/1 or text, user ids inline or as objects, ``lead_time``,
ids and languages that are not strings, and metadata compared by value and type.

Example:
    >>> flag("false"), annotator_of({"id": 7}), as_text(12), same_value(1, True)
    (False, '7', '12', False)
"""

from __future__ import annotations

import json
import sys
from typing import Any

from eventset.annotate.jsonguards import MAX_DEPTH


def same_value(a: Any, b: Any) -> bool:
    """Equal values of the same type, inside lists and objects too (``1``, ``True`` and ``1.0``
    are three values here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)


def as_text(value: Any) -> str:
    """A doc id or language as text: a string as it is, anything else as compact JSON (so an
    integer as its digits)."""
    return value if isinstance(value, str) else compact_json(value)


def compact_json(value: Any) -> str:
    """``value`` as JSON without spaces, keys sorted, non-ASCII kept (metadata cells, ids)."""
    try:
        return _compact(value)
    except RecursionError:  # nested deeper than the encoder's default stack allows
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * MAX_DEPTH))
        try:
            return _compact(value)
        finally:
            sys.setrecursionlimit(limit)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def lead_seconds(value: Any) -> float | None:
    """Label Studio's ``lead_time`` (seconds spent) as a float; None when it is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an integer beyond any float
            return None
    return None


def annotator_of(value: Any) -> str | None:
    """The annotator's Label Studio user id as text; None when the export does not say, or
    says it with an e-mail address.

    Snapshot exports inline the user object; plain exports give the user id. The numeric id is
    used in both cases: an email is personal data and would be published with the dataset. A
    hand-made export's ``7.0`` is user ``7``; another name (``"alice"``) is kept as given.

    Example:
        >>> [annotator_of(v) for v in (7, 7.0, {"id": 3}, " 12 ", "alice", "bob@example.org")]
        ['7', '7', '3', '12', 'alice', None]
    """
    if isinstance(value, dict):
        value = value.get("id")
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return None if not text or "@" in text else text


def unreadable_user(value: Any) -> bool:
    """Whether ``completed_by`` names a user in a way that cannot be used (an e-mail address,
    a user object without an id, true/false): the annotation gets an annotator of its own."""
    return value is not None and value != "" and annotator_of(value) is None


def unknown_annotator(annotation_id: Any, position: int) -> str:
    """The annotator of an annotation without a user (hand-made exports): one of its own, so
    two such annotations are two votes, never one annotator called "None". Named after the
    annotation's id, or its position in the task when it has none either."""
    return f"unknown-{annotation_id}" if annotation_id is not None else f"unknown-#{position}"


_FLAGS = {"true": True, "false": False, "1": True, "0": False}


def flag(value: Any) -> bool | None:
    """A Label Studio true/false field (``ground_truth``, ``was_cancelled``): a boolean, absent
    (false), 0 or 1, or the text "true"/"false"; None for anything else."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return _FLAGS.get(value.strip().lower())
    return None


def draft_user(draft: dict[str, Any]) -> str:
    """The user id of a draft's annotator: exports give ``created_username`` as "e-mail, id"
    and ``user`` as the e-mail; the address is never used.

    Example:
        >>> draft_user({"user": "a@example.com", "created_username": "a@example.com, 3"})
        '3'
    """
    named = draft.get("created_username")
    if isinstance(named, str) and named.rpartition(", ")[2].isdigit():
        return named.rpartition(", ")[2]
    for key in ("completed_by", "user"):
        found = annotator_of(draft.get(key))
        if found and "@" not in found:
            return found
    return "unknown"
