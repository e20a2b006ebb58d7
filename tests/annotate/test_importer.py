"""The importer's offline logic: which documents are new, duplicates and conflicting texts."""

from __future__ import annotations

import pytest

from eventset.annotate.client import ProjectInfo
from eventset.annotate.importer import ImportSummary, _check_stamp, _new_documents
from eventset.annotate.sync import stamp
from eventset.annotate.tasks import Document, content_key
from eventset.errors import InputError
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")


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


def test_one_text_under_two_ids_in_the_input_is_imported_twice_with_a_warning():
    docs = [
        Document("Farmers marched.", "velden", source="txt/velden.txt"),
        Document("Farmers marched.", "velden_copy", source="txt/velden_copy.txt"),
        Document("Other text.", "other"),
    ]
    sent, summary = _new(docs)
    assert [d.key for d in sent] == ["velden", "velden_copy", "other"]
    (warning,) = summary.warnings
    assert warning.startswith("txt/velden_copy.txt: this import read the same text already")
    assert "'velden'" in warning and "two documents" in warning


def test_an_id_with_another_text_in_the_input_is_a_conflict():
    docs = [Document("One.", "001", source="x/001.txt"), Document("Two.", "001", source="y.txt")]
    sent, summary = _new(docs)
    assert [d.text for d in sent] == ["One."]
    assert summary.duplicate_in_input == 0
    assert list(summary.conflicts) == ["001"]
    (reason,) = summary.conflicts["001"]
    assert "y.txt" in reason and "x/001.txt" in reason
    assert "conflicting texts 1" in summary.describe()


def test_every_document_in_conflict_is_listed_even_with_the_same_id():
    docs = [Document(text, "d", source=f"line {n}") for n, text in enumerate("xyz", 1)]
    sent, summary = _new(docs)
    assert [d.text for d in sent] == ["x"]
    assert [r.split(":")[0] for r in summary.conflicts["d"]] == ["line 2", "line 3"]
    assert "conflicting texts 2" in summary.describe()


def test_an_id_with_another_text_in_the_project_is_a_conflict_not_an_overwrite():
    sent, summary = _new([Document("New text.", "a")], {"a": content_key("Old text.")})
    assert sent == [] and summary.already_present == 0
    assert "already has doc id 'a' with a different text" in summary.conflicts["a"][0]


def _project(ontology) -> ProjectInfo:
    return ProjectInfo(7, "demo", f"Our news.\n{stamp(ontology)}", "<View/>")


def test_a_project_of_another_ontology_is_refused_naming_both():
    project = ProjectInfo(7, "demo", "eventset ontology: tiny v2 sha256:" + "ab" * 32, "")
    with pytest.raises(InputError) as refused:
        _check_stamp(project, ONTO, ImportSummary(), force=False)
    message = str(refused.value)
    assert "synced from ontology tiny v2 (abababababab)" in message
    assert f"this import uses conflict-news v{ONTO.version} ({ONTO.short_hash})" in message
    assert "another ontology (tiny)" in message
    # the user's ontology option first; moving the project to this ontology only as a choice
    assert message.index("pass the project's ontology (tiny v2) with --ontology") < message.index(
        "only if the project should move to this one, run `eventset project sync"
    )
    assert "--force" in message


def test_force_turns_the_refusal_into_a_warning_and_a_matching_stamp_passes():
    project = ProjectInfo(7, "demo", "eventset ontology: tiny v2 sha256:" + "ab" * 32, "")
    summary = ImportSummary()
    _check_stamp(project, ONTO, summary, force=True)
    assert len(summary.warnings) == 1 and "imported anyway (--force)" in summary.warnings[0]
    for fine in (_project(ONTO), ProjectInfo(7, "demo", "made by hand", "")):
        quiet = ImportSummary()
        _check_stamp(fine, ONTO, quiet, force=False)
        assert quiet.warnings == []


def test_unmatched_corpus_documents_are_listed():
    summary = ImportSummary(unmatched_corpus_docs=["d9", "x/d1"])
    assert summary.describe().endswith("; corpus documents matching no input document 2: d9, x/d1")
    read: set[str] = set()
    list(_new_documents([Document("One.", "a"), Document("One.", "a")], {}, ImportSummary(), read))
    assert read == {"a"}


