"""Label Studio task payloads and result items, shaped exactly as Label Studio stores them.

A task is ``{"data": {"text", "doc_id", "lang", "meta"}, "predictions": [...], "annotations":
[...]}``. Documents are keyed by ``doc_id``, or by a hash of the text when they have none, so a
re-import can skip what is already there.

Example:
    >>> task = task_payload(Document("Troops advanced.", doc_id="d1", lang="en"))
    >>> task["data"]["doc_id"], task["data"]["lang"], task["data"]["meta"]
    ('d1', 'en', {})
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventset.annotate.config import TEXT_TAG

Result = dict[str, Any]
# The key under which ``config_values`` lists the relation labels the config offers.
RELATION_KEY = "relation"


@dataclass(frozen=True)
class Document:
    """One input document; ``text`` is kept byte-for-byte, offsets index into it."""

    text: str
    doc_id: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def key(self) -> str:
        """``doc_id`` when given, else ``sha256-`` plus the first 16 hex digits of the text hash."""
        return self.doc_id if self.doc_id else content_key(self.text)


def content_key(text: str) -> str:
    """A stable key for a text without an id.

    Example:
        >>> content_key("abc")
        'sha256-ba7816bf8f01cfea'
    """
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def task_payload(
    doc: Document,
    predictions: Sequence[dict[str, Any]] = (),
    annotations: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The import payload for one document, with inline predictions/annotations (one request)."""
    data: dict[str, Any] = {
        "text": doc.text,
        "doc_id": doc.key,
        "lang": doc.lang or "",
        "meta": dict(doc.meta),
    }
    task: dict[str, Any] = {"data": data}
    if predictions:
        task["predictions"] = list(predictions)
    if annotations:
        task["annotations"] = list(annotations)
    return task


def prediction(
    model_version: str, result: Sequence[Result], score: float | None = None
) -> dict[str, Any]:
    """A prediction (pre-annotation) entry of a task."""
    out: dict[str, Any] = {"model_version": model_version, "result": list(result)}
    if score is not None:
        out["score"] = score
    return out


def span_result(
    tag: str,
    region_id: str,
    text: str,
    start: int,
    end: int,
    label: str,
    score: float | None = None,
) -> Result:
    """A ``labels`` region on the text; ``start``/``end`` are code-point offsets into ``text``.

    Example:
        >>> span_result("trigger", "t1", "they attack", 5, 11, "MilitaryOperation")["value"]
        {'start': 5, 'end': 11, 'text': 'attack', 'labels': ['MilitaryOperation']}
    """
    item: Result = {
        "id": region_id,
        "from_name": tag,
        "to_name": TEXT_TAG,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }
    if score is not None:
        item["score"] = score
    return item


def choice_result(tag: str, region_id: str, text: str, start: int, end: int, choice: str) -> Result:
    """A per-region choice (e.g. modality) attached to the region with the same id."""
    return {
        "id": region_id,
        "from_name": tag,
        "to_name": TEXT_TAG,
        "type": "choices",
        "value": {"start": start, "end": end, "text": text[start:end], "choices": [choice]},
    }


def relation_result(
    from_id: str, to_id: str, labels: Sequence[str] = (), direction: str = "right"
) -> Result:
    """A relation between two regions; Label Studio gives relations no id of their own."""
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": direction,
        "labels": list(labels),
    }


def region_id(prefix: str, start: int, end: int, label: str) -> str:
    """A short deterministic region id, so the same pre-annotation always gets the same id.

    Example:
        >>> region_id("lex", 0, 5, "Support") == region_id("lex", 0, 5, "Support")
        True
    """
    digest = hashlib.sha1(f"{start}:{end}:{label}".encode()).hexdigest()[:8]
    return f"{prefix}_{digest}"
