"""Counting a raw export (the recorded Label Studio 1.23 fixture)."""

from __future__ import annotations

import json
from pathlib import Path

from eventset.annotate.pull import count_export

RECORDED = Path(__file__).parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"


def test_counts_of_the_recorded_export():
    tasks = json.loads(RECORDED.read_text(encoding="utf-8"))
    summary = count_export(tasks, RECORDED)
    assert (
        summary.tasks,
        summary.annotations,
        summary.skipped,
        summary.drafts,
        summary.predictions,
    ) == (6, 4, 1, 1, 1)
    assert summary.describe().startswith("6 tasks, 4 annotations, 1 skipped, 1 draft,")


def test_empty_export():
    assert count_export([], Path("x")).describe().startswith("0 tasks, 0 annotations")
