"""Replacing an output folder never deletes what the user put there (review 10).

A rebuild replaced ``build/review`` whole, and the notes, predictions and notebooks the user had
put into it since were gone without a word. The marker now lists what eventset wrote; anything
else, or a file of eventset's changed since, makes build and convert refuse, naming it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from output_kinds import make_outputs, output, rerun
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import InputError
from eventset.export import build as build_module
from eventset.export.atomic import MARKER, atomic_folder
from eventset.export.build import build_dataset

KINDS = ("dataset", "oneie", "brat")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The export, and one output of each kind made from it, to be copied by each test."""
    return make_outputs(tmp_path_factory.mktemp("review10"))


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (hidden ones too) with its bytes; None for a folder."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def hidden_beside(folder: Path) -> list[str]:
    """Work and set-aside folders left beside ``folder``."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def make_legacy(out: Path, kind: str) -> None:
    """Give ``out`` the marker an eventset before file lists wrote (kind and version only)."""
    (out / MARKER).write_text(json.dumps({"kind": kind, "version": "0.1.0"}) + "\n")


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_the_user_added_is_named_and_nothing_is_changed(made, tmp_path, kind):
    out = output(made, kind, tmp_path)
    (out / "analysis.md").write_text("my notes\n")
    before = snapshot(out)
    with pytest.raises(InputError) as caught:
        rerun(made, kind, out)
    message = str(caught.value)
    assert "1 file(s) or folder(s) that eventset did not write: analysis.md;" in message
    assert "nothing was changed" in message
    assert f"move them out of {out}" in (caught.value.remedy or "")
    assert "--out" in (caught.value.remedy or "")
    assert snapshot(out) == before
    assert hidden_beside(out) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_folder_the_user_added_is_named_as_a_folder(made, tmp_path, kind):
    out = output(made, kind, tmp_path)
    (out / "predictions").mkdir()
    (out / "predictions" / "model1.jsonl").write_text("{}\n")
    before = snapshot(out)
    with pytest.raises(InputError, match=r"did not write: predictions/;"):
        rerun(made, kind, out)
    assert snapshot(out) == before


def test_a_file_added_inside_an_eventset_folder_is_refused(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / "documents" / "predictions.parquet").write_bytes(b"PAR1")
    with pytest.raises(InputError, match=r"did not write: documents/predictions\.parquet;"):
        rerun(made, "dataset", out)
    assert (out / "documents" / "predictions.parquet").read_bytes() == b"PAR1"


@pytest.mark.parametrize(
    ("kind", "edited"),
    [("dataset", "README.md"), ("oneie", "train.jsonl"), ("brat", "train/d1.ann")],
)
def test_a_file_eventset_wrote_and_the_user_changed_is_refused(made, tmp_path, kind, edited):
    out = output(made, kind, tmp_path)
    with (out / edited).open("a", encoding="utf-8") as stream:
        stream.write("T99\tLocation 0 2\tOn\n" if kind == "brat" else "my edit\n")
    before = snapshot(out)
    with pytest.raises(InputError) as caught:
        rerun(made, kind, out)
    assert f"1 file(s) that eventset wrote and that were changed since: {edited} (changed);" in str(
        caught.value
    )
    assert snapshot(out) == before


@pytest.mark.parametrize("kind", KINDS)
def test_an_untouched_output_is_still_replaced(made, tmp_path, kind):
    out = output(made, kind, tmp_path)
    (out / "train.jsonl" if kind == "oneie" else out / "README.md").unlink(missing_ok=True)
    (out / "doc_ids.tsv").unlink(missing_ok=True)  # a file of eventset's gone: nothing lost
    inode = out.stat().st_ino
    rerun(made, kind, out)
    assert out.stat().st_ino != inode  # a new folder renamed into place
    assert snapshot(out) == snapshot(made / kind)
    assert hidden_beside(out) == []


def test_a_rebuild_with_other_settings_replaces_every_file(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    build_dataset(made / "export.json", out, splits="0.5,0.5")
    assert json.loads((out / "summary.json").read_text())["settings"]["splits"] == "0.5,0.5"
    listed = json.loads((out / MARKER).read_text())
    on_disk = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER
    )
    assert sorted(listed["files"]) == on_disk
    assert listed["kind"] == "dataset" and listed["version"]
    assert sorted(listed["folders"]) == ["documents", "raw", "sentences"]


def test_empty_folders_eventset_made_do_not_refuse(tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        with atomic_folder(out, "oneie") as work:
            (work / "validation").mkdir()
            (work / "train.jsonl").write_text("{}\n")
    assert json.loads((out / MARKER).read_text())["folders"] == ["validation"]
    (out / "mine").mkdir()  # the user's empty folder is the user's all the same
    refused = pytest.raises(InputError, match=r"did not write: mine/;")
    with refused, atomic_folder(out, "oneie") as work:
        (work / "train.jsonl").write_text("{}\n")
    assert (out / "mine").is_dir() and (out / "validation").is_dir()


def test_more_than_ten_are_counted(made, tmp_path):
    out = output(made, "oneie", tmp_path)
    for n in range(13):
        (out / f"pred{n:02d}.jsonl").write_text("{}\n")
    with pytest.raises(InputError) as caught:
        rerun(made, "oneie", out)
    message = str(caught.value)
    assert "13 file(s) or folder(s)" in message
    assert "pred09.jsonl, and 3 more;" in message and "pred10" not in message


def test_a_link_is_never_taken_for_eventset_output(made, tmp_path):
    out = output(made, "oneie", tmp_path)
    (tmp_path / "elsewhere.jsonl").write_text("{}\n")
    (out / "train.jsonl").unlink()
    (out / "train.jsonl").symlink_to(tmp_path / "elsewhere.jsonl")
    with pytest.raises(InputError, match=r"did not write: train\.jsonl;"):
        rerun(made, "oneie", out)
    assert (out / "train.jsonl").is_symlink()


def test_a_file_put_in_while_the_build_ran_puts_the_old_dataset_back(made, tmp_path, monkeypatch):
    out = output(made, "dataset", tmp_path)
    before = snapshot(out)
    real = build_module.write_marker

    def user_writes_meanwhile(work: Path, kind: str) -> None:
        (out / "late.md").write_text("written during the build\n")
        real(work, kind)

    monkeypatch.setattr(build_module, "write_marker", user_writes_meanwhile)
    with pytest.raises(InputError, match=r"did not write: late\.md;.*nothing was changed"):
        rerun(made, "dataset", out)
    assert snapshot(out) == before | {"late.md": b"written during the build\n"}
    assert hidden_beside(out) == []


def test_a_file_put_in_while_converting_puts_the_old_output_back(made, tmp_path):
    out = output(made, "oneie", tmp_path)
    before = snapshot(out)
    refused = pytest.raises(InputError, match=r"did not write: late\.txt;")
    with refused, atomic_folder(out, "oneie") as work:
        (work / "train.jsonl").write_text("new\n")
        (out / "late.txt").write_text("mine\n")
    assert snapshot(out) == before | {"late.txt": b"mine\n"}
    assert hidden_beside(out) == []


@pytest.mark.parametrize("kind", KINDS)
def test_an_untouched_output_with_an_old_marker_is_replaced(made, tmp_path, kind):
    out = output(made, kind, tmp_path)
    make_legacy(out, kind)
    rerun(made, kind, out)
    assert "files" in json.loads((out / MARKER).read_text())  # the new marker lists them


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("dataset", "analysis.md"),
        ("dataset", "documents/predictions.parquet"),
        ("oneie", "predictions.jsonl"),
        ("brat", "train/notes.txt"),
        ("brat", "train/d9.ann"),  # a brat file doc_ids.tsv does not map
    ],
)
def test_an_old_marker_refuses_what_no_output_of_its_kind_holds(made, tmp_path, kind, extra):
    out = output(made, kind, tmp_path)
    make_legacy(out, kind)
    (out / extra).write_text("mine\n")
    before = snapshot(out)
    with pytest.raises(InputError) as caught:
        rerun(made, kind, out)
    message = str(caught.value)
    assert "written by an older eventset (0.1.0) whose marker does not list" in message
    assert f"did not write: {extra};" in message
    assert snapshot(out) == before


def test_an_old_marker_refuses_an_eventset_file_changed_after_it(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    make_legacy(out, "dataset")
    stamp = (out / MARKER).stat().st_mtime_ns
    edited = out / "README.md"
    edited.write_text("my own card\n")
    os.utime(edited, ns=(stamp + 10**9, stamp + 10**9))
    with pytest.raises(InputError, match=r"changed since: README\.md \(changed\);"):
        rerun(made, "dataset", out)
    assert edited.read_text() == "my own card\n"


def test_the_cli_build_of_the_review_refuses_and_keeps_the_files(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / "analysis.md").write_text("x\n")
    (out / "predictions").mkdir()
    (out / "predictions" / "model1.jsonl").write_text("{}\n")
    result = CliRunner().invoke(
        app, ["build", str(made / "export.json"), "--out", str(out), "--splits", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "did not write: analysis.md, predictions/;" in result.output
    assert "Traceback" not in result.output
    assert (out / "predictions" / "model1.jsonl").read_text() == "{}\n"
    assert (out / "analysis.md").read_text() == "x\n"
