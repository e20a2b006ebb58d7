"""Review 9 against a real Label Studio: a sync that drops an attribute annotations use, and
the model version shown when only one pre-annotator sent predictions."""

from __future__ import annotations

import json
from typing import Literal

import pytest

from eventset.annotate import sync
from eventset.annotate.importer import import_documents
from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.sync import parse_stamp, sync_project
from eventset.annotate.tasks import Document, choice_result, span_result, task_payload
from eventset.errors import LabelStudioError, OntologyError
from eventset.schema import Entity, Event, Ontology, Role, load_ontology

pytestmark = pytest.mark.labelstudio

TEXT = "Ann met Bob in Paris."


class Person(Entity):
    """A human being."""


class Meeting(Event):
    """People meet."""

    participant: list[Person] = Role("Who meets.")
    tense: Literal["past", "future"] = "past"


class MeetingNoTense(Event):
    """People meet (v2: no tense)."""

    participant: list[Person] = Role("Who meets.")


MeetingNoTense.__name__ = "Meeting"
V1 = Ontology(name="tensed", version=1, entities=[Person], events=[Meeting])
V2 = Ontology(name="tensed", version=2, entities=[Person], events=[MeetingNoTense])


def _tensed_meeting(client, project_id: int, draft: bool = False) -> None:
    [task_id] = client.import_tasks(project_id, [task_payload(Document(TEXT, doc_id="m"))])
    start = TEXT.index("met")
    result = [
        span_result("trigger", "t1", TEXT, start, start + 3, "Meeting"),
        choice_result("tense", "t1", TEXT, start, start + 3, "past"),
    ]
    if draft:
        client.create_draft(task_id, result)
    else:
        client.create_annotation(task_id, result)


@pytest.mark.parametrize("draft", [False, True], ids=["annotation", "draft"])
def test_dropping_an_attribute_in_use_is_refused_and_explained(
    labelstudio_server, ls_title, monkeypatch, draft
):
    client = labelstudio_server.client()
    created = sync_project(client, ls_title, V1)
    _tensed_meeting(client, created.project.id, draft)
    for force in (False, True):
        with pytest.raises(OntologyError) as refused:
            sync_project(client, ls_title, V2, force=force)
        assert "attribute 'tense': 'past' (used 1 time)" in refused.value.message
        assert "--force" not in str(refused.value.remedy)
    # What Label Studio itself answers, were the update sent: explained, naming the control.
    monkeypatch.setattr(sync, "vanished_controls", lambda *args: [])
    with pytest.raises(LabelStudioError) as rejected:
        sync_project(client, ls_title, V2, force=True)
    assert "Label Studio refused the new labeling config" in rejected.value.message
    assert "- attribute 'tense': 1 " in rejected.value.message
    assert "keep the attribute 'tense' in the ontology" in str(rejected.value.remedy)
    stored = client.get_project(created.project.id)
    assert parse_stamp(stored.description)[1] == "1" and 'name="tense"' in stored.label_config


def test_a_corpus_that_matched_no_document_is_not_made_the_shown_version(
    labelstudio_server, ls_title, tmp_path
):
    # Label Studio refuses a model version that no prediction has (HTTP 400, after the tasks
    # were imported): the version shown is one that predictions were sent with.
    onto = load_ontology("conflict-news")
    text = "The army launched an offensive near Goma."
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": text, "lang": "en"}) + "\n")
    record = {
        "doc_id": "other",
        "tokens": [*text.rstrip(".").split(), "."],
        "entity_mentions": [],
        "event_mentions": [
            {"event_type": "MilitaryOperation", "trigger": {"start": 4, "end": 5}, "arguments": []}
        ],
    }
    (tmp_path / "corpus.jsonl").write_text(json.dumps(record) + "\n")
    client = labelstudio_server.client()
    sync_project(client, ls_title, onto)
    corpus = OneIEPreAnnotator(tmp_path / "corpus.jsonl", onto)
    summary = import_documents(
        client, ls_title, [docs], onto, preannotators=[LexiconPreAnnotator(onto), corpus]
    )
    assert (summary.imported, summary.unmatched_corpus_docs) == (1, ["other"])
    assert summary.model_version == "lexicon-conflict-news" and summary.notes == []
    project = client.find_project(ls_title)
    assert project is not None and project.model_version == "lexicon-conflict-news"
