"""Lexicon predictions matched in a worker process are those of one process, in order, with the
other pre-annotators' around them; a failure in the worker reaches the caller."""

from __future__ import annotations

import pytest

from eventset.annotate import parallel
from eventset.annotate.importer import ImportSummary
from eventset.annotate.payloads import build_batch, spool_payloads
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.spool import TaskSpool
from eventset.annotate.tasks import Document
from eventset.pool import WORKERS_ENV
from eventset.schema import load_ontology

LEXICON = LexiconPreAnnotator(load_ontology("conflict-news"))
TEXTS = [
    ("Rebels attacked Goma and took control of the airport.", "en"),
    ("Het leger valt de stad morgen aan. De top werd uitgesteld.", "nl"),
    ("Die Armee griff die Stadt an. Die Gespräche scheiterten.", "de"),
    ("Nothing happened here.", "en"),
]
DOCS = [Document(t, f"d{n}", lang) for n, (t, lang) in enumerate(TEXTS * 150)]  # 600


class Marker:
    """Another pre-annotator, run in the importing process between two lexicon runs."""

    model_version = "marker"

    def predictions(self, doc: Document) -> list[dict[str, object]]:
        return [{"model_version": "marker", "result": [], "doc": doc.key}]


def _payloads(monkeypatch: pytest.MonkeyPatch, workers: str, preannotators: list) -> list:
    monkeypatch.setenv(WORKERS_ENV, workers)
    summary = ImportSummary()
    with TaskSpool(1 << 26) as spool:
        spool_payloads(spool, iter(DOCS), preannotators, None, summary)
        return [*spool, summary.with_predictions]


def test_a_worker_gives_what_one_process_gives(monkeypatch):
    chosen = [LEXICON, Marker(), LEXICON]
    alone = _payloads(monkeypatch, "0", chosen)
    assert _payloads(monkeypatch, "1", chosen) == alone
    expected = [payload for _, payload in build_batch(DOCS, chosen)]
    assert alone[:-1] == expected and alone[-1] == len(DOCS)
    # every lexicon run's regions are there, around the marker
    first = alone[0]["predictions"]
    assert [p["model_version"] for p in first] == [LEXICON.model_version, "marker"] * 1 + [
        LEXICON.model_version
    ]


def test_documents_are_read_only_a_few_chunks_ahead(monkeypatch):
    monkeypatch.setenv(WORKERS_ENV, "1")
    read = 0

    def counted():
        nonlocal read
        for doc in DOCS:
            read += 1
            yield doc

    stream = parallel.with_predictions(counted(), [LEXICON])
    next(stream)
    most = parallel.PARALLEL_MIN_DOCS + (parallel.AHEAD + 1) * parallel.CHUNK
    assert parallel.PARALLEL_MIN_DOCS <= read <= most < len(DOCS)
    stream.close()


def test_a_failure_in_the_worker_reaches_the_caller(monkeypatch):
    class Broken(LexiconPreAnnotator):
        def predictions(self, doc: Document) -> list[dict[str, object]]:
            raise RuntimeError(f"cannot match {doc.key}")

    monkeypatch.setenv(WORKERS_ENV, "1")
    with pytest.raises(RuntimeError, match="cannot match d0"):
        list(parallel.with_predictions(DOCS, [Broken(load_ontology("conflict-news"))]))
