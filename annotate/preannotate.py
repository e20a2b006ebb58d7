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
from bisect import bisect_right
from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

from eventset.annotate.config import TRIGGER_TAG
from eventset.annotate.language import language_code
from eventset.annotate.lexmatch import LexiconMatcher
from eventset.annotate.tasks import Document, Result, prediction, region_id, span_result
from eventset.annotate.textfold import fold
from eventset.schema import Ontology
from eventset.schema.lexicon import GAP


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
    a phrase listed under two event types goes to the first one declared (``shared`` lists
    them; an import says so). The ontology's
    ``lexicon_stop`` phrases take part as candidates without a label: where one is the longest,
    the shorter phrases inside or across it are dropped with it (``heart attack`` keeps
    ``attack`` out). The language is reduced by ``language_code`` (``eng``, ``English`` ->
    ``en``). Documents in a language without a lexicon get no prediction.

    A separable verb ``"valt ... aan"`` marks its first part (``valt``) where the rest follows
    within ``GAP_WORDS`` words of the same clause (no punctuation or line break between) and
    ends it: then comes punctuation, a line break (a headline's end), the end of the text or a
    word of ``CLAUSE_NEXT`` (``en``, ``naar``, ...;
    German ``und``, ``nach``, ...). ``Het leger valt de stad morgen aan.`` and ``rukten op naar
    Kyiv`` are found (German: ``griffen die Stadt an``, ``liefert der Ukraine Waffen und``); a
    particle further away, or followed by more of the clause (``valt de stad aan met tanks`` is
    found, ``valt de stad vanochtend vroeg met tanks en artillerie aan`` is not), is missed.
    """

    def __init__(self, ontology: Ontology) -> None:
        # Stable across ontology versions: Label Studio pre-fills only the predictions of the
        # project's model version, so a version that changed with every ontology edit would hide
        # the pre-annotations of every task imported before it.
        self.model_version = f"lexicon-{ontology.name}"
        # phrase -> event type ("": a stop phrase); a gapped phrase's first part -> its rests
        self._labels: dict[str, dict[str, str]] = {}
        self._gaps: dict[str, dict[str, list[tuple[re.Pattern[str], str]]]] = {}
        # phrases of two event types' lexicons, as "en 'strike': Attack, not Strike"
        self.shared: list[str] = []
        for event in ontology.event_types.values():
            for lang, words in event.lexicon.items():
                code = language_code(lang) or lang
                for word in words:
                    head, _, rest = _norm(word).partition(GAP.strip())
                    if rest:
                        gaps = self._gaps.setdefault(code, {}).setdefault(head.strip(), [])
                        gaps.append((_rest_pattern(rest), event.name))
                    else:
                        owner = self._labels.setdefault(code, {}).setdefault(head, event.name)
                        if owner != event.name:
                            self.shared.append(f"{code} {head!r}: {owner}, not {event.name}")
        for lang, words in ontology.lexicon_stop.items():
            for word in words:
                self._labels.setdefault(language_code(lang) or lang, {}).setdefault(_norm(word), "")
        phrases = {
            lang: [*self._labels.get(lang, {}), *self._gaps.get(lang, {})]
            for lang in {*self._labels, *self._gaps}
            if any(self._labels.get(lang, {}).values()) or lang in self._gaps
        }
        self._matchers = {lang: LexiconMatcher(words) for lang, words in phrases.items()}

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
        labels, gaps = self._labels.get(lang or "", {}), self._gaps.get(lang or "", {})
        found: dict[tuple[int, int], str] = {}
        for start, end in matcher.spans(text):
            phrase = _norm(text[start:end])
            label = labels.get(phrase)
            if label is None:  # the first part of a gapped phrase: is the rest there?
                label = next(
                    (name for rest, name in gaps.get(phrase, ()) if rest.match(text, end)), None
                )
            if label is not None:
                found[start, end] = label
        out = []
        for start, end in _longest_non_overlapping(list(found)):
            if label := found[start, end]:  # "": a stop phrase, never marked
                rid = region_id("lex", start, end, label)
                out.append(span_result(TRIGGER_TAG, rid, text, start, end, label))
        return out


def _norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


GAP_WORDS = 6  # at most this many words between a separable verb and its particle
# words that may follow a clause-final particle: conjunctions and prepositions (nl, then de:
# none of the German words is a Dutch word)
CLAUSE_NEXT = (
    "en maar want of dat om omdat toen terwijl nadat naar aan in bij met op vanuit tegen "
    "und aber oder denn weil dass nachdem während sowie an auf aus für gegen mit nach von zu "
    "zum zur im ins"
)


# Spaces within a line: a clause never goes on across a line break (a headline ends without
# punctuation, and the sentence splitter ends a sentence at every line break too).
_SPACE = r"[^\S\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]"
_LINE_END = r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]"


def _rest_pattern(rest: str) -> re.Pattern[str]:
    """Where the rest of a gapped phrase follows in the clause and ends it (see the class)."""
    words = f"{_SPACE}+".join(re.escape(word) for word in rest.split())
    ends = "|".join(CLAUSE_NEXT.split())
    return re.compile(
        rf"(?:{_SPACE}+[^\s.,;:!?()\[\]\"“”]+){{0,{GAP_WORDS}}}?{_SPACE}+{words}"
        rf"(?={_SPACE}*(?:[.,;:!?()\[\]\"“”‘’']|{_LINE_END}|$)|{_SPACE}+(?:{ends})(?!\w))",
        re.IGNORECASE,
    )


def _longest_non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    if all(end <= start for (_, end), (start, _) in pairwise(spans)):
        return spans  # nothing overlaps: every span is taken
    starts: list[int] = []  # the taken spans, sorted (they do not overlap: ends sorted too)
    ends: list[int] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        at = bisect_right(starts, start)
        # free when the taken span before ends by ``start`` and the next starts at ``end`` or later
        if (at == 0 or ends[at - 1] <= start) and (at == len(starts) or starts[at] >= end):
            starts.insert(at, start)
            ends.insert(at, end)
    return list(zip(starts, ends, strict=True))
