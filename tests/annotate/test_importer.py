"""The importer's offline logic: which documents are new, duplicates and conflicting texts."""

from __future__ import annotations

from eventset.annotate.importer import ImportSummary, _new_documents
from eventset.annotate.tasks import Document, content_key


def _new(docs, existing=None):
    summary = ImportSummary()
    sent = list(_new_documents(docs, existing or {}, summary))
    return sent, summary


def test_documents_in_the_project_with_the_same_text_are_skipped():
    doc = Document("The army advanced.", "a", "en", source="news/a.txt")
    sent, summary = _new([doc], {"a": content_key("The army advanced.")})
    assert sent == [] and summary.already_present == 1 and summary.conflicts == {}
    assert summary.read == 1


def test_a_second_import_of_the_same_input_sends_nothing():
    docs = [Document("One.", "a"), Document("Two.", "b"), Document("Three.")]
    first, _ = _new(docs)
    assert [d.key for d in first] == ["a", "b", content_key("Three.")]
    stored = {d.key: content_key(d.text) for d in first}
    again, summary = _new(docs, stored)
    assert again == [] and summary.already_present == 3


def test_the_same_document_twice_in_the_input_is_a_duplicate():
    sent, summary = _new([Document("One.", "a"), Document("One.", "a")])
    assert [d.key for d in sent] == ["a"]
    assert summary.duplicate_in_input == 1 and summary.conflicts == {}
    assert summary.languages == {"": 1}


def test_an_id_with_another_text_in_the_input_is_a_conflict():
    docs = [Document("One.", "001", source="x/001.txt"), Document("Two.", "001", source="y.txt")]
    sent, summary = _new(docs)
    assert [d.text for d in sent] == ["One."]
    assert summary.duplicate_in_input == 0
    assert list(summary.conflicts) == ["001"]
    assert "y.txt" in summary.conflicts["001"] and "x/001.txt" in summary.conflicts["001"]
    assert "conflicting texts 1" in summary.describe()


def test_an_id_with_another_text_in_the_project_is_a_conflict_not_an_overwrite():
    sent, summary = _new([Document("New text.", "a")], {"a": content_key("Old text.")})
    assert sent == [] and summary.already_present == 0
    assert "already has doc id 'a' with a different text" in summary.conflicts["a"]
