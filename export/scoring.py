"""One scorer for inter-annotator agreement and for model predictions.

Triggers match on (event type, start, end); arguments on (event type, trigger span, role, argument
start, end). Counts are kept per event type and summed over all types for the overall row
(micro-averaged). With ``with_standard`` (``eventset score``), ``standard`` holds the four scores
of the ACE/OneIE convention, over all types: a trigger is identified by its span and classified
by span and type; an argument is identified by its span and its event's type, and classified
with its role too (the trigger's span is not part of those keys). Both argument scores count
(event type, span, role) arguments, as OneIE's scorer does, so classification never exceeds
identification: a predicted argument is identified when gold has an argument of that event type
on that span. Unlike OneIE's scorer, which credits every such predicted argument, identification
credits at most as many as gold has (one entity in two roles is two arguments), so its recall
cannot exceed 1. Mentions match by span only:
a coreferent mention of the right entity is not credited. Cohen's kappa is computed where labels
are paired item by item: the event type of triggers that both sides marked on the same span, and
each attribute of triggers that match exactly, where both sides give the attribute a value (a
model that predicts no modality gets no modality kappa, rather than 0).

Example:
    >>> gold = [{"type": "Conference", "trigger": {"start": 0, "end": 6}, "arguments": []}]
    >>> scores = Scores()
    >>> scores.compare(gold, gold)
    >>> scores.overall("trigger").f1
    1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from eventset.export.records import EventRecord
from eventset.export.scoreprep import ATTRIBUTE_SKIP as ATTRIBUTE_SKIP  # part of this API
from eventset.export.scoreprep import (
    Prepared,
    Scored,
    prepare_dicts,
    prepare_records,
)

_FIRST = itemgetter(0)  # the event type of a match key

# The ACE/OneIE scores (see the module docstring), in the order they are reported.
STANDARD = (
    "trigger_identification",
    "trigger_classification",
    "argument_identification",
    "argument_classification",
)


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.add_matched(len(gold & pred), len(gold), len(pred))

    def add_matched(self, matched: int, gold: int, pred: int) -> None:
        """``matched`` of ``gold`` reference and ``pred`` predicted items correspond."""
        self.tp += matched
        self.fp += pred - matched
        self.fn += gold - matched


def cohen_kappa(pairs: Counter[tuple[str, str]]) -> float | None:
    """Kappa of paired labels; None when it is undefined (no pairs, or one label only)."""
    n = sum(pairs.values())
    if not n:
        return None
    left, right = Counter[str](), Counter[str]()
    for (a, b), count in pairs.items():
        left[a] += count
        right[b] += count
    observed = sum(c for (a, b), c in pairs.items() if a == b) / n
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


# Comparisons that may wait to be counted (see ``Scores``): a build counts each batch's at its end.
SETTLE_AFTER = 4096


def _standard_keys(side: Prepared) -> tuple[set[Any], set[Any]]:
    """Trigger spans and (event type, start, end, role) arguments (ACE/OneIE)."""
    spans = {(start, end) for _, start, end, _ in side.events}
    found = {(kind, a, b, role) for kind, _, _, role, a, b in side.argument_keys}
    return spans, found


def _identified(gold: set[Any], pred: set[Any]) -> int:
    """Predicted arguments whose event type and span gold has, at most as often as gold has."""
    wanted = Counter(key[:3] for key in gold)
    offered = Counter(key[:3] for key in pred)
    return sum(min(n, wanted[key]) for key, n in offered.items())


class _Pending:
    """Comparisons not yet counted into a ``Scores``' tables, as flat lists: ``list.extend``
    copies a side's keys in C, where counting them into per-type tables pair by pair took a
    Python loop per event type; ``Scores._settle`` counts them all at once when they are read.

    Per comparison: its two sides; the event type of each key of either side and the keys both
    have, for triggers and for arguments; the labels of each pair of events on a shared span,
    gold's and then the other's in one tuple (a flat key is quicker to count).
    """

    __slots__ = ("arguments", "labels", "sides", "triggers")

    def __init__(self) -> None:
        self.sides: list[tuple[Prepared, Prepared]] = []
        self.triggers: tuple[list[str], list[str], list[Any]] = ([], [], [])
        self.arguments: tuple[list[str], list[str], list[Any]] = ([], [], [])
        self.labels: list[tuple[Any, ...]] = []

    def add(self, gold: Prepared, pred: Prepared) -> None:
        self.sides.append((gold, pred))
        gold_types, pred_types, matched = self.triggers
        gold_types += gold.trigger_types
        pred_types += pred.trigger_types
        matched += gold.trigger_keys & pred.trigger_keys
        if gold.argument_keys or pred.argument_keys:
            gold_types, pred_types, matched = self.arguments
            gold_types += gold.argument_types
            pred_types += pred.argument_types
            matched += gold.argument_keys & pred.argument_keys
        self.labels += _label_pairs(gold, pred)


def _label_pairs(gold: Prepared, pred: Prepared) -> list[tuple[Any, ...]]:
    """The labels of the events paired on shared spans, in gold order (see ``_span_pairs``),
    gold's and the other's one after the other in one tuple."""
    theirs, mine = pred.spans, gold.spans
    if theirs is not None and mine is not None:
        return [labels + theirs[span] for span, labels in mine.items() if span in theirs]
    return [e[3] + other[3] for e, other in _span_pairs(gold.events, pred.events)]


def _add_table(
    table: dict[str, Counts],
    counted: tuple[list[str], list[str], list[Any]],
    sides: list[tuple[Prepared, Prepared]],
    keys: Callable[[Prepared], set[Any]],
) -> None:
    """Count the event types of gold's keys, of the prediction's and of the keys both have
    (their first item) into ``table``.

    A type new to the table gets its row where one comparison at a time would have added it:
    at the first comparison of ``sides`` that names it, in name order among the types new
    there. The walk over the comparisons ends once every new type has its row.
    """
    gold, pred = Counter(counted[0]), Counter(counted[1])
    matched = Counter(map(_FIRST, counted[2]))
    new = (gold.keys() | pred.keys()) - table.keys()
    for mine, theirs in sides:
        if not new:
            break
        named = set(map(_FIRST, keys(mine)))
        named.update(map(_FIRST, keys(theirs)))
        if here := named & new:
            for event_type in sorted(here):
                table[event_type] = Counts()
            new -= here
    for event_type in gold.keys() | pred.keys():
        counts, n = table[event_type], matched.get(event_type, 0)
        counts.tp += n
        counts.fp += pred.get(event_type, 0) - n
        counts.fn += gold.get(event_type, 0) - n


@dataclass(eq=False)
class Scores:
    """Accumulated counts per event type for triggers and arguments, plus kappa pairs.

    Comparisons wait in ``_pending`` until ``trigger``, ``argument`` or ``pairs`` is read (or
    the scores are merged or pickled, or ``SETTLE_AFTER`` comparisons wait): counted then all at
    once, they come out as if counted one comparison at a time, rows and pairs in the same order.
    """

    comparisons: int = 0
    # trigger identification, argument identification and classification (ACE/OneIE), overall;
    # kept only ``with_standard`` (``eventset score``: agreement in a build leaves them out, they
    # cost about 2% of its CPU)
    standard: dict[str, Counts] = field(
        default_factory=lambda: {name: Counts() for name in STANDARD if name != STANDARD[1]}
    )
    with_standard: bool = False
    # ids of gold documents (or sentences) that had no prediction row (set by ``score_files``)
    missing: list[str] = field(default_factory=list)
    # predicted ids that no gold document (or sentence) has, left out (set by ``score_files``)
    unmatched: list[str] = field(default_factory=list)
    # sentence-level scoring of a dataset folder (set by ``score_files``): the gold documents'
    # arguments that its sentence rows cannot hold (outside their trigger's sentence), of all
    sentence_gap: tuple[int, int] | None = None
    _trigger: dict[str, Counts] = field(default_factory=dict, init=False, repr=False)
    _argument: dict[str, Counts] = field(default_factory=dict, init=False, repr=False)
    _pairs: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=dict, init=False, repr=False
    )
    _pending: _Pending = field(default_factory=_Pending, init=False, repr=False)

    @property
    def trigger(self) -> dict[str, Counts]:
        """Trigger counts by event type."""
        self._settle()
        return self._trigger

    @property
    def argument(self) -> dict[str, Counts]:
        """Argument counts by event type (of the types that have arguments on either side)."""
        self._settle()
        return self._argument

    @property
    def pairs(self) -> dict[str, Counter[tuple[str, str]]]:
        """Paired labels by name (``event type`` and attribute names), for kappa."""
        self._settle()
        return self._pairs

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Scores)
        return self._state() == other._state()

    def __repr__(self) -> str:
        return f"Scores{self._state()!r}"

    def __getstate__(self) -> dict[str, Any]:
        self._settle()  # counted where the comparisons were made, and pickled small
        return self.__dict__

    def _state(self) -> tuple[Any, ...]:
        return (
            self.trigger,
            self.argument,
            self.pairs,
            self.comparisons,
            self.standard,
            self.with_standard,
            self.missing,
            self.unmatched,
            self.sentence_gap,
        )

    def compare(self, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
        """Add one document (or one pair of annotations) to the counts."""
        self.compare_prepared(prepare_dicts(gold), prepare_dicts(pred))

    def compare_records(
        self, gold: list[EventRecord], pred: list[EventRecord], attribute_names: list[str]
    ) -> None:
        """``compare`` for validated records, as if given their rows (``EventRecord.row``)."""
        self.compare_prepared(
            prepare_records(gold, attribute_names), prepare_records(pred, attribute_names)
        )

    def merge(self, other: Scores) -> None:
        """Add ``other``'s counts, as if its comparisons had been made here after ours."""
        self.comparisons += other.comparisons
        tables = (self.trigger, other.trigger), (self.argument, other.argument)
        for mine, theirs in (*tables, (self.standard, other.standard)):
            for event_type, counts in theirs.items():
                total = mine.setdefault(event_type, Counts())
                total.tp, total.fp, total.fn = (
                    total.tp + counts.tp,
                    total.fp + counts.fp,
                    total.fn + counts.fn,
                )
        for name, pairs in other.pairs.items():
            self.pairs.setdefault(name, Counter()).update(pairs)

    def compare_prepared(self, gold_side: Prepared, pred_side: Prepared) -> None:
        """``compare`` of sides prepared once (``prepare_records``) for many pairs."""
        self.comparisons += 1
        self._pending.add(gold_side, pred_side)
        if len(self._pending.sides) >= SETTLE_AFTER:  # bounds the memory they hold
            self._settle()
        if self.with_standard:
            (gold_spans, gold_args), (pred_spans, pred_args) = (
                _standard_keys(gold_side),
                _standard_keys(pred_side),
            )
            self.standard[STANDARD[0]].add(gold_spans, pred_spans)
            matched = _identified(gold_args, pred_args)
            self.standard[STANDARD[2]].add_matched(matched, len(gold_args), len(pred_args))
            self.standard[STANDARD[3]].add(gold_args, pred_args)

    def _settle(self) -> None:
        """Count the pending comparisons into the tables and the kappa pairs.

        A table gets a row per event type the first time a comparison names it, the types of
        one comparison in name order; a pair counter its label pairs in the order they were
        first met: as counting one comparison at a time does.
        """
        pending = self._pending
        if not pending.sides:
            return
        self._pending = _Pending()
        _add_table(self._trigger, pending.triggers, pending.sides, attrgetter("trigger_keys"))
        _add_table(self._argument, pending.arguments, pending.sides, attrgetter("argument_keys"))
        for pair, n in Counter(pending.labels).items():
            mine, theirs = pair[:3], pair[3:]
            self._pair("event type", (mine[0], theirs[0]), n)
            if theirs[0] == mine[0]:
                their_values = dict(zip(theirs[1], theirs[2], strict=True))
                for name, value in zip(mine[1], mine[2], strict=True):
                    their_value = their_values.get(name)
                    if isinstance(value, str) and isinstance(their_value, str):
                        self._pair(name, (value, their_value), n)

    def _pair(self, name: str, pair: tuple[str, str], n: int) -> None:
        counter = self._pairs.get(name)
        if counter is None:
            counter = self._pairs[name] = Counter()
        counter[pair] += n

    def overall(self, kind: str) -> Counts:
        """Micro-averaged counts over every event type for ``trigger`` or ``argument``."""
        total = Counts()
        for counts in getattr(self, kind).values():
            total.tp, total.fp, total.fn = (
                total.tp + counts.tp,
                total.fp + counts.fp,
                total.fn + counts.fn,
            )
        return total

    def kappas(self) -> dict[str, float | None]:
        return {name: cohen_kappa(pairs) for name, pairs in sorted(self.pairs.items())}

    def table(self) -> list[dict[str, Any]]:
        """One row per event type (precision, recall, F1 of both kinds), overall last."""
        rows = []
        names = sorted(set(self.trigger) | set(self.argument))
        for name in [*names, "overall"]:
            t = self.overall("trigger") if name == "overall" else self.trigger.get(name, Counts())
            a = self.overall("argument") if name == "overall" else self.argument.get(name, Counts())
            rows.append({"event_type": name, **_rates("trigger", t), **_rates("argument", a)})
        return rows

    def standard_scores(self) -> dict[str, dict[str, Any]]:
        """The ACE/OneIE scores over all event types: gold count, P, R and F1 of each."""
        counts = dict(self.standard, trigger_classification=self.overall("trigger"))
        return {name: _rates("", counts[name], prefix=False) for name in STANDARD}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary: the table, the kappas, the comparisons (and, when kept, the
        ACE/OneIE scores)."""
        out = {"comparisons": self.comparisons, "table": self.table(), "kappa": self.kappas()}
        return out | ({"standard": self.standard_scores()} if self.with_standard else {})


def _rates(kind: str, counts: Counts, prefix: bool = True) -> dict[str, Any]:
    """Counts, P, R and F1 of one kind; the rates are None when neither side has any.

    ``gold`` counts the first side (the gold, or the earlier annotation of a pair), ``matched``
    the keys both sides have and ``either`` those of one side or both: unlike ``gold``, these two
    do not depend on which annotation of a pair comes first.
    """
    empty = not counts.tp + counts.fp + counts.fn
    rates = {
        "gold": counts.tp + counts.fn,
        "matched": counts.tp,
        "either": counts.tp + counts.fp + counts.fn,
        "p": None if empty else counts.precision,
        "r": None if empty else counts.recall,
        "f1": None if empty else counts.f1,
    }
    return {f"{kind}_{name}" if prefix else name: value for name, value in rates.items()}


def _span_pairs(gold: list[Scored], pred: list[Scored]) -> list[tuple[Scored, Scored]]:
    """The pairs of events on shared spans, in gold order (see ``_pair_span``)."""
    by_span: dict[tuple[int, int], list[Scored]] = {}
    for e in pred:
        by_span.setdefault((e[1], e[2]), []).append(e)
    spans: dict[tuple[int, int], list[Scored]] = {}
    for e in gold:
        if (e[1], e[2]) in by_span:
            spans.setdefault((e[1], e[2]), []).append(e)
    return [pair for span, events in spans.items() for pair in _pair_span(events, by_span[span])]


def _pair_span(gold: list[Scored], pred: list[Scored]) -> list[tuple[Scored, Scored]]:
    """One-to-one pairs of events on one span: same types first, then the rest by type name.

    Each event is paired at most once, so swapping the sides swaps the pairs: agreement does
    not depend on which annotation comes first (an event the other side lacks stays unpaired).
    """
    left = list(pred)
    pairs, rest = [], []
    for event in gold:
        same = next((i for i, other in enumerate(left) if other[0] == event[0]), None)
        if same is None:
            rest.append(event)
        else:
            pairs.append((event, left.pop(same)))
    by_type = sorted(rest, key=lambda e: e[0]), sorted(left, key=lambda e: e[0])
    return pairs + list(zip(*by_type, strict=False))
