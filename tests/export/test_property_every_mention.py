"""Property: every trigger and argument of any export lands in `documents` or in issues.jsonl."""

from __future__ import annotations

import tempfile
from pathlib import Path

from export_helpers import annotation, choice, relation, span, task, unaccounted, write_export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventset.export.build import build_dataset
from eventset.export.policy import POLICIES
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
EVENTS = list(ONTO.event_types)
ENTITIES = list(ONTO.entity_types)
WORDS = [
    "Rebels",
    "seized",
    "Goma",
    "café",
    "“talks”",
    "🚀",
    "Oekraïne",
    "the",
    "army",
    "advanced",
    "on",
    "Tuesday",
    "F-16’s",
    "NAVO-top",
    "in",
    "Den",
    "Haag",
]


def offsets(words: list[str]) -> list[tuple[int, int]]:
    out, cursor = [], 0
    for word in words:
        out.append((cursor, cursor + len(word)))
        cursor += len(word) + 1
    return out


@st.composite
def annotation_items(draw, text: str, words: list[str], prefix: str) -> list[dict]:
    spans = offsets(words)
    items, triggers, regions = [], [], []
    for number in range(draw(st.integers(0, 5))):
        first = draw(st.integers(0, len(words) - 1))
        last = draw(st.integers(first, min(first + 2, len(words) - 1)))
        rid = f"{prefix}{number}"
        if draw(st.booleans()):
            label = draw(st.sampled_from(EVENTS))
            item = span(rid, "trigger", text, spans[first][0], spans[last][1], label)
            items.append(item)
            triggers.append((rid, label))
            if draw(st.booleans()):
                items.append(
                    choice(
                        item,
                        "modality",
                        draw(st.sampled_from(["asserted", "planned", "hypothetical", "uncertain"])),
                    )
                )
        else:
            label = draw(st.sampled_from(ENTITIES))
            items.append(span(rid, "entity", text, spans[first][0], spans[last][1], label))
        regions.append(rid)
    for _ in range(draw(st.integers(0, 4)) if triggers and len(regions) > 1 else 0):
        rid, label = draw(st.sampled_from(triggers))
        other = draw(st.sampled_from([r for r in regions if r != rid]))
        roles = [r.name for r in ONTO.event_type(label).roles] + ["same_as"]
        direction = draw(st.sampled_from(["right", "left", "bi"]))
        ends = (other, rid) if direction == "left" else (rid, other)
        items.append(relation(*ends, draw(st.sampled_from(roles)), direction=direction))
    return items


@st.composite
def exports(draw) -> list[dict]:
    tasks = []
    for number in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=10))
        text = " ".join(words)
        annotations = [
            annotation(
                number * 10 + a,
                a + 1,
                draw(annotation_items(text, words, f"r{a}_")),
                when=f"2026-01-0{a + 1}",
            )
            for a in range(draw(st.integers(1, 3)))
        ]
        tasks.append(task(number + 1, f"doc{number}", text, annotations))
    return tasks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports(), st.sampled_from(POLICIES))
def test_every_trigger_and_argument_is_kept_or_reported(tasks, policy):
    with tempfile.TemporaryDirectory() as tmp:
        export = write_export(Path(tmp) / "export.json", tasks)
        summary = build_dataset(export, Path(tmp) / "out", splits="1", policy=policy)
        assert unaccounted(export, Path(tmp) / "out") == []
        assert summary.tally["tasks"] == len(tasks)
