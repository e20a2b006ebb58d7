"""Tokens and sentences with spaCy blank pipelines, and token offsets for every span.

``spacy.blank(lang)`` plus the rule-based ``sentencizer`` needs no model download, has
language-specific tokenizer exceptions for Dutch and English (and ~70 other languages), keeps
exact character offsets for every token and is deterministic. Whitespace tokens are left out.

Example:
    >>> doc = Tokenizer().tokenize(["Troops advanced. Talks began."], ["en"])[0]
    >>> doc.tokens, doc.sentences
    (['Troops', 'advanced', '.', 'Talks', 'began', '.'], [(0, 16, 0, 3), (17, 29, 3, 6)])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from eventset.export.records import DocumentRecord
from eventset.schema.issues import Issue

FALLBACK_LANG = "xx"  # spaCy's multi-language tokenizer, for codes it does not know


@dataclass
class Tokenized:
    """Tokens of one text with their character spans and sentences.

    ``sentences`` holds ``(char_start, char_end, token_start, token_end)``, ends exclusive.
    """

    tokens: list[str]
    spans: list[tuple[int, int]]
    sentences: list[tuple[int, int, int, int]]

    @cached_property
    def _bounds(self) -> tuple[list[int], list[int]]:
        return [s for s, _ in self.spans], [e for _, e in self.spans]

    def token_range(self, start: int, end: int) -> tuple[int, int, bool]:
        """Smallest token range covering ``start..end`` and whether it matches exactly."""
        starts, ends = self._bounds
        first = bisect_right(ends, start)
        last = bisect_left(starts, end)
        if first >= last:
            return first, first, False
        aligned = starts[first] == start and ends[last - 1] == end
        return first, last, aligned


class Tokenizer:
    """One blank spaCy pipeline per language, created on first use."""

    def __init__(self) -> None:
        self._pipelines: dict[str, Any] = {}

    def _pipeline(self, lang: str) -> Any:
        lang = lang.split("-")[0].split("_")[0].lower() or FALLBACK_LANG  # "en-GB" -> "en"
        if lang not in self._pipelines:
            import spacy  # local: importing spaCy costs about a second

            try:
                nlp = spacy.blank(lang)
            except (ImportError, OSError, KeyError, ValueError):
                nlp = spacy.blank(FALLBACK_LANG)
            # Only the tokenizer runs; sentence starts follow spaCy's sentencizer rule in
            # `_sentence_starts` (its Token-by-Token loop was the slowest part).
            self._pipelines[lang] = nlp.tokenizer
        return self._pipelines[lang]

    def warm(self, langs: list[str]) -> None:
        """Create the pipelines of ``langs`` now, e.g. before forking workers that share them."""
        for lang in sorted(set(langs)):
            self._pipeline(lang)

    def tokenize(self, texts: list[str], langs: list[str]) -> list[Tokenized]:
        """Tokenize ``texts`` (each in its language), keeping the input order."""
        out: list[Tokenized | None] = [None] * len(texts)
        for lang in sorted(set(langs)):
            positions = [i for i, code in enumerate(langs) if code == lang]
            docs = self._pipeline(lang).pipe([texts[i] for i in positions])
            for position, doc in zip(positions, docs, strict=True):
                out[position] = _from_doc(doc, texts[position])
        return [t for t in out if t is not None]


def _from_doc(doc: Any, text: str) -> Tokenized:
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

    # Arrays instead of a Python loop over Token objects (or over rows): several times faster.
    array = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT])
    kept = array[:, 2] == 0
    first_char = array[kept, 0]
    starts_at = first_char.tolist()
    ends_at = (first_char + array[kept, 1]).tolist()
    spans = list(zip(starts_at, ends_at, strict=True))
    tokens = [text[a:b] for a, b in spans]
    # A sentence start on a whitespace token moves to the next kept token.
    before = (np.cumsum(kept) - kept).tolist()
    starts = {0, *(before[i] for i in _sentence_starts(text, array))}
    bounds = [*sorted(_adjust_starts(text, tokens, starts_at, ends_at, starts)), len(tokens)]
    sentences = [
        (starts_at[first], ends_at[last - 1], first, last)
        for first, last in pairwise(bounds)
        if last > first
    ]
    out = Tokenized(tokens, spans, sentences)
    out.__dict__["_bounds"] = (starts_at, ends_at)  # fills the cached property
    return out


OPENING_QUOTES = frozenset("“‘«„‚")


def _sentence_starts(text: str, array: Any) -> list[int]:
    """Token indexes (whitespace included) where spaCy's ``sentencizer`` starts a sentence.

    Its rule: after a token that is one of its punctuation marks, the next token that is
    neither punctuation nor such a mark starts a sentence. Only the short tokens are tested
    for being a mark, and only the tokens after a mark are walked.
    """
    import numpy as np

    marks, longest = _marks()
    short = np.flatnonzero(array[:, 1] <= longest)
    ends = (array[short, 0] + array[short, 1]).tolist()
    at = {
        i
        for i, a, b in zip(short.tolist(), array[short, 0].tolist(), ends, strict=True)
        if text[a:b] in marks
    }
    punct = array[:, 3].tolist()
    out: list[int] = []  # the first token is a start anyway
    count, following = len(punct), 0
    for mark in sorted(at):
        if mark < following:
            continue  # already passed while looking for the start after an earlier mark
        following = mark + 1
        while following < count and (punct[following] or following in at):
            following += 1
        if following < count:
            out.append(following)
    return out


@cache
def _marks() -> tuple[frozenset[str], int]:
    from spacy.pipeline import Sentencizer

    marks = frozenset(Sentencizer.default_punct_chars)
    return marks, max(len(m) for m in marks)


def _adjust_starts(
    text: str, tokens: list[str], starts_at: list[int], ends_at: list[int], starts: set[int]
) -> set[int]:
    """Two fixes to the sentencizer's boundaries, both seen in news text.

    A line break always ends a sentence (a headline above its first paragraph), and an opening
    quote after a full stop begins the next sentence instead of closing the previous one.
    """
    count = len(tokens)
    out = set(starts)
    for i in range(1, count - 1):
        if i + 1 in starts and tokens[i] in OPENING_QUOTES:
            out.discard(i + 1)
            out.add(i)
    # Line breaks are rare: find each and the token after it, instead of testing every gap.
    position = text.find("\n")
    while position != -1:
        i = bisect_right(starts_at, position)
        if 0 < i < count and ends_at[i - 1] <= position:
            out.add(i)
        position = text.find("\n", position + 1)
    return out


def add_tokens(document: DocumentRecord, tokenized: Tokenized) -> list[Issue]:
    """Fill token fields of ``document`` and its spans; misaligned spans become warnings."""
    document.tokens = tokenized.tokens
    document.token_spans = tokenized.spans
    document.sentences = tokenized.sentences
    issues: list[Issue] = []
    spans: list[tuple[str, Any]] = [(e.id, e) for e in document.entities]
    for event in document.events:
        spans.append((event.id, event.trigger))
        spans.extend((argument.entity_id, argument) for argument in event.arguments)
    for region_id, span in spans:
        first, last, aligned = tokenized.token_range(span.start, span.end)
        span.token_start, span.token_end = first, last
        if not aligned and span is not None:
            issues.append(
                Issue(
                    "token_misaligned",
                    f"{span.text!r} at {span.start}..{span.end} does not start and end on token "
                    f"boundaries; token offsets {first}..{last} cover it",
                    document.task_id,
                    document.sources.get(region_id),
                    region_id,
                    document.doc_id,
                    "nothing",
                    "warning",
                )
            )
    return _unique(issues)


def _unique(issues: list[Issue]) -> list[Issue]:
    # The same entity shows up once as a mention and again as each argument that uses it.
    return list(dict.fromkeys(issues))
