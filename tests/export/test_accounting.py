"""The accounting helper itself: it must notice a mention that no issue names."""

from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_helpers import RECORDED, unaccounted

from eventset.export.build import build_dataset


@pytest.fixture(scope="module")
def majority(tmp_path_factory):
    out = tmp_path_factory.mktemp("acc") / "out"
    build_dataset(RECORDED, out, splits="1", policy="majority")
    return out


def _without(out, tmp_path, drop):
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    lines = (copy / "issues.jsonl").read_text().splitlines()
    kept = [line for line in lines if not drop(json.loads(line))]
    assert len(kept) == len(lines) - 1
    (copy / "issues.jsonl").write_text("".join(f"{line}\n" for line in kept))
    return copy


def test_every_mention_needs_its_own_issue(majority, tmp_path):
    assert unaccounted(RECORDED, majority) == []
    copy = _without(majority, tmp_path, lambda i: i["region_id"] == "a_e3")
    # other no_majority issues of the same annotation do not cover the entity a_e3
    assert unaccounted(RECORDED, copy) == ["fx-en-clash entity a_e3"]


def test_cluster_ids_must_name_a_kept_mention(majority, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(majority, copy)
    file = copy / "documents" / "train.parquet"
    table = pq.read_table(file)
    rows = table.to_pylist()
    arms = next(r for r in rows if r["doc_id"] == "fx-nl-arms")
    arms["entities"][0]["cluster_id"] = arms["events"][0]["id"]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), file)
    problems = unaccounted(RECORDED, copy)
    assert any("has cluster_id" in p and "of no kept entity" in p for p in problems), problems
