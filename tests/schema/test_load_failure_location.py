"""An ontology file that fails to run is named with the failing line, the exception, a close
name for a misspelt one, and a command that shows the traceback with eventset's own Python."""

from __future__ import annotations

import sys

import pytest

from eventset.errors import OntologyError
from eventset.schema import load_ontology

HEAD = (
    "from eventset import Entity, Event, Ontology, Role\n\n\n"
    'class Politician(Entity):\n    """A politician."""\n\n\n'
)


def _error(tmp_path, body: str, name: str = "onto.py") -> OntologyError:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(OntologyError) as caught:
        load_ontology(f"{path}:ONTOLOGY")
    return caught.value


def test_a_misspelt_name_is_located_and_the_close_name_suggested(tmp_path):
    error = _error(tmp_path, "ONTOLOGY = Politican\n")
    assert "onto.py, line 8: ONTOLOGY = Politican" in error.message
    assert (
        "NameError: name 'Politican' is not defined (did you mean 'Politician'?)" in error.message
    )
    assert f"`{sys.executable} {tmp_path / 'onto.py'}` shows the whole traceback" in error.remedy


def test_a_wrong_keyword_names_its_line(tmp_path):
    body = 'class Vote(Event):\n    """A vote."""\n\n'
    body += '    voter: list[Politician] = Role("Who.", maximum=1)\n'
    error = _error(tmp_path, body)
    assert 'onto.py, line 11: voter: list[Politician] = Role("Who.", maximum=1)' in error.message
    assert "unexpected keyword argument 'maximum'" in error.message


def test_a_syntax_error_names_its_line_and_keeps_the_code(tmp_path):
    error = _error(tmp_path, "def broken(:\n    pass\n")
    assert "onto.py, line 8: def broken(:" in error.message
    assert "SyntaxError: invalid syntax" in error.message


def test_an_error_in_a_module_beside_the_file_names_that_module(tmp_path):
    (tmp_path / "shared_types.py").write_text("from eventset import Entity\n\nx = 1 / 0\n")
    error = _error(tmp_path, "from shared_types import x\n")
    assert "shared_types.py, line 3: x = 1 / 0" in error.message
    assert "ZeroDivisionError: division by zero" in error.message


def test_a_misspelt_name_in_a_module_beside_is_suggested_from_that_module(tmp_path):
    shared = 'from eventset import Entity\n\n\nclass Ministry(Entity):\n    """x"""\n\n\n'
    (tmp_path / "shared_types.py").write_text(shared + "x = Ministy\n")
    error = _error(tmp_path, "from shared_types import x\n")
    assert "shared_types.py, line 8: x = Ministy" in error.message
    assert "(did you mean 'Ministry'?)" in error.message


def test_the_traceback_command_quotes_a_path_with_spaces(tmp_path):
    error = _error(tmp_path, "ONTOLOGY = Politican\n", name="my onto.py")
    assert f"'{tmp_path / 'my onto.py'}'` shows the whole traceback" in error.remedy
