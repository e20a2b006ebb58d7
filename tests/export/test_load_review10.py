"""A dataset built with an earlier version of a built-in ontology (even one that only gained
lexicon phrases, which changes its hash) is still read with the ontology its stamp names."""

from __future__ import annotations

import json
from pathlib import Path

from export_helpers import offensive_task, write_export
from support.cli import run_cli

from eventset.export.build import build_dataset
from eventset.export.load import dataset_ontology, load_events


def _built_with_an_older_version(tmp_path: Path) -> Path:
    out = tmp_path / "ds"
    build_dataset(write_export(tmp_path / "e.json", [offensive_task(1, "d1")]), out)
    schema = out / "ontology.schema.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["x-eventset-ontology"]["hash"] = "0" * 64  # as if built before a lexicon change
    schema.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_load_events_reads_it_with_the_current_version(tmp_path):
    out = _built_with_an_older_version(tmp_path)
    onto = dataset_ontology(out)
    assert onto is not None and onto.name == "conflict-news"
    events = load_events(out)
    assert [type(e).__name__ for e in events["d1"]] == ["MilitaryOperation", "Conference"]


def test_convert_to_brat_warns_and_writes(tmp_path):
    out = _built_with_an_older_version(tmp_path)
    done = run_cli("convert", out, "--to", "brat", "--out", tmp_path / "brat")
    assert done.exit_code == 0, done.output
    assert "ontology 'conflict-news' changed since" in done.output
    assert (tmp_path / "brat" / "annotation.conf").is_file()
