"""Mapping values are checked against the ontology up front; a re-import says that documents
already in the project keep their old pre-annotations."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventset.annotate.importer import ImportSummary, _account_sources
from eventset.annotate.oneie import Mapping, OneIEPreAnnotator
from eventset.cli import app
from eventset.errors import InputError
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
RECORD = {"doc_id": "d1", "tokens": ["Rebels", "took", "Goma", "."]}


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    return path


@pytest.mark.parametrize(
    ("table", "key", "value", "hint"),
    [
        ("event_types", "Conflict:Capture", "TerritoriallControl", "'TerritorialControl'"),
        ("entity_types", "ORG", "Armedgroup", "'ArmedGroup'"),
        ("roles", "Attacker", "Agent", "'agent'"),
        ("roles", "Conflict:Attack/Place", "plaec", "'place'"),
    ],
)
def test_a_mapping_value_the_ontology_lacks_is_named_with_close_matches(
    tmp_path, corpus, table, key, value, hint
):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({table: {key: value}}))
    with pytest.raises(InputError) as err:
        OneIEPreAnnotator(corpus, ONTO, Mapping.load(path))
    message = str(err.value)
    assert message.startswith(f"{path}: 1 mapping values are not names of ontology conflict-news")
    assert f"{table}: {key!r} -> {value!r}: did you mean {hint}" in message
    assert "map a name to null" in message


def test_every_bad_value_is_listed_and_unrelated_ones_list_the_names(corpus):
    mapping = Mapping(
        event_types={"A": "Nothing", "B": "Support", "C": None}, entity_types={"X": "Zzzz"}
    )
    with pytest.raises(InputError) as err:
        OneIEPreAnnotator(corpus, ONTO, mapping)
    message = str(err.value)
    assert "the mapping: 2 mapping values" in message
    assert "event_types: 'A' -> 'Nothing': known names: MilitaryOperation, ArmedClash" in message
    assert "entity_types: 'X' -> 'Zzzz': known names: Person, Organization" in message
    assert "'B'" not in message and "'C'" not in message


def test_a_valid_mapping_passes(corpus):
    mapping = Mapping({"Conflict:Attack": "MilitaryOperation"}, {"ORG": None}, {"A": "agent"})
    assert OneIEPreAnnotator(corpus, ONTO, mapping).mapping is mapping


def test_the_command_refuses_a_bad_mapping_before_connecting(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("EVENTSET_DATA_DIR", str(tmp_path / "no-server"))
    (tmp_path / "doc.txt").write_text("Rebels took Goma.")
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"event_types": {"Conflict:Capture": "TerritoriallControl"}}))
    args = ["import", str(tmp_path / "doc.txt"), "--project", "p"]
    args += ["--preannotations", str(corpus), "--mapping", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: 1 mapping values are not names")
    assert "'TerritoriallControl': did you mean 'TerritorialControl'?" in result.output


@pytest.mark.parametrize("as_annotations", [False, True])
def test_documents_already_in_the_project_are_said_to_keep_their_pre_annotations(
    corpus, as_annotations
):
    source = OneIEPreAnnotator(corpus, ONTO)
    summary = ImportSummary()
    sources = [None, source] if as_annotations else [source, None]
    _account_sources(summary, sources, read_keys={"d1", "d2"}, present={"d1", "x"})
    (warning,) = summary.warnings
    assert warning.startswith(f"1 documents of {corpus} are already in the project (d1)")
    assert "keep what an earlier import gave them" in warning
    assert "were not sent again" in warning and "new project" in warning
    assert "deleting a task deletes its annotations too" in warning


def test_new_documents_give_no_such_warning(corpus):
    summary = ImportSummary()
    _account_sources(summary, [OneIEPreAnnotator(corpus, ONTO)], {"d1"}, present={"x"})
    assert summary.warnings == []
