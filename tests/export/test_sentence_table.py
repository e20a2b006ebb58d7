"""The column-wise ``sentences`` config equals a plain per-sentence construction of the rows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.export.features import sentence_features
from eventset.export.records import (
    ArgumentRecord,
    DocumentRecord,
    EntityRecord,
    EventRecord,
    TriggerRecord,
)
from eventset.export.sentences import sentence_table
from eventset.export.spans import locate
from eventset.export.tokens import Tokenizer, add_tokens, add_tokens_batch, token_strings, views
from eventset.schema import load_ontology

ONTOLOGY = load_ontology("conflict-news")
SCHEMA = sentence_features(ONTOLOGY).arrow_schema
ATTRIBUTES = list(ONTOLOGY.attributes)
# astral characters (offsets are code points), CR LF, a combining mark and an emoji sequence too
PIECES = [
    *["Troops", "advanced", "on", "Kyiv", "é", "Ørsted", "talks", ".", "!", " ", "  ", "\n"],
    *["\r\n", "\U0001d54f", "e\u0301", "\U0001f469\u200d\U0001f680", "Mr."],
]


def _reference(doc: DocumentRecord) -> tuple[list[dict], list[tuple[str, str, str, str]]]:
    """Every sentence row spelled out, and the crossing items, one sentence after the other."""
    rows, crossing, placed, placed_entities = [], [], set(), set()
    for number, (char_start, char_end, first, last) in enumerate(doc.sentences):

        def holds(span, first=first, last=last):
            # all its tokens are in the sentence (an empty range on a boundary is in both)
            return (
                span.token_start is not None
                and first <= span.token_start <= (span.token_end or 0) <= last
            )

        entities = [e for e in doc.entities if holds(e)]
        events = [e for e in doc.events if holds(e.trigger)]
        placed_entities.update(e.id for e in entities)
        placed.update(e.id for e in events)
        event_rows = []
        for event in events:
            kept = [a for a in event.arguments if holds(a)]
            crossing += [
                (doc.doc_id, event.id, a.role, a.entity_id) for a in event.arguments if not holds(a)
            ]
            event_rows.append(
                {
                    "id": event.id,
                    "event_type": event.type,
                    "trigger": {
                        "text": event.trigger.text,
                        "start": event.trigger.token_start - first,
                        "end": event.trigger.token_end - first,
                    },
                    "arguments": [
                        {"entity_id": a.entity_id, "text": a.text, "role": a.role} for a in kept
                    ],
                    **{name: event.attributes.get(name) for name in ATTRIBUTES},
                }
            )
        rows.append(
            {
                "doc_id": doc.doc_id,
                "sent_id": f"{doc.doc_id}-{number}",
                "lang": doc.lang,
                "sentence": doc.text[char_start:char_end],
                "char_start": char_start,
                "char_end": char_end,
                "entity_mentions": [
                    {
                        "id": e.id,
                        "text": e.text,
                        "entity_type": e.type,
                        "mention_type": "UNK",
                        "start": e.token_start - first,
                        "end": e.token_end - first,
                    }
                    for e in entities
                ],
                "relation_mentions": [],
                "event_mentions": event_rows,
            }
        )
    crossing += [(doc.doc_id, e.id, "trigger", e.id) for e in doc.events if e.id not in placed]
    crossing += [
        (doc.doc_id, e.id, "entity", e.id) for e in doc.entities if e.id not in placed_entities
    ]
    return rows, crossing


def _span(draw, text):
    blanks = [i for i, c in enumerate(text) if c.isspace()]
    if blanks and draw(st.booleans()):  # a span between tokens: an empty token range
        start = draw(st.sampled_from(blanks))
        return start, start + 1
    start = draw(st.integers(0, max(len(text) - 1, 0)))
    end = draw(st.integers(start + 1, len(text)))
    return start, end


@st.composite
def _documents(draw):
    docs = []
    for d in range(draw(st.integers(1, 4))):
        text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
        entities = []
        for i in range(draw(st.integers(0, 6))):
            start, end = _span(draw, text)
            entities.append(EntityRecord(f"t{i}", f"t{i}", "Person", text[start:end], start, end))
        events = []
        for i in range(draw(st.integers(0, 4))):
            start, end = _span(draw, text)
            chosen = draw(st.lists(st.sampled_from(entities), max_size=3)) if entities else []
            arguments = [
                ArgumentRecord("agent", e.id, e.type, e.text, e.start, e.end) for e in chosen
            ]
            modality = draw(st.sampled_from([{}, {"modality": "planned"}]))
            trigger = TriggerRecord(text[start:end], start, end)
            events.append(EventRecord(f"v{i}", f"v{i}", "Conference", trigger, arguments, modality))
        docs.append(DocumentRecord(d, f"doc{d}", text, "en", {}, entities, events, ["1"]))
    return docs


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_sentence_table_matches_rows_built_one_sentence_at_a_time(docs):
    texts = [d.text for d in docs]
    batch = Tokenizer().tokenize_batch(texts)
    spans = locate(docs, batch)  # before the records hold any token offsets
    for doc, tokens in zip(docs, views(batch, texts), strict=True):
        add_tokens(doc, tokens)  # for the reference rows
    strings = token_strings(batch)
    table, counts, crossing = sentence_table(docs, batch, strings, ATTRIBUTES, SCHEMA, spans)
    expected_rows, expected_crossing = [], []
    for doc in docs:
        rows, lost = _reference(doc)
        expected_rows += rows
        expected_crossing.append(lost)
    got = table.to_pylist()
    for row in got:
        del row["tokens"]
    assert got == expected_rows
    assert counts == [len(d.sentences) for d in docs]
    assert crossing == expected_crossing


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_token_offsets_of_a_whole_batch_equal_those_found_per_document(docs):
    import copy

    alone = copy.deepcopy(docs)
    texts = [d.text for d in docs]
    batch = Tokenizer().tokenize_batch(texts)
    pairs = zip(alone, views(batch, texts), strict=True)
    expected = [add_tokens(doc, tokens) for doc, tokens in pairs]
    assert add_tokens_batch(docs, batch) == expected
    assert docs == alone  # token offsets of every span and the sentences of every document


def test_a_batch_without_any_token_leaves_every_span_misaligned():
    doc = DocumentRecord(
        1, "d", "  ", "en", {}, [EntityRecord("e", "e", "Person", " ", 1, 2)], [], []
    )
    (issues,) = add_tokens_batch([doc], Tokenizer().tokenize_batch([doc.text]))
    assert [i.kind for i in issues] == ["token_misaligned"]
    assert (doc.entities[0].token_start, doc.entities[0].token_end, doc.sentences) == (0, 0, [])
