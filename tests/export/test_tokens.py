"""Tokens, sentences and token offsets (rules in eventset.export.segment)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.export.records import DocumentRecord, EntityRecord
from eventset.export.tokens import Tokenizer, add_tokens


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


def test_tokens_have_exact_character_spans(tokenizer):
    text = "🚀 Frankrijk levert  “Caesar”-houwitsers. De levering volgt."
    (doc,) = tokenizer.tokenize([text], ["nl"])
    assert all(text[s:e] == t for t, (s, e) in zip(doc.tokens, doc.spans, strict=True))
    assert "" not in doc.tokens and " " not in doc.tokens
    assert [text[s:e] for s, e, _, _ in doc.sentences] == [
        "🚀 Frankrijk levert  “Caesar”-houwitsers.",
        "De levering volgt.",
    ]
    assert doc.sentences[1][2] == doc.tokens.index("De")


def test_languages_keep_input_order_and_unknown_codes_fall_back(tokenizer):
    docs = tokenizer.tokenize(
        ["Goma fell.", "Goma viel.", "Goma a été prise."], ["en", "nl", "zz-unknown"]
    )
    assert [d.tokens[1] for d in docs] == ["fell", "viel", "a"]


def test_token_range_exclusive_end_and_alignment(tokenizer):
    (doc,) = tokenizer.tokenize(["The NAVO-top in Den Haag."], ["nl"])
    assert doc.tokens[:4] == ["The", "NAVO", "-", "top"]
    assert doc.token_range(16, 24) == (5, 7, True)  # "Den Haag"
    assert doc.token_range(4, 8) == (1, 2, True)  # "NAVO" of "NAVO-top" is a token of its own
    assert doc.token_range(5, 11) == (1, 4, False)  # "AVO-to": starts and ends inside tokens


def test_misaligned_spans_are_reported_not_hidden(tokenizer):
    text = "De NAVOtop begint."
    document = DocumentRecord(
        1,
        "d",
        text,
        "nl",
        {},
        [
            EntityRecord("e1", "e1", "Organization", "NAVO", 3, 7),
            EntityRecord("e2", "e2", "Organization", "NAVOtop", 3, 10),
        ],
        [],
        ["1"],
    )
    (tokens,) = tokenizer.tokenize([text], ["nl"])
    issues = add_tokens(document, tokens)
    assert [(i.kind, i.region_id, i.severity) for i in issues] == [
        ("token_misaligned", "e1", "warning")
    ]
    assert (document.entities[0].token_start, document.entities[0].token_end) == (1, 2)
    assert (document.entities[1].token_start, document.entities[1].token_end) == (1, 2)


def test_line_breaks_and_opening_quotes_start_sentences(tokenizer):
    text = "Commandos near Tamsa\n\nSpecial forces arrived. “We saw them,” he said.\nOk"
    (doc,) = tokenizer.tokenize([text], ["en"])
    assert [text[s:e] for s, e, _, _ in doc.sentences] == [
        "Commandos near Tamsa",
        "Special forces arrived.",
        "“We saw them,” he said.",
        "Ok",
    ]
    assert [(ts, te) for _, _, ts, te in doc.sentences] == [(0, 3), (3, 7), (7, 16), (16, 17)]


def test_numbers_abbreviations_and_initials_do_not_end_sentences(tokenizer):
    text = "Gen. Dubois met J. Smith of the U.S. Army at 14:30. It cost 1,200.50 euro. Why?! Yes."
    (doc,) = tokenizer.tokenize([text], ["en"])
    assert "14:30" in doc.tokens and "1,200.50" in doc.tokens
    assert [text[s:e] for s, e, _, _ in doc.sentences] == [
        "Gen. Dubois met J. Smith of the U.S. Army at 14:30.",
        "It cost 1,200.50 euro.",
        "Why?!",
        "Yes.",
    ]


def test_a_batch_gives_the_same_tokens_as_one_text_at_a_time(tokenizer):
    texts = ["Kyiv's forces advanced.\nTalks", "", "Émile zei: “Nee.” Toen ging hij. 🚀🚀"]
    together = tokenizer.tokenize(texts)
    alone = [tokenizer.tokenize([t])[0] for t in texts]
    assert [(d.tokens, d.sentences) for d in together] == [(d.tokens, d.sentences) for d in alone]
    assert together[0].tokens == ["Kyiv", "'", "s", "forces", "advanced", ".", "Talks"]
    assert together[1].tokens == [] and together[1].sentences == []
    assert [t for t in together[2].tokens if "🚀" in t] == ["🚀", "🚀"]


def test_a_modifier_letter_apostrophe_splits_words_as_a_right_single_quote(tokenizer):
    text = "a Kyiv\u02bcs-bound convoy"  # U+02BC, the apostrophe of Ukrainian texts
    (doc,) = tokenizer.tokenize([text], ["uk"])
    assert doc.tokens == ["a", "Kyiv", "\u02bc", "s", "-", "bound", "convoy"]
    assert doc.token_range(2, 6) == (1, 2, True)
    (curly,) = tokenizer.tokenize([text.replace("\u02bc", "\u2019")])
    assert curly.spans == doc.spans


def test_arrow_columns_match_the_per_document_view(tokenizer):
    from eventset.export.tokens import sentence_tokens, token_columns, token_strings

    texts = ["Één zin. Nog één — met “quotes”.", "", "x\ny z."]
    batch = tokenizer.tokenize_batch(texts)
    strings = token_strings(batch)
    columns = token_columns(batch, strings)
    docs = tokenizer.tokenize(texts)
    assert columns["tokens"].to_pylist() == [d.tokens for d in docs]
    assert columns["token_spans"].to_pylist() == [
        [{"start": s, "end": e} for s, e in d.spans] for d in docs
    ]
    assert [[tuple(s.values()) for s in row] for row in columns["sentences"].to_pylist()] == [
        d.sentences for d in docs
    ]
    assert columns["text"].to_pylist() == texts
    expected = [d.tokens[a:b] for d in docs for _, _, a, b in d.sentences]
    assert sentence_tokens(batch, strings).to_pylist() == expected


@given(st.lists(st.text(max_size=60), max_size=5))
@settings(max_examples=200, deadline=None)
def test_tokens_cover_every_non_space_character_exactly_once(texts):
    from eventset.export.tokens import token_columns, token_strings

    batch = Tokenizer().tokenize_batch(texts)
    columns = token_columns(batch, token_strings(batch))
    for text, tokens, spans in zip(
        texts, columns["tokens"].to_pylist(), columns["token_spans"].to_pylist(), strict=True
    ):
        assert [text[s["start"] : s["end"]] for s in spans] == tokens
        assert "".join(tokens) == "".join(c for c in text if not c.isspace())
    assert columns["text"].to_pylist() == texts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="aé🚀 .\n", max_size=12), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=8),
    st.booleans(),
    st.sampled_from([0, 10**9]),
)
def test_substrings_of_any_spans_equal_python_slices(texts, spans, ordered, slice_bytes):
    """With ``SLICE_BYTES`` 0 all spans are sliced and joined; else spans in order without
    overlap drop the gaps between them, any others take the index path."""
    from eventset.export import tokens
    from eventset.export.segment import segment
    from eventset.export.tokens import substrings

    batch = segment(texts)
    size = len(batch.joined)
    pairs = [(min(a, size), min(a + n, size)) for a, n in spans]
    if ordered:  # non-empty, sorted, not overlapping
        pairs = sorted({(a, b) for a, b in pairs if b > a})
        pairs = [p for k, p in enumerate(pairs) if k == 0 or p[0] >= pairs[k - 1][1]]
    starts = np.array([a for a, _ in pairs], dtype=np.int64)
    ends = np.array([b for _, b in pairs], dtype=np.int64)
    original, tokens.SLICE_BYTES = tokens.SLICE_BYTES, slice_bytes
    try:
        got = substrings(batch, starts, ends).to_pylist()
    finally:
        tokens.SLICE_BYTES = original
    assert got == [batch.joined[a:b] for a, b in pairs]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=4), st.sampled_from(["", "\ud800", "x\udfff"]))
def test_utf8_offsets_are_where_each_character_starts(texts, lone_surrogate):
    """Found from the bytes (no continuation byte starts a character); surrogatepass too."""
    from itertools import accumulate

    from eventset.export.segment import segment

    batch = segment([*texts, lone_surrogate])
    at, data = batch.utf8
    widths = [len(c.encode("utf-8", "surrogatepass")) for c in batch.joined]
    assert at.tolist() == list(accumulate(widths, initial=0))
    assert data.tobytes() == batch.joined.encode("utf-8", "surrogatepass")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab é🚀.\n\r\t\x1f\u00a0\u2028\u3000", max_size=30), max_size=4))
def test_token_strings_equal_the_tokens_sliced_from_the_texts(texts):
    """Batches with only ASCII whitespace drop it from the bytes; others (no-break space,
    line separator, ideographic space) pick the tokens' bytes."""
    from eventset.export.segment import segment
    from eventset.export.tokens import token_strings

    batch = segment(texts)
    pairs = zip(batch.starts.tolist(), batch.ends.tolist(), strict=True)
    assert token_strings(batch).to_pylist() == [batch.joined[a:b] for a, b in pairs]


