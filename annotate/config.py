"""Generate a Label Studio labeling config from an ontology (pure, deterministic XML).

Tag names are a contract with the export parser: ``text`` (the Text tag), ``trigger`` and
``entity`` (the two Labels blocks), one ``Relations`` block (role names plus ``same_as``) and one
per-region ``Choices`` per event attribute, named after the attribute.

Every attribute ``Choices`` carries a ``whenLabelValue`` (Label Studio splits it at commas)
naming the event types that have the attribute: all of them when every type has it. The
choices are then shown, and answer their keys, only while a trigger of one of those types is
selected. Without it Label Studio gives each choice a single key of its own that also works on a
selected entity region while the choices are hidden, tagging the entity with an attribute the
build then drops. An attribute that only some event types have also gets a ``View`` with the
same ``whenLabelValue`` around its header, so the header hides with it.

Relations take one role each (``choice="single"`` on ``Relations``): picking another role
replaces the first instead of leaving both ticked, which the build would drop.

Label colours come in two families that stay apart where Label Studio draws a text region, at
``HIGHLIGHT_OPACITY`` over white: strong, saturated trigger colours and lighter but still
clearly visible entity colours (see ``label_colours``).
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

# Two palettes, picked for how Label Studio 1.23 draws a text region: its label colour at 30 %
# opacity over the white page (``HIGHLIGHT_OPACITY``; the selected region at 80 %). Blended like
# that, every pair among the 24 colours is at least 7 CIEDE2000 units apart; the triggers are
# saturated and come out clearly darker than every entity (CIE L* at most 83 against at least
# 90), and the entities are lighter but never a near-white pastel. The order spreads them:
# trigger and entity colours alternately, each as far as possible from all the colours before it
# in either block, so small ontologies get the most distinct ones. Types beyond the palettes get
# generated colours (see ``label_colours``) in the same two families.
HIGHLIGHT_OPACITY = 0.3
TRIGGER_COLOURS = (
    "#0000ff",
    "#ff2200",
    "#ff00bb",
    "#774400",
    "#225500",
    "#aa3366",
    "#7733cc",
    "#2244aa",
    "#ff0033",
    "#882211",
    "#aa00ff",
    "#007744",
)
ENTITY_COLOURS = (
    "#bbcc00",
    "#00ccdd",
    "#aa99dd",
    "#00dd55",
    "#55aaff",
    "#ff9977",
    "#ffaa11",
    "#66aa99",
    "#bbbb66",
    "#ff99ff",
    "#77cc66",
    "#55dd00",
)
# Lightness tiers (alternating from one generated colour to the next) and saturation of the
# generated colours (HLS). Trigger lightness stays below every entity lightness, so a generated
# trigger colour never equals a generated entity colour; both skip every hand-picked colour.
TRIGGER_LIGHTNESS = (0.38, 0.48)
ENTITY_LIGHTNESS = (0.60, 0.70)
TRIGGER_SATURATION = 0.80
ENTITY_SATURATION = 0.75
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
    # One role per relation: a second pick replaces the first (Label Studio's default, several
    # roles, leaves both ticked when a person corrects a role, and the build drops the argument).
    relations = ET.SubElement(root, "Relations", choice="single")
    for role in (*ontology.role_names, COREF_RELATION):
        ET.SubElement(relations, "Relation", value=role)
    ET.SubElement(root, "Text", name=TEXT_TAG, value="$text")
    _add_attribute_choices(root, ontology)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def label_colours(tag: str, number: int) -> list[str]:
    """The first ``number`` label colours of the ``trigger`` or ``entity`` block, all distinct.

    The hand-picked palette comes first (so a type keeps its colour when types are added after
    it), then generated colours: hues a golden-ratio turn apart, lightness alternating between
    two tiers (darker, saturated ones for triggers; lighter ones for entities), skipping any
    colour already given and every hand-picked colour of both blocks. Trigger and entity colours
    never coincide. Rounded to 8 bits, the generated colours run out after about 1,600 entity
    and 2,100 trigger types; beyond ``DISTINCT_COLOURS`` types colours repeat in order.

    Example:
        >>> label_colours("trigger", 2), label_colours("entity", 1)
        (['#0000ff', '#ff2200'], ['#bbcc00'])
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
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_LIST = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def hint(doc: str | None) -> str:
    """A label's tooltip: the first paragraph of its docstring that is text, on one line.

    A line scanner over the docstring's Markdown leaves out fenced code blocks (from a fence of
    three or more backticks or tildes to a fence of the same character at least as long, or to
    the end), ATX heading lines (``# Scope``) and setext headings (an ``=====`` or ``-----``
    underline and the lines above it), and thematic breaks (``***``); a blank line, a heading, a
    fence, a break or a list item ends the paragraph.
    The whole docstring is in the guidelines.

    Example:
        >>> hint("Scope\\n=====\\nForces surround a city.\\n\\nMore.")
        'Forces surround a city.'
    """
    paragraph: list[str] = []
    fence = ""  # the opening fence of the code block the scanner is in
    for line in inspect.cleandoc(doc or "").splitlines():
        if fence:
            closing = _FENCE.match(line)
            if closing and closing[1].startswith(fence) and not line[closing.end() :].strip():
                fence = ""
        elif opening := _FENCE.match(line):
            fence = opening[1]
        elif _BREAK.fullmatch(line) and (not paragraph or _LIST.match(paragraph[-1])):
            pass  # a thematic break ("***", or "---" after a list item): it ends a paragraph
        elif _SETEXT.fullmatch(line):
            paragraph = []  # the lines above it were a heading (or it stands alone: markup)
            continue
        elif line.strip() and not _ATX.match(line) and not (paragraph and _LIST.match(line)):
            paragraph.append(line)
            continue
        if paragraph:
            break  # a blank line, a heading or a fence ends the paragraph
    return " ".join(" ".join(paragraph).split())


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
        # Always on the Choices, even when every event type has the attribute: Label Studio then
        # ignores the choices' keys on any other selected region (an entity), and leaves out a
        # value ticked before the trigger was relabelled to a type without the attribute.
        narrow = {"whenLabelValue": ",".join(owners)}
        parent = view
        if len(owners) < len(ontology.event_types):
            # Also on a View around the header, which then hides with the choices.
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
