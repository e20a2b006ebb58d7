"""Label colours: distinct within and across the trigger and entity blocks, also for big
ontologies; the hand-picked palettes stay first so existing projects keep their colours."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from eventset.annotate.config import ENTITY_COLOURS, TRIGGER_COLOURS, build_label_config
from eventset.schema import Entity, Event, Ontology, load_ontology

HEX = re.compile(r"#[0-9a-f]{6}")


def _big_ontology(events: int, entities: int) -> Ontology:
    ents = [
        type(f"Thing{i}", (Entity,), {"__doc__": f"Thing {i}.", "__module__": __name__})
        for i in range(entities)
    ]
    evs = [
        type(f"Happening{i}", (Event,), {"__doc__": f"Happening {i}.", "__module__": __name__})
        for i in range(events)
    ]
    return Ontology(name="big", version=1, entities=ents, events=evs)


def _backgrounds(xml: str, block: str) -> list[str]:
    root = ET.fromstring(xml)
    return [label.get("background") for label in root.find(f"Labels[@name='{block}']")]


@pytest.mark.parametrize("size", [16, 40, 45])
def test_every_type_gets_its_own_colour(size: int) -> None:
    xml = build_label_config(_big_ontology(size, size))
    triggers, entities = _backgrounds(xml, "trigger"), _backgrounds(xml, "entity")
    assert len(triggers) == len(entities) == size
    assert len(set(triggers)) == size and len(set(entities)) == size
    assert not set(triggers) & set(entities)
    assert all(HEX.fullmatch(colour) for colour in triggers + entities)


def test_many_colours_stay_distinct_and_apart() -> None:
    from eventset.annotate.config import label_colours

    triggers, entities = label_colours("trigger", 300), label_colours("entity", 300)
    assert len(set(triggers)) == 300 and len(set(entities)) == 300
    assert not set(triggers) & set(entities)


def test_hand_picked_palettes_come_first_and_colours_are_deterministic() -> None:
    from eventset.annotate.config import label_colours

    assert label_colours("trigger", len(TRIGGER_COLOURS)) == list(TRIGGER_COLOURS)
    assert label_colours("entity", len(ENTITY_COLOURS)) == list(ENTITY_COLOURS)
    assert label_colours("trigger", 60) == label_colours("trigger", 60)
    assert label_colours("trigger", 60)[:20] == label_colours("trigger", 20)
    onto = load_ontology("conflict-news")
    xml = build_label_config(onto)
    assert _backgrounds(xml, "trigger") == list(TRIGGER_COLOURS[: len(onto.event_types)])
    assert _backgrounds(xml, "entity") == list(ENTITY_COLOURS[: len(onto.entity_types)])
    big = _big_ontology(50, 50)
    assert build_label_config(big) == build_label_config(big)


def test_unknown_block_has_no_colours() -> None:
    from eventset.annotate.config import label_colours

    with pytest.raises(ValueError, match="relation"):
        label_colours("relation", 1)


def test_colours_repeat_beyond_the_distinct_ones_instead_of_searching_forever():
    from eventset.annotate.config import DISTINCT_COLOURS, label_colours

    for tag in ("trigger", "entity"):
        many = label_colours(tag, DISTINCT_COLOURS + 150)  # 650 entity types: past the 640 made
        assert len(set(many)) == DISTINCT_COLOURS
        assert many[DISTINCT_COLOURS:] == many[:150]
