"""Pre-annotators: anything that turns a document into Label Studio predictions.

``PreAnnotator`` is the small interface import uses; ``LexiconPreAnnotator`` marks trigger words
from the ontology's lexicon for the document's language. Other predictors (a model, an existing
corpus such as ``eventset.annotate.oneie``) plug in by implementing ``predictions``.

Example:
    >>> from eventset.schema import load_ontology
    >>> from eventset.annotate.tasks import Document
    >>> lex = LexiconPreAnnotator(load_ontology("conflict-news"))
    >>> [pred] = lex.predictions(Document("Rebels took control of the port.", lang="en"))
    >>> [r["value"]["text"] for r in pred["result"]]
    ['took control']
"""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

from eventset.annotate.config import TRIGGER_TAG
from eventset.annotate.tasks import Document, Result, prediction, region_id, span_result
from eventset.schema import Ontology


@runtime_checkable
class PreAnnotator(Protocol):
    """Gives zero or more Label Studio prediction entries (model_version + result) per document."""

    def predictions(self, doc: Document) -> list[dict[str, Any]]: ...


class LexiconPreAnnotator:
    """Word-boundary, case-insensitive lexicon matches -> trigger regions.

    Where matches overlap the longest one wins (then the leftmost); a phrase listed under two
    event types goes to the first one declared. Documents in a language without a lexicon get
    no prediction.
    """

    def __init__(self, ontology: Ontology) -> None:
        self.model_version = f"lexicon-{ontology.name}-{ontology.short_hash}"
        self._labels: dict[str, dict[str, str]] = {}
        for event in ontology.event_types.values():
            for lang, words in event.lexicon.items():
                for word in words:
                    self._labels.setdefault(lang, {}).setdefault(_norm(word), event.name)
        self._patterns = {lang: _compile(list(words)) for lang, words in self._labels.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._patterns))

    def predictions(self, doc: Document) -> list[dict[str, Any]]:
        result = self.regions(doc.text, doc.lang)
        return [prediction(self.model_version, result)] if result else []

    def regions(self, text: str, lang: str | None) -> list[Result]:
        """Trigger result items for ``text``, sorted by offset."""
        pattern = self._patterns.get(lang or "")
        if pattern is None:
            return []
        labels = self._labels[lang or ""]
        out = []
        for start, end in _longest_non_overlapping(_candidates(pattern, text)):
            # Case-insensitive regex and str.lower() disagree on a few exotic characters.
            label = labels.get(_norm(text[start:end]))
            if label:
                rid = region_id("lex", start, end, label)
                out.append(span_result(TRIGGER_TAG, rid, text, start, end, label))
        return out


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _compile(words: list[str]) -> re.Pattern[str]:
    # Longest alternatives first so that, at each position, the longest phrase is captured.
    ordered = sorted(words, key=lambda w: (-len(w), w))
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) + r"(?!\w)" for w in ordered)
    # A zero-width lookahead finds a candidate at every position, including overlapping ones.
    return re.compile(rf"(?<!\w)(?=({alternatives}))", re.IGNORECASE)


def _candidates(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in pattern.finditer(text)]


def _longest_non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
    return sorted(taken)
