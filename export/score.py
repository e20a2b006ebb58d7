"""``eventset score GOLD PRED``: compare predicted events with gold ones, document by document.

Both sides are in the dataset's own ``documents`` format: a folder written by ``eventset build``,
one of its Parquet files, or a JSONL file with one documents row per line. Documents are matched
by ``doc_id``; a gold document without prediction counts as predicting nothing.

Example:
    >>> scores = score_files("dataset", "predictions.jsonl", split="test")  # doctest: +SKIP
    >>> round(scores.overall("trigger").f1, 3)  # doctest: +SKIP
    0.712
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventset.errors import InputError
from eventset.export.load import iter_located_documents
from eventset.export.scoring import Scores

_REMEDY = (
    'write one documents row per line: {"doc_id": ..., "events": [{"type": ..., '
    '"trigger": {"start": ..., "end": ...}, "arguments": [{"role": ..., "start": ..., '
    '"end": ...}]}]}'
)


def score_files(gold: str | Path, pred: str | Path, split: str | None = None) -> Scores:
    """Scores of ``pred`` against ``gold`` (see the module docstring)."""
    predicted: dict[str, list[dict[str, Any]]] = {}
    for doc_id, events in _documents(pred, split if Path(pred).is_dir() else None):
        predicted[doc_id] = events
    scores = Scores()
    seen = set()
    for doc_id, events in _documents(gold, split):
        seen.add(doc_id)
        scores.compare(events, predicted.get(doc_id, []))
    unknown = sorted(set(predicted) - seen)
    if unknown and not seen & set(predicted):
        raise InputError(
            f"no predicted doc_id matches a gold one (e.g. {unknown[0]!r})",
            remedy="predict on the gold documents and keep their doc_id values",
        )
    return scores


def _documents(source: str | Path, split: str | None) -> Iterator[tuple[str, list[Any]]]:
    """``(doc_id, events)`` per row, after checking the fields the scorer reads."""
    for where, row in iter_located_documents(source, split):
        problem = row_problem(row)
        if problem:
            raise InputError(f"{where}: {problem}", remedy=_REMEDY)
        yield str(row["doc_id"]), row.get("events") or []


def row_problem(row: Any) -> str | None:
    """What a documents row lacks for scoring, or None.

    Example:
        >>> row_problem({"doc_id": "d1", "events": [{"type": "Conference"}]})
        "event 0 has no 'trigger' with integer 'start' and 'end'"
    """
    if not isinstance(row, dict) or row.get("doc_id") is None:
        return "the row has no 'doc_id'"
    events = row.get("events") or []
    if not isinstance(events, list):
        return "'events' is not a list"
    for n, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return f"event {n} has no 'type'"
        if not _span(event.get("trigger")):
            return f"event {n} has no 'trigger' with integer 'start' and 'end'"
        arguments = event.get("arguments") or []
        if not isinstance(arguments, list) or not all(
            _span(a) and isinstance(a.get("role"), str) for a in arguments
        ):
            return f"event {n} has an argument without 'role', 'start' and 'end'"
    return None


def _span(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
    )
