"""The labeling config: golden XML, LabelInterface validation, escaping, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Literal

from label_studio_sdk.label_interface import LabelInterface
from tests_golden import check_golden

from eventset.annotate.config import (
    ENTITY_HOTKEYS,
    LABEL_STUDIO_KEYS,
    TRIGGER_HOTKEYS,
    build_label_config,
)
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
    assert not LABEL_STUDIO_KEYS & set(hotkeys)  # a label key Label Studio also binds is dead
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


def test_label_hotkeys_avoid_the_single_keys_of_label_studios_keymap() -> None:
    """Read from the installed labeling page's default keymap, so an upgrade that binds more
    single keys fails here."""
    import re
    from importlib.util import find_spec

    spec = find_spec("web")  # label-studio's front end, installed with eventset[server]
    assert spec is not None and spec.submodule_search_locations
    dist = Path(next(iter(spec.submodule_search_locations))) / "dist"
    pattern = re.compile(r'"[a-z]+:[a-z:_-]+":\{"key":"([^"]+)"')
    keys = set()
    for bundle in dist.rglob("*.js"):
        keys |= set(pattern.findall(bundle.read_text(encoding="utf-8", errors="replace")))
    assert "ctrl+enter" in keys  # the keymap was found (submit)
    single = {key for key in keys if len(key) == 1 and (key.islower() or key.isdigit())}
    assert single == set(LABEL_STUDIO_KEYS)
    assert not single & set(ENTITY_HOTKEYS + TRIGGER_HOTKEYS)