def test_misfits_of_every_document_are_reported_together():
    from eventset.annotate.config import build_label_config
    from eventset.annotate.payloads import Fit, refuse_misfits, spool_payloads
    from eventset.annotate.spool import TaskSpool
    from eventset.annotate.sync import config_values
    from eventset.annotate.tasks import relation_result, span_result

    fits = Fit(config_values(build_label_config(ONTO)), ONTO)
    text = "Rebels attacked Goma."
    good = [span_result("trigger", "t", text, 7, 15, "MilitaryOperation")]
    bad = [*good, span_result("entity", "g", text, 16, 20, "Location")]
    bad.append(relation_result("t", "g", ["agent"]))
    docs = [Document(text, f"d{n}", source=f"news/d{n}.txt") for n in range(4)]
    results = dict(zip(["d0", "d1", "d2", "d3"], [good, bad, good, bad], strict=True))

    class Given:
        model_version = "m"

        def predictions(self, doc: Document) -> list[dict[str, object]]:
            return [{"model_version": "m", "result": results[doc.key]}]

    with TaskSpool(1 << 20) as spool:
        found = spool_payloads(spool, docs, [Given()], fits=fits)
        assert len(spool) == 4  # every payload is built; refusing is the caller's part
    with pytest.raises(InputError) as refused:
        refuse_misfits(found)
    message = str(refused.value)
    assert message.startswith("2 problems in the pre-annotations of 2 documents; nothing was")
    assert "news/d1.txt (1):" in message and "news/d3.txt (1):" in message
    assert "news/d0.txt" not in message
    assert "MilitaryOperation.agent does not accept Location" in message
    with TaskSpool(1 << 20) as spool:
        refuse_misfits(spool_payloads(spool, docs[:1], [Given()], fits=fits))


@pytest.mark.parametrize("as_annotations", [False, True])
def test_unmatched_corpus_documents_are_listed_for_predictions_too(tmp_path, as_annotations):
    import json

    from eventset.annotate.importer import _account_sources
    from eventset.annotate.oneie import OneIEPreAnnotator

    corpus = tmp_path / "corpus.jsonl"
    records = [{"doc_id": d, "tokens": ["Goma"]} for d in ("a", "Emoji1")]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    source = OneIEPreAnnotator(corpus, ONTO)
    summary = ImportSummary()
    sources = [source, None] if not as_annotations else [None, source]  # preannotator or not
    _account_sources(summary, sources, read_keys={"a", "emoji1"})
    assert summary.unmatched_corpus_docs == ["Emoji1"]


def test_a_known_text_under_a_new_id_is_imported_with_a_warning():
    # import news/ stored "2024/001"; import news/2024 reads the same file as "001"
    sent, summary = _new(
        [Document("Talks began.", "001", source="news/2024/001.txt")],
        {"2024/001": content_key("Talks began.")},
    )
    assert [d.key for d in sent] == ["001"]
    (warning,) = summary.warnings
    assert "has this text already, as doc id '2024/001'" in warning


def test_an_edited_ontology_under_the_same_version_is_named_as_such():
    project = ProjectInfo(
        7, "demo", f"eventset ontology: {ONTO.name} v{ONTO.version} sha256:" + "00" * 32, ""
    )
    with pytest.raises(InputError) as refused:
        _check_stamp(project, ONTO, ImportSummary(), force=False)
    # the import's ontology is the built-in as shipped: the project's is the edited copy
    assert "an edited copy of the built-in conflict-news" in str(refused.value)
    assert "the same name and version, other content" in str(refused.value)
    assert "pass that copy with --ontology path/to/file.py" in str(refused.value)


def test_documents_in_a_language_without_a_lexicon_are_named():
    from collections import Counter

    from eventset.annotate.importer import ImportSummary, _note_languages_without_lexicon

    summary = ImportSummary()
    summary.languages = Counter({"en": 4, "de": 2, "fra": 1, "": 7})
    summary.language_docs = {
        "": ["u1", "u2", "u3", "u4", "u5"],
        "de": ["g1", "g2"],
        "fra": ["f1"],
        "en": ["e1"],
    }
    _note_languages_without_lexicon(summary, ("en", "nl"))
    [note] = summary.notes
    assert note.startswith(
        "no lexicon pre-annotation for 10 document(s) (not detected=7: u1, u2, u3, u4, u5 and "
        "2 more; de=2: g1, g2; fra=1: f1)"
    )
    assert "cover en, nl" in note
    quiet = ImportSummary()
    quiet.languages = Counter({"en": 1, "nld": 2})  # ISO 639-2 codes reduce to a lexicon's
    _note_languages_without_lexicon(quiet, ("en", "nl"))
    assert quiet.notes == []


def test_many_repeated_texts_are_named_up_to_a_limit_and_counted():
    from eventset.annotate.importer import SHOWN_REPEATS

    docs = [Document("Boilerplate notice.", f"d{n}") for n in range(SHOWN_REPEATS + 6)]
    sent, summary = _new(docs)
    assert len(sent) == SHOWN_REPEATS + 6  # all imported, each as a document of its own
    named = [w for w in summary.warnings if "read the same text already" in w]
    assert len(named) == SHOWN_REPEATS
    assert summary.warnings[-1].startswith("... and 5 more documents whose text")
