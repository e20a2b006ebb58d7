"""Bad input files end in an InputError that says where the problem is and how to fix it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from export_helpers import offensive_task, task, write_export

from eventset.errors import InputError
from eventset.export.build import build_dataset
from eventset.export.load import dataset_ontology
from eventset.export.score import score_files


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    export = write_export(root / "e.json", [offensive_task(i, f"d{i}") for i in range(1, 4)])
    return build_dataset(export, root / "out", splits="1").out_dir


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"events": []}, "no 'doc_id'"),
        ({"doc_id": "d1", "events": [{"trigger": {"start": 0, "end": 2}}]}, "no 'type'"),
        ({"doc_id": "d1", "events": [{"type": "Conference"}]}, "no 'trigger'"),
        (
            {
                "doc_id": "d1",
                "events": [
                    {"type": "Conference", "trigger": {"start": 0, "end": 2}, "arguments": [{}]}
                ],
            },
            "argument without 'role'",
        ),
    ],
)
def test_score_names_the_prediction_line_that_lacks_a_field(dataset, tmp_path, row, problem):
    pred = tmp_path / "pred.jsonl"
    good = json.dumps({"doc_id": "d2", "events": []})
    pred.write_text(f"{good}\n\n{json.dumps(row)}\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"pred\.jsonl:3: .*{problem}") as info:
        score_files(dataset, pred)
    assert "doc_id" in (info.value.remedy or "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"tasks": []}', "top level is '{'"),
        ("[]", "holds no tasks"),
        (json.dumps([task(1, "d1", "Nothing.", [])]), "none with a submitted annotation"),
    ],
)
def test_build_refuses_exports_without_annotated_tasks(tmp_path, content, message):
    export = tmp_path / "e.json"
    export.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        build_dataset(export, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_corrupt_ontology_schema_is_an_input_error(dataset, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "ontology.schema.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"ontology\.schema\.json is not valid JSON"):
        dataset_ontology(copy)
    assert dataset_ontology(dataset).name == "conflict-news"


def test_build_replaces_only_folders_with_its_marker(dataset, tmp_path):
    lookalike = tmp_path / "old"
    lookalike.mkdir()
    for name in ("summary.json", "README.md"):
        (lookalike / name).write_text("mine", encoding="utf-8")
    export = dataset.parent / "e.json"
    with pytest.raises(InputError, match="was not written by eventset; refusing to replace"):
        build_dataset(export, lookalike)
    assert (lookalike / "README.md").read_text(encoding="utf-8") == "mine"
    marker = json.loads((dataset / ".eventset-output.json").read_text(encoding="utf-8"))
    assert marker["kind"] == "dataset"
    assert build_dataset(export, dataset, splits="1").counts["documents"] == {"train": 3}


@pytest.mark.parametrize("kind", ["build", "convert"])
def test_an_out_folder_under_a_file_is_an_input_error_not_a_traceback(dataset, tmp_path, kind):
    from eventset.export.oneie import write_oneie

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "notes.txt" / "ds"
    with pytest.raises(InputError, match=r"notes\.txt is a file, not a folder") as caught:
        if kind == "build":
            build_dataset(dataset.parent / "e.json", out)
        else:
            write_oneie(dataset, out)
    assert "--out" in caught.value.remedy
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_out_folder_that_cannot_be_created_is_an_input_error(dataset, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # root writes anywhere: use a place no one may create in
        locked = Path("/proc")
    with pytest.raises(InputError, match=r"cannot write .*/x: ") as caught:
        build_dataset(dataset.parent / "e.json", locked / "x")
    assert "a disk you may write to" in caught.value.remedy
