"""A requested split without rows is left out, with a warning and a line in the card."""

from __future__ import annotations

from export_helpers import offensive_task, write_export
from typer.testing import CliRunner

from eventset.cli import app
from eventset.export.build import build_dataset


def test_empty_split_is_reported_in_summary_card_and_cli(tmp_path):
    export = write_export(tmp_path / "e.json", [offensive_task(1, "d1"), offensive_task(2, "d2")])
    summary = build_dataset(export, tmp_path / "out", splits="0.5,0.5,0", seed=1)
    assert summary.counts["documents"] == {"train": 1, "validation": 1, "test": 0}
    assert summary.empty_splits == {"documents": ["test"], "sentences": ["test"], "raw": ["test"]}
    assert not (tmp_path / "out" / "documents" / "test.parquet").exists()
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "Splits left out because they have no rows (`documents`: test;" in card
    result = CliRunner().invoke(
        app, ["build", str(export), "--out", str(tmp_path / "cli"), "--splits", "0.5,0.5,0"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: documents has no rows in split(s) test; left out" in result.output
