"""A dataset built with the user's own ontology, read without it: the error names that ontology.

It said "cannot tell which ontology ... was built with" although the folder records its name,
version and hash.
"""

from __future__ import annotations

import pytest
from export_helpers import annotation, find, relation, task, write_export
from test_convert_below_minimum import ONTOLOGY, TEXT
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import InputError
from eventset.export.build import build_dataset
from eventset.export.load import load_events
from eventset.schema import load_ontology


@pytest.fixture
def built(tmp_path):
    path = tmp_path / "blockades.py"
    path.write_text(ONTOLOGY, encoding="utf-8")
    items = [
        find("t1", "trigger", TEXT, "blocked the port", "Blockade"),
        find("e1", "entity", TEXT, "They", "Group"),
        relation("t1", "e1", "blocker"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", TEXT, [annotation(1, 1, items)])])
    onto = load_ontology(str(path))
    return build_dataset(export, tmp_path / "ds", ontology=onto, splits="1").out_dir, onto


def test_convert_to_brat_without_the_ontology_names_it(built, tmp_path):
    out, onto = built
    result = CliRunner().invoke(
        app, ["convert", str(out), "--to", "brat", "--out", str(tmp_path / "b")]
    )
    assert result.exit_code != 0
    said = " ".join(result.output.split())
    assert f"was built with ontology 'blockades' v1 (hash {onto.content_hash[:12]})" in said
    assert "not built into eventset" in said
    assert "--ontology with the file that defines 'blockades'" in said


def test_load_events_without_the_ontology_names_it(built):
    out, onto = built
    with pytest.raises(InputError) as refused:
        load_events(out)
    assert "'blockades' v1" in str(refused.value)
    assert "ontology=..." in refused.value.remedy
    assert [type(e).__name__ for e in load_events(out, onto)["d1"]] == ["Blockade"]
