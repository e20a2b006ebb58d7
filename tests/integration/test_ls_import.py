"""Import into a real Label Studio: txt, JSONL and HF inputs, pre-annotations, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventset.annotate.importer import import_documents
from eventset.annotate.oneie import Mapping, OneIEPreAnnotator
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.sync import sync_project
from eventset.annotate.tasks import relation_result, span_result
from eventset.schema import load_ontology

pytestmark = pytest.mark.labelstudio

ONTO = load_ontology("conflict-news")
NL_TEXT = "🚀 Het leger begon woensdag een offensief.\r\nDe gevechten duurden tot de avond.\r\n"
EN_TEXT = "“Rebels seized the airport,” officials said; fighting continued."


@pytest.fixture
def project_title(labelstudio_server, ls_title) -> str:
    sync_project(labelstudio_server.client(), ls_title, ONTO)
    return ls_title


def _inputs(folder: Path) -> list[Path]:
    (folder / "news").mkdir()
    (folder / "news" / "nl-001.txt").write_text(NL_TEXT, encoding="utf-8", newline="")
    records = [
        {"text": EN_TEXT, "doc_id": "en-001", "title": "Airport", "url": "https://x.test/1"},
        {"text": "The summit was held in Genève.", "published": "2024-05-01"},
    ]
    jsonl = folder / "more.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return [folder / "news", jsonl]


def _tasks_by_doc(client, project_id: int) -> dict[str, dict]:
    return {t["data"]["doc_id"]: t for t in client.iter_tasks(project_id)}


def test_import_txt_and_jsonl_with_lexicon_predictions(labelstudio_server, project_title, tmp_path):
    client = labelstudio_server.client()
    lexicon = LexiconPreAnnotator(ONTO)
    summary = import_documents(
        client, project_title, _inputs(tmp_path), ONTO, preannotators=[lexicon]
    )
    assert (summary.read, summary.imported, summary.already_present) == (3, 3, 0)
    assert summary.with_predictions == 3
    project = client.find_project(project_title)
    tasks = _tasks_by_doc(client, project.id)
    assert set(tasks) >= {"nl-001", "en-001"} and len(tasks) == 3
    nl = tasks["nl-001"]
    assert nl["data"]["text"] == NL_TEXT, "text must survive byte-for-byte (\\r\\n, emoji)"
    assert nl["data"]["lang"] == "nl"
    assert tasks["en-001"]["data"]["meta"] == {"title": "Airport", "url": "https://x.test/1"}
    raw_project = client._sdk.projects.get(id=project.id)
    assert raw_project.model_version == lexicon.model_version
    assert raw_project.show_collab_predictions is True
    [prediction] = client.list_predictions(nl["id"])
    assert prediction["model_version"] == "lexicon-conflict-news"
    spans = {(r["value"]["text"], r["value"]["labels"][0]) for r in prediction["result"]}
    assert spans == {("offensief", "MilitaryOperation"), ("gevechten", "ArmedClash")}
    for item in prediction["result"]:
        assert NL_TEXT[item["value"]["start"] : item["value"]["end"]] == item["value"]["text"]


def test_reimport_adds_nothing(labelstudio_server, project_title, tmp_path):
    client = labelstudio_server.client()
    inputs = _inputs(tmp_path)
    import_documents(client, project_title, inputs, ONTO)
    again = import_documents(client, project_title, inputs, ONTO)
    assert (again.read, again.imported, again.already_present) == (3, 0, 3)
    project = client.find_project(project_title)
    assert len(list(client.iter_tasks(project.id))) == 3


def test_import_hf_dataset_with_text_field(labelstudio_server, project_title, tmp_path):
    import datasets

    rows = {
        "body": ["Troops were deployed to the border.", "Het leger trok zich terug."],
        "doc_id": ["hf-1", "hf-2"],
        "source": ["wire", "krant"],
    }
    datasets.Dataset.from_dict(rows).save_to_disk(str(tmp_path / "ds"))
    client = labelstudio_server.client()
    summary = import_documents(
        client,
        project_title,
        [str(tmp_path / "ds")],
        ONTO,
        text_field="body",
        preannotators=[LexiconPreAnnotator(ONTO)],
    )
    assert summary.imported == 2 and summary.with_predictions == 1
    tasks = _tasks_by_doc(client, client.find_project(project_title).id)
    assert tasks["hf-1"]["data"]["text"] == rows["body"][0]
    assert tasks["hf-2"]["data"]["meta"] == {"source": "krant"}
    assert (tasks["hf-1"]["data"]["lang"], tasks["hf-2"]["data"]["lang"]) == ("en", "nl")


def test_oneie_corpus_imported_as_annotations(labelstudio_server, project_title, tmp_path):
    text = "Rebels attacked Goma ."
    record = {
        "doc_id": "oie-1",
        "tokens": text.split(),
        "entity_mentions": [
            {"id": "e1", "entity_type": "REB", "start": 0, "end": 1},
            {"id": "e2", "entity_type": "Location", "start": 2, "end": 3},
        ],
        "event_mentions": [
            {
                "id": "ev1",
                "event_type": "Conflict:Attack",
                "trigger": {"start": 1, "end": 2},
                "arguments": [
                    {"entity_id": "e1", "role": "Attacker"},
                    {"entity_id": "e2", "role": "Place"},
                ],
            }
        ],
    }
    corpus_path = tmp_path / "corpus.jsonl"
    corpus_path.write_text(json.dumps(record) + "\n")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"doc_id": "oie-1", "text": text}) + "\n")
    mapping = Mapping(
        {"Conflict:Attack": "MilitaryOperation"},
        {"REB": "ArmedGroup"},
        {"Attacker": "agent", "Place": "place"},
    )
    corpus = OneIEPreAnnotator(corpus_path, ONTO, mapping)
    client = labelstudio_server.client()
    summary = import_documents(
        client, project_title, [tmp_path / "docs.jsonl"], ONTO, annotation_source=corpus
    )
    assert summary.with_annotations == 1 and not summary.dropped
    export = json.loads(b"".join(client.export_raw(client.find_project(project_title).id)))
    [annotation] = export[0]["annotations"]
    # not ground truth, which would outrank an annotator's correction in every policy
    assert annotation["ground_truth"] is False
    relations = {
        (r["from_id"], r["to_id"], tuple(r["labels"]))
        for r in annotation["result"]
        if r["type"] == "relation"
    }
    regions = {r["id"]: r["value"]["text"] for r in annotation["result"] if "value" in r}
    assert {(regions[a], regions[b], labels) for a, b, labels in relations} == {
        ("attacked", "Rebels", ("agent",)),
        ("attacked", "Goma", ("place",)),
    }


class _WrongLabels:
    """A pre-annotator for another ontology: its label is not in the project's config."""

    model_version = "other-model-v1"

    def predictions(self, doc):
        return [
            {
                "model_version": self.model_version,
                "result": [
                    {
                        "id": "x1",
                        "from_name": "trigger",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": 0,
                            "end": 3,
                            "text": doc.text[:3],
                            "labels": ["Bombing"],
                        },
                    }
                ],
            }
        ]


