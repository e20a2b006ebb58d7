"""A convert output written inside a dataset folder is named as eventset's when a rebuild refuses
to delete it, with the way out."""

from __future__ import annotations

from export_helpers import RECORDED
from typer.testing import CliRunner

from eventset.cli import app

runner = CliRunner()


def test_a_rebuild_names_a_convert_output_inside_the_folder_truthfully(tmp_path):
    out = tmp_path / "ds"
    assert runner.invoke(app, ["build", str(RECORDED), "--out", str(out)]).exit_code == 0
    converted = runner.invoke(
        app, ["convert", str(out), "--to", "oneie", "--out", str(out / "oneie")]
    )
    assert converted.exit_code == 0, converted.output
    assert f"note: {out / 'oneie'} is inside the dataset folder {out}" in converted.output
    again = runner.invoke(app, ["build", str(RECORDED), "--out", str(out)])
    assert again.exit_code == 1
    assert "did not write" not in again.output
    assert "oneie/ (written by eventset convert --to oneie)" in again.output
    assert "another eventset command wrote into it later" in again.output
    assert f"How to fix: move them out of {out} and run the command again" in again.output
    assert "write it again then, to a folder outside this one" in again.output
    assert (out / "oneie" / "train.jsonl").is_file()  # nothing was deleted
    (out / "notes.md").write_text("mine", encoding="utf-8")
    mixed = runner.invoke(app, ["build", str(RECORDED), "--out", str(out)])
    assert "1 file(s) or folder(s) that eventset did not write and 1 folder(s)" in mixed.output
    assert "notes.md, oneie/ (written by eventset convert --to oneie)" in mixed.output
