"""Resolve an ontology reference: a built-in name, ``module:attribute`` or ``file.py:attribute``."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path

from eventset.errors import OntologyError
from eventset.schema.loadfailure import closest, failure_text, run_hint
from eventset.schema.ontology import Ontology

BUILTIN_ONTOLOGIES = {"conflict-news": "eventset.schema.builtin.conflict_news:ONTOLOGY"}
DEFAULT_ONTOLOGY = "conflict-news"
DEFAULT_ATTRIBUTE = "ONTOLOGY"


def load_ontology(ref: str | Ontology | None = None) -> Ontology:
    """Load an ontology by reference.

    ``ref`` is a built-in name (``"conflict-news"``), ``"package.module:NAME"`` or
    ``"path/to/file.py:NAME"`` (``"path/to/file.py"`` alone means ``:ONTOLOGY``); ``None`` means
    the default built-in.

    Example:
        >>> load_ontology("conflict-news").name
        'conflict-news'
    """
    if isinstance(ref, Ontology):
        return ref
    ref = ref or DEFAULT_ONTOLOGY
    target = BUILTIN_ONTOLOGIES.get(ref, ref)
    if target.endswith(".py"):
        target += f":{DEFAULT_ATTRIBUTE}"  # a file alone: its ONTOLOGY, as the README names it
    where, sep, attribute = target.rpartition(":")
    if not sep or not where or not attribute:
        raise _unreadable_reference(ref)
    module = _load_file(where) if where.endswith(".py") else _import(where, ref)
    value = getattr(module, attribute, _MISSING)
    if value is _MISSING:
        raise _missing_attribute(module, where, attribute)
    if not isinstance(value, Ontology):
        raise OntologyError(
            f"{ref} is a {type(value).__name__}, not an Ontology",
            remedy="point the reference at an eventset.schema.Ontology instance",
        )
    return value


_MISSING = object()


def _unreadable_reference(ref: str) -> OntologyError:
    """A reference that is no built-in name and names no attribute: suggest ``ref.py`` when
    that file exists, or the built-in name it most likely meant."""
    usual = (
        f"use a built-in name ({', '.join(BUILTIN_ONTOLOGIES)}), "
        "'package.module:ONTOLOGY' or 'path/to/file.py:ONTOLOGY'"
    )
    if Path(f"{ref}.py").is_file():
        hint = f"; did you mean the file {ref}.py?"
        remedy = f"write --ontology {ref}.py (its ONTOLOGY), or {ref}.py:ATTR for another name"
    else:
        near = closest(ref, list(BUILTIN_ONTOLOGIES))
        hint = f"; did you mean the built-in {near!r}?" if near else ""
        remedy = usual
    return OntologyError(
        f"cannot read ontology reference {ref!r}: it is not a built-in name, and it names no "
        f"attribute (module:ATTR) and no .py file{hint}",
        remedy=remedy,
    )


def _missing_attribute(module: object, where: str, attribute: str) -> OntologyError:
    """``where`` defines no ``attribute``: suggest the closest name there holding an Ontology."""
    source = getattr(module, "__file__", None) or where
    ontologies = [k for k, v in vars(module).items() if isinstance(v, Ontology)]
    near = closest(attribute, ontologies, anyone=True)
    if near:
        return OntologyError(
            f"{where} has no attribute {attribute!r} (the module loaded from {source}); did you "
            f"mean {near!r}? (an Ontology it defines)",
            remedy=f"write {where}:{near}",
        )
    return OntologyError(
        f"{where} has no attribute {attribute!r} (the module loaded from {source})",
        remedy=f"define `{attribute} = Ontology(...)` there or name the right attribute"
        + ("" if where.endswith(".py") else f"; for a file write {where}.py:{attribute}"),
    )


def _import(module_name: str, ref: str) -> object:
    # As `python -m` would: modules in the current folder import (a console script's sys.path
    # starts with its own bin folder instead).
    here = os.getcwd()
    added = here not in sys.path and "" not in sys.path
    if added:
        sys.path.insert(0, here)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise OntologyError(
            f"cannot import module {module_name!r} for ontology {ref!r} ({exc})",
            remedy="check the module path, or give a file path like 'my_ontology.py:ONTOLOGY'",
        ) from None
    except OntologyError:
        raise
    except Exception as exc:  # a syntax error or an exception while the module runs
        raise OntologyError(
            f"importing module {module_name!r} for ontology {ref!r} failed: "
            f"{type(exc).__name__}: {exc}",
            remedy="fix the module (try `python -c 'import " + module_name + "'` to see where)",
        ) from None
    finally:
        if added and here in sys.path:
            sys.path.remove(here)


def _load_file(path_text: str) -> object:
    path = Path(path_text)
    if not path.is_file():
        raise OntologyError(
            f"ontology file {path_text} does not exist",
            remedy="check the path (it is relative to the current directory)",
        )
    name = f"eventset_user_ontology_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves forward references through sys.modules
    # As `python FILE` would: modules beside the file (a shared base_entities.py) import.
    folder = str(path.resolve().parent)
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    _forget_beside_modules()
    before = set(sys.modules)
    try:
        spec.loader.exec_module(module)
    except OntologyError:
        raise
    except Exception as exc:
        detail = failure_text(exc, Path(path_text), vars(module))
        detail = detail.replace(f"{name}.", "")  # the module name is ours, not the user's
        raise OntologyError(
            f"running {path_text} failed: {detail}",
            remedy=f"fix the error in that file; {run_hint(path_text)}",
        ) from exc
    finally:
        if added and folder in sys.path:
            sys.path.remove(folder)
        _remember_beside_modules(set(sys.modules) - before - {name}, Path(folder))
    return module


# Modules that ontology files imported from their own folders (a shared ``base_types.py``).
# They are forgotten before the next file runs, so that an edited module, or a module of the
# same name beside another ontology, is read again: a cached one gave the old ontology (with
# the old content hash) in a notebook, or another folder's classes.
_BESIDE_MODULES: set[str] = set()


def _forget_beside_modules() -> None:
    for name in _BESIDE_MODULES:
        sys.modules.pop(name, None)
    _BESIDE_MODULES.clear()


def _remember_beside_modules(names: set[str], folder: Path) -> None:
    """Keep the names of ``names`` that are plain Python files in ``folder`` (or below it),
    never installed packages (an ontology beside a virtual environment) or eventset itself."""
    installed = {Path(p).resolve() for p in {sys.prefix, sys.base_prefix, sys.exec_prefix}}
    for name in names:
        file = getattr(sys.modules.get(name), "__file__", None)
        if not file or not file.endswith(".py") or name.split(".")[0] == "eventset":
            continue
        where = Path(file).resolve()
        if where.is_relative_to(folder) and not any(where.is_relative_to(p) for p in installed):
            _BESIDE_MODULES.add(name)