def test_predictions_that_do_not_fit_the_config_are_refused(
    labelstudio_server, project_title, tmp_path
):
    from eventset.errors import InputError

    client = labelstudio_server.client()
    with pytest.raises(InputError, match="trigger has no label 'Bombing'") as refused:
        import_documents(
            client, project_title, _inputs(tmp_path), ONTO, preannotators=[_WrongLabels()]
        )
    assert "other-model-v1" in str(refused.value)
    assert list(client.iter_tasks(client.find_project(project_title).id)) == []


def test_task_listing_keeps_the_counts_other_code_relies_on(
    labelstudio_server, project_title, tmp_path
):
    client = labelstudio_server.client()
    import_documents(
        client, project_title, _inputs(tmp_path), ONTO, preannotators=[LexiconPreAnnotator(ONTO)]
    )
    tasks = list(client.iter_tasks(client.find_project(project_title).id))
    assert [t["total_predictions"] for t in tasks] == [1, 1, 1]
    assert all(t["total_annotations"] == 0 and t["cancelled_annotations"] == 0 for t in tasks)


def test_same_file_names_in_sub_folders_and_changed_texts(
    labelstudio_server, project_title, tmp_path
):
    for folder, text in (("x", "The army advanced."), ("y", "The rebels withdrew.")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "001.txt").write_text(text)
    client = labelstudio_server.client()
    first = import_documents(client, project_title, [tmp_path / "in"], ONTO)
    assert (first.imported, first.conflicts) == (2, {})
    (tmp_path / "in" / "y" / "001.txt").write_text("The rebels came back.")
    again = import_documents(client, project_title, [tmp_path / "in"], ONTO)
    assert (again.imported, again.already_present, list(again.conflicts)) == (0, 1, ["y/001"])
    tasks = _tasks_by_doc(client, client.find_project(project_title).id)
    assert tasks["y/001"]["data"]["text"] == "The rebels withdrew.", "never overwritten"


