"""The examples in public docstrings run (modules imported by their installed names)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import eventset
import eventset.annotate
import eventset.export
import eventset.schema


def _modules() -> list[str]:
    names = ["eventset"]
    for package in (eventset, eventset.schema, eventset.annotate, eventset.export):
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            names.append(info.name)
    # __main__ runs the CLI on import.
    return sorted(set(names) - {"eventset.__main__"})


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
