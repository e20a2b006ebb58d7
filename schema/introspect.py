"""Read role and attribute declarations off event classes (pure type introspection)."""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

if typing.TYPE_CHECKING:
    from eventset.schema.dsl import Entity

RESERVED_FIELDS = frozenset({"trigger", "id"})
ROLE_MARK = "x-eventset-role"


@dataclass(frozen=True)
class RoleSpec:
    """One argument role: its name, guideline text, accepted entity types and cardinality."""

    name: str
    description: str
    allowed: tuple[str, ...]
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class AttributeSpec:
    """One per-trigger attribute with its closed set of values and default."""

    name: str
    description: str
    values: tuple[str, ...]
    default: str


def union_members(annotation: Any) -> tuple[Any, ...]:
    """``A | B`` and ``Union[A, B]`` -> ``(A, B)``; anything else -> ``(annotation,)``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def role_classes(annotation: Any) -> tuple[type[Entity], ...] | None:
    """Entity classes accepted by a role typed ``list[A | B]``; None if it is not a role."""
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation) or (None,)
    members = union_members(item)
    if members and all(is_entity_class(m) for m in members):
        return tuple(members)
    return None


def is_entity_class(annotation: Any) -> bool:
    """Whether ``annotation`` is ``Entity`` or a subclass (``list[A]`` is not, though a type)."""
    from eventset.schema.dsl import Entity

    plain = isinstance(annotation, type) and not typing.get_args(annotation)
    return plain and issubclass(annotation, Entity)


def attribute_values(annotation: Any) -> tuple[str, ...] | None:
    """Closed value set of a ``Literal[...]`` or string ``Enum`` annotation, else None."""
    values = _closed_values(annotation)
    if values is not None and all(isinstance(v, str) for v in values):
        return values
    return None


def _closed_values(annotation: Any) -> tuple[Any, ...] | None:
    """The values of a ``Literal[...]`` or ``Enum`` annotation, of any type; else None."""
    if typing.get_origin(annotation) is Literal:
        return tuple(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(member.value for member in annotation)
    return None


def type_text(annotation: Any) -> str:
    """An annotation as its author wrote it, classes by their plain ``__qualname__``.

    Example:
        >>> type_text(list[int | None]), type_text(Literal[1, "a"])
        ('list[int | None]', "Literal[1, 'a']")
    """
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if annotation is None or annotation is type(None):
        return "None"
    if origin is Literal:
        return f"Literal[{', '.join(map(repr, args))}]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_text(a) for a in args)
    if origin is not None and args:
        return f"{type_text(origin)}[{', '.join(type_text(a) for a in args)}]"
    if isinstance(annotation, type):
        return annotation.__qualname__.rpartition("<locals>.")[2]
    return str(annotation)


def role_bounds(field: FieldInfo) -> tuple[int, int | None]:
    """(min, max) cardinality recorded by ``Role(...)``; (0, None) for a plain list field."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    bounds = extra.get(ROLE_MARK)
    if not isinstance(bounds, dict):
        return 0, None
    low, high = bounds.get("min", 0), bounds.get("max")
    return (low if isinstance(low, int) else 0), (high if isinstance(high, int) else None)


