"""Modules beside an ontology file are read again on every load: an edited shared module, or one
of the same name beside another ontology, never gives a stale or foreign ontology."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventset.schema import load_ontology

SHARED = '''from typing import Literal

from eventset import Entity


class Ship(Entity):
    """A vessel."""


Tense = Literal[{values}]
'''
MAIN = '''from eventset import Event, Ontology, Role
from beside_types_31 import Ship, Tense


class Seizure(Event):
    """A ship is seized."""

    ship: list[Ship] = Role("The ship.")
    tense: Tense = "past"


ONTOLOGY = Ontology(name="maritime", version=1, entities=[Ship], events=[Seizure])
'''


def _write(folder: Path, values: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "beside_types_31.py").write_text(SHARED.format(values=values), encoding="utf-8")
    (folder / "maritime.py").write_text(MAIN, encoding="utf-8")
    return folder / "maritime.py"


def _tenses(path: Path) -> tuple[str, ...]:
    [attribute] = [a for a in load_ontology(str(path)).event_type("Seizure").attributes]
    return attribute.values


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "beside_types_31", raising=False)


def test_an_edited_module_beside_the_file_is_read_again(tmp_path: Path) -> None:
    path = _write(tmp_path / "onto", '"past", "present", "future"')
    first = load_ontology(str(path))
    assert _tenses(path) == ("past", "present", "future")
    _write(tmp_path / "onto", '"past", "future"')  # "present" removed from the shared module
    second = load_ontology(str(path))
    assert _tenses(path) == ("past", "future")
    assert second.content_hash != first.content_hash


def test_a_module_of_the_same_name_beside_another_ontology_is_that_folders(tmp_path: Path) -> None:
    one = _write(tmp_path / "one", '"past", "future"')
    two = _write(tmp_path / "two", '"past", "present"')
    assert _tenses(one) == ("past", "future")
    assert _tenses(two) == ("past", "present")
    ship = load_ontology(str(two)).entity_types["Ship"]
    assert Path(sys.modules[ship.__module__].__file__).parent == tmp_path / "two"


def test_modules_of_the_environment_are_never_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An ontology in a project folder that holds its virtual environment imports an installed
    # package from there: it must stay imported (C extensions cannot be imported twice).
    path = _write(tmp_path / "onto", '"past"')
    packages = tmp_path / "onto" / "venv" / "lib"
    packages.mkdir(parents=True)
    (packages / "installed_pkg_31.py").write_text("LOADED = object()\n", encoding="utf-8")
    path.write_text(
        f"import sys\nsys.path.append({str(packages)!r})\nimport installed_pkg_31\n" + MAIN,
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "onto" / "venv"))
    monkeypatch.delitem(sys.modules, "installed_pkg_31", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    load_ontology(str(path))
    installed = sys.modules["installed_pkg_31"]
    load_ontology(str(path))
    assert sys.modules["installed_pkg_31"] is installed
    assert "beside_types_31" in sys.modules  # the beside module was read again, and is there
