"""``Tally.add_documents`` (a batch at once) counts as adding its documents one by one does."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.export.records import (
    ArgumentRecord,
    DocumentRecord,
    EntityRecord,
    EventRecord,
    TriggerRecord,
)
from eventset.export.tally import Tally


def _add_one_by_one(tally: Tally, split: str, doc: DocumentRecord, sentences: int) -> None:
    """The plain per-document count (a tuple per mention), which the batch count must equal."""
    tally.documents[split] += 1
    tally.sentences[split] += sentences
    tally.languages[doc.lang] += 1
    tally.entities.update((entity.type, split) for entity in doc.entities)
    tally.events.update((event.type, split) for event in doc.events)
    tally.roles.update((e.type, a.role, split) for e in doc.events for a in e.arguments)


names = st.sampled_from(["Attack", "Person", "agent", "Ünrest", "𝔄", "", "a/b"])
splits = st.sampled_from(["train", "validation", "test", "𝔱"])


@st.composite
def documents(draw: Any) -> DocumentRecord:
    entities = [EntityRecord("e", "e", kind, "x", 0, 1) for kind in draw(st.lists(names))]
    events = [
        EventRecord(
            "t",
            "t",
            kind,
            TriggerRecord("x", 0, 1),
            [ArgumentRecord(role, "e", "P", "x", 0, 1) for role in roles],
        )
        for kind, roles in draw(st.lists(st.tuples(names, st.lists(names, max_size=3))))
    ]
    lang = draw(st.sampled_from(["en", "nl", ""]))
    return DocumentRecord(1, "d", "x", lang, {}, entities, events, [])


batches = st.lists(st.tuples(splits, documents(), st.integers(0, 9)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(batches, max_size=3))
def test_a_batch_counts_as_its_documents_one_by_one(parts):
    batched, single = Tally(), Tally()
    for batch in parts:
        batched.add_documents(
            [s for s, _, _ in batch], [d for _, d, _ in batch], [n for *_, n in batch]
        )
        for split, doc, sentences in batch:
            _add_one_by_one(single, split, doc, sentences)
    assert batched == single
    assert batched.to_dict() == single.to_dict()
    assert all(n > 0 for n in batched.roles.values())  # no key counted zero times
