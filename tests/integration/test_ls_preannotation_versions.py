"""Review 3 against a real Label Studio: the pre-annotations annotators are served, stable model
versions across an ontology change, a login in the URL, a refused key, ``server start`` output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest
from support.cli import run_cli as run
from support.labelstudio import RUNTIME_FILES, ensure_template

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.importer import import_documents
from eventset.annotate.localnet import free_port
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.sync import sync_project
from eventset.schema import Entity, Event, Ontology

pytestmark = pytest.mark.labelstudio

TEXT = "The army launched an offensive near Goma."


def served_versions(client: LabelStudioClient, project_id: int) -> list[str]:
    """Model versions of the predictions Label Studio pre-fills in the next task to label
    (``/next`` serves them through ``Task.get_predictions_for_prelabeling``)."""
    task: dict[str, Any] = client._request(
        "GET", f"api/projects/{project_id}/next", "get the next task"
    )
    return [p["model_version"] for p in task.get("predictions", [])]


def test_annotators_are_served_the_corpus_predictions(labelstudio_server, ls_title, tmp_path):
    conn = ["--url", labelstudio_server.url, "--api-key", labelstudio_server.api_key]
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": TEXT, "lang": "en"}) + "\n")
    record = {
        "doc_id": "d1",
        "tokens": [*TEXT.rstrip(".").split(), "."],
        "entity_mentions": [],
        "event_mentions": [
            {"event_type": "MilitaryOperation", "trigger": {"start": 2, "end": 3}, "arguments": []}
        ],
    }
    (tmp_path / "corpus.jsonl").write_text(json.dumps(record) + "\n")
    assert run("project", "sync", "--title", ls_title, *conn).exit_code == 0
    imported = run(
        "import", docs, "--project", ls_title, "--preannotations", tmp_path / "corpus.jsonl", *conn
    )
    assert imported.exit_code == 0, imported.output
    assert "with predictions 1" in imported.output
    assert "annotators see the pre-annotations of model version 'oneie-corpus'" in imported.output
    assert "Settings -> Predictions" in imported.output
    client = labelstudio_server.client()
    project = client.find_project(ls_title)
    assert project is not None and project.model_version == "oneie-corpus"
    [task] = client.iter_tasks(project.id)
    stored = sorted(p["model_version"] for p in client.list_predictions(task["id"]))
    assert stored == ["lexicon-conflict-news", "oneie-corpus"]
    assert served_versions(client, project.id) == ["oneie-corpus"]


class Town(Entity):
    """A town."""


class Raid(Event):
    """An armed raid."""

    lexicon: ClassVar[dict[str, list[str]]] = {"en": ["raid"]}


class Raid2(Event):
    """An armed raid (v2: one more word)."""

    lexicon: ClassVar[dict[str, list[str]]] = {"en": ["raid", "incursion"]}


Raid2.__name__ = "Raid"
RAIDS_V1 = Ontology(name="raids", version=1, entities=[Town], events=[Raid])
RAIDS_V2 = Ontology(name="raids", version=2, entities=[Town], events=[Raid2])


def test_earlier_tasks_keep_their_pre_annotations_after_an_ontology_change(
    labelstudio_server, ls_title, tmp_path
):
    client = labelstudio_server.client()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"doc_id": "a", "text": "A raid at dawn.", "lang": "en"}) + "\n")
    second.write_text(json.dumps({"doc_id": "b", "text": "An incursion.", "lang": "en"}) + "\n")
    sync_project(client, ls_title, RAIDS_V1)
    import_documents(
        client, ls_title, [first], RAIDS_V1, preannotators=[LexiconPreAnnotator(RAIDS_V1)]
    )
    assert sync_project(client, ls_title, RAIDS_V2).action == "updated"
    later = import_documents(
        client, ls_title, [second], RAIDS_V2, preannotators=[LexiconPreAnnotator(RAIDS_V2)]
    )
    assert later.imported == 1 and later.model_version == "lexicon-raids"
    project = client.find_project(ls_title)
    assert project is not None and project.model_version == "lexicon-raids"
    versions = {
        t["data"]["doc_id"]: [p["model_version"] for p in client.list_predictions(t["id"])]
        for t in client.iter_tasks(project.id)
    }
    assert versions == {"a": ["lexicon-raids"], "b": ["lexicon-raids"]}
    # the task imported before the sync is still served with its pre-annotation
    assert served_versions(client, project.id) == ["lexicon-raids"]


def test_a_url_with_a_login_never_reaches_the_server(labelstudio_server):
    host = labelstudio_server.url.split("://", 1)[1]
    url = f"http://{labelstudio_server.username}:{labelstudio_server.password}@{host}"
    result = run("project", "list", "--url", url, "--api-key", labelstudio_server.api_key)
    assert result.exit_code == 1
    assert "holds a user name or password" in result.output and "HTTP 401" not in result.output
    assert labelstudio_server.password not in result.output
    assert labelstudio_server.api_key not in result.output


def test_a_refused_key_from_the_flag_is_traced_to_the_flag(labelstudio_server):
    wrong = "wrong-key-0123456789abcdef"
    result = run("project", "list", "--url", labelstudio_server.url, "--api-key", wrong)
    assert result.exit_code == 1 and "HTTP 401" in result.output
    assert "the API key given with --api-key was refused" in result.output
    assert "check LABEL_STUDIO_API_KEY" not in result.output


def test_server_start_says_starting_only_when_it_starts_one(request, tmp_path):
    data_dir = tmp_path / "ls"
    template: Path = ensure_template(request.config.rootpath)
    shutil.copytree(template, data_dir, ignore=shutil.ignore_patterns(*RUNTIME_FILES))
    port = free_port()
    try:
        started = run("server", "start", "--data-dir", data_dir, "--port", port)
        again = run("server", "start", "--data-dir", data_dir, "--port", port)
    finally:
        run("server", "stop", "--data-dir", data_dir)
    assert started.exit_code == 0, started.output
    assert f"Starting Label Studio from {data_dir} ..." in started.output
    assert "migrations" not in started.output, "the database exists: no first start"
    assert again.exit_code == 0, again.output
    assert "Starting" not in again.output and "already running" in again.output
