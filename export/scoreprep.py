"""Each side of an agreement comparison, prepared once: its events as the scorer sees them and their
match keys (``eventset.export.scoring`` compares and counts them).

Made once per annotation, however many other annotations it is compared with.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from eventset.export.records import EventRecord

# Fields of an event (as a dict) that are not attributes.
ATTRIBUTE_SKIP = frozenset({"id", "cluster_id", "type", "trigger", "arguments"})

# An event's labels for kappa: its type, attribute names and their values (only string values
# outside ATTRIBUTE_SKIP count, see ``Scores._settle``).
Labels = tuple[str, tuple[str, ...], tuple[Any, ...]]
# One event as the scorer sees it: type, trigger start and end, and its labels.
Scored = tuple[str, int, int, Labels]
# An argument's match key: event type, trigger start and end, role, argument start and end.
ArgumentKey = tuple[str, int, int, str, int, int]


def _from_dict(e: dict[str, Any]) -> tuple[Scored, list[tuple[str, int, int]]]:
    """The event as the scorer sees it, and (role, start, end) of its arguments."""
    trigger = e["trigger"]
    arguments = [(a["role"], a["start"], a["end"]) for a in e.get("arguments") or []]
    labels = {
        name: value
        for name, value in e.items()
        if isinstance(value, str) and name not in ATTRIBUTE_SKIP
    }
    kind = e["type"]
    scored = (kind, trigger["start"], trigger["end"], (kind, tuple(labels), tuple(labels.values())))
    return scored, arguments


def prepare_dicts(events: list[dict[str, Any]]) -> Prepared:
    scored, keys = [], set()
    for event, arguments in map(_from_dict, events):
        scored.append(event)
        keys.update([(*event[:3], *argument) for argument in arguments])
    return Prepared(scored, keys)


def _label_names(attribute_names: list[str]) -> tuple[str, ...]:
    """The attribute names kappa pairs, each once."""
    return tuple(dict.fromkeys(name for name in attribute_names if name not in ATTRIBUTE_SKIP))


class Prepared:
    """One side of comparisons: its events as the scorer sees them and their match keys.

    Made once per annotation, however many other annotations it is compared with: trigger keys
    (type, start, end), argument keys (type, trigger start and end, role, start, end), the event
    type of each key of both kinds, and ``spans``, each trigger span's labels when no two events
    share a span (the usual case: pairing events for kappa is a lookup), else None.
    """

    __slots__ = (
        "argument_keys",
        "argument_types",
        "events",
        "spans",
        "trigger_keys",
        "trigger_types",
    )

    def __init__(self, events: list[Scored], argument_keys: set[ArgumentKey]) -> None:
        self.events = events
        self.trigger_keys = {e[:3] for e in events}
        self.argument_keys = argument_keys
        self.trigger_types = list(map(_FIRST, self.trigger_keys))
        self.argument_types = list(map(_FIRST, argument_keys))
        spans = {e[1:3]: e[3] for e in events}
        self.spans = spans if len(spans) == len(events) else None


_FIRST = itemgetter(0)


def prepare_records(events: list[EventRecord], attribute_names: list[str]) -> Prepared:
    """Validated records ready for ``Scores.compare_prepared``.

    Their attribute values are strings (or missing), as ``EventRecord`` has them: the labels
    keep every value of the names, unchecked, and kappa pairs only the strings among them.
    """
    names = _label_names(attribute_names)
    scored = [
        (
            e.type,
            e.trigger.start,
            e.trigger.end,
            (e.type, names, tuple(map(e.attributes.get, names))),
        )
        for e in events
    ]
    arguments = {
        (e.type, e.trigger.start, e.trigger.end, a.role, a.start, a.end)
        for e in events
        for a in e.arguments
    }
    return Prepared(scored, arguments)
