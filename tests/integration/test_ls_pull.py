"""Annotations by a second user through the API, then `eventset pull` of the raw export."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventset.annotate.sync import sync_project
from eventset.annotate.tasks import (
    Document,
    choice_result,
    relation_result,
    span_result,
    task_payload,
)
from eventset.cli import app
from eventset.schema import load_ontology

pytestmark = pytest.mark.labelstudio

TEXT = "Frankrijk levert het Oekraïense leger houwitsers 🚀."


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_second_user_annotation_is_pulled_with_region_ids_and_relations(
    labelstudio_server, ls_title, tmp_path
):
    client = labelstudio_server.client()
    project = sync_project(client, ls_title, load_ontology("conflict-news")).project
    task_ids = client.import_tasks(
        project.id,
        [
            task_payload(Document(TEXT, doc_id="p1", lang="nl")),
            task_payload(Document("Niets gebeurd.", doc_id="p2", lang="nl")),
        ],
    )
    second = client.ensure_user("second-annotator@eventset.local")
    result = [
        span_result("trigger", "t1", TEXT, *_span("levert"), "ArmsTransfer"),
        choice_result("modality", "t1", TEXT, *_span("levert"), "asserted"),
        span_result("entity", "e1", TEXT, *_span("Frankrijk"), "Country"),
        span_result("entity", "e2", TEXT, *_span("houwitsers"), "Weapon"),
        relation_result("t1", "e1", ["supplier"]),
        relation_result("e2", "t1", ["weapon"], direction="left"),
    ]
    client.create_annotation(task_ids[0], result, completed_by=second)
    client.create_annotation(task_ids[1], [], completed_by=second, was_cancelled=True)
    out = tmp_path / "pulled" / "raw.json"
    run = CliRunner().invoke(
        app,
        [
            "pull",
            "--project",
            ls_title,
            "--out",
            str(out),
            "--url",
            labelstudio_server.url,
            "--api-key",
            labelstudio_server.api_key,
        ],
    )
    assert run.exit_code == 0, run.output
    assert "2 tasks, 1 annotation, 1 skipped, 0 drafts" in run.output
    assert labelstudio_server.api_key not in run.output
    raw = out.read_text(encoding="utf-8")
    assert labelstudio_server.api_key not in raw
    tasks = {t["data"]["doc_id"]: t for t in json.loads(raw)}
    [annotation] = tasks["p1"]["annotations"]
    assert annotation["completed_by"] == second
    assert {r.get("id") for r in annotation["result"] if r["type"] != "relation"} == {
        "t1",
        "e1",
        "e2",
    }
    relations = [r for r in annotation["result"] if r["type"] == "relation"]
    assert {(r["from_id"], r["to_id"], r["direction"], tuple(r["labels"])) for r in relations} == {
        ("t1", "e1", "right", ("supplier",)),
        ("e2", "t1", "left", ("weapon",)),
    }
    assert tasks["p2"]["annotations"][0]["was_cancelled"] is True
    lines = raw.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4, "one task per line"
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == json.loads(raw)
    assert not list(out.parent.glob(".raw.json.*")), "no temp file may be left behind"
    assert out.stat().st_mode & 0o044, "the export is readable like any other output file"


def test_the_export_is_on_disk_before_it_replaces_the_old_one(
    labelstudio_server, ls_title, tmp_path, monkeypatch
):
    import os

    from eventset.annotate.pull import pull_project

    client = labelstudio_server.client()
    sync_project(client, ls_title, load_ontology("conflict-news"))
    out = tmp_path / "raw.json"
    out.write_text("[]")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    pull_project(client, ls_title, out)
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "replace", "fsync"], events
    assert events[0][1].endswith(".part") and events[1][1] == str(out)
    assert json.loads(out.read_text()) == []
