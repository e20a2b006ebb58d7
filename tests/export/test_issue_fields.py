"""Issues found after selection still name the annotation the mention came from."""

from __future__ import annotations

import json

import pytest
from export_helpers import annotation, find, task, write_export

from eventset.export.build import build_dataset


@pytest.mark.parametrize("policy", ["latest", "all"])
def test_token_misaligned_names_the_annotation_used(tmp_path, policy):
    text = "De NAVOtop begon in Vilnius."  # a span inside one token: "NAVO" of "NAVOtop"
    items = [find("e1", "entity", text, "NAVO", "Organization")]
    other = [find("e7", "entity", text, "Vilnius", "Location")]
    annotations = [
        annotation(41, 1, items, when="2026-01-01T00:00:00Z"),
        annotation(42, 2, other, when="2026-01-02T00:00:00Z"),
    ]
    latest_first = annotations[::-1] if policy == "latest" else annotations
    raw = task(1, "d", text, latest_first, lang="nl")
    if policy == "latest":  # make the NAVO annotation the latest one
        raw["annotations"][1]["updated_at"] = "2026-02-01T00:00:00Z"
    build_dataset(write_export(tmp_path / "e.json", [raw]), tmp_path / "out", policy=policy)
    issues = [json.loads(line) for line in (tmp_path / "out" / "issues.jsonl").open()]
    (misaligned,) = [i for i in issues if i["kind"] == "token_misaligned"]
    assert (misaligned["annotation_id"], misaligned["region_id"]) == (41, "e1")
