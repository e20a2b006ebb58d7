"""The per-region choices of the usual case, read at once, equal reading them one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.annotate.parsed import Annotation, Region, Task
from eventset.export.choices import _choices_one_by_one, read_choices
from eventset.export.resolve import Context
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
EVENT = "MilitaryOperation"
NAMES = [*ONTO.attribute_specs[EVENT], "colour"]  # the last is no attribute
VALUES = sorted({v for spec in ONTO.attribute_specs[EVENT].values() for v in spec.values})


def _context() -> Context:
    annotation = Annotation(1, "7", False, False, "", "", None)
    task = Task(1, "d", "The army attacked.", "en", {}, [annotation])
    ctx = Context(task, annotation, ONTO)
    ctx.event_type["r"] = EVENT
    return ctx


choices = st.dictionaries(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from([*VALUES, "maybe"]), max_size=3),
    max_size=len(NAMES),
)


@settings(max_examples=400, deadline=None)
@given(choices)
def test_both_ways_give_the_same_attributes_issues_and_event(given_choices):
    region = Region("r", 9, 17, "attacked", [EVENT], [], given_choices)
    fast, slow = _context(), _context()
    if given_choices:
        read_choices(fast, region)
    _choices_one_by_one(slow, region, EVENT)
    assert fast.attributes == slow.attributes
    assert fast.issues == slow.issues
    assert fast.event_type == slow.event_type


def test_the_usual_case_takes_the_fast_path_and_the_rest_does_not():
    region = Region("r", 9, 17, "attacked", [EVENT], [], {"modality": ["planned"]})
    ctx = _context()
    read_choices(ctx, region)
    assert ctx.attributes == {"r": {"modality": "planned"}} and not ctx.issues
    wrong = Region("r", 9, 17, "attacked", [EVENT], [], {"modality": ["planned", "asserted"]})
    ctx = _context()
    read_choices(ctx, wrong)
    assert [i.kind for i in ctx.issues] == ["several_choices"] and "r" not in ctx.event_type
