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

from pathlib import Path
from typing import Any

from eventset.errors import InputError
from eventset.export.load import iter_documents
from eventset.export.scoring import Scores


def score_files(gold: str | Path, pred: str | Path, split: str | None = None) -> Scores:
    """Scores of ``pred`` against ``gold`` (see the module docstring)."""
    predicted: dict[str, list[dict[str, Any]]] = {}
    for row in iter_documents(pred, split if Path(pred).is_dir() else None):
        predicted[row["doc_id"]] = row.get("events") or []
    scores = Scores()
    seen = set()
    for row in iter_documents(gold, split):
        seen.add(row["doc_id"])
        scores.compare(row.get("events") or [], predicted.get(row["doc_id"], []))
    unknown = sorted(set(predicted) - seen)
    if unknown and not seen & set(predicted):
        raise InputError(
            f"no predicted doc_id matches a gold one (e.g. {unknown[0]!r})",
            remedy="predict on the gold documents and keep their doc_id values",
        )
    return scores
