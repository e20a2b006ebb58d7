"""A failed build or convert leaves no folder behind that it created for its --out."""

from __future__ import annotations

import pytest
from export_helpers import RECORDED, offensive_task, write_export
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import EventsetError
from eventset.export.atomic import atomic_folder

runner = CliRunner()


@pytest.mark.parametrize("content", [None, "{}", "[]", "not json"])
def test_a_failed_build_removes_the_parents_it_made(tmp_path, content):
    export = tmp_path / "export.json"
    if content is not None:
        export.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["build", str(export), "--out", str(tmp_path / "fresh/parent/ds")])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "fresh").exists()


def test_parents_that_existed_or_got_other_files_are_kept(tmp_path):
    (tmp_path / "fresh").mkdir()
    (tmp_path / "fresh" / "notes.md").write_text("mine", encoding="utf-8")
    missing = tmp_path / "none.json"
    result = runner.invoke(app, ["build", str(missing), "--out", str(tmp_path / "fresh/a/b/ds")])
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "fresh").iterdir()) == ["notes.md"]


def test_a_failed_convert_removes_the_parents_it_made(tmp_path):
    with pytest.raises(EventsetError), atomic_folder(tmp_path / "new/deep/out", "oneie") as work:
        (work / "train.jsonl").write_text("", encoding="utf-8")
        raise EventsetError("stopped")
    assert list(tmp_path.iterdir()) == []


def test_a_successful_build_keeps_its_new_parents(tmp_path):
    export = write_export(tmp_path / "e.json", [offensive_task()])
    out = tmp_path / "fresh" / "parent" / "ds"
    result = runner.invoke(app, ["build", str(export), "--out", str(out), "--splits", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "README.md").is_file()
    strict = runner.invoke(
        app, ["build", str(RECORDED), "--out", str(tmp_path / "s/t/ds"), "--strict"]
    )
    assert strict.exit_code == 1  # its issues file is kept beside the target, and its folder
    assert [p.name for p in (tmp_path / "s" / "t").iterdir()] == ["ds.issues.jsonl"]
