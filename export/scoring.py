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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventset.export.records import EventRecord

ATTRIBUTE_SKIP = frozenset({"id", "cluster_id", "type", "trigger", "arguments"})
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


Keys = dict[str, set[tuple[Any, ...]]]
# One event as the scorer sees it: type, trigger start and end, (role, start, end) of each
# argument, and a mapping whose string values not named in ATTRIBUTE_SKIP are its attributes.
Scored = tuple[str, int, int, list[tuple[str, int, int]], dict[str, Any]]


def _from_dict(e: dict[str, Any]) -> Scored:
    trigger = e["trigger"]
    arguments = [(a["role"], a["start"], a["end"]) for a in e.get("arguments") or []]
    return (e["type"], trigger["start"], trigger["end"], arguments, e)


def _from_record(e: EventRecord, attribute_names: list[str]) -> Scored:
    trigger = e.trigger
    arguments = [(a.role, a.start, a.end) for a in e.arguments]
    attributes = {name: e.attributes.get(name) for name in attribute_names}
    return (e.type, trigger.start, trigger.end, arguments, attributes)


class Prepared:
    """One side of comparisons: its events as the scorer sees them and their match keys.

    Made once per annotation, however many other annotations it is compared with.
    """

    __slots__ = ("arguments", "events", "triggers")

    def __init__(self, events: list[Scored]) -> None:
        self.events = events
        self.triggers, self.arguments = _keys_by_type(events)


def prepare_records(events: list[EventRecord], attribute_names: list[str]) -> Prepared:
    """Validated records ready for ``Scores.compare_prepared``."""
    return Prepared([_from_record(e, attribute_names) for e in events])


def _keys_by_type(events: Iterable[Scored]) -> tuple[Keys, Keys]:
    """Trigger and argument match keys grouped by event type, in one pass over the events.

    An event type gets an argument group only when one of its events has an argument.
    """
    triggers: Keys = {}
    arguments: Keys = {}
    for kind, start, end, roles, _ in events:
        _group(triggers, kind).add((start, end))
        if roles:
            group = _group(arguments, kind)
            for role, arg_start, arg_end in roles:
                group.add((start, end, role, arg_start, arg_end))
    return triggers, arguments


def _standard_keys(events: list[Scored]) -> tuple[set[Any], set[Any]]:
    """Trigger spans and (event type, start, end, role) arguments (ACE/OneIE)."""
    spans = {(start, end) for _, start, end, _, _ in events}
    found = {(kind, a, b, role) for kind, _, _, roles, _ in events for role, a, b in roles}
    return spans, found


def _identified(gold: set[Any], pred: set[Any]) -> int:
    """Predicted arguments whose event type and span gold has, at most as often as gold has."""
    wanted = Counter(key[:3] for key in gold)
    offered = Counter(key[:3] for key in pred)
    return sum(min(n, wanted[key]) for key, n in offered.items())


def _group(groups: Keys, kind: str) -> set[tuple[Any, ...]]:
    found = groups.get(kind)
    if found is None:
        found = groups[kind] = set()
    return found


def _add_by_type(table: dict[str, Counts], gold: Keys, pred: Keys) -> None:
    for event_type in sorted(gold.keys() | pred.keys()):
        counts = table.get(event_type)
        if counts is None:
            counts = table[event_type] = Counts()
        counts.add(gold.get(event_type, set()), pred.get(event_type, set()))


@dataclass
class Scores:
    """Accumulated counts per event type for triggers and arguments, plus kappa pairs."""

    trigger: dict[str, Counts] = field(default_factory=dict)
    argument: dict[str, Counts] = field(default_factory=dict)
    pairs: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
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

    def compare(self, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
        """Add one document (or one pair of annotations) to the counts."""
        self.compare_prepared(
            Prepared([_from_dict(e) for e in gold]), Prepared([_from_dict(e) for e in pred])
        )

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
        gold, pred = gold_side.events, pred_side.events
        _add_by_type(self.trigger, gold_side.triggers, pred_side.triggers)
        _add_by_type(self.argument, gold_side.arguments, pred_side.arguments)
        if self.with_standard:
            (gold_spans, gold_args), (pred_spans, pred_args) = (
                _standard_keys(gold),
                _standard_keys(pred),
            )
            self.standard[STANDARD[0]].add(gold_spans, pred_spans)
            matched = _identified(gold_args, pred_args)
            self.standard[STANDARD[2]].add_matched(matched, len(gold_args), len(pred_args))
            self.standard[STANDARD[3]].add(gold_args, pred_args)
        self._pair_labels(gold, pred)

    def _pair_labels(self, gold: list[Scored], pred: list[Scored]) -> None:
        """Pair events that share a span (one to one) and count their labels for kappa."""
        for (kind, _, _, _, attributes), other in _span_pairs(gold, pred):
            self._pair("event type", (kind, other[0]))
            if other[0] == kind:
                self._pair_attributes(attributes, other[4])

    def _pair_attributes(self, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        """Attribute values of two matching events: the gold side's attributes (string values
        outside ``ATTRIBUTE_SKIP``) that the other side gives a string value too."""
        for name, a in mine.items():
            b = theirs.get(name)
            if isinstance(a, str) and isinstance(b, str) and name not in ATTRIBUTE_SKIP:
                self._pair(name, (a, b))

    def _pair(self, name: str, pair: tuple[str, str]) -> None:
        counter = self.pairs.get(name)
        if counter is None:
            counter = self.pairs[name] = Counter()
        counter[pair] += 1

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
    one = {(e[1], e[2]): e for e in pred}
    if len(one) == len(pred) and len({(e[1], e[2]) for e in gold}) == len(gold):
        # the usual case, one event per span on each side: pairs are plain lookups
        return [(e, one[(e[1], e[2])]) for e in gold if (e[1], e[2]) in one]
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
