"""The usual regions and relations, read at once, resolve as reading them the general way does.

``resolve_annotation`` reads a region with at most one known label of each kind (and choices of
one known value each) as its span is checked, and a relation from a kept trigger to a kept
entity that may fill the role without ``_ends``/``_argument``; ``lean=False`` reads everything
the general way. Both must give the same records, issues (in order) and counts for any input.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.annotate.parsed import Annotation, Region, Relation, Task
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
# Mostly labels and roles that fit one another (the usual case), sometimes any or none known.
USUAL_EVENTS = ["MilitaryOperation", "ArmedClash"]
USUAL_ENTITIES = ["ArmedGroup", "Person", "Location", "Time"]
USUAL_ROLES = ["agent", "target", "place", "time", "same_as"]
EVENTS = [*ONTO.event_types, "Bogus"]
ENTITIES = [*ONTO.entity_types, "Thing"]
ROLES = [*ONTO.role_names, "same_as", "Role?"]
NAMES = [*ONTO.attributes, "colour"]
VALUES = [*sorted({v for spec in ONTO.attributes.values() for v in spec.values}), "maybe"]
# words with non-ASCII and astral characters; spaces, tabs and line breaks between them
WORDS = ["army", "Kérou", "𝔄𝔯𝔪𝔶", "strike", "talks", "Björk", "😀", "UN"]
GAPS = [" ", " ", "  ", "\n", " \t"]


@st.composite
def _labels(draw: st.DrawFn, usual: list[str], every: list[str]) -> list[str]:
    pick = draw(st.integers(0, 9))
    if pick < 7:
        return [draw(st.sampled_from(usual))]
    return [] if pick == 7 else draw(st.lists(st.sampled_from(every), max_size=2))


@st.composite
def _region(draw: st.DrawFn, rid: str, text: str, start: int, end: int) -> Region:
    """A region on one word, mostly as drawn, sometimes with a flaw in its span."""
    flaw = draw(st.sampled_from([0] * 16 + [8, 9, 10, 11, 12]))
    if flaw == 8:  # the space after the word taken too
        end += 1
    elif flaw == 9:  # only the space after the word
        start, end = end, end + 1
    elif flaw == 10:  # offsets outside the text, or reversed
        start, end = draw(st.sampled_from([(-1, end), (start, len(text) + 1), (end, start)]))
    shown = text[start:end] if start >= 0 else text[:end]
    if flaw == 11:  # text that differs from the document's (or as the labeling page shows it)
        shown = draw(st.sampled_from([shown + "x", shown.upper(), "\\n" + shown, ""]))
    kinds = draw(st.integers(0, 5))  # a trigger, an entity, both, or any labels
    trigger = draw(_labels(USUAL_EVENTS, EVENTS)) if kinds in (0, 2, 5) else []
    entity = draw(_labels(USUAL_ENTITIES, ENTITIES)) if kinds in (1, 3, 4, 5) else []
    choices = draw(
        st.one_of(
            st.just({}),
            st.dictionaries(
                st.sampled_from(NAMES), st.lists(st.sampled_from(VALUES), max_size=2), max_size=3
            ),
        )
    )
    other = {"mood": ["calm"]} if flaw == 12 else {}
    return Region(rid, start, end, shown, trigger, entity, choices, other)


def _fitting(
    regions: dict[str, Region], direction: st.SearchStrategy[str]
) -> st.SearchStrategy[list[Relation]]:
    """Relations from a trigger to an entity in a role the entity's type may fill (as labelled:
    the span may still be flawed), now and then drawn backwards."""
    pairs = [
        (t.id, e.id, role)
        for t in regions.values()
        for e in regions.values()
        for event in t.trigger[:1]
        for entity in e.entity[:1]
        for (of, role), allowed in ONTO.fillers.items()
        if of == event and entity in allowed
    ]
    if not pairs:
        return st.just([])

    def relation(pair: tuple[str, str, str], way: str) -> Relation:
        trigger, entity, role = pair
        if way == "left":
            return Relation(entity, trigger, way, (role,))
        return Relation(trigger, entity, way, (role,))

    return st.lists(st.builds(relation, st.sampled_from(pairs), direction), max_size=6)


@st.composite
def _annotation(draw: st.DrawFn) -> tuple[Task, Annotation]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8))
    gaps = draw(st.lists(st.sampled_from(GAPS), min_size=len(words), max_size=len(words)))
    text, places = "", []
    for word, gap in zip(words, gaps, strict=True):
        places.append((len(text), len(text) + len(word)))
        text += word + gap
    ids = [f"r{n}" for n in range(len(words))]
    order = draw(st.permutations(range(len(words))))  # regions in any order
    regions = {ids[n]: draw(_region(ids[n], text, *places[n])) for n in order}
    ends = st.sampled_from([*ids * 5, "gone"])  # now and then a region that does not exist
    labels = st.sampled_from([False] * 4 + [True]).flatmap(
        lambda anything: (
            st.lists(st.sampled_from(ROLES), max_size=2).map(tuple)
            if anything
            else st.sampled_from(USUAL_ROLES).map(lambda role: (role,))
        )
    )
    direction = st.sampled_from(["right", "right", "left", "bi"])
    relations = draw(st.lists(st.builds(Relation, ends, ends, direction, labels), max_size=8))
    relations += draw(_fitting(regions, direction))
    relations = list(draw(st.permutations(relations)))
    # a relation drawn twice is read once (a duplicate_argument warning)
    relations += draw(st.lists(st.sampled_from(relations), max_size=3)) if relations else []
    ambiguous = draw(st.sampled_from([set(), set(), set(), {"r1"}]))
    rejected = draw(st.sampled_from([set(), {"r2"}]))
    annotation = Annotation(
        7, "ann", False, False, "", "", None, regions, relations, rejected, ambiguous
    )
    return Task(1, "doc", text, "en", {}, [annotation]), annotation


def _outcome(task: Task, annotation: Annotation, lean: bool) -> tuple[object, ...]:
    resolved = resolve_annotation(task, annotation, ONTO, lean=lean)
    return (
        resolved.entities,
        resolved.events,
        resolved.issues,
        resolved.unknown,
        resolved.known,
        resolved.known_events,
    )


@settings(max_examples=300, deadline=None)
@given(_annotation())
def test_both_ways_give_the_same_records_issues_and_counts(drawn):
    task, annotation = drawn
    assert _outcome(task, annotation, lean=True) == _outcome(task, annotation, lean=False)


@settings(max_examples=300, deadline=None)
@given(_annotation())
def test_attributes_come_in_declared_order_with_known_values(drawn):
    task, annotation = drawn
    for event in resolve_annotation(task, annotation, ONTO).events:
        declared = ONTO.event_types[event.type].attributes
        assert list(event.attributes) == [a.name for a in declared]
        assert all(event.attributes[a.name] in a.values for a in declared)


def _usual() -> tuple[Task, Annotation]:
    text = "The army struck Kérou."
    regions = {
        "t": Region("t", 9, 15, "struck", ["MilitaryOperation"], [], {"modality": ["planned"]}),
        "a": Region("a", 4, 8, "army", [], ["ArmedGroup"]),
        "k": Region("k", 16, 21, "Kérou", [], ["Location"]),
    }
    relations = [Relation("t", "a", "right", ("agent",)), Relation("k", "t", "left", ("target",))]
    annotation = Annotation(7, "ann", False, False, "", "", None, regions, relations)
    return Task(1, "doc", text, "en", {}, [annotation]), annotation


def test_the_usual_annotation_resolves_without_issues():
    task, annotation = _usual()
    fast = _outcome(task, annotation, lean=True)
    assert fast == _outcome(task, annotation, lean=False)
    entities, events, issues = fast[:3]
    assert [e.type for e in entities] == ["ArmedGroup", "Location"] and not issues
    (event,) = events
    assert [(a.role, a.text) for a in event.arguments] == [("agent", "army"), ("target", "Kérou")]
    assert event.attributes == {"modality": "planned", "polarity": "positive"}
