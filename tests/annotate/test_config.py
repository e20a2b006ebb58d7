"""The labeling config: golden XML, LabelInterface validation, escaping, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Literal

from label_studio_sdk.label_interface import LabelInterface
from tests_golden import check_golden

from eventset.annotate.config import build_label_config
from eventset.schema import Entity, Event, Ontology, Role, load_ontology


def test_conflict_news_config_golden() -> None:
    check_golden("conflict-news.labelconfig.xml", build_label_config(load_ontology()))


def test_config_validates_offline() -> None:
    xml = build_label_config(load_ontology())
    interface = LabelInterface(xml)
    interface.validate()
    assert set(interface.get_control("trigger").labels) == set(load_ontology().event_types)
    assert set(interface.get_control("entity").labels) == set(load_ontology().entity_types)
    assert interface.get_control("modality").labels == [
        "asserted",
        "planned",
        "hypothetical",
        "uncertain",
    ]


def test_structure() -> None:
    root = ET.fromstring(build_label_config(load_ontology()))
    relations = [r.get("value") for r in root.iter("Relation")]
    assert relations[-1] == "same_as" and len(relations) == len(set(relations))
    assert set(relations) == {*load_ontology().role_names, "same_as"}
    view = root.find("View[@visibleWhen='region-selected']")
    assert view is not None and view.get("whenTagName") == "trigger"
    assert all(c.get("perRegion") == "true" for c in view.iter("Choices"))
    hotkeys = [label.get("hotkey") for label in root.iter("Label") if label.get("hotkey")]
    assert len(hotkeys) == len(set(hotkeys))
    colours = [label.get("background") for label in root.find("Labels[@name='trigger']")]
    assert len(colours) == len(set(colours))


def test_deterministic() -> None:
    assert build_label_config(load_ontology()) == build_label_config(load_ontology())


class Person(Entity):
    """Says "hi" & <waves> — a 'person'."""


class Greeting(Event):
    """A greeting <b>bold</b> & "quoted"."""

    greeter: list[Person] = Role("Who <greets>.")
    tone: Literal["warm", "cold"] = "warm"


def test_user_strings_are_escaped() -> None:
    onto = Ontology(name="g", version=1, entities=[Person], events=[Greeting])
    xml = build_label_config(onto)
    assert "<b>" not in xml and "&lt;b&gt;" in xml
    root = ET.fromstring(xml)  # well-formed despite quotes, ampersands and angle brackets
    hint = root.find(".//Label[@value='Person']").get("hint")
    assert hint == "Says \"hi\" & <waves> — a 'person'."
    LabelInterface(xml).validate()


def test_config_control_names_are_reserved_for_attributes() -> None:
    from eventset.schema.ontology import RESERVED_ATTRIBUTE_NAMES

    root = ET.fromstring(build_label_config(load_ontology()))
    own = {el.get("name") for el in root.iter() if el.tag in ("Text", "Labels")}
    # every control of the config's own is reserved (the rest are the dataset's event columns)
    assert own and own <= set(RESERVED_ATTRIBUTE_NAMES)
