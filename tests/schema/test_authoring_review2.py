"""Authoring mistakes found in review: each is one clear OntologyError with its remedy."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Literal

import pytest

from eventset.errors import OntologyError
from eventset.schema import Entity, Event, Ontology, Role, load_ontology


class Person(Entity):
    """A person."""


class Meet(Event):
    """A meeting."""

    who: list[Person] = Role("Who meets.")


def _problems(**namespace: Any) -> str:
    """The message of the error an ontology with one event class built from ``namespace`` gets."""
    event = type("Flood", (Event,), {"__doc__": "Water covers land.", **namespace})
    with pytest.raises(OntologyError) as caught:
        Ontology(name="x", version=1, entities=[Person], events=[event])
    return str(caught.value)


def _load_file(tmp_path: Path, body: str) -> str:
    """The message of the error loading an ontology file with ``body`` after the imports gets."""
    path = tmp_path / "onto.py"
    path.write_text(
        "from typing import Literal\n"
        "from eventset import Entity, Event, Ontology, Role\n"
        "class Person(Entity):\n"
        '    """A person."""\n' + body,
        encoding="utf-8",
    )
    with pytest.raises(OntologyError) as caught:
        load_ontology(f"{path}:O")
    message = str(caught.value)
    assert "eventset_user_ontology" not in message
    return message


# --- 1. lexicon and examples are validated ----------------------------------------------------


@pytest.mark.parametrize(
    ("lexicon", "expected"),
    [
        (["flood"], "Flood.lexicon: a list, not a mapping of language code to trigger words"),
        ({"en": ["flood", 3]}, "Flood.lexicon['en']: 3 is not a non-empty string"),
        ({"en": ["flood", " "]}, "Flood.lexicon['en']: ' ' is not a non-empty string"),
        ({"en": "flood"}, "Flood.lexicon['en']: a str, not a list of trigger words"),
        ({1: ["flood"]}, "Flood.lexicon: the key 1 is not a language code"),
    ],
)
def test_a_malformed_lexicon_is_a_load_problem(lexicon: Any, expected: str) -> None:
    message = _problems(lexicon=lexicon)
    assert expected in message
    assert 'lexicon = {"en": ["flood", "flooding"]}' in message


@pytest.mark.parametrize(
    ("examples", "expected"),
    [
        ("The river flooded.", "Flood.examples: a str, not a list of example sentences"),
        (["The river flooded.", 3], "Flood.examples: 3 is not a string"),
    ],
)
def test_malformed_examples_are_a_load_problem(examples: Any, expected: str) -> None:
    message = _problems(examples=examples)
    assert expected in message
    assert 'examples = ["The river flooded the town."]' in message


def test_lexicon_and_examples_problems_are_reported_with_the_others() -> None:
    message = _problems(lexicon={"en": "flood"}, examples="x", __annotations__={"who": Person})
    assert "Flood.lexicon['en']" in message and "Flood.examples" in message
    assert "Flood.who" in message


def test_tuples_of_strings_are_accepted() -> None:
    class Flood(Event):
        """Water covers land."""

        lexicon = {"en": ("flood",)}
        examples = ("The river flooded.",)

    onto = Ontology(name="x", version=1, entities=[Person], events=[Flood])
    assert onto.event_type("Flood").lexicon == {"en": ("flood",)}
    assert onto.event_type("Flood").examples == ("The river flooded.",)
    assert "> The river flooded." in onto.guidelines()


# --- 2. lexicon language keys are normalised like documents' languages -------------------------


def test_lexicon_keys_are_reduced_to_the_primary_subtag_and_merged() -> None:
    class Flood(Event):
        """Water covers land."""

        lexicon = {
            "EN": ["flood", "flooding"],
            " en-GB": ["floods", "flood"],
            "nl_BE": ["overstroming"],
            "en_US": ["flooding", "inundation"],
        }

    onto = Ontology(name="x", version=1, entities=[Person], events=[Flood])
    assert onto.event_type("Flood").lexicon == {
        "en": ("flood", "flooding", "floods", "inundation"),
        "nl": ("overstroming",),
    }
    assert "- Typical triggers (en): flood, flooding, floods, inundation" in onto.guidelines()


def test_normalised_keys_give_the_same_hash_as_written_in_lower_case() -> None:
    def ontology(lexicon: dict[str, list[str]]) -> Ontology:
        event = type("Flood", (Event,), {"__doc__": "Water covers land.", "lexicon": lexicon})
        return Ontology(name="x", version=1, entities=[Person], events=[event])

    spelled = ontology({"EN-gb": ["flood"], "nl": ["overstroming"]})
    assert spelled.content_hash == ontology({"en": ["flood"], "nl": ["overstroming"]}).content_hash


@pytest.mark.parametrize("key", ["", " ", "-GB", "e1", "ñl", "en.GB"])
def test_a_lexicon_key_that_is_not_a_language_code_is_a_load_problem(key: str) -> None:
    message = _problems(lexicon={key: ["flood"]})
    assert f"Flood.lexicon: the key {key!r} is not a language code" in message
    assert "ASCII letters" in message


# --- 3. lexicon and examples are not inherited ------------------------------------------------


class Flood(Event):
    """Water covers land."""

    lexicon = {"en": ["flood"]}
    examples = ["The river flooded the town."]


class FlashFlood(Flood):
    """A sudden flood."""


def test_a_subclass_has_only_its_own_lexicon_and_examples() -> None:
    onto = Ontology(name="x", version=1, entities=[Person], events=[Flood, FlashFlood])
    assert onto.event_type("Flood").lexicon == {"en": ("flood",)}
    flash = onto.event_type("FlashFlood")
    assert flash.lexicon == {} and flash.examples == ()
    section = onto.guidelines().split("### FlashFlood", 1)[1].split("###", 1)[0]
    assert "flood," not in section and "Typical triggers" not in section
    assert "Examples:" not in section


# --- 4. every $ref of the JSON Schema resolves ------------------------------------------------


class Span(Event):
    """A bridge span collapses (named like eventset's own Span model)."""

    who: list[Person] = Role("Who is hurt.")


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


@pytest.mark.parametrize("events", [[Span], [Meet, Span], [Meet]])
def test_every_ref_of_the_json_schema_resolves(events: list[type[Event]]) -> None:
    import jsonschema
    from referencing import Registry, Resource

    schema = Ontology(name="x", version=1, entities=[Person], events=events).json_schema()
    resolver = Registry().with_resource("urn:x", Resource.from_contents(schema)).resolver("urn:x")
    refs = _refs(schema)
    assert len(schema["oneOf"]) == len(events) and refs
    for ref in refs:
        resolver.lookup(ref)  # raises if the ref points nowhere
    for one_of, cls in zip(schema["oneOf"], events, strict=True):
        target = resolver.lookup(one_of["$ref"]).contents
        assert target["properties"]["type"] == {"const": cls.__name__, "title": "Type"}
    event = {"type": events[-1].__name__, "trigger": {"text": "x"}, "who": []}
    jsonschema.Draft202012Validator(schema).validate(event)


def test_the_json_schema_names_the_ontology_classes_plainly(tmp_path: Path) -> None:
    import jsonschema

    path = tmp_path / "spans.py"
    path.write_text(
        "from eventset import Entity, Event, Ontology, Role\n"
        "class Span(Entity):\n"
        '    """A bridge span (named like the Span model of eventset)."""\n'
        "class Collapse(Event):\n"
        '    """Something collapses."""\n'
        '    what: list[Span] = Role("What collapses.")\n'
        'O = Ontology(name="x", version=1, entities=[Span], events=[Collapse])\n',
        encoding="utf-8",
    )
    schema = load_ontology(f"{path}:O").json_schema()
    assert {"Span", "Collapse"} <= set(schema["$defs"])
    assert not [key for key in schema["$defs"] if "eventset_user_ontology" in key]
    event = {
        "type": "Collapse",
        "trigger": {"text": "fell"},
        "what": [{"type": "Span", "text": "it"}],
    }
    jsonschema.Draft202012Validator(schema).validate(event)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({**event, "what": [{"text": "it"}]})


# --- 5. fields on entity types are refused ----------------------------------------------------


def test_a_field_on_an_entity_type_is_a_load_problem() -> None:
    class Officer(Entity):
        """An officer."""

        gender: Literal["m", "f"] = "m"
        rank: str = ""

    class Inspect(Event):
        """An inspection."""

        who: list[Officer] = Role("Who inspects.")

    with pytest.raises(OntologyError) as caught:
        Ontology(name="x", version=1, entities=[Officer], events=[Inspect])
    message = str(caught.value)
    for field in ("gender", "rank"):
        assert f"Officer.{field}: entity types carry no fields in eventset" in message
    assert "put the attribute on the event types" in message


def test_an_entity_type_that_only_adds_a_validator_is_accepted() -> None:
    from pydantic import field_validator

    class Named(Entity):
        """A name."""

        @field_validator("text")
        @classmethod
        def _capital(cls, value: str) -> str:
            return value

    class Greet(Event):
        """A greeting."""

        who: list[Named] = Role("Who greets.")

    onto = Ontology(name="x", version=1, entities=[Named], events=[Greet])
    assert onto.event_type("Greet").role("who").allowed == ("Named",)


# --- 6. reserved names ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["arguments", "cluster_id", "text", "event_type", "entity"])
def test_a_role_named_like_a_field_of_every_event_record_is_a_load_problem(name: str) -> None:
    message = _problems(__annotations__={name: list[Person]}, **{name: Role("x")})
    assert f"Flood.{name}: not a usable role name: {name!r} is reserved" in message
    assert "rename the role" in message


@pytest.mark.parametrize("name", ["cluster_id", "arguments", "event_type"])
def test_an_attribute_named_like_a_field_of_every_event_record_is_a_load_problem(
    name: str,
) -> None:
    message = _problems(__annotations__={name: Literal["a", "b"]}, **{name: "a"})
    assert f"Flood.{name}: not a usable attribute name: {name!r} is reserved" in message
    assert "rename the attribute" in message


@pytest.mark.parametrize(
    ("name", "annotation", "default"),
    [
        ("type", Literal["a", "b"], "a"),
        ("type", list[Person], None),
        ("model_dump", Literal["a", "b"], "a"),
        ("json", Literal["a", "b"], "a"),
        ("lexicon", list[Person], None),
        ("examples", Literal["a", "b"], "a"),
    ],
)
def test_a_field_named_like_a_base_class_member_is_refused_when_the_class_is_made(
    name: str, annotation: Any, default: Any
) -> None:
    namespace = {"__annotations__": {name: annotation}, name: default or Role("x")}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pydantic warning about shadowing either
        with pytest.raises(OntologyError) as caught:
            type("Vote", (Event,), {"__doc__": "A vote.", **namespace})
    message = str(caught.value)
    assert f"Vote.{name}: {name!r} is already used by the Event base class" in message
    assert "How to fix:" in message
    if name in ("lexicon", "examples"):
        assert f"assign it without a type annotation (`{name} = ...`)" in message
    else:
        assert "rename the field" in message


def test_assigning_lexicon_without_annotation_or_as_a_classvar_still_works() -> None:
    from typing import ClassVar

    class Vote(Event):
        """A vote."""

        lexicon: ClassVar[dict[str, list[str]]] = {"en": ["vote"]}

    onto = Ontology(name="x", version=1, entities=[Person], events=[Vote])
    assert onto.event_type("Vote").lexicon == {"en": ("vote",)}


def test_an_entity_field_named_type_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(OntologyError, match=r"Officer\.type: 'type' is already used by the Entity"):
        type("Officer", (Entity,), {"__annotations__": {"type": str}, "type": "x"})


def test_a_type_attribute_in_an_ontology_file_names_the_class_and_field(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Meet(Event):\n"
        '    """Meet."""\n'
        '    type: Literal["a", "b"] = "a"\n'
        'O = Ontology(name="x", version=1, entities=[Person], events=[Meet])\n',
    )
    assert "Meet.type: 'type' is already used by the Event base class" in message
    assert "TypeError" not in message


# --- 7. messages say what is wrong and how to fix it -------------------------------------------


def test_a_role_typed_by_a_plain_class_says_roles_hold_entity_types(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Thing:\n"
        "    pass\n"
        "class Meet(Event):\n"
        '    """Meet."""\n'
        '    who: list[Thing] = Role("who")\n'
        'O = Ontology(name="x", version=1, entities=[Person], events=[Meet])\n',
    )
    assert "Meet.who: type list[Thing] is neither a role nor an attribute" in message
    assert "a role's list must hold Entity subclasses listed in the ontology" in message
    assert "Thing is not an Entity" in message
    assert "arbitrary_types_allowed" not in message


def test_an_attribute_with_non_string_values_says_values_must_be_strings(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Meet(Event):\n"
        '    """Meet."""\n'
        "    level: Literal[1, 2, 3] = 1\n"
        'O = Ontology(name="x", version=1, entities=[Person], events=[Meet])\n',
    )
    assert "Meet.level: type Literal[1, 2, 3] is neither a role nor an attribute" in message
    assert "attribute values must be strings (1, 2, 3 are not)" in message
    assert "`level: Literal['1', '2', '3'] = '1'`" in message


def test_a_role_typed_by_one_entity_says_a_role_is_a_list(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Place(Entity):\n"
        '    """A place."""\n'
        "class Meet(Event):\n"
        '    """Meet."""\n'
        '    who: Person = Role("who")\n'
        '    where: Person | Place = Role("where")\n'
        'O = Ontology(name="x", version=1, entities=[Person, Place], events=[Meet])\n',
    )
    assert "Meet.who: type Person is neither a role nor an attribute" in message
    assert "a role is a list, even for one argument" in message
    assert '`who: list[Person] = Role("...")`' in message
    assert '`where: list[Person | Place] = Role("...")`' in message


def test_a_non_ascii_attribute_name_states_the_naming_rule() -> None:
    message = _problems(__annotations__={"modalité": Literal["a", "b"]}, modalité="a")
    assert (
        "Flood.modalité: not a usable attribute name (an ASCII letter, then up to 63 ASCII "
        "letters, digits or _)"
    ) in message
    assert "reserved" not in message


def test_a_role_declared_as_a_plain_list_must_use_role(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Meet(Event):\n"
        '    """Meet."""\n'
        "    who: list[Person] = []\n"
        'O = Ontology(name="x", version=1, entities=[Person], events=[Meet])\n',
    )
    assert "Meet.who: role without Role(...); declare the role with Role(...)" in message
    assert '`who: list[Person] = Role("...")`' in message


def test_a_role_declared_with_a_plain_field_must_use_role() -> None:
    from pydantic import Field

    message = _problems(
        __annotations__={"who": list[Person]}, who=Field(default_factory=list, description="Who.")
    )
    assert "Flood.who: role without Role(...); declare the role with Role(...)" in message


def test_a_non_entity_in_the_entity_list_is_named_without_its_module(tmp_path: Path) -> None:
    message = _load_file(
        tmp_path,
        "class Thing:\n"
        "    pass\n"
        "class Meet(Event):\n"
        '    """Meet."""\n'
        '    who: list[Person] = Role("who")\n'
        'O = Ontology(name="x", version=1, entities=[Person, Thing], events=[Meet])\n',
    )
    assert "entities contains Thing, which is not a subclass of Entity" in message


def test_the_builtin_ontology_still_loads_with_its_lexicons() -> None:
    onto = load_ontology("conflict-news")
    assert all(set(e.lexicon) == {"de", "en", "es", "fr", "nl"} for e in onto.event_types.values())


def test_an_error_while_running_a_file_does_not_show_the_internal_module_name(
    tmp_path: Path,
) -> None:
    message = _load_file(tmp_path, "raise RuntimeError(f'cannot use {Person!r}')\n")
    assert "RuntimeError: cannot use <class 'Person'>" in message