def test_a_project_of_another_ontology_is_refused_before_anything_is_sent(
    labelstudio_server, ls_title, tmp_path
):
    from ontologies import TINY_V1

    from eventset.errors import InputError

    client = labelstudio_server.client()
    sync_project(client, ls_title, TINY_V1)
    inputs = _inputs(tmp_path)
    with pytest.raises(InputError, match=r"synced from ontology tiny v1 \(") as refused:
        import_documents(client, ls_title, inputs, ONTO, preannotators=[LexiconPreAnnotator(ONTO)])
    ours = f"this import uses conflict-news v{ONTO.version} ({ONTO.short_hash})"
    assert ours in str(refused.value)
    project = client.find_project(ls_title)
    assert list(client.iter_tasks(project.id)) == []
    forced = import_documents(client, ls_title, inputs, ONTO, force=True)
    assert forced.imported == 3 and "(--force)" in forced.warnings[0]


def test_corpus_documents_without_an_input_document_are_reported(
    labelstudio_server, project_title, tmp_path
):
    text = "Rebels attacked Goma ."
    lines = [
        {"doc_id": doc_id, "tokens": text.split(), "entity_mentions": [], "event_mentions": []}
        for doc_id in ("oie-1", "oie-typo", "oie-gone")
    ]
    corpus_path = tmp_path / "corpus.jsonl"
    corpus_path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    (tmp_path / "docs.jsonl").write_text(json.dumps({"doc_id": "oie-1", "text": text}) + "\n")
    corpus = OneIEPreAnnotator(corpus_path, ONTO)
    summary = import_documents(
        labelstudio_server.client(),
        project_title,
        [tmp_path / "docs.jsonl"],
        ONTO,
        annotation_source=corpus,
    )
    assert summary.imported == 1
    assert summary.unmatched_corpus_docs == ["oie-gone", "oie-typo"]
    assert "corpus documents matching no input document 2: oie-gone, oie-typo" in (
        summary.describe()
    )


class _WrongRoleForOne:
    """Fits the config everywhere; for one document it uses a role the event type lacks."""

    model_version = "role-model-v1"

    def predictions(self, doc):
        text = doc.text
        result = [
            span_result("trigger", "t", text, 0, 6, "Conference"),
            span_result("entity", "w", text, 7, 12, "Weapon"),
        ]
        if doc.key == "d1000":
            result.append(relation_result("t", "w", ["weapon"]))
        return [{"model_version": self.model_version, "result": result}]


def test_every_document_is_checked_before_the_first_batch(
    labelstudio_server, project_title, tmp_path
):
    from eventset.errors import InputError

    rows = [{"doc_id": f"d{n}", "text": "Summit rifle talks."} for n in range(1001)]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    client = labelstudio_server.client()
    with pytest.raises(InputError, match="Conference has no role 'weapon'") as refused:
        import_documents(
            client, project_title, [path], ONTO, lang="en", preannotators=[_WrongRoleForOne()]
        )
    assert f"{path}:1001 (1):" in str(refused.value)
    assert list(client.iter_tasks(client.find_project(project_title).id)) == []