def is_role_field(field: FieldInfo) -> bool:
    """Whether the field was declared with ``Role(...)``."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return isinstance(extra.get(ROLE_MARK), dict)


def role_spec(name: str, field: FieldInfo, classes: tuple[type, ...]) -> RoleSpec:
    low, high = role_bounds(field)
    return RoleSpec(
        name=name,
        description=field.description or "",
        allowed=tuple(c.__name__ for c in classes),
        min=low,
        max=high,
    )


def attribute_spec(name: str, field: FieldInfo, values: tuple[str, ...]) -> AttributeSpec:
    default = field.get_default(call_default_factory=True)
    if isinstance(default, enum.Enum):
        default = default.value
    return AttributeSpec(name, field.description or "", values, str(default))


def _base_annotation(name: str, field: FieldInfo) -> Any:
    """The annotation ``Event`` itself gives the reserved field ``name``."""
    from eventset.schema.dsl import Event  # dsl imports this module

    base = Event.model_fields.get(name)
    return field.annotation if base is None else base.annotation


def _attribute_problem(
    owner: str, name: str, field: FieldInfo, values: tuple[str, ...]
) -> str | None:
    try:
        given = None if field.is_required() else field.get_default(call_default_factory=True)
    except (TypeError, ValueError):  # a factory that needs the other fields: no fixed default
        given = PydanticUndefined
    default = given.value if isinstance(given, enum.Enum) else given
    if field.is_required() or default is PydanticUndefined or isinstance(default, list):
        return (
            f"{owner}.{name}: attribute has no default value (Role(...) is for roles); give it "
            f"one, e.g. `{name}: ... = {values[0]!r}`"
        )
    if default not in values:
        return (
            f"{owner}.{name}: the default {default!r} is not one of its values "
            f"({', '.join(map(repr, values))}); fix the default or the values"
        )
    return None


def describe_fields(cls: type) -> tuple[list[RoleSpec], list[AttributeSpec], list[str]]:
    """Split an event class's fields into roles and attributes; third item lists problems."""
    roles: list[RoleSpec] = []
    attributes: list[AttributeSpec] = []
    problems: list[str] = []
    fields: dict[str, FieldInfo] = cls.model_fields  # type: ignore[attr-defined]
    for name, field in fields.items():
        if name in RESERVED_FIELDS:
            if field.annotation != _base_annotation(name, field):
                problems.append(
                    f"{cls.__name__}.{name}: {name!r} is reserved (the trigger span and the "
                    "region id of every event); rename the field"
                )
            continue
        classes = role_classes(field.annotation)
        values = attribute_values(field.annotation)
        if isinstance(field.annotation, typing.ForwardRef):
            problems.append(
                f"{cls.__name__}.{name}: the annotation {field.annotation.__forward_arg__!r} could "
                "not be resolved; define the entity classes at module level before the event "
                f"class, or call {cls.__name__}.model_rebuild() once they exist"
            )
        elif classes is not None:
            if not is_role_field(field):
                problems.append(_undeclared_role_problem(cls.__name__, name, field))
            roles.append(role_spec(name, field, classes))
        elif values is not None:
            problem = _attribute_problem(cls.__name__, name, field, values)
            if problem:
                problems.append(problem)
            else:
                attributes.append(attribute_spec(name, field, values))
        elif _optional_role(field.annotation):
            problems.append(
                f"{cls.__name__}.{name}: a role is a list, empty when the text names no filler, "
                f"so it is never None; drop the `| None` / Optional: `{name}: list[...] = "
                'Role("...")`'
            )
        else:
            problems.append(_type_problem(cls.__name__, name, field.annotation))
    return roles, attributes, problems


def _undeclared_role_problem(owner: str, name: str, field: FieldInfo) -> str:
    """A role typed ``list[...]`` but not declared with ``Role(...)`` (required or a plain list)."""
    why = ", so every event would need it" if field.is_required() else ""
    return (
        f"{owner}.{name}: role without Role(...){why}; declare the role with Role(...): "
        f'`{name}: {type_text(field.annotation)} = Role("...")` (min=1 to require one)'
    )


def _type_problem(owner: str, name: str, annotation: Any) -> str:
    """Why a field is neither a role nor an attribute, and how to write what was meant."""
    written = type_text(annotation)
    lead = f"{owner}.{name}: type {written} is neither a role nor an attribute"
    values = _closed_values(annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (Any,)
        others = [type_text(m) for m in union_members(item) if not is_entity_class(m)]
        what = "is not an Entity" if len(others) == 1 else "are not Entity subclasses"
        return (
            f"{lead}: a role's list must hold Entity subclasses listed in the ontology "
            f"({', '.join(others)} {what}); write `{name}: list[EntityA | EntityB] = "
            'Role("...")` with entity types of the ontology'
        )
    if all(is_entity_class(m) for m in union_members(annotation)):
        return (
            f"{lead}: a role is a list, even for one argument; write "
            f'`{name}: list[{written}] = Role("...")` (max=1 for at most one)'
        )
    if values:
        others = [repr(v) for v in values if not isinstance(v, str)]
        what = "is not" if len(others) == 1 else "are not"
        strings = [repr(str(v)) for v in values]
        return (
            f"{lead}: attribute values must be strings ({', '.join(others)} {what}); write "
            f"`{name}: Literal[{', '.join(strings)}] = {strings[0]}`"
        )
    return (
        f"{lead} (a role is list[EntityA | EntityB] declared with Role(...), an attribute a "
        "Literal[...] of strings or a string Enum with a default); change its type"
    )


def _optional_role(annotation: Any) -> bool:
    """``list[A] | None`` or ``Optional[list[A]]``: a role written as optional."""
    members = union_members(annotation)
    others = [m for m in members if m is not type(None)]
    return len(members) == 2 and len(others) == 1 and role_classes(others[0]) is not None
