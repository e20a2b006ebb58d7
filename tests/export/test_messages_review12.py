"""Messages of stats, convert, score and a rebuild say what is wrong and how to fix it."""

from __future__ import annotations

import pytest
from export_helpers import RECORDED
from typer.testing import CliRunner

from eventset.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def no_validation(tmp_path_factory):
    """A dataset whose --splits left validation out (fraction 0)."""
    out = tmp_path_factory.mktemp("splits") / "ds"
    built = runner.invoke(app, ["build", str(RECORDED), "--out", str(out), "--splits", "0.7,0,0.3"])
    assert built.exit_code == 0, built.output
    return out


@pytest.mark.parametrize(
    "command",
    [["stats", "{missing}"], ["convert", "{missing}", "--to", "oneie", "--out", "{out}"]],
)
def test_a_missing_dataset_folder_is_said_not_to_exist(tmp_path, command):
    missing = tmp_path / "build" / "nonexist"
    args = [a.format(missing=missing, out=tmp_path / "o") for a in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"Error: dataset folder {missing} does not exist" in result.output
    assert "parquet" not in result.output and not (tmp_path / "o").exists()


def test_score_of_a_split_the_build_left_out_lists_the_splits_there_are(no_validation, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc_id": "x", "events": []}\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(no_validation), str(pred), "--split", "validation"])
    assert result.exit_code == 1
    assert (
        f"Error: {no_validation} has no documents/validation.parquet: the build left split "
        "'validation' out (its --splits fraction is 0); the splits it has are 'train', 'test'"
    ) in result.output
    assert "How to fix: pass --split train or test, or leave --split out" in result.output
    typo = runner.invoke(app, ["score", str(no_validation), str(pred), "--split", "dev"])
    assert (
        typo.exit_code == 1 and "has no documents/dev.parquet; the splits it has are" in typo.output
    )
