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

from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

from eventset.annotate.config import TRIGGER_TAG
from eventset.annotate.language import language_code
from eventset.annotate.lexmatch import LexiconMatcher
from eventset.annotate.tasks import Document, Result, prediction, region_id, span_result
from eventset.annotate.textfold import fold
from eventset.schema import Ontology


@runtime_checkable
class PreAnnotator(Protocol):
    """Gives zero or more Label Studio prediction entries (model_version + result) per document."""

    def predictions(self, doc: Document) -> list[dict[str, Any]]: ...


class LexiconPreAnnotator:
    """Whole-word, case-insensitive lexicon matches -> trigger regions.

    Case is ignored by full case folding (``str.casefold``: ``GROSSANGRIFF`` matches
    ``großangriff``, ``ĳ`` matches ``ij``), and ``’`` is the same as ``'``. A combining mark
    (Unicode category M) continues the word before it, so ``expose`` does not match inside
    ``exposé`` written with a combining accent. In scripts written without spaces between words
    (Chinese, Japanese, Thai, ...; see ``eventset.annotate.textfold.NO_SPACE_RANGES``) a phrase
    may start or end inside a run of letters.

    Every phrase that matches at a position is a candidate (``LexiconMatcher.spans``); of
    overlapping candidates the longest is taken first, then the leftmost (so ``peace`` and
    ``deal signed`` are both kept in ``peace deal signed`` when ``peace deal`` is a phrase too);
    a phrase listed under two event types goes to the first one declared. The language is
    reduced by ``language_code`` (``eng``, ``English`` -> ``en``). Documents in a language
    without a lexicon get no prediction.
    """

    def __init__(self, ontology: Ontology) -> None:
        # Stable across ontology versions: Label Studio pre-fills only the predictions of the
        # project's model version, so a version that changed with every ontology edit would hide
        # the pre-annotations of every task imported before it.
        self.model_version = f"lexicon-{ontology.name}"
        self._labels: dict[str, dict[str, str]] = {}
        for event in ontology.event_types.values():
            for lang, words in event.lexicon.items():
                code = language_code(lang) or lang
                for word in words:
                    self._labels.setdefault(code, {}).setdefault(_norm(word), event.name)
        self._matchers = {lang: LexiconMatcher(words) for lang, words in self._labels.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._matchers))

    def predictions(self, doc: Document) -> list[dict[str, Any]]:
        result = self.regions(doc.text, doc.lang)
        return [prediction(self.model_version, result)] if result else []

    def regions(self, text: str, lang: str | None) -> list[Result]:
        """Trigger result items for ``text``, sorted by offset."""
        if lang not in self._matchers:
            lang = language_code(lang)
        matcher = self._matchers.get(lang or "")
        if matcher is None:
            return []
        labels = self._labels[lang or ""]
        out = []
        for start, end in _longest_non_overlapping(matcher.spans(text)):
            label = labels.get(_norm(text[start:end]))
            if label:
                rid = region_id("lex", start, end, label)
                out.append(span_result(TRIGGER_TAG, rid, text, start, end, label))
        return out


def _norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def _longest_non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    if all(end <= start for (_, end), (start, _) in pairwise(spans)):
        return spans  # nothing overlaps: every span is taken
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
    return sorted(taken)
