"""``eventset score GOLD PRED``: compare predicted events with gold ones, unit by unit.

Predictions come in one of two formats, told apart by their first row:

- the dataset's own ``documents`` rows (a folder written by ``eventset build``, one of its
  Parquet files, or JSONL with one row per line): documents are matched by ``doc_id`` and spans
  are character offsets;
- OneIE sentence rows, as ``eventset convert --to oneie`` writes them and models trained on that
  output predict (``sent_id``, ``entity_mentions``, ``event_mentions``): sentences are matched by
  ``sent_id`` and spans are token offsets within the sentence. The gold side is then the
  dataset's ``sentences`` config (a folder) or a OneIE JSONL file.

A gold unit without a prediction row counts as predicting nothing and is listed in
``Scores.missing``; predicted ids that no gold unit has are listed in ``Scores.unmatched`` and
not scored. Events are matched as sets of keys, so an event predicted twice counts once.

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
from eventset.export.load import iter_located_documents, located_rows
from eventset.export.scoring import Scores

_REMEDY = (
    'write one documents row per line: {"doc_id": ..., "events": [{"type": ..., '
    '"trigger": {"start": ..., "end": ...}, "arguments": [{"role": ..., "start": ..., '
    '"end": ...}]}]}, or OneIE sentence rows as `eventset convert --to oneie` writes them'
)
_ONEIE_REMEDY = (
    'write one OneIE row per sentence: {"sent_id": ..., "entity_mentions": [{"id": ..., '
    '"start": ..., "end": ...}], "event_mentions": [{"event_type": ..., "trigger": {"start": '
    '..., "end": ...}, "arguments": [{"entity_id": ..., "role": ...}]}]} (token offsets)'
)
DOCUMENTS, SENTENCES = "documents", "sentences"


def score_files(gold: str | Path, pred: str | Path, split: str | None = None) -> Scores:
    """Scores of ``pred`` against ``gold`` (see the module docstring)."""
    level = prediction_level(Path(pred))
    predicted: dict[str, list[dict[str, Any]]] = {}
    for key, events in _units(pred, split if Path(pred).is_dir() else None, level):
        if key in predicted:
            raise InputError(
                f"{pred}: {key!r} has two prediction rows",
                remedy="write one row per document or sentence, with all its events",
            )
        predicted[key] = events
    if not predicted:
        raise InputError(
            f"{pred} holds no prediction rows",
            remedy="write one row per gold document or sentence, with an empty event list "
            "where the model predicts nothing",
        )
    scores = Scores()
    seen: list[str] = []
    for key, events in _units(gold, split, level):
        seen.append(key)
        scores.compare(events, predicted.get(key, []))
    unknown = sorted(set(predicted) - set(seen))
    if unknown and not set(seen) & set(predicted):
        what = "doc_id" if level == DOCUMENTS else "sent_id"
        raise InputError(
            f"no predicted {what} matches a gold one (e.g. {unknown[0]!r})",
            remedy=f"predict on the gold {level} and keep their {what} values",
        )
    scores.missing = [key for key in seen if key not in predicted]
    scores.unmatched = unknown
    return scores


def prediction_level(pred: Path) -> str:
    """``sentences`` when the first row of the file ``pred`` is a OneIE sentence row."""
    if pred.is_dir() and not (pred / DOCUMENTS).is_dir() and any(pred.glob("*.jsonl")):
        raise InputError(
            f"{pred} is a folder of JSONL files, not a dataset folder",
            remedy="pass one of its files (OneIE output of `eventset convert`: e.g. "
            f"{pred / 'test.jsonl'}) with --split for the gold folder",
        )
    if not pred.is_file():
        return DOCUMENTS
    for _, row in located_rows(pred):
        oneie = isinstance(row, dict) and ("event_mentions" in row or "sent_id" in row)
        return SENTENCES if oneie else DOCUMENTS
    return DOCUMENTS


def _units(source: str | Path, split: str | None, level: str) -> Iterator[tuple[str, list[Any]]]:
    if level == DOCUMENTS:
        yield from _documents(source, split)
    else:
        yield from _sentences(source, split)


def _documents(source: str | Path, split: str | None) -> Iterator[tuple[str, list[Any]]]:
    """``(doc_id, events)`` per row, after checking the fields the scorer reads."""
    for where, row in iter_located_documents(source, split):
        problem = row_problem(row)
        if problem:
            raise InputError(f"{where}: {problem}", remedy=_REMEDY)
        yield str(row["doc_id"]), row.get("events") or []


def _sentences(source: str | Path, split: str | None) -> Iterator[tuple[str, list[Any]]]:
    """``(sent_id, events)`` per OneIE row, arguments placed by their entity mention."""
    for where, row in iter_located_documents(source, split, SENTENCES):
        if isinstance(row, dict) and "events" in row and "event_mentions" not in row:
            raise InputError(
                f"{where} is a documents row, but the predictions are OneIE sentence rows",
                remedy="pass the dataset folder as gold (its sentences config is used) or the "
                "OneIE file `eventset convert --to oneie` wrote",
            )
        problem = oneie_problem(row)
        if problem:
            raise InputError(f"{where}: {problem}", remedy=_ONEIE_REMEDY)
        yield str(row["sent_id"]), oneie_events(row)


def oneie_events(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The scorer's event dicts of one checked OneIE sentence row (token offsets).

    Example:
        >>> row = {"sent_id": "d-0", "entity_mentions": [{"id": "e", "start": 0, "end": 1}],
        ...        "event_mentions": [{"event_type": "Conference", "trigger": {"start": 2,
        ...        "end": 3}, "arguments": [{"entity_id": "e", "role": "participant"}],
        ...        "modality": "planned"}]}
        >>> oneie_events(row)[0]["arguments"]
        [{'role': 'participant', 'start': 0, 'end': 1}]
    """
    spans = {m["id"]: m for m in row.get("entity_mentions") or []}
    events = []
    for mention in row.get("event_mentions") or []:
        event = {k: v for k, v in mention.items() if k not in ("event_type", "arguments", "id")}
        event["type"] = mention["event_type"]
        event["arguments"] = [
            {
                "role": a["role"],
                "start": spans[a["entity_id"]]["start"],
                "end": spans[a["entity_id"]]["end"],
            }
            for a in mention.get("arguments") or []
        ]
        events.append(event)
    return events


def oneie_problem(row: Any) -> str | None:
    """What a OneIE sentence row lacks for scoring, or None."""
    if not isinstance(row, dict) or row.get("sent_id") is None:
        return "the row has no 'sent_id'"
    entities = row.get("entity_mentions") or []
    if not isinstance(entities, list) or not all(
        _span(m) and isinstance(m.get("id"), str) for m in entities
    ):
        return "an entity mention has no string 'id' with integer 'start' and 'end'"
    ids = {m["id"] for m in entities}
    events = row.get("event_mentions") or []
    if not isinstance(events, list):
        return "'event_mentions' is not a list"
    for n, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("event_type"), str):
            return f"event mention {n} has no 'event_type'"
        if not _span(event.get("trigger")):
            return f"event mention {n} has no 'trigger' with integer 'start' and 'end'"
        arguments = event.get("arguments") or []
        if not isinstance(arguments, list) or not all(
            isinstance(a, dict) and isinstance(a.get("role"), str) for a in arguments
        ):
            return f"event mention {n} has an argument without 'role'"
        for a in arguments:
            if a.get("entity_id") not in ids:
                return (
                    f"event mention {n}: argument entity_id {a.get('entity_id')!r} is not the id "
                    "of one of the row's entity_mentions"
                )
    return None


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
