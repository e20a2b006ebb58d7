"""Ontology references: built-in name, module:attribute, path/to/file.py:attribute."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventset.errors import OntologyError
from eventset.schema import Ontology, load_ontology

USER_ONTOLOGY = '''
from eventset.schema import Entity, Event, Ontology, Role

class Ship(Entity):
    """A vessel."""

class Blockade(Event):
    """A port is blocked."""
    lexicon = {"en": ["blockade"]}
    blocker: list[Ship] = Role("Who blocks.")

MY_ONTOLOGY = Ontology(name="maritime", version="2024.1", entities=[Ship], events=[Blockade])
NOT_AN_ONTOLOGY = 42
'''


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "maritime.py"
    path.write_text(USER_ONTOLOGY, encoding="utf-8")
    return path


def test_builtin_by_name_and_default() -> None:
    assert load_ontology("conflict-news") is load_ontology(None)
    assert load_ontology("conflict-news").version == 4


def test_passing_an_ontology_returns_it() -> None:
    onto = load_ontology("conflict-news")
    assert load_ontology(onto) is onto


def test_file_reference(user_file: Path) -> None:
    onto = load_ontology(f"{user_file}:MY_ONTOLOGY")
    assert isinstance(onto, Ontology)
    assert onto.name == "maritime" and list(onto.event_types) == ["Blockade"]


def test_module_reference(user_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(user_file.parent))
    monkeypatch.delitem(sys.modules, "maritime", raising=False)
    assert load_ontology("maritime:MY_ONTOLOGY").name == "maritime"


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("no-such-builtin", "cannot read ontology reference"),
        ("no_such_module_xyz:ONTO", "cannot import module 'no_such_module_xyz'"),
        ("missing/file.py:ONTO", "does not exist"),
    ],
)
def test_bad_references(ref: str, expected: str) -> None:
    with pytest.raises(OntologyError, match=expected):
        load_ontology(ref)


def test_wrong_attribute(user_file: Path) -> None:
    with pytest.raises(OntologyError, match="has no attribute 'NOPE'"):
        load_ontology(f"{user_file}:NOPE")
    with pytest.raises(OntologyError, match="is a int, not an Ontology"):
        load_ontology(f"{user_file}:NOT_AN_ONTOLOGY")


def test_file_that_raises(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="RuntimeError: boom"):
        load_ontology(f"{path}:X")


@pytest.mark.parametrize(
    "body, expected",
    [("def broken(:\n", "SyntaxError"), ("raise RuntimeError('boom')\n", "RuntimeError: boom")],
)
def test_a_module_that_fails_to_import_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    (tmp_path / "broken_onto_mod.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "broken_onto_mod", raising=False)
    with pytest.raises(OntologyError, match=f"importing module 'broken_onto_mod'.*{expected}"):
        load_ontology("broken_onto_mod:X")


def test_an_attribute_set_to_none_is_not_called_missing(user_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "none_onto.py"
    path.write_text("ONTOLOGY = None\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="is a NoneType, not an Ontology"):
        load_ontology(f"{path}:ONTOLOGY")


def test_a_file_imports_modules_beside_it_and_leaves_sys_path_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "shared_entities_7.py").write_text(
        'from eventset.schema import Entity\n\nclass Ship(Entity):\n    """A vessel."""\n',
        encoding="utf-8",
    )
    main = USER_ONTOLOGY.replace(
        'class Ship(Entity):\n    """A vessel."""\n', "from shared_entities_7 import Ship\n"
    )
    (folder / "main.py").write_text(main, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the file's folder: it is found through the file's path
    monkeypatch.delitem(sys.modules, "shared_entities_7", raising=False)
    before = list(sys.path)
    onto = load_ontology("project/main.py:MY_ONTOLOGY")
    assert onto.entity_types["Ship"].__module__ == "shared_entities_7"
    assert sys.path == before


def test_a_module_in_the_current_folder_loads_from_the_console_script(user_file: Path) -> None:
    import subprocess

    # The console script's sys.path starts with its bin folder, not the current folder.
    script = Path(sys.executable).with_name("eventset")
    done = subprocess.run(
        [str(script), "ontology", "show", "--ontology", "maritime:MY_ONTOLOGY"],
        cwd=user_file.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("maritime v2024.1")


def test_importing_a_module_leaves_sys_path_as_it_was(
    user_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(user_file.parent)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(user_file.parent))])
    monkeypatch.delitem(sys.modules, "maritime", raising=False)
    before = list(sys.path)
    assert load_ontology("maritime:MY_ONTOLOGY").name == "maritime"
    assert sys.path == before


def test_a_file_alone_means_its_ontology_attribute(tmp_path: Path) -> None:
    path = tmp_path / "maritime.py"
    path.write_text(USER_ONTOLOGY.replace("MY_ONTOLOGY =", "ONTOLOGY ="), encoding="utf-8")
    assert load_ontology(str(path)).name == "maritime"
    (tmp_path / "other.py").write_text(USER_ONTOLOGY, encoding="utf-8")  # no ONTOLOGY there
    with pytest.raises(OntologyError, match="has no attribute 'ONTOLOGY'"):
        load_ontology(str(tmp_path / "other.py"))
