"""`convert --to oneie` says how many sentence-level events lack a required argument."""

from __future__ import annotations

from export_helpers import annotation, find, relation, task, write_export
from typer.testing import CliRunner

from eventset.cli import app
from eventset.export.build import build_dataset
from eventset.export.oneie import events_below_minimum
from eventset.schema import load_ontology

ONTOLOGY = '''from eventset import Entity, Event, Ontology, Role


class Group(Entity):
    """An armed group."""


class Blockade(Event):
    """A blockade."""

    blocker: list[Group] = Role("Who blocks.", min=1)


ONTOLOGY = Ontology(name="blockades", version=1, entities=[Group], events=[Blockade])
'''
TEXT = "The rebels came at night.\\nThey blocked the port. Pirates blocked the strait."


def test_events_whose_required_argument_is_in_another_sentence_are_counted(tmp_path):
    path = tmp_path / "blockades.py"
    path.write_text(ONTOLOGY, encoding="utf-8")
    items = [
        find("t1", "trigger", TEXT, "blocked the port", "Blockade"),
        find("e1", "entity", TEXT, "The rebels", "Group"),  # first sentence
        relation("t1", "e1", "blocker"),
        find("t2", "trigger", TEXT, "blocked the strait", "Blockade"),
        find("e2", "entity", TEXT, "Pirates", "Group"),  # same sentence
        relation("t2", "e2", "blocker"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", TEXT, [annotation(1, 1, items)])])
    onto = load_ontology(str(path))
    out = build_dataset(export, tmp_path / "ds", ontology=onto, splits="1").out_dir
    assert events_below_minimum(out, onto) == 1
    assert events_below_minimum(out, load_ontology("conflict-news")) == 0  # no minimum: no pass
    result = CliRunner().invoke(
        app, ["convert", str(out), "--to", "oneie", "--out", str(tmp_path / "o"), "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "note: 1 event mention(s) of the sentence rows have fewer arguments" in result.output
    assert "a dataset built from them would leave those events out (cardinality)" in result.output
    assert "would refuse" not in result.output  # the import does not check minimums
