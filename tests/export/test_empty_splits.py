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
    zero = "its --splits fraction is 0"
    assert summary.empty_reasons["documents"] == {"test": zero}
    assert f"Splits left out because they have no rows: `documents` test ({zero});" in card
    result = CliRunner().invoke(
        app, ["build", str(export), "--out", str(tmp_path / "cli"), "--splits", "0.5,0.5,0"]
    )
    assert result.exit_code == 0, result.output
    line = f"warning: split test has no rows in documents, sentences, raw, left out: {zero}"
    assert line in result.output
    assert result.output.count("warning: split test") == 1  # one line for the three configs


def test_why_a_split_is_empty_is_said(tmp_path):
    import pytest
    from export_helpers import annotation, task

    from eventset.errors import InputError
    from eventset.export.oneie import write_oneie

    blank = [task(n, f"b{n}", "   ", [annotation(n, 1, [])]) for n in range(1, 4)]
    export = write_export(tmp_path / "e.json", blank)
    summary = build_dataset(export, tmp_path / "out", splits="0.5,0.5,0", seed=1)
    assert summary.empty_reasons["sentences"] == {
        "train": "its documents have no sentences (empty or whitespace-only texts)",
        "validation": "its documents have no sentences (empty or whitespace-only texts)",
        "test": "its --splits fraction is 0",
    }
    with pytest.raises(InputError, match="its sentences config has no rows in any split"):
        write_oneie(tmp_path / "out", tmp_path / "oneie")
    few = write_export(tmp_path / "f.json", [offensive_task(1, "d1")])
    summary = build_dataset(few, tmp_path / "few", splits="0.5,0.5", seed=1)
    (missing,) = summary.empty_splits["documents"]
    assert (
        summary.empty_reasons["documents"][missing]
        == "too few documents for the --splits fractions"
    )
