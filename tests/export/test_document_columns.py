"""The column-wise ``documents`` batch equals Arrow's own conversion of one dict per document."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sentence_table import ATTRIBUTES, ONTOLOGY, _documents

from eventset.export.features import document_features
from eventset.export.rows import document_columns, document_row
from eventset.export.spans import locate
from eventset.export.tokens import Tokenizer, add_tokens_batch, token_columns, token_strings

META_FIELDS = ["n", "source", "tokens"]  # "tokens" clashes with a column: meta_tokens
SCHEMA = document_features(ONTOLOGY, META_FIELDS).arrow_schema
META = st.fixed_dictionaries(
    {},
    optional={
        "n": st.one_of(st.integers(-3, 3), st.none()),
        "source": st.text(max_size=3),
        "tokens": st.lists(st.integers(0, 2), max_size=2),
    },
)


@settings(max_examples=150, deadline=None)
@given(_documents(), st.lists(META, min_size=4, max_size=4), st.lists(st.text(max_size=2)))
def test_document_columns_equal_rows_converted_by_arrow(docs, metas, annotators):
    for doc, meta in zip(docs, metas, strict=False):
        doc.meta = meta
        doc.annotators = annotators
        for mention in [*doc.entities, *doc.events]:
            mention.cluster_id = f"c-{mention.id}"  # ids and cluster ids differ
    batch = Tokenizer().tokenize_batch([d.text for d in docs])
    spans = locate(docs, batch)  # before the records hold any token offsets
    add_tokens_batch(docs, batch)  # for the reference rows
    ready = token_columns(batch, token_strings(batch))
    assert ready["text"].to_pylist() == [d.text for d in docs]  # the reference takes it as is
    got = document_columns(docs, META_FIELDS, ATTRIBUTES, SCHEMA, ready, spans)
    rest = pa.schema([f for f in SCHEMA if f.name not in ready])
    rows = [document_row(d, META_FIELDS, ATTRIBUTES) for d in docs]
    partial = pa.RecordBatch.from_pylist(rows, schema=rest)
    expected = pa.RecordBatch.from_arrays(
        [ready[f.name] if f.name in ready else partial.column(f.name) for f in SCHEMA],
        schema=SCHEMA,
    )
    assert got.schema == SCHEMA
    assert got.equals(expected)
    assert got.to_pylist() == expected.to_pylist()
