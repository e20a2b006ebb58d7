"""``--stable-splits``: a document's split follows from its seeded hash alone.

With the default, groups are laid end to end and cut at the fractions, so a document near a cut
moves to another split when more documents are annotated: a model evaluated on one build's test
set may have trained on it in the next. Stable splits never move a document.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from export_helpers import offensive_task, write_export
from typer.testing import CliRunner

from eventset.cli import app
from eventset.export.build import build_dataset


def splits_of(folder):
    out = {}
    for path in (folder / "documents").glob("*.parquet"):
        for row in pq.read_table(path, columns=["doc_id"]).to_pylist():
            out[row["doc_id"]] = path.stem
    return out


def test_a_document_keeps_its_split_as_the_export_grows(tmp_path):
    tasks = [offensive_task(n, f"d{n}") for n in range(1, 121)]
    small = write_export(tmp_path / "small.json", tasks[:40])
    large = write_export(tmp_path / "large.json", tasks)
    build_dataset(small, tmp_path / "a", stable_splits=True)
    build_dataset(large, tmp_path / "b", stable_splits=True)
    before, after = splits_of(tmp_path / "a"), splits_of(tmp_path / "b")
    assert len(before) == 40 and len(after) == 120
    assert {doc: after[doc] for doc in before} == before
    assert set(after.values()) == {"train", "validation", "test"}
    shares = {s: list(after.values()).count(s) / 120 for s in ("train", "validation", "test")}
    assert 0.65 <= shares["train"] <= 0.95  # 0.8 on average: a binomial spread
    settings = json.loads((tmp_path / "b" / "summary.json").read_text())["settings"]
    assert settings["stable_splits"] is True


def test_stable_splits_keep_groups_together_and_depend_on_the_seed(tmp_path):
    tasks = []
    for n in range(1, 61):
        task = offensive_task(n, f"d{n}")
        task["data"]["meta"]["story"] = f"s{n % 12}"
        tasks.append(task)
    export = write_export(tmp_path / "e.json", tasks)
    build_dataset(export, tmp_path / "a", stable_splits=True, group_by="story", seed=1)
    build_dataset(export, tmp_path / "b", stable_splits=True, group_by="story", seed=2)
    for folder in ("a", "b"):
        where = splits_of(tmp_path / folder)
        by_story: dict[str, set[str]] = {}
        for n in range(1, 61):
            by_story.setdefault(f"s{n % 12}", set()).add(where[f"d{n}"])
        assert all(len(found) == 1 for found in by_story.values())
    assert splits_of(tmp_path / "a") != splits_of(tmp_path / "b")


def test_the_cli_takes_stable_splits(tmp_path):
    export = write_export(tmp_path / "e.json", [offensive_task(n, f"d{n}") for n in range(1, 9)])
    result = CliRunner().invoke(
        app, ["build", str(export), "--out", str(tmp_path / "o"), "--stable-splits"]
    )
    assert result.exit_code == 0, result.output
    settings = json.loads((tmp_path / "o" / "summary.json").read_text())["settings"]
    assert settings["stable_splits"] is True
    assert "stable_splits=True" in (tmp_path / "o" / "README.md").read_text()
