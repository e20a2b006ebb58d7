"""`convert --to oneie` of a dataset built with a custom ontology checks the roles' minimums
without --ontology (the folder's ontology.schema.json holds them), and says when it cannot."""

from __future__ import annotations

import pytest
from export_helpers import annotation, find, relation, task, write_export
from test_convert_below_minimum import ONTOLOGY, TEXT
from typer.testing import CliRunner

from eventset.cli import app
from eventset.export.build import build_dataset
from eventset.export.oneie import role_minimums, stamped_minimums
from eventset.schema import load_ontology

runner = CliRunner()
NOTE = "note: 1 event mention(s) of the sentence rows have fewer arguments of a role than its"


@pytest.fixture
def custom(tmp_path):
    path = tmp_path / "blockades.py"
    path.write_text(ONTOLOGY, encoding="utf-8")
    items = [
        find("t1", "trigger", TEXT, "blocked the port", "Blockade"),
        find("e1", "entity", TEXT, "The rebels", "Group"),  # another sentence
        relation("t1", "e1", "blocker"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", TEXT, [annotation(1, 1, items)])])
    onto = load_ontology(str(path))
    return build_dataset(export, tmp_path / "ds", ontology=onto, splits="1").out_dir, onto


def test_the_minimums_are_read_from_the_folder_without_ontology(custom, tmp_path):
    out, onto = custom
    assert stamped_minimums(out) == role_minimums(onto) == {"Blockade": {"blocker": 1}}
    result = runner.invoke(
        app, ["convert", str(out), "--to", "oneie", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert NOTE in result.output


def test_without_the_schema_the_note_says_the_check_needs_ontology(custom, tmp_path):
    out, _ = custom
    (out / "ontology.schema.json").unlink()
    result = runner.invoke(
        app, ["convert", str(out), "--to", "oneie", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert NOTE not in result.output
    assert "note: the roles' minimums were not checked in the sentence rows" in result.output
    assert "pass --ontology with the ontology it was built with" in result.output
    given = runner.invoke(
        app,
        [
            "convert",
            str(out),
            "--to",
            "oneie",
            "--out",
            str(tmp_path / "p"),
            "-o",
            str(out.parent / "blockades.py"),
        ],
    )
    assert given.exit_code == 0 and NOTE in given.output


def test_the_built_in_ontology_gives_the_same_minimums_from_the_folder(tmp_path):
    from export_helpers import RECORDED

    out = build_dataset(RECORDED, tmp_path / "ds", splits="1").out_dir
    assert stamped_minimums(out) == role_minimums(load_ontology("conflict-news"))
