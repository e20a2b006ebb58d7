"""``build_batch``: the payloads ``eventset import`` sends, built with the collector paused."""

from __future__ import annotations

import gc

import pytest

from eventset.annotate.importer import ImportSummary
from eventset.annotate.payloads import build_batch
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.tasks import Document, task_payload
from eventset.schema import load_ontology

LEXICON = LexiconPreAnnotator(load_ontology("conflict-news"))
DOCS = [Document("Rebels took control.", "a", "en"), Document("Nothing here.", "b", "en")]


def test_payloads_carry_the_predictions_in_document_order():
    summary = ImportSummary()
    batch = build_batch(iter(DOCS), [LEXICON], None, summary)
    assert [doc for doc, _ in batch] == DOCS
    assert [payload for _, payload in batch] == [
        task_payload(doc, LEXICON.predictions(doc)) for doc in DOCS
    ]
    assert summary.with_predictions == 1 and summary.with_annotations == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_building_and_restored_after(enabled):
    seen = []

    def docs():
        seen.append(gc.isenabled())
        yield from DOCS

    (gc.enable if enabled else gc.disable)()
    try:
        build_batch(docs())
        assert seen == [False] and gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_collector_is_restored_when_a_preannotator_fails():
    class Broken:
        def predictions(self, doc):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        build_batch(DOCS, [Broken()])
    assert gc.isenabled()
