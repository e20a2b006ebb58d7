"""Generate a Label Studio labeling config from an ontology (pure, deterministic XML).

Tag names are a contract with the export parser: ``text`` (the Text tag), ``trigger`` and
``entity`` (the two Labels blocks), one ``Relations`` block (role names plus ``same_as``) and one
per-region ``Choices`` per event attribute, named after the attribute.

An attribute that only some event types have is shown only while a trigger of one of those
types is selected (Label Studio's ``whenLabelValue``, which takes comma-separated values); one
that every event type has is shown for every selected trigger.
"""

from __future__ import annotations

import colorsys
import inspect
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import count, islice

from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION

TEXT_TAG = "text"
TRIGGER_TAG = "trigger"
ENTITY_TAG = "entity"

# Two qualitative palettes (ColorBrewer-like hues, chosen by hand) so triggers and entities
# stay distinguishable side by side. Types beyond them get generated colours (see
# ``label_colours``): saturated mid-tones for triggers, pastels for entities.
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
# Lightness tiers (alternating from one generated colour to the next) and saturation of the
# generated colours. Trigger lightness stays below every entity lightness, so a generated trigger
# colour never equals a generated entity colour; both skip every hand-picked colour.
TRIGGER_LIGHTNESS = (0.40, 0.55)
ENTITY_LIGHTNESS = (0.80, 0.88)
TRIGGER_SATURATION = 0.70
ENTITY_SATURATION = 0.65
GOLDEN_RATIO_CONJUGATE = 0.618033988749895  # hue step (as a turn) that spreads hues evenly
DISTINCT_COLOURS = 500  # types per block with colours of their own (the generator has ~640 more)
TRIGGER_HOTKEYS = "123456789"
# Not "u": Label Studio's own key for "unselect region" (its default keymap), which won over the
# label, so the seventh entity type could not be chosen from the keyboard.
ENTITY_HOTKEYS = "qwertyiop"
# Single keys Label Studio's labeling page binds by default (ctrl/alt/shift chords not listed).
LABEL_STUDIO_KEYS = frozenset("u")


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
    events, entities = _event_labels(ontology), _entity_labels(ontology)
    _add_labels(root, TRIGGER_TAG, events, label_colours(TRIGGER_TAG, len(events)), TRIGGER_HOTKEYS)
    _add_labels(
        root, ENTITY_TAG, entities, label_colours(ENTITY_TAG, len(entities)), ENTITY_HOTKEYS
    )
    relations = ET.SubElement(root, "Relations")
    for role in (*ontology.role_names, COREF_RELATION):
        ET.SubElement(relations, "Relation", value=role)
    ET.SubElement(root, "Text", name=TEXT_TAG, value="$text")
    _add_attribute_choices(root, ontology)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def label_colours(tag: str, number: int) -> list[str]:
    """The first ``number`` label colours of the ``trigger`` or ``entity`` block, all distinct.

    The hand-picked palette comes first (so existing types keep their colours), then generated
    colours: hues a golden-ratio turn apart, lightness alternating between two tiers, skipping
    any colour already given and every hand-picked colour of both blocks. Trigger and entity
    colours never coincide. Rounded to 8 bits, the generated colours run out after about 600
    entity and 1,800 trigger types; beyond ``DISTINCT_COLOURS`` types colours repeat in order.

    Example:
        >>> label_colours("trigger", 2), label_colours("entity", 1)
        (['#d62728', '#1f77b4'], ['#fdd0a2'])
        >>> len(set(label_colours("trigger", 100) + label_colours("entity", 100)))
        200
    """
    if tag == TRIGGER_TAG:
        colours = _colours(TRIGGER_COLOURS, TRIGGER_LIGHTNESS, TRIGGER_SATURATION, 0.0)
    elif tag == ENTITY_TAG:
        colours = _colours(ENTITY_COLOURS, ENTITY_LIGHTNESS, ENTITY_SATURATION, 0.5)
    else:
        raise ValueError(f"no label colours for tag {tag!r}")
    distinct = list(islice(colours, min(number, DISTINCT_COLOURS)))
    return [distinct[i % len(distinct)] for i in range(number)] if distinct else []


def _colours(
    palette: tuple[str, ...], lightness: tuple[float, ...], saturation: float, hue: float
) -> Iterator[str]:
    seen = {*TRIGGER_COLOURS, *ENTITY_COLOURS}
    yield from palette
    for index in count():
        hue = (hue + GOLDEN_RATIO_CONJUGATE) % 1.0
        red, green, blue = colorsys.hls_to_rgb(hue, lightness[index % len(lightness)], saturation)
        colour = "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))
        if colour not in seen:
            seen.add(colour)
            yield colour


def _event_labels(ontology: Ontology) -> list[tuple[str, str]]:
    return [(event.name, hint(event.guideline)) for event in ontology.event_types.values()]


def _entity_labels(ontology: Ontology) -> list[tuple[str, str]]:
    return [
        (name, hint(cls.__dict__.get("__doc__"))) for name, cls in ontology.entity_types.items()
    ]


_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_FENCE = ("```", "~~~")


def hint(doc: str | None) -> str:
    """A label's tooltip: the first paragraph of its docstring that is text (not a Markdown
    heading or code fence), on one line. The whole docstring is in the guidelines."""
    for paragraph in re.split(r"\n[ \t]*\n", inspect.cleandoc(doc or "")):
        lines = paragraph.splitlines()
        if len(lines) == 2 and _SETEXT.fullmatch(lines[1]):
            continue  # a setext heading: "Scope" over "====="
        text = [line for line in lines if not _ATX.match(line)]
        if text and not text[0].lstrip().startswith(_FENCE):
            return " ".join(" ".join(text).split())
    return ""


def _add_labels(
    root: ET.Element,
    name: str,
    labels: list[tuple[str, str]],
    colours: list[str],
    hotkeys: str,
) -> None:
    block = ET.SubElement(root, "Labels", name=name, toName=TEXT_TAG, showInline="true")
    for index, (value, hint) in enumerate(labels):
        attributes = {"value": value, "background": colours[index]}
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
        owners = attribute_owners(ontology, attribute.name)
        parent, narrow = view, dict[str, str]()
        if len(owners) < len(ontology.event_types):
            # On the View (hides the header too) and on the Choices: Label Studio then also
            # leaves out a value ticked before the trigger was relabelled to another type.
            narrow = {"whenLabelValue": ",".join(owners)}
            shown = {"visibleWhen": "region-selected", "whenTagName": TRIGGER_TAG, **narrow}
            parent = ET.SubElement(view, "View", shown)
        header = f"{attribute.name} of the selected trigger (default: {attribute.default})"
        ET.SubElement(parent, "Header", value=header, size="6")
        fields = {
            "name": attribute.name,
            "toName": TEXT_TAG,
            "perRegion": "true",
            "choice": "single",
            "showInline": "true",
            **narrow,
        }
        choices = ET.SubElement(parent, "Choices", fields)
        for value in attribute.values:
            ET.SubElement(choices, "Choice", value=value)


def attribute_owners(ontology: Ontology, name: str) -> list[str]:
    """The event types (in declaration order) that have the attribute called ``name``.

    Example:
        >>> from eventset.schema import load_ontology
        >>> onto = load_ontology("conflict-news")
        >>> attribute_owners(onto, "modality") == list(onto.event_types)
        True
    """
    owners = [
        event.name
        for event in ontology.event_types.values()
        if any(attribute.name == name for attribute in event.attributes)
    ]
    # Label Studio splits whenLabelValue at commas; event type names are class names.
    assert all("," not in owner for owner in owners), owners
    return owners
