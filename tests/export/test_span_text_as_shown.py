"""Spans drawn in Label Studio's labeling page keep their offsets but store the text as shown.

The stored texts below were recorded from Label Studio 1.23's page driven in Chromium: a line
break stored as the two characters ``\\`` ``n`` (``\\r\\n`` as two of them), runs of spaces and
tabs as one space, a line break past the end of a span dragged into the next line.
"""

from __future__ import annotations

import pytest
from export_helpers import annotation, find, relation, task

from eventset.annotate.parse import parse_task
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")


def _resolve(text, items):
    parsed = parse_task(task(1, "d", text, [annotation(1, 1, items)]))
    return resolve_annotation(parsed, parsed.annotations[0], ONTO)


def _shown(item, stored):
    item["value"]["text"] = stored
    return item


@pytest.mark.parametrize(
    ("text", "words", "stored"),
    [
        (
            "Forces began the siege of\r\nKherson at dawn.",
            "siege of\r\nKherson",
            "siege of\\n\\nKherson",
        ),
        (
            "Rebels took the\nnorthern city of Aleppo.",
            "the\nnorthern city of Aleppo",
            "the\\nnorthern city of Aleppo",
        ),
        ("The envoy met Lee   Wong in Oslo.", "Lee   Wong", "Lee Wong"),
        ("Officials said Anna\tBerg resigned.", "Anna\tBerg", "Anna Berg"),
        ("Troops entered Kherson.\nTalks began.", "Kherson.", "Kherson.\\n"),
    ],
)
def test_the_document_text_is_used_and_the_mention_kept(text, words, stored):
    entity = _shown(find("e1", "entity", text, words, "Location"), stored)
    resolved = _resolve(text, [entity])
    [kept] = resolved.entities
    start = text.index(words)
    assert (kept.text, kept.start, kept.end) == (words, start, start + len(words))
    [issue] = resolved.issues
    assert (issue.kind, issue.severity, issue.dropped) == ("span_text_as_shown", "info", "nothing")
    assert repr(words) in issue.message


def test_a_trigger_shown_across_a_line_break_keeps_its_arguments():
    text = "Russian forces launched an\noffensive on Kharkiv."
    trigger = _shown(
        find("t1", "trigger", text, "launched an\noffensive", "MilitaryOperation"),
        "launched an\\noffensive",
    )
    agent = find("e1", "entity", text, "Russian forces", "ArmedGroup")
    resolved = _resolve(text, [trigger, agent, relation("t1", "e1", "agent")])
    [event] = resolved.events
    assert event.trigger.text == "launched an\noffensive"
    assert [(a.role, a.text) for a in event.arguments] == [("agent", "Russian forces")]


@pytest.mark.parametrize(
    ("text", "words", "stored"),
    [
        ("The envoy met Lee   Wong in Oslo.", "Lee   Wong", "Lee Wang"),  # a letter differs
        ("The envoy met Lee   Wong in Oslo.", "Lee   Wong", "LeeWong"),  # a space missing
        ("Troops entered Kherson.\nTalks began.", "Kherson.", "Kherson.\\nTalks"),  # more words
    ],
)
def test_other_differences_are_still_refused(text, words, stored):
    entity = _shown(find("e1", "entity", text, words, "Location"), stored)
    resolved = _resolve(text, [entity])
    assert resolved.entities == []
    assert [i.kind for i in resolved.issues] == ["span_text_mismatch"]


def test_a_span_of_whitespace_shown_as_a_line_break_is_still_blank():
    text = "Talks began.\n\nThey ended."
    blank = _shown(find("e1", "entity", text, "\n\n", "Location"), "\\n\\n")
    resolved = _resolve(text, [blank])
    assert resolved.entities == []
    assert [i.kind for i in resolved.issues] == ["span_blank"]


def test_issues_of_spans_come_in_region_order():
    text = "Troops entered Kherson . Talks began in Oslo ."
    first = find("e1", "entity", text, "Kherson ", "Location")  # trimmed
    blank = find("e2", "entity", text, "Troops", "Location")
    blank["value"].update(start=6, end=7, text=" ")  # only whitespace
    last = find("e3", "entity", text, "Oslo ", "Location")  # trimmed
    resolved = _resolve(text, [first, blank, last])
    assert [(i.kind, i.region_id) for i in resolved.issues] == [
        ("span_trimmed", "e1"),
        ("span_blank", "e2"),
        ("span_trimmed", "e3"),
    ]
