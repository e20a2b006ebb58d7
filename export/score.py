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
Gold rows must be of the predictions' kind and list their events; an id on two gold (or two
prediction) rows, a span that is not ``0 <= start <= end`` and ``split`` with two files are
``InputError``s.

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
_SENTENCE_ROW_REMEDY = (
    "score documents against documents: pass the dataset folder (or its documents/<split>.parquet)"
    " as gold and documents rows as predictions; OneIE predictions are scored against the "
    "dataset folder (its sentences config) or the OneIE file `eventset convert --to oneie` wrote"
)
DOCUMENTS, SENTENCES = "documents", "sentences"
GOLD, PREDICTED = "gold", "prediction"
_NOT_DOCUMENTS = {
    GOLD: "is a OneIE sentence row (it has 'sent_id' or 'event_mentions'), but the predictions "
    "are documents rows, so the gold must be documents rows (doc_id, text, events) too",
    PREDICTED: "is a OneIE sentence row (it has 'sent_id' or 'event_mentions'), but the first "
    "prediction row is a documents row: one file holds one kind of row",
}


def score_files(gold: str | Path, pred: str | Path, split: str | None = None) -> Scores:
    """Scores of ``pred`` against ``gold`` (see the module docstring)."""
    gold, pred = Path(gold), Path(pred)
    _check_split(gold, pred, split)
    level = prediction_level(pred)
    predicted = dict(_unique_units(pred, split if pred.is_dir() else None, level, PREDICTED))
    if not predicted:
        raise InputError(
            f"{pred} holds no prediction rows",
            remedy="write one row per gold document or sentence, with an empty event list "
            "where the model predicts nothing",
        )
    scores = Scores(with_standard=True)
    seen: list[str] = []
    arguments = 0
    for key, events in _unique_units(gold, split, level, GOLD):
        seen.append(key)
        arguments += sum(len(e["arguments"]) for e in events)
        scores.compare(events, predicted.get(key, []))
    if level == SENTENCES and gold.is_dir():
        everything = _document_arguments(gold, split)
        scores.sentence_gap = (everything - arguments, everything)
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


def _document_arguments(folder: Path, split: str | None) -> int:
    """Arguments of the events of a dataset folder's documents rows (of ``split``)."""
    return sum(
        len(event.get("arguments") or [])
        for _, row in iter_located_documents(folder, split)
        for event in row.get("events") or []
    )


def _check_split(gold: Path, pred: Path, split: str | None) -> None:
    """``split`` picks rows of a dataset folder: with two files it would silently do nothing."""
    if split is not None and gold.is_file() and pred.is_file():
        raise InputError(
            f"--split {split} picks one split of a dataset folder, but {gold} and {pred} are "
            "files: every row of them would be scored",
            remedy="leave out --split, or pass the dataset folder as gold",
        )


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
        return SENTENCES if is_oneie_row(row) else DOCUMENTS
    return DOCUMENTS


def _unique_units(
    source: Path, split: str | None, level: str, side: str
) -> Iterator[tuple[str, list[Any]]]:
    """``(key, events)`` per row of ``source``; a key on two rows is an ``InputError``."""
    where_of: dict[str, str] = {}
    for where, key, events in _units(source, split, level, side):
        if key in where_of:
            raise InputError(
                f"{source}: {key!r} has two {side} rows ({where_of[key]} and {where})",
                remedy=f"write one {side} row per document or sentence, with all its events",
            )
        where_of[key] = where
        yield key, events


def _units(
    source: Path, split: str | None, level: str, side: str
) -> Iterator[tuple[str, str, list[Any]]]:
    if level == DOCUMENTS:
        yield from _documents(source, split, side)
    else:
        yield from _sentences(source, split, side)


def _documents(source: Path, split: str | None, side: str) -> Iterator[tuple[str, str, list[Any]]]:
    """``(where, doc_id, events)`` per row, after checking the fields the scorer reads."""
    for where, row in iter_located_documents(source, split):
        if is_oneie_row(row):
            raise InputError(f"{where} {_NOT_DOCUMENTS[side]}", remedy=_SENTENCE_ROW_REMEDY)
        problem = row_problem(row)
        if problem:
            raise InputError(f"{where}: {problem}", remedy=_REMEDY)
        if side == GOLD:
            _check_gold(where, row, "events")
        yield where, str(row["doc_id"]), row.get("events") or []


def _sentences(source: Path, split: str | None, side: str) -> Iterator[tuple[str, str, list[Any]]]:
    """``(where, sent_id, events)`` per OneIE row, arguments placed by their entity mention."""
    for where, row in iter_located_documents(source, split, SENTENCES):
        if isinstance(row, dict) and "events" in row and not is_oneie_row(row):
            raise InputError(
                f"{where} is a documents row, but the predictions are OneIE sentence rows",
                remedy="pass the dataset folder as gold (its sentences config is used) or the "
                "OneIE file `eventset convert --to oneie` wrote",
            )
        problem = oneie_problem(row)
        if problem:
            raise InputError(f"{where}: {problem}", remedy=_ONEIE_REMEDY)
        if side == GOLD:
            _check_gold(where, row, "event_mentions")
        yield where, str(row["sent_id"]), oneie_events(row)


