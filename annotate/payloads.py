"""Task payloads of an import: each document with its predictions and annotations inline,
checked against the project's config and the ontology, spooled to disk or kept in a list.

Example:
    >>> from eventset.annotate.tasks import Document
    >>> [payload["data"]["text"] for _, payload in build_batch([Document("War.", "a")])]
    ['War.']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Protocol

from eventset.annotate.checks import task_problems
from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.parallel import with_predictions
from eventset.annotate.preannotate import PreAnnotator
from eventset.annotate.spool import TaskSpool
from eventset.annotate.tasks import Document, task_payload
from eventset.errors import InputError
from eventset.gcpause import cyclic_gc_paused
from eventset.schema import Ontology

MAX_REPORT_LINES = 200


class Counts(Protocol):
    """What payload building counts (``ImportSummary`` has these)."""

    with_predictions: int
    with_annotations: int


@dataclass
class _Counts:
    with_predictions: int = 0
    with_annotations: int = 0


@dataclass(frozen=True)
class Fit:
    """What a payload's results must fit: the project's config values and the ontology."""

    offered: dict[str, set[str]]
    ontology: Ontology

    def problems(self, doc: Document, payload: dict[str, Any]) -> list[str]:
        return task_problems(doc.text, payload, self.offered, self.ontology)


def build_batch(
    docs: Iterable[Document],
    preannotators: Sequence[PreAnnotator] = (),
    annotation_source: OneIEPreAnnotator | None = None,
    summary: Counts | None = None,
) -> list[tuple[Document, dict[str, Any]]]:
    """Each document with its task payload (predictions and annotations inline), in order,
    all in memory (``spool_payloads`` keeps them on disk instead).

    The cyclic garbage collector pauses meanwhile: payloads hold no reference cycles, yet with
    many of them in memory every full collection re-walked them all (bench/README.md).
    """
    summary = summary if summary is not None else _Counts()
    with cyclic_gc_paused():
        return [(doc, _payload(doc, preannotators, annotation_source, summary)) for doc in docs]


def spool_payloads(
    spool: TaskSpool,
    docs: Iterable[Document],
    preannotators: Sequence[PreAnnotator] = (),
    annotation_source: OneIEPreAnnotator | None = None,
    summary: Counts | None = None,
    fits: Fit | None = None,
) -> dict[str, list[str]]:
    """Add each document's task payload to ``spool``, in order; returns the problems of the
    payloads that do not ``fit`` (by file or doc id), for ``refuse_misfits``.

    Only one payload is in memory at a time, so memory does not grow with the documents.
    """
    summary = summary if summary is not None else _Counts()
    found: dict[str, list[str]] = {}
    with cyclic_gc_paused(), closing(with_predictions(docs, preannotators)) as predicted:
        for doc, predictions in predicted:
            payload = _with_annotations(doc, predictions, annotation_source, summary)
            if fits is not None and (problems := fits.problems(doc, payload)):
                found[doc.source or doc.key] = problems
            spool.add(payload)
    return found


def _payload(
    doc: Document,
    preannotators: Sequence[PreAnnotator],
    annotation_source: OneIEPreAnnotator | None,
    summary: Counts,
) -> dict[str, Any]:
    predictions = [p for annotator in preannotators for p in annotator.predictions(doc)]
    return _with_annotations(doc, predictions, annotation_source, summary)


def _with_annotations(
    doc: Document,
    predictions: list[dict[str, Any]],
    annotation_source: OneIEPreAnnotator | None,
    summary: Counts,
) -> dict[str, Any]:
    annotations = annotation_source.annotations(doc) if annotation_source else []
    summary.with_predictions += bool(predictions)
    summary.with_annotations += bool(annotations)
    return task_payload(doc, predictions, annotations)


def refuse_misfits(found: dict[str, list[str]]) -> None:
    # Label Studio stores whatever it is sent: refuse results that do not fit the project's
    # config or the ontology, listing every problem of every document at once.
    if not found:
        return
    lines = []
    for where, problems in found.items():
        lines.append(f"  {where} ({len(problems)}):")
        lines += [f"    - {problem}" for problem in problems]
    shown = lines[:MAX_REPORT_LINES]
    if len(lines) > len(shown):
        shown.append(f"  ... {len(lines) - len(shown)} more lines")
    total = sum(map(len, found.values()))
    raise InputError(
        f"{total} problems in the pre-annotations of {len(found)} documents; nothing was "
        "imported:\n" + "\n".join(shown),
        remedy="sync the project with the same ontology (eventset project sync), or fix the "
        "pre-annotator or the mapping file",
    )
