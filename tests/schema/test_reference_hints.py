"""A mistyped ontology reference or Role keyword gets a hint at what was meant."""

from __future__ import annotations

import pytest

from eventset import Role
from eventset.errors import OntologyError
from eventset.schema import load_ontology

FILE = (
    "from eventset import Entity, Event, Ontology, Role\n\n\n"
    'class Person(Entity):\n    """A person."""\n\n\n'
    'class Vote(Event):\n    """A vote."""\n\n'
    '    voter: list[Person] = Role("Who.", min=1)\n\n\n'
    'ONTOLOGY = Ontology(name="votes", version=1, entities=[Person], events=[Vote])\n'
)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_ontology.py").write_text(FILE, encoding="utf-8")
    return tmp_path


def test_a_module_name_that_is_a_file_beside_suggests_the_file(here):
    with pytest.raises(OntologyError) as caught:
        load_ontology("my_ontology")
    assert "cannot read ontology reference 'my_ontology'" in caught.value.message
    assert "did you mean the file my_ontology.py?" in caught.value.message
    assert caught.value.remedy.startswith("write --ontology my_ontology.py")
    assert load_ontology("my_ontology.py").name == "votes"  # the suggestion works


def test_a_near_built_in_name_is_suggested():
    with pytest.raises(OntologyError, match="did you mean the built-in 'conflict-news'"):
        load_ontology("conflict_news")


@pytest.mark.parametrize("attribute", ["ONTOLGY", "ontology", "ONTOLOGIE"])
def test_a_misspelt_attribute_suggests_the_ontology_the_file_defines(here, attribute):
    with pytest.raises(OntologyError) as caught:
        load_ontology(f"my_ontology.py:{attribute}")
    assert f"has no attribute {attribute!r}" in caught.value.message
    assert "did you mean 'ONTOLOGY'? (an Ontology it defines)" in caught.value.message
    assert caught.value.remedy == "write my_ontology.py:ONTOLOGY"


def test_an_attribute_that_is_not_close_to_any_ontology_keeps_the_general_hint(here):
    (here / "two.py").write_text(FILE + "OTHER = ONTOLOGY\n", encoding="utf-8")
    with pytest.raises(OntologyError) as caught:
        load_ontology("two.py:Person_X")
    assert "did you mean" not in caught.value.message
    assert "define `Person_X = Ontology(...)`" in caught.value.remedy


@pytest.mark.parametrize(("keyword", "meant"), [("minimum", "min"), ("maximum", "max")])
def test_a_wrong_role_keyword_names_the_accepted_ones(keyword, meant):
    with pytest.raises(TypeError) as caught:
        Role("Who.", **{keyword: 1})
    message = str(caught.value)
    assert f"unexpected keyword argument {keyword!r} (did you mean {meant!r}?)" in message
    assert "min=" in message and "max=" in message


def test_a_wrong_role_keyword_in_a_file_is_reported_with_its_line(here):
    (here / "bad.py").write_text(FILE.replace("min=1", "minimum=1"), encoding="utf-8")
    with pytest.raises(OntologyError) as caught:
        load_ontology("bad.py")
    assert 'voter: list[Person] = Role("Who.", minimum=1)' in caught.value.message
    assert "(did you mean 'min'?); Role takes the description and the keywords min=" in (
        caught.value.message
    )
