"""Reading inputs for `eventset import`: skipped files are named, Label Studio exports are
recognised, and an input without documents is an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventset.annotate.documents import read_documents
from eventset.annotate.importer import ImportSummary
from eventset.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conflict-news"
TASK = {
    "id": 1,
    "data": {"text": "Rebels attacked Goma.", "doc_id": "d1", "lang": "en"},
    "annotations": [],
    "allow_skip": True,
}


def test_files_of_other_types_in_a_folder_are_reported(tmp_path):
    for name in ("README.md", "x.csv", "notes.rtf", "a.txt~", "img.png", ".hidden.md"):
        (tmp_path / name).write_text("not news")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("The army advanced.")
    skipped: list[Path] = []
    assert len(list(read_documents([tmp_path], skipped=skipped))) == 3
    assert [p.name for p in skipped] == ["README.md", "a.txt~", "img.png", "notes.rtf", "x.csv"]
    summary = ImportSummary(read=3, imported=3, skipped_files=skipped)
    assert summary.describe().endswith(
        "; skipped files 5 (not .txt/.jsonl/.ndjson/.json): "
        "README.md, a.txt~, img.png, notes.rtf, x.csv"
    )


def test_many_skipped_files_are_counted_and_the_first_named():
    files = [Path(f"f{n}.csv") for n in range(8)]
    described = ImportSummary(skipped_files=files).describe()
    assert described.endswith(
        "; skipped files 8 (not .txt/.jsonl/.ndjson/.json): f0.csv, f1.csv, f2.csv, f3.csv, f4.csv "
        "and 3 more"
    )


def test_a_folder_with_only_other_files_names_them(tmp_path):
    (tmp_path / "README.md").write_text("x")
    (tmp_path / "x.csv").write_text("x")
    with pytest.raises(InputError, match=r"skipped 2 other files: README\.md, x\.csv"):
        list(read_documents([tmp_path]))


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_label_studio_task_is_recognised(tmp_path, suffix):
    path = tmp_path / f"export{suffix}"
    path.write_text(json.dumps([TASK] if suffix == ".json" else TASK) + "\n")
    with pytest.raises(InputError) as err:
        list(read_documents([path]))
    message = str(err.value)
    assert "this record is a Label Studio task" in message
    assert "eventset build EXPORT.json --out DIR" in message
    assert "jq -c '.[].data'" in message and "--text-field" not in message


def test_a_record_with_only_data_text_is_a_task_too(tmp_path):
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"data": {"text": "Rebels attacked."}}) + "\n")
    with pytest.raises(InputError, match=r"tasks\.jsonl:1: this record is a Label Studio task"):
        list(read_documents([path]))


def test_the_example_folder_with_its_gold_export_is_explained():
    with pytest.raises(InputError, match=r"gold_export\.json\[0\]: this record is a Label Studio"):
        list(read_documents([EXAMPLE], lang="en"))


def test_a_record_without_text_still_points_to_the_text_field(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"body": "x", "data": 3}) + "\n")
    with pytest.raises(InputError, match="name the text field with --text-field"):
        list(read_documents([path]))


@pytest.mark.parametrize("content", ["", "\n\n  \n", "[]"])
def test_an_input_without_documents_is_an_error(tmp_path, content):
    path = tmp_path / ("docs.json" if content == "[]" else "docs.jsonl")
    path.write_text(content)
    with pytest.raises(InputError, match=f"input {path} holds no documents"):
        list(read_documents([path]))


def test_a_folder_of_empty_record_files_is_an_error_after_the_other_inputs(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "docs.jsonl").write_text("")
    (tmp_path / "a.txt").write_text("The army advanced.")
    read = read_documents([tmp_path / "a.txt", tmp_path / "empty"], lang="en")
    assert next(read).doc_id == "a"
    with pytest.raises(InputError, match=f"input {tmp_path / 'empty'} holds no documents"):
        next(read)
