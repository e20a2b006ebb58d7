"""Tokens, sentences and token offsets from spaCy blank pipelines."""

from __future__ import annotations

import pytest

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
    assert doc.token_range(16, 24) == (3, 5, True)  # "Den Haag"
    first, last, aligned = doc.token_range(4, 8)  # "NAVO" inside "NAVO-top"
    assert (first, last, aligned) == (1, 2, False)


def test_misaligned_spans_are_reported_not_hidden(tokenizer):
    text = "De NAVO-top begint."
    document = DocumentRecord(
        1,
        "d",
        text,
        "nl",
        {},
        [
            EntityRecord("e1", "e1", "Organization", "NAVO", 3, 7),
            EntityRecord("e2", "e2", "Organization", "NAVO-top", 3, 11),
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
