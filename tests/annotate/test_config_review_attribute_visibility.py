"""Per-region attribute choices are shown only for the event types that have the attribute.

Label Studio 1.23 (``web/dist/apps/labelstudio/358.js``, the Visibility mixin of View and the
PerRegion mixin of Choices) shows a ``visibleWhen="region-selected"`` element when the selected
region's label is one of ``whenLabelValue.split(",")``; the values are not trimmed. ``_shown``
below applies exactly that rule to the generated XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Literal

from label_studio_sdk.label_interface import LabelInterface

from eventset.annotate.config import build_label_config
from eventset.schema import Entity, Event, Ontology, Role, load_ontology


class Person(Entity):
    """A person."""


class Move(Event):
    """Someone moves."""

    mover: list[Person] = Role("Who moves.")
    certainty: Literal["certain", "likely", "doubtful"] = "certain"
    polarity: Literal["positive", "negative"] = "positive"


class Attack(Event):
    """Someone attacks."""

    attacker: list[Person] = Role("Who attacks.")
    polarity: Literal["positive", "negative"] = "positive"


class Meet(Event):
    """People meet."""

    participant: list[Person] = Role("Who meets.")
    certainty: Literal["certain", "likely", "doubtful"] = "certain"
    polarity: Literal["positive", "negative"] = "positive"
    venue: Literal["public", "secret"] = "public"


ONTO = Ontology(name="vis", version=1, entities=[Person], events=[Move, Attack, Meet])


def _allows(element: ET.Element, label: str) -> bool:
    values = element.get("whenLabelValue")
    return values is None or label in values.split(",")


def _shown(xml: str, label: str) -> dict[str, bool]:
    """Per attribute control: is it shown while a trigger labelled ``label`` is selected?"""
    root = ET.fromstring(xml)
    parents = {child: parent for parent in root.iter() for child in parent}
    shown = {}
    for choices in root.iter("Choices"):
        chain, node = [choices], choices
        while node in parents:
            node = parents[node]
            chain.append(node)
        for element in chain:
            if element.get("visibleWhen") not in (None, "region-selected"):
                raise AssertionError(f"unexpected visibleWhen on {element.tag}")
            if element.get("visibleWhen") == "region-selected":
                assert element.get("whenTagName") == "trigger"
        shown[choices.get("name")] = all(_allows(element, label) for element in chain)
    return shown


def test_each_event_type_sees_exactly_its_own_attributes() -> None:
    xml = build_label_config(ONTO)
    for event in ONTO.event_types.values():
        own = {attribute.name for attribute in event.attributes}
        shown = _shown(xml, event.name)
        assert {name for name, visible in shown.items() if visible} == own, event.name
        assert set(shown) == set(ONTO.attributes)


def test_narrowed_attributes_name_their_event_types_comma_separated_without_spaces() -> None:
    root = ET.fromstring(build_label_config(ONTO))
    narrowed = {c.get("name"): c.get("whenLabelValue") for c in root.iter("Choices")}
    assert narrowed == {"certainty": "Move,Meet", "polarity": "Move,Attack,Meet", "venue": "Meet"}
    # the View around each narrowed attribute hides its header too
    for view in root.iter("View"):
        if view.get("whenLabelValue"):
            header, choices = list(view)
            assert header.tag == "Header" and header.get("value").startswith(choices.get("name"))
            assert view.get("whenLabelValue") == choices.get("whenLabelValue")


def test_narrowed_config_validates_offline() -> None:
    interface = LabelInterface(build_label_config(ONTO))
    interface.validate()
    assert interface.get_control("certainty").labels == ["certain", "likely", "doubtful"]


def test_an_attribute_every_event_type_has_names_them_all_and_has_no_view_of_its_own() -> None:
    """Named on the Choices so that its keys do nothing on a selected entity region; no inner
    View, so its header is shown with every selected trigger."""
    from eventset.annotate.config import attribute_owners

    onto = load_ontology("conflict-news")
    root = ET.fromstring(build_label_config(onto))
    assert attribute_owners(onto, "modality") == list(onto.event_types)
    every = ",".join(onto.event_types)
    assert {c.get("name"): c.get("whenLabelValue") for c in root.iter("Choices")} == {
        "modality": every,
        "polarity": every,
    }
    assert not [view for view in root.iter("View") if view.get("whenLabelValue")]
    xml = build_label_config(onto)
    for event in onto.event_types:
        assert all(_shown(xml, event).values())
    for entity in onto.entity_types:  # the entity block's labels never satisfy the rule
        assert not any(_shown(xml, entity).values())
