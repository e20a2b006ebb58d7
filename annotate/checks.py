"""Check result items before they are sent: Label Studio itself accepts almost anything.

The server does not validate predictions or annotations against the config, and
``LabelInterface`` misses reversed or out-of-range offsets, text that does not match the
offsets, relation labels not in ``Relations`` and regions without id. These checks catch them.

Example:
    >>> offered = {"trigger": {"Attack"}, "relation": {"agent"}}
    >>> item = {"id": "r1", "from_name": "trigger", "type": "labels",
    ...         "value": {"start": 0, "end": 3, "text": "war", "labels": ["Attack"]}}
    >>> result_problems("war", [item], offered)
    []
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventset.annotate.sync import RELATION_KEY

VALUE_KEYS = {"labels": "labels", "choices": "choices"}


def result_problems(
    text: str, result: Sequence[dict[str, Any]], offered: dict[str, set[str]]
) -> list[str]:
    """Every problem of ``result`` on ``text`` given the values the config offers.

    Example:
        >>> bad = {"id": "r", "from_name": "trigger", "type": "labels",
        ...        "value": {"start": 4, "end": 2, "text": "x", "labels": ["Nope"]}}
        >>> for problem in result_problems("abcdef", [bad], {"trigger": {"Attack"}}):
        ...     print(problem)
        region r: offsets 4..2 are not a span of the 6-character text
        region r: trigger has no label 'Nope'
    """
    problems: list[str] = []
    region_ids = {item.get("id") for item in result if item.get("type") != "relation"}
    for item in result:
        if item.get("type") == "relation":
            problems += _relation_problems(item, region_ids, offered)
        else:
            problems += _region_problems(text, item, offered)
    return problems


def _region_problems(text: str, item: dict[str, Any], offered: dict[str, set[str]]) -> list[str]:
    rid = item.get("id")
    if not rid:
        return [f"a {item.get('from_name')} region has no id"]
    value = item.get("value") or {}
    start, end = value.get("start"), value.get("end")
    where = f"region {rid}"
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems = [
            f"{where}: offsets {start}..{end} are not a span of the {len(text)}-character text"
        ]
    elif value.get("text") != text[start:end]:
        problems = [
            f"{where}: text {value.get('text')!r} differs from the span "
            f"{text[start:end]!r} at {start}..{end}"
        ]
    else:
        problems = []
    tag = str(item.get("from_name"))
    kind = VALUE_KEYS.get(str(item.get("type")))
    if tag not in offered or kind is None:
        return [*problems, f"{where}: the config has no {item.get('type')} control {tag!r}"]
    for label in value.get(kind) or []:
        if label not in offered[tag]:
            problems.append(f"{where}: {tag} has no {kind[:-1]} {label!r}")
    return problems


def _relation_problems(
    item: dict[str, Any], region_ids: set[Any], offered: dict[str, set[str]]
) -> list[str]:
    ends = (item.get("from_id"), item.get("to_id"))
    problems = [
        f"relation {ends[0]} -> {ends[1]}: no region {end}" for end in ends if end not in region_ids
    ]
    if item.get("direction", "right") not in {"right", "left", "bi"}:
        problems.append(f"relation {ends[0]} -> {ends[1]}: bad direction {item.get('direction')!r}")
    for label in item.get("labels") or []:
        if label not in offered.get(RELATION_KEY, set()):
            problems.append(
                f"relation {ends[0]} -> {ends[1]}: the config has no relation {label!r}"
            )
    return problems