def is_oneie_row(row: Any) -> bool:
    """True for a OneIE sentence row: it has ``sent_id`` or ``event_mentions``.

    Example:
        >>> is_oneie_row({"doc_id": "d1", "sent_id": "d1-0", "tokens": []})
        True
        >>> is_oneie_row({"doc_id": "d1", "text": "...", "events": []})
        False
    """
    return isinstance(row, dict) and ("sent_id" in row or "event_mentions" in row)


def _check_gold(where: str, row: dict[str, Any], field: str) -> None:
    """A gold row without its event list would count as one without events: refuse it."""
    if row.get(field) is None:
        raise InputError(
            f"{where}: the gold row has no {field!r}, so its events are unknown",
            remedy="pass the dataset folder (or one of its Parquet files) as gold, or gold rows "
            f"that list their events in {field!r}, an empty list where there are none",
        )


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
    """What a OneIE sentence row lacks for scoring, or None.

    Example:
        >>> oneie_problem({"sent_id": "d-0", "entity_mentions": [{"id": "e", "start": True,
        ...     "end": 1}]})
        "an entity mention has no string 'id' with integer 'start' and 'end'"
    """
    if not isinstance(row, dict) or row.get("sent_id") is None:
        return "the row has no 'sent_id'"
    entities = row.get("entity_mentions") or []
    problem = _entities_problem(entities)
    if problem:
        return problem
    ids = {m["id"] for m in entities}
    events = row.get("event_mentions") or []
    if not isinstance(events, list):
        return "'event_mentions' is not a list"
    for n, event in enumerate(events):
        problem = _mention_problem(event, ids)
        if problem:
            return f"event mention {n}{problem}"
    return None


def _entities_problem(entities: Any) -> str | None:
    """What the ``entity_mentions`` of a OneIE row lack, or None."""
    if not isinstance(entities, list) or not all(
        _span(m) and isinstance(m.get("id"), str) for m in entities
    ):
        return "an entity mention has no string 'id' with integer 'start' and 'end'"
    for mention in entities:
        problem = offsets_problem(mention)
        if problem:
            return f"entity mention {mention['id']!r} {problem}"
    return None


def _mention_problem(event: Any, ids: set[str]) -> str | None:
    """What one OneIE event mention lacks (the text follows ``event mention N``), or None."""
    if not isinstance(event, dict) or not isinstance(event.get("event_type"), str):
        return " has no 'event_type'"
    if not _span(event.get("trigger")):
        return " has no 'trigger' with integer 'start' and 'end'"
    problem = offsets_problem(event["trigger"])
    if problem:
        return f": trigger {problem}"
    arguments = event.get("arguments") or []
    if not isinstance(arguments, list) or not all(
        isinstance(a, dict) and isinstance(a.get("role"), str) for a in arguments
    ):
        return " has an argument without 'role'"
    for a in arguments:
        if a.get("entity_id") not in ids:
            return (
                f": argument entity_id {a.get('entity_id')!r} is not the id of one of the row's "
                "entity_mentions"
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
        problem = _event_problem(event)
        if problem:
            return f"event {n}{problem}"
    return None


def _event_problem(event: Any) -> str | None:
    """What one ``events`` item of a documents row lacks (the text follows ``event N``), or None."""
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return " has no 'type'"
    if not _span(event.get("trigger")):
        return " has no 'trigger' with integer 'start' and 'end'"
    arguments = event.get("arguments") or []
    if not isinstance(arguments, list) or not all(
        _span(a) and isinstance(a.get("role"), str) for a in arguments
    ):
        return " has an argument without 'role', 'start' and 'end'"
    spans = [("trigger", event["trigger"])] + [
        (f"argument {k}", a) for k, a in enumerate(arguments)
    ]
    for name, span in spans:
        problem = offsets_problem(span)
        if problem:
            return f": {name} {problem}"
    return None


def offsets_problem(span: dict[str, Any]) -> str | None:
    """What is wrong with the integer offsets of ``span`` (negative, end before start), or None.

    Example:
        >>> offsets_problem({"start": 4, "end": 2})
        'ends before it starts (start 4, end 2)'
    """
    start, end = span["start"], span["end"]
    if start < 0 or end < 0:
        return f"has a negative offset (start {start}, end {end})"
    if end < start:
        return f"ends before it starts (start {start}, end {end})"
    return None


def _span(value: Any) -> bool:
    """A dict with integer (not bool) ``start`` and ``end``."""
    return isinstance(value, dict) and all(
        isinstance(value.get(key), int) and not isinstance(value.get(key), bool)
        for key in ("start", "end")
    )
