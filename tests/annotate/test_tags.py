"""Tag names live in one place (annotate/config.py); the checks stay free of the client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import eventset.annotate

ANNOTATE = Path(eventset.annotate.__file__).parent
BUILDERS = {"span_result", "choice_result"}


def _tree(name: str) -> ast.Module:
    return ast.parse((ANNOTATE / name).read_text(encoding="utf-8"))


def test_only_the_config_module_defines_tag_names():
    defined = {
        (path.name, target.id)
        for path in ANNOTATE.glob("*.py")
        if path.name != "config.py"
        for node in ast.walk(_tree(path.name))
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.endswith("_TAG")
    }
    assert defined == set()


def test_results_are_built_with_the_config_constants_not_literals():
    literal = [
        (path.name, node.lineno)
        for path in ANNOTATE.glob("*.py")
        for node in ast.walk(_tree(path.name))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in BUILDERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert literal == []


def test_importing_the_checks_does_not_load_the_client_or_the_server():
    code = (
        "import sys, eventset.annotate.checks\n"
        "print(sorted(m for m in sys.modules if m.startswith('eventset.annotate.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    for heavy in ("client", "sync", "server", "connection"):
        assert f"'eventset.annotate.{heavy}'" not in loaded.stdout, loaded.stdout
