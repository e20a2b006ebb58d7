"""Review 9: the note about stored model versions names only versions that were sent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from support.importclient import ImportRecorder

from eventset.annotate.importer import import_documents
from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
# No lexicon language (Italian, not detected): the lexicon gives it no prediction.
ITALIAN = "Ieri l'esercito ha lanciato nuove offensive vicino a Goma."
ENGLISH = "The army launched an offensive near Goma."


def _corpus(tmp_path: Path, doc_id: str, text: str) -> OneIEPreAnnotator:
    tokens = [*text.rstrip(".").split(), "."]
    trigger = next(i for i, t in enumerate(tokens) if t == "Offensive" or t == "offensive")
    record = {
        "doc_id": doc_id,
        "tokens": tokens,
        "entity_mentions": [],
        "event_mentions": [
            {
                "event_type": "MilitaryOperation",
                "trigger": {"start": trigger, "end": trigger + 1},
                "arguments": [],
            }
        ],
    }
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(record) + "\n")
    return OneIEPreAnnotator(path, ONTO)


def _import(tmp_path: Path, client: ImportRecorder, text: str, with_corpus: bool = True):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": text}) + "\n")
    predictors: list[Any] = [LexiconPreAnnotator(ONTO)]
    if with_corpus:
        predictors.append(_corpus(tmp_path, "d1", text))
    return import_documents(client, "demo", [docs], ONTO, preannotators=predictors)  # type: ignore[arg-type]


def test_one_version_sent_gives_no_note(tmp_path):
    client = ImportRecorder()
    summary = _import(tmp_path, client, ITALIAN)
    assert summary.languages == {"": 1}
    assert client.sent_versions() == {"oneie-corpus"}
    assert client.model_versions == ["oneie-corpus"]
    assert not [n for n in summary.notes if "model version" in n]
    # Italian has no lexicon: said, besides the (absent) version note
    assert [n for n in summary.notes if n.startswith("no lexicon pre-annotation for 1 document")]


def test_two_versions_sent_give_the_note(tmp_path):
    client = ImportRecorder()
    summary = _import(tmp_path, client, ENGLISH)
    assert client.sent_versions() == {"lexicon-conflict-news", "oneie-corpus"}
    [note] = summary.notes
    assert "annotators see the pre-annotations of model version 'oneie-corpus'" in note
    assert "'lexicon-conflict-news' are stored too" in note


def test_a_corpus_that_sent_nothing_is_not_the_version_shown(tmp_path):
    # Label Studio refuses a model version that no prediction has (HTTP 400): the corpus
    # matched no document, so the lexicon's version is the one shown, and nothing is noted.
    client = ImportRecorder()
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": ENGLISH, "lang": "en"}) + "\n")
    corpus = _corpus(tmp_path, "other", ENGLISH)
    summary = import_documents(
        client,  # type: ignore[arg-type]
        "demo",
        [docs],
        ONTO,
        preannotators=[LexiconPreAnnotator(ONTO), corpus],
    )
    assert client.sent_versions() == {"lexicon-conflict-news"}
    assert client.model_versions == ["lexicon-conflict-news"] == [summary.model_version]
    assert summary.notes == []  # English: a lexicon language, and one version sent


def test_the_version_shown_before_is_kept_and_the_sent_one_named(tmp_path):
    client = ImportRecorder("oneie-corpus")
    summary = _import(tmp_path, client, ENGLISH, with_corpus=False)
    assert client.model_versions == ["oneie-corpus"]
    [note] = summary.notes
    assert "'lexicon-conflict-news' are stored too" in note


def test_the_documents_without_a_lexicon_language_are_named_by_doc_id(tmp_path):
    client = ImportRecorder()
    summary = _import(tmp_path, client, ITALIAN, with_corpus=False)
    [note] = [n for n in summary.notes if n.startswith("no lexicon pre-annotation")]
    assert "(not detected=1: d1)" in note
    assert summary.describe().endswith("languages: not detected=1")