def test_ascii_kinds_from_comparisons_equal_the_kind_of_each_character():
    from eventset.export.segment import _ascii_kinds, _kind

    codes = np.arange(128, dtype=np.uint8)
    assert _ascii_kinds(codes).tolist() == [_kind(c) for c in range(128)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0a.,: \nĮ\u012c\u0130\u022e\u0c2e", max_size=30))
def test_numbers_join_across_ascii_separators_only(text):
    """Codes that wrap around to ".", "," or ":" as bytes (U+012C, U+022E, U+0C2E ...) and
    digits do not join numbers."""
    from eventset.export.segment import WORD, _classes, _kind

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    kinds, _ = _classes(codes)
    joined = [
        0 < i < len(text) - 1 and c in ".,:" and text[i - 1].isdigit() and text[i + 1].isdigit()
        for i, c in enumerate(text)
    ]
    expected = [WORD if j else _kind(ord(c)) for c, j in zip(text, joined, strict=True)]
    assert kinds.tolist() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", "\n"]), max_size=40))
def test_tokens_after_a_line_break_are_those_with_a_break_in_the_gap_before(pieces):
    """``after_breaks`` against a count of line breaks before every character."""
    from eventset.export.sentencebreaks import after_breaks

    text = "".join(pieces)
    starts, ends, at = [], [], 0
    for piece in pieces:  # each letter piece a token; a break or a space is not
        if piece.strip():
            starts.append(at)
            ends.append(at + len(piece))
        at += len(piece)
    breaks = np.flatnonzero(np.array([c == "\n" for c in text], dtype=bool))
    before = np.concatenate(([0], np.cumsum([c == "\n" for c in text]))).astype(np.int64)
    expected = [i for i in range(1, len(starts)) if before[starts[i]] > before[ends[i - 1]]]
    got = after_breaks(np.array(starts, dtype=np.int64), breaks)
    assert sorted(set(got.tolist())) == expected
