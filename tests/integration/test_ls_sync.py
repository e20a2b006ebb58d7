"""Project sync against a real Label Studio: create, no-op, update, refused orphaning, --force."""

from __future__ import annotations

import pytest
from ontologies import (
    TINY_V1,
    TINY_V1B,
    TINY_V2,
    TINY_V2B,
    TINY_V3,
    TINY_V4,
    TINY_V5,
    TINY_V6,
)

from eventset.annotate.config import build_label_config
from eventset.annotate.sync import parse_stamp, sync_project
from eventset.annotate.tasks import (
    Document,
    choice_result,
    prediction,
    relation_result,
    span_result,
    task_payload,
)
from eventset.errors import OntologyError

pytestmark = pytest.mark.labelstudio

TEXT = "Ann met Bob in Paris and flew to Rome."


def test_sync_creates_then_is_idempotent(labelstudio_server, ls_title):
    client = labelstudio_server.client()
    first = sync_project(client, ls_title, TINY_V1)
    again = sync_project(client, ls_title, TINY_V1)
    assert (first.action, again.action) == ("created", "unchanged")
    assert again.project.id == first.project.id
    stored = client.get_project(first.project.id)
    assert stored.label_config.strip() == build_label_config(TINY_V1).strip()
    assert parse_stamp(stored.description) == ("tiny", "1", TINY_V1.content_hash)


def test_sync_updates_config_when_ontology_changes(labelstudio_server, ls_title):
    client = labelstudio_server.client()
    sync_project(client, ls_title, TINY_V1)
    result = sync_project(client, ls_title, TINY_V1B)
    assert result.action == "updated"
    stored = client.get_project(result.project.id)
    assert 'value="Org"' in stored.label_config
    assert parse_stamp(stored.description) == ("tiny", "1b", TINY_V1B.content_hash)


def _annotate_meeting(client, project_id: int) -> None:
    [task_id] = client.import_tasks(project_id, [task_payload(Document(TEXT, doc_id="m1"))])
    start = TEXT.index("met")
    place = TEXT.index("Paris")
    client.create_annotation(
        task_id,
        [
            span_result("trigger", "t1", TEXT, start, start + 3, "Meeting"),
            span_result("entity", "e1", TEXT, place, place + 5, "Place"),
            relation_result("t1", "e1", ["venue"]),
        ],
    )


def test_sync_refuses_to_orphan_labels_in_use_unless_forced(labelstudio_server, ls_title):
    client = labelstudio_server.client()
    created = sync_project(client, ls_title, TINY_V1)
    _annotate_meeting(client, created.project.id)
    with pytest.raises(OntologyError) as refused:
        sync_project(client, ls_title, TINY_V2)
    message = str(refused.value)
    assert "trigger 'Meeting' (used 1 time)" in message
    assert "relation 'venue' (used 1 time)" in message
    assert "--force" in message
    unchanged = client.get_project(created.project.id)
    assert parse_stamp(unchanged.description)[1] == "1", "a refused sync must not touch the project"
    forced = sync_project(client, ls_title, TINY_V2, force=True)
    assert forced.action == "updated"
    assert {(o.tag, o.value) for o in forced.forced_orphans} == {
        ("trigger", "Meeting"),
        ("relation", "venue"),
    }
    assert 'value="Meeting"' not in client.get_project(created.project.id).label_config
    # What the forced update took away is not the next update's doing: no refusal over it.
    later = sync_project(client, ls_title, TINY_V2B)
    assert (later.action, later.forced_orphans) == ("updated", ())


def test_a_refused_key_on_a_raw_request_says_how_to_fix_the_key(labelstudio_server, ls_project):
    from eventset.annotate.client import LabelStudioClient
    from eventset.annotate.connection import Connection
    from eventset.errors import LabelStudioError

    project = ls_project("key")
    wrong = LabelStudioClient(Connection(labelstudio_server.url, "not-the-key-0123456789"))
    # iter_tasks goes through the raw httpx request, not an SDK method.
    with pytest.raises(LabelStudioError, match="HTTP 401") as refused:
        list(wrong.iter_tasks(project.id))
    assert "the API key was refused: check it, and that legacy tokens" in str(refused.value)
    assert labelstudio_server.api_key not in str(refused.value)


def test_sync_names_arguments_a_new_ontology_would_not_allow(labelstudio_server, ls_title):
    # the relation label 'venue' and the type 'Place' stay in the config (Travel has them), so
    # only the per-event-type view finds that the annotation's argument would be left out; such
    # arguments may be old mistakes (Label Studio allows any), so they warn instead of refusing
    client = labelstudio_server.client()
    created = sync_project(client, ls_title, TINY_V1)
    _annotate_meeting(client, created.project.id)
    assert sync_project(client, ls_title, TINY_V1).refused_arguments == ()
    expected = {
        TINY_V3: ("role", "Meeting.venue"),
        TINY_V4: ("role filler", "Meeting.venue <- Place"),
    }
    for ontology, orphan in expected.items():
        result = sync_project(client, ls_title, ontology)
        assert result.action == "updated"
        assert [(o.tag, o.value, o.count) for o in result.refused_arguments] == [(*orphan, 1)]


def test_sync_warns_when_pre_annotations_use_a_label_it_drops(labelstudio_server, ls_title):
    client = labelstudio_server.client()
    created = sync_project(client, ls_title, TINY_V1)
    start = TEXT.index("met")
    guess = prediction(
        "lexicon-test", [span_result("trigger", "p1", TEXT, start, start + 3, "Meeting")]
    )
    client.import_tasks(created.project.id, [task_payload(Document(TEXT, doc_id="p"), [guess])])
    result = sync_project(client, ls_title, TINY_V2)  # no annotation uses Meeting: not refused
    assert result.action == "updated"
    assert [(o.tag, o.value, o.count) for o in result.stale_predictions] == [
        ("trigger", "Meeting", 1)
    ]


def test_sync_refuses_to_take_an_attribute_from_a_type_whose_triggers_use_it(
    labelstudio_server, ls_title
):
    client = labelstudio_server.client()
    created = sync_project(client, ls_title, TINY_V5)
    [task_id] = client.import_tasks(created.project.id, [task_payload(Document(TEXT, doc_id="a"))])
    start = TEXT.index("met")
    client.create_annotation(
        task_id,
        [
            span_result("trigger", "t1", TEXT, start, start + 3, "Meeting"),
            choice_result("modality", "t1", TEXT, start, start + 3, "planned"),
        ],
    )
    with pytest.raises(OntologyError) as refused:  # Travel keeps modality: the value stays offered
        sync_project(client, ls_title, TINY_V6)
    assert "attribute 'Meeting.modality=planned' (used 1 time)" in str(refused.value)
    forced = sync_project(client, ls_title, TINY_V6, force=True)
    assert [(o.tag, o.value) for o in forced.forced_orphans] == [
        ("attribute", "Meeting.modality=planned")
    ]
