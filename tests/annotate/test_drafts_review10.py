"""Unsubmitted drafts are named in the issue report (kind ``draft_not_used``, severity info) with
the annotator's user id, never the e-mail address the export also holds; both parsers agree."""

from __future__ import annotations

import orjson
import pytest

from eventset.annotate.parse import parse_task
from eventset.annotate.values import draft_user
from eventset.annotate.wire import parse_line

EMAIL = "annotator2@example.com"
TASK = {
    "id": 4,
    "data": {"text": "Rebels attacked.", "doc_id": "d4"},
    "annotations": [{"id": 7, "completed_by": 1, "result": []}],
    "drafts": [
        {
            "id": 1,
            "user": EMAIL,
            "created_username": f"{EMAIL}, 3",
            "result": [],
            "annotation": None,
        },
        {"id": 2, "user": EMAIL, "created_username": f"{EMAIL}, 3", "result": [], "annotation": 7},
    ],
}


@pytest.mark.parametrize("parse", [parse_task, lambda raw: parse_line(orjson.dumps(raw), 0)])
def test_each_draft_is_named_with_its_annotator_and_the_annotation_it_edits(parse):
    task = parse(TASK)
    notes = [i for i in task.issues if i.kind == "draft_not_used"]
    assert [(i.severity, i.dropped, i.doc_id, i.task_id) for i in notes] == [
        ("info", "annotation", "d4", 4)
    ] * 2
    assert [i.annotation_id for i in notes] == [None, 7]
    assert all("by annotator 3 is not used" in i.message for i in notes)
    assert "submitted version of annotation 7 is used" in notes[1].message
    assert all(EMAIL not in str(i) for i in notes)
    assert task.drafts == 2


def test_the_first_pass_does_not_note_drafts():
    assert not parse_task(TASK, annotations=False).issues


@pytest.mark.parametrize(
    ("draft", "user"),
    [
        ({"created_username": f"{EMAIL}, 12"}, "12"),
        ({"user": EMAIL}, "unknown"),
        ({"user": 5}, "5"),
        ({"completed_by": {"id": 9, "email": EMAIL}}, "9"),
        ({}, "unknown"),
    ],
)
def test_the_user_id_never_the_address(draft, user):
    assert draft_user(draft) == user
