"""``--strict`` fails on every error or warning issue, never on ``info`` ones."""

from __future__ import annotations

import json

import pytest
from export_helpers import annotation, offensive_task, relation, write_export

from eventset.export.build import StrictFailure, build_dataset


def test_a_warning_fails_strict_and_the_failure_carries_the_summary(tmp_path):
    raw = offensive_task()
    raw["annotations"][0]["result"].append(relation("t1", "e1", "agent"))  # duplicate_argument
    export = write_export(tmp_path / "e.json", [raw])
    with pytest.raises(StrictFailure, match="0 error and 1 warning issue") as caught:
        build_dataset(export, tmp_path / "out", strict=True)
    assert caught.value.summary.issue_counts == {"duplicate_argument": 1}
    assert not (tmp_path / "out").exists()
    assert build_dataset(export, tmp_path / "out").warnings == 1  # without --strict: built


def test_not_selected_annotations_are_info_and_never_fail_strict(tmp_path):
    raw = offensive_task()
    items = raw["annotations"][0]["result"]
    raw["annotations"].append(annotation(11, 2, items, when="2026-12-01T00:00:00Z"))
    export = write_export(tmp_path / "e.json", [raw])
    summary = build_dataset(export, tmp_path / "out", splits="1", strict=True)
    assert summary.issue_counts == {"annotation_not_selected": 1}
    assert (summary.errors, summary.warnings) == (0, 0)
    (issue,) = [json.loads(line) for line in (tmp_path / "out" / "issues.jsonl").open()]
    assert issue["severity"] == "info" and issue["annotation_id"] == 10


def test_strict_error_lists_only_the_kinds_that_fail(tmp_path):
    raw = offensive_task()
    items = raw["annotations"][0]["result"]
    raw["annotations"].append(annotation(11, 2, [*items, relation("t1", "e1", "agent")]))
    raw["annotations"][1]["updated_at"] = "2026-12-01T00:00:00Z"  # the one with the warning wins
    export = write_export(tmp_path / "e.json", [raw])
    with pytest.raises(StrictFailure, match=r"\(duplicate_argument: 1\)") as caught:
        build_dataset(export, tmp_path / "out", strict=True)
    assert "annotation_not_selected" not in str(caught.value)


def test_the_strict_listing_counts_the_kinds_it_does_not_name(tmp_path):
    import json

    from eventset.export.build import _listing

    kinds = ["a", "a", "b", "c", "d", "e", "f", "g", "h", "h", "h"]
    issues = tmp_path / "issues.jsonl"
    issues.write_text("".join(json.dumps({"kind": k, "severity": "error"}) + "\n" for k in kinds))
    listing = _listing(issues)
    assert listing.startswith("h: 3, a: 2, ")
    assert listing.endswith(", and 2 more of 2 other kind(s)")  # 8 kinds: 6 named
    issues.write_text("".join(json.dumps({"kind": k, "severity": "error"}) + "\n" for k in "abc"))
    assert _listing(issues) == "a: 1, b: 1, c: 1"
