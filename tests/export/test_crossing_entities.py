"""An entity mention that crosses a sentence boundary is counted and listed, never lost quietly."""

from __future__ import annotations

from export_helpers import annotation, find, relation, task, write_export

from eventset.export.build import build_dataset


def test_entity_over_a_sentence_boundary_is_counted_in_the_card(tmp_path):
    text = "Rebels left Goma. Kivu fell."
    items = [
        find("e1", "entity", text, "Goma. Kivu", "Location"),
        find("e2", "entity", text, "Rebels", "ArmedGroup"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d", text, [annotation(1, 1, items)])])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.tally["cross_sentence_entities"] == 1
    assert summary.tally["cross_sentence_arguments"] == 0
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert (
        "0 argument(s) lie outside their trigger's sentence, 0 event trigger(s) and 1 entity"
        in card
    )
    assert "- d entity e1: crosses a sentence boundary" in card


def test_an_event_whose_trigger_crosses_a_sentence_boundary_is_counted_as_an_event(tmp_path):
    text = "Rebels fought\nback hard in Goma."
    items = [
        find("t1", "trigger", text, "fought\nback", "ArmedClash"),
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        find("e2", "entity", text, "Goma", "Location"),
        relation("t1", "e1", "participant"),
        relation("t1", "e2", "place"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d", text, [annotation(1, 1, items)])])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.tally["cross_sentence_triggers"] == 1
    assert summary.tally["cross_sentence_arguments"] == 0  # its arguments are not miscounted
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "0 argument(s) lie outside their trigger's sentence, 1 event trigger(s)" in card
    assert "- d event t1: its trigger crosses a sentence boundary" in card
    assert "trigger -> t1" not in card
