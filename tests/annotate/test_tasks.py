"""Task payloads, result items and doc-id keying."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventset.annotate.tasks import (
    Document,
    choice_result,
    content_key,
    prediction,
    region_id,
    relation_result,
    span_result,
    task_payload,
)


def test_payload_keeps_text_and_moves_metadata_under_meta():
    doc = Document("A\r\nB ", doc_id="d1", lang="en", meta={"title": "T", "url": "u"})
    task = task_payload(doc, predictions=[prediction("m1", [])])
    assert task == {
        "data": {
            "text": "A\r\nB ",
            "doc_id": "d1",
            "lang": "en",
            "meta": {"title": "T", "url": "u"},
        },
        "predictions": [{"model_version": "m1", "result": []}],
    }


def test_payload_without_id_is_keyed_by_content_hash():
    task = task_payload(Document("same text"))
    assert task["data"]["doc_id"] == content_key("same text")
    assert task["data"]["doc_id"].startswith("sha256-")
    assert content_key("same text") != content_key("same text ")
    assert "predictions" not in task and "annotations" not in task


def test_span_result_has_label_studio_shape():
    text = "🚀 Troops advanced."  # the emoji is 1 code point (2 UTF-16 units)
    start = text.index("advanced")
    item = span_result("trigger", "r1", text, start, start + 8, "MilitaryOperation", score=0.5)
    assert item == {
        "id": "r1",
        "from_name": "trigger",
        "to_name": "text",
        "type": "labels",
        "score": 0.5,
        "value": {"start": 9, "end": 17, "text": "advanced", "labels": ["MilitaryOperation"]},
    }


def test_choice_and_relation_results():
    assert choice_result("modality", "r1", "abc", 0, 1, "planned")["value"] == {
        "start": 0,
        "end": 1,
        "text": "a",
        "choices": ["planned"],
    }
    assert relation_result("a", "b", ["agent", "target"], "left") == {
        "type": "relation",
        "from_id": "a",
        "to_id": "b",
        "direction": "left",
        "labels": ["agent", "target"],
    }


def test_region_ids_are_deterministic_and_distinct():
    assert region_id("lex", 1, 5, "X") == region_id("lex", 1, 5, "X")
    assert region_id("lex", 1, 5, "X") != region_id("lex", 1, 6, "X")
    assert region_id("lex", 1, 5, "X") != region_id("lex", 1, 5, "Y")


@given(st.text(min_size=1), st.integers(0, 50), st.integers(0, 50))
def test_span_text_is_always_the_python_slice(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert span_result("entity", "r", text, start, end, "L")["value"]["text"] == text[start:end]
