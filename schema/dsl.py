"""Base classes of the ontology DSL: ``Span``, ``Entity``, ``Event`` and the ``Role`` helper."""

from __future__ import annotations

import inspect
import re
import typing
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

from eventset.errors import OntologyError
from eventset.schema.introspect import RESERVED_FIELDS, ROLE_MARK, role_bounds, role_classes


class Span(BaseModel):
    """A piece of the document text; ``start``/``end`` are code-point offsets, end exclusive."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                f"span {self.text!r} ends ({self.end}) before it starts ({self.start})"
            )
        return self


def _type_in_schema(schema: dict[str, Any], cls: type) -> None:
    # `type` is a computed field: declare it as a constant so a union of entity (or event)
    # classes is discriminated in the JSON Schema as it is at validation time.
    schema.setdefault("properties", {})["type"] = {"const": cls.__name__, "title": "Type"}
    required = schema.setdefault("required", [])
    if "type" not in required:
        required.append("type")
    # A role with min >= 1 must be there (minItems alone lets a validator accept it missing).
    for name, spec in schema["properties"].items():
        if isinstance(spec, dict) and spec.get("minItems", 0) >= 1 and name not in required:
            required.append(name)


_CLASSVAR_TEXT = re.compile(r"^\s*(?:typing\.|t\.)?ClassVar\b")


def _is_classvar(annotation: Any) -> bool:
    """``ClassVar[...]``, also written as a string (``from __future__ import annotations``)."""
    if isinstance(annotation, str):
        return bool(_CLASSVAR_TEXT.match(annotation))
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


def _plain_name(cls: type) -> str:
    """``Outer.Inner``, without the ``function.<locals>.`` of a class made in a function."""
    return cls.__qualname__.rpartition("<locals>.")[2]


def _shadowing_problems(cls: type, base: type[BaseModel]) -> list[str]:
    """Fields of ``cls`` named like a member of ``base`` that is not a field (a method, the
    computed ``type``, ``lexicon`` ...): pydantic warns about each, or refuses the class."""
    problems = []
    owner = _plain_name(cls)
    for name, annotation in inspect.get_annotations(cls).items():
        if name.startswith("_") or _is_classvar(annotation) or name in base.model_fields:
            continue
        if any(hasattr(parent, name) for parent in cls.__bases__):
            remedy = (
                f"to set the class's own {name}, assign it without a type annotation "
                f"(`{name} = ...`) or annotate it ClassVar"
                if name in ("lexicon", "examples")
                else "rename the field"
            )
            problems.append(
                f"{owner}.{name}: {name!r} is already used by the {base.__name__} base class, so "
                f"it cannot be a role or an attribute; {remedy}"
            )
    return problems


def _refuse_shadowing(cls: type, base: type[BaseModel]) -> None:
    """Raise one ``OntologyError`` for the fields ``_shadowing_problems`` finds, before pydantic
    warns about or refuses them while it makes the class."""
    problems = _shadowing_problems(cls, base)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise OntologyError(
            f"the {base.__name__.lower()} class {_plain_name(cls)} cannot be created:\n{listing}",
            remedy="change the fields as each line says, then load the ontology again",
        )


class Entity(Span):
    """Base class of entity types. Subclass it; the docstring is the annotation guideline.

    An entity type carries no fields of its own (the ontology refuses them): per-mention
    choices are attributes of the event types.
    """

    # A field typed by a class pydantic cannot validate still makes a class, so the ontology
    # reports it with every other problem instead of pydantic failing on the class alone.
    model_config = ConfigDict(json_schema_extra=_type_in_schema, arbitrary_types_allowed=True)

    id: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        _refuse_shadowing(cls, Entity)
        super().__init_subclass__(**kwargs)

    @model_validator(mode="before")
    @classmethod
    def _accept_own_type(cls, data: Any) -> Any:
        if isinstance(data, dict) and "type" in data:
            data = dict(data)
            given = data.pop("type")
            if given != cls.__name__:
                raise ValueError(f"type {given!r} given for an entity of class {cls.__name__}")
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type(self) -> str:
        """The entity type name (the class name)."""
        return type(self).__name__


def _role(description: str, *, min: int = 0, max: int | None = None, **unknown: Any) -> Any:
    """Declare a role: ``target: list[Location | Facility] = Role("What is hit.", max=3)``.

    ``min``/``max`` bound how many arguments an event may have in this role (``min=1`` makes it
    required). Any other keyword is a ``TypeError`` that names the accepted ones.
    """
    if unknown:
        raise TypeError(_unknown_role_keywords(description, list(unknown)))
    if min < 0 or (max is not None and (max < 1 or max < min)):
        raise ValueError(
            f"Role({description!r}, min={min}, max={max}): need 0 <= min <= max and max >= 1 "
            "(max=None for no upper bound)"
        )
    return Field(
        default_factory=list,
        description=description,
        validate_default=True,
        # minItems/maxItems: JSON Schema validators enforce the bounds as pydantic does
        json_schema_extra={
            ROLE_MARK: {"min": min, "max": max},
            "minItems": min,
            **({"maxItems": max} if max is not None else {}),
        },
    )


if TYPE_CHECKING:
    # What type checkers see: a misspelt keyword (minimum=1) is flagged before anything runs.
    def Role(description: str, *, min: int = 0, max: int | None = None) -> Any: ...

else:
    # At run time any keyword is accepted, so that a wrong one is named with the right ones.
    Role = _role
    Role.__name__ = Role.__qualname__ = "Role"


ROLE_KEYWORDS = ("min", "max")


def _unknown_role_keywords(description: str, names: list[str]) -> str:
    """``Role() got an unexpected keyword argument 'minimum' (did you mean 'min'?) ...``."""
    import difflib

    shown = []
    for name in names:
        # minimum -> min, at_least -> min, maximum -> max: the prefix, else a close spelling
        near = [k for k in ROLE_KEYWORDS if name.lower().startswith(k)]
        near = near or difflib.get_close_matches(name, ROLE_KEYWORDS, n=1, cutoff=0.5)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        shown.append(f"{name!r}{hint}")
    plural = "s" if len(names) > 1 else ""
    return (
        f"Role({description!r}) got an unexpected keyword argument{plural} {', '.join(shown)}; "
        "Role takes the description and the keywords min= (fewest arguments, default 0) and "
        "max= (most, default None: no bound)"
    )


class Event(BaseModel):
    """Base class of event types. Subclass it; the docstring is the annotation guideline.

    Fields typed ``list[EntityA | EntityB]`` and declared with ``Role(...)`` are argument roles;
    fields typed ``Literal[...]`` with a default are attributes. ``lexicon`` maps a language code
    (``"en"``; ``"en-GB"`` counts as ``"en"``) to trigger words used for pre-annotation;
    ``examples`` are sentences shown in the guidelines. Like the docstring, both belong to the
    class that assigns them: a subclass does not inherit its parent's.
    """

    # See Entity: a role typed by a non-entity class is reported by the ontology, with the rest.
    model_config = ConfigDict(
        extra="forbid", json_schema_extra=_type_in_schema, arbitrary_types_allowed=True
    )

    lexicon: ClassVar[dict[str, list[str]]] = {}
    examples: ClassVar[list[str]] = []

    trigger: Span
    id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _accept_own_type(cls, data: Any) -> Any:
        if isinstance(data, dict) and "type" in data:
            data = dict(data)
            given = data.pop("type")
            if given != cls.__name__:
                raise ValueError(f"type {given!r} given for an event of class {cls.__name__}")
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type(self) -> str:
        """The event type name (the class name)."""
        return type(self).__name__

    def __init_subclass__(cls, **kwargs: Any) -> None:
        _refuse_shadowing(cls, Event)
        super().__init_subclass__(**kwargs)

    @field_validator("*", mode="before")
    @classmethod
    def _check_role(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name
        if name is None or name in RESERVED_FIELDS:
            return value
        allowed = _role_table(cls).get(name)
        if allowed is None:
            return value
        classes, low, high = allowed
        items = value if isinstance(value, list) else [value]
        checked = [_as_allowed(cls.__name__, name, item, classes) for item in items]
        if len(checked) < low or (high is not None and len(checked) > high):
            bound = f"at least {low}" if len(checked) < low else f"at most {high}"
            raise ValueError(
                f"{cls.__name__}.{name} takes {bound} argument(s), got {len(checked)}"
                f" ({', '.join(repr(c.text) for c in checked) or 'none'})"
            )
        return checked


@cache
def _role_table(cls: type[Event]) -> dict[str, tuple[tuple[type[Entity], ...], int, int | None]]:
    table: dict[str, tuple[tuple[type[Entity], ...], int, int | None]] = {}
    for name, field in cls.model_fields.items():
        classes = role_classes(field.annotation)
        if classes is None:
            continue
        table[name] = (classes, *role_bounds(field))
    return table


def _as_allowed(event: str, role: str, item: Any, classes: tuple[type[Entity], ...]) -> Entity:
    # Hot path (every argument of every event): the name lookup is cached per class tuple and
    # the message is only built on error.
    if isinstance(item, dict):
        cls = _by_name(classes).get(item.get("type"))  # type: ignore[arg-type]
        if cls is None:
            raise ValueError(
                f"{event}.{role} does not accept entity type {item.get('type')!r} "
                f"(argument {item.get('text')!r}); allowed entity types: {_names(classes)}"
            )
        return cls.model_validate(item)
    if type(item) in classes:  # exactly a listed type: a subclass must be listed too, as by name
        return item
    kind = type(item).__name__
    raise ValueError(
        f"{event}.{role} does not accept {kind} {getattr(item, 'text', item)!r}; "
        f"allowed entity types: {_names(classes)}"
    )


@cache
def _by_name(classes: tuple[type[Entity], ...]) -> dict[str, type[Entity]]:
    return {c.__name__: c for c in classes}


def _names(classes: tuple[type[Entity], ...]) -> str:
    return ", ".join(c.__name__ for c in classes)
