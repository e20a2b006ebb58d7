"""Whether an event class's verdict depends only on an event's shape (pure introspection).

Validating every event with pydantic is the slowest step of a build. For an event class that
adds nothing to eventset's base classes but roles (``Role(...)``) and ``Literal`` attributes,
and whose entity classes add nothing to ``Entity``, whether a well-formed payload (string texts
and ids, offsets that are non-negative and ordered, which the build checks first) is valid
depends only on its *shape*: the attribute values and the (role, entity type) of each argument.
The build then validates one event per shape and accepts the others of the same shape. Any custom
validator, constraint, extra field or changed configuration makes ``shape_decides`` False, and
every event of that class is validated in full.

Example:
    >>> from eventset.schema import load_ontology
    >>> cls = load_ontology("conflict-news").event_type("MilitaryOperation").cls
    >>> shape_decides(cls)
    True
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Any

from eventset.schema.dsl import Entity, Event, Span
from eventset.schema.introspect import RESERVED_FIELDS, role_classes

# The shape of an event within its class: its attribute values in the class's declared order
# and its sorted (role, entity type) pairs (``eventset.export.resolve`` keeps the valid ones).
Shape = tuple[tuple[Any, ...], tuple[tuple[str, str], ...]]
_KINDS = ("validators", "field_validators", "root_validators", "model_validators")


@cache
def shape_decides(cls: type[Event]) -> bool:
    """True when valid well-formed payloads of ``cls`` are exactly those of a valid shape."""
    if not _same_machinery(cls, Event):
        return False
    base = Event.model_fields
    for name, info in cls.model_fields.items():
        if name in RESERVED_FIELDS:
            if _field(info) != _field(base[name]):
                return False
            continue
        classes = role_classes(info.annotation)
        if classes is not None:
            if info.metadata or not all(_plain_entity(c) for c in classes):
                return False
        elif typing.get_origin(info.annotation) is not typing.Literal or info.metadata:
            return False
    return _plain_span(base["trigger"].annotation)


def _same_machinery(cls: type[Any], base: type[Any]) -> bool:
    ours, theirs = cls.__pydantic_decorators__, base.__pydantic_decorators__
    if any(set(getattr(ours, k)) != set(getattr(theirs, k)) for k in _KINDS):
        return False
    return bool(cls.model_config == base.model_config)


@cache
def _plain_entity(cls: type[Entity]) -> bool:
    if not _same_machinery(cls, Entity):
        return False
    ours, base = cls.model_fields, Entity.model_fields
    return ours.keys() == base.keys() and all(_field(ours[n]) == _field(base[n]) for n in base)


def _plain_span(annotation: Any) -> bool:
    return annotation is Span


def _field(info: Any) -> tuple[Any, ...]:
    return (info.annotation, tuple(info.metadata), info.default, info.default_factory)
