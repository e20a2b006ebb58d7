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
        many = label_colours(tag, DISTINCT_COLOURS + 150)
        assert len(set(many)) == DISTINCT_COLOURS
        assert many[DISTINCT_COLOURS:] == many[:150]


# How the labeling page shows the colours: Label Studio 1.23 draws a text region in its label
# colour at HIGHLIGHT_OPACITY over the white page (checked against the installed front end in
# test_config_ui.py). The colour science below is written out here: CIE Lab (D65) and CIEDE2000.
MIN_PAIR_DISTANCE = 7.0  # CIEDE2000 between any two highlights; ~2 is barely noticeable
MIN_ENTITY_VISIBILITY = 11.0  # CIEDE2000 from white: an entity highlight is no faint pastel
PALETTE_SIZE = 12


def _highlight(colour: str) -> tuple[float, float, float]:
    """The Lab colour of a region highlighted in ``colour`` on the white page."""
    from eventset.annotate.config import HIGHLIGHT_OPACITY

    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return _lab(*(HIGHLIGHT_OPACITY * c + (1 - HIGHLIGHT_OPACITY) * 255 for c in channels))


def _lab(red: float, green: float, blue: float) -> tuple[float, float, float]:
    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = linear(red), linear(green), linear(blue)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _ciede2000(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    from math import atan2, cos, degrees, exp, hypot, radians, sin, sqrt

    (l1, a1, b1), (l2, a2, b2) = first, second
    mean_c = (hypot(a1, b1) + hypot(a2, b2)) / 2
    g = 0.5 * (1 - sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = hypot(a1, b1), hypot(a2, b2)
    h1, h2 = degrees(atan2(b1, a1)) % 360, degrees(atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_l, d_c, d_h = l2 - l1, c2 - c1, 2 * sqrt(c1 * c2) * sin(radians(dh / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * cos(radians(mean_h - 30))
        + 0.24 * cos(radians(2 * mean_h))
        + 0.32 * cos(radians(3 * mean_h + 6))
        - 0.20 * cos(radians(4 * mean_h - 63))
    )
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_c, 1 + 0.015 * mean_c * t
    r_c = 2 * sqrt(mean_c**7 / (mean_c**7 + 25**7))
    r_t = -sin(radians(60 * exp(-(((mean_h - 275) / 25) ** 2)))) * r_c
    return sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # published CIEDE2000 test pairs (Sharma, Wu and Dalal 2005)
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_the_colour_distance_is_ciede2000(first, second, expected) -> None:
    assert _ciede2000(first, second) == pytest.approx(expected, abs=1e-4)
    assert _lab(255, 255, 255) == pytest.approx((100.0, 0.0, 0.0), abs=0.02)  # D65 white


def test_the_reviewers_look_alike_pairs_were_that_close() -> None:
    """The old palettes' pairs the reviewer could not tell apart on the page fail the bound."""
    for pair in (("#c7e9c0", "#ccebc5"), ("#aec7e8", "#c6dbef"), ("#7f7f7f", "#d9d9d9")):
        assert _ciede2000(*map(_highlight, pair)) < MIN_PAIR_DISTANCE, pair


def test_every_pair_of_highlights_is_clearly_distinct() -> None:
    from itertools import combinations

    from eventset.annotate.config import label_colours

    triggers = label_colours("trigger", PALETTE_SIZE)
    entities = label_colours("entity", PALETTE_SIZE)
    assert triggers == list(TRIGGER_COLOURS[:PALETTE_SIZE])
    assert entities == list(ENTITY_COLOURS[:PALETTE_SIZE])
    close = [
        (first, second, round(_ciede2000(_highlight(first), _highlight(second)), 2))
        for first, second in combinations(triggers + entities, 2)
        if _ciede2000(_highlight(first), _highlight(second)) < MIN_PAIR_DISTANCE
    ]
    assert not close


def test_triggers_and_entities_are_two_families_and_entities_show_on_white() -> None:
    """Triggers are saturated and highlight darker than any entity; entities are lighter but
    stand out from the white page."""
    from math import hypot

    from eventset.annotate.config import label_colours

    triggers = [_highlight(c) for c in label_colours("trigger", PALETTE_SIZE)]
    entities = [_highlight(c) for c in label_colours("entity", PALETTE_SIZE)]
    darkest_entity = min(lightness for lightness, _, _ in entities)
    assert max(lightness for lightness, _, _ in triggers) + 5 < darkest_entity
    # saturated: on average, a trigger highlight is more colourful than an entity highlight
    assert sum(hypot(a, b) for _, a, b in triggers) > sum(hypot(a, b) for _, a, b in entities)
    white = _lab(255, 255, 255)
    assert min(_ciede2000(entity, white) for entity in entities) >= MIN_ENTITY_VISIBILITY


def test_generated_colours_keep_the_families_apart() -> None:
    """Beyond the palettes: generated trigger colours are darker (HLS lightness) than every
    generated entity colour, so the families still differ."""
    from colorsys import rgb_to_hls

    from eventset.annotate.config import label_colours

    def lightness(colour: str) -> float:
        return rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))[1]

    triggers = label_colours("trigger", 200)[len(TRIGGER_COLOURS) :]
    entities = label_colours("entity", 200)[len(ENTITY_COLOURS) :]
    assert max(map(lightness, triggers)) < min(map(lightness, entities))
