"""Generate a Label Studio labeling config from an ontology (pure, deterministic XML).

Tag names are a contract with the export parser: ``text`` (the Text tag), ``trigger`` and
``entity`` (the two Labels blocks), one ``Relations`` block (role names plus ``same_as``) and one
per-region ``Choices`` per event attribute, named after the attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION

TEXT_TAG = "text"
TRIGGER_TAG = "trigger"
ENTITY_TAG = "entity"

# Two qualitative palettes (ColorBrewer-like hues, chosen by hand) so triggers and entities
# stay distinguishable side by side; they cycle when an ontology has more types.
TRIGGER_COLOURS = (
    "#d62728",
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
)
ENTITY_COLOURS = (
    "#fdd0a2",
    "#c6dbef",
    "#c7e9c0",
    "#dadaeb",
    "#fcbba1",
    "#d9d9d9",
    "#fde0ef",
    "#ccebc5",
    "#ffffb3",
    "#bebada",
)
TRIGGER_HOTKEYS = "123456789"
ENTITY_HOTKEYS = "qwertyuiop"


def build_label_config(ontology: Ontology) -> str:
    """The Label Studio XML config for ``ontology``; the same ontology always gives the same bytes.

    Example:
        >>> from eventset.schema import load_ontology
        >>> xml = build_label_config(load_ontology("conflict-news"))
        >>> '<Labels name="trigger"' in xml and 'value="same_as"' in xml
        True
    """
    root = ET.Element("View")
    ET.SubElement(root, "Header", value="Document $doc_id")
    _add_labels(root, TRIGGER_TAG, _event_labels(ontology), TRIGGER_COLOURS, TRIGGER_HOTKEYS)
    _add_labels(root, ENTITY_TAG, _entity_labels(ontology), ENTITY_COLOURS, ENTITY_HOTKEYS)
    relations = ET.SubElement(root, "Relations")
    for role in (*ontology.role_names, COREF_RELATION):
        ET.SubElement(relations, "Relation", value=role)
    ET.SubElement(root, "Text", name=TEXT_TAG, value="$text")
    _add_attribute_choices(root, ontology)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def _event_labels(ontology: Ontology) -> list[tuple[str, str]]:
    return [(event.name, event.definition) for event in ontology.event_types.values()]


def _entity_labels(ontology: Ontology) -> list[tuple[str, str]]:
    return [(name, ontology.entity_definition(name)) for name in ontology.entity_types]


def _add_labels(
    root: ET.Element,
    name: str,
    labels: list[tuple[str, str]],
    colours: tuple[str, ...],
    hotkeys: str,
) -> None:
    block = ET.SubElement(root, "Labels", name=name, toName=TEXT_TAG, showInline="true")
    for index, (value, hint) in enumerate(labels):
        attributes = {"value": value, "background": colours[index % len(colours)]}
        if index < len(hotkeys):
            attributes["hotkey"] = hotkeys[index]
        if hint:
            attributes["hint"] = hint
        ET.SubElement(block, "Label", attributes)


def _add_attribute_choices(root: ET.Element, ontology: Ontology) -> None:
    if not ontology.attributes:
        return
    view = ET.SubElement(root, "View", visibleWhen="region-selected", whenTagName=TRIGGER_TAG)
    for attribute in ontology.attributes.values():
        header = f"{attribute.name} of the selected trigger (default: {attribute.default})"
        ET.SubElement(view, "Header", value=header, size="6")
        choices = ET.SubElement(
            view,
            "Choices",
            name=attribute.name,
            toName=TEXT_TAG,
            perRegion="true",
            choice="single",
            showInline="true",
        )
        for value in attribute.values:
            ET.SubElement(choices, "Choice", value=value)
