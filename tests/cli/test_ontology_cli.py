"""`eventset ontology ...` through the CLI runner; exact texts for errors."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from eventset.cli import app
from eventset.schema import load_ontology

runner = CliRunner()


def test_show_lists_every_event_type() -> None:
    result = runner.invoke(app, ["ontology", "show"])
    assert result.exit_code == 0, result.output
    for name in load_ontology().event_types:
        assert f"\n{name}\n" in result.output
    assert "agent: ArmedGroup | Country | Organization | Person [0..n]" in result.output


def test_guidelines_prints_markdown() -> None:
    result = runner.invoke(app, ["ontology", "guidelines"])
    assert result.exit_code == 0
    assert result.output.startswith(
        f"# Annotation guidelines: conflict-news v{load_ontology().version}"
    )
    assert result.output.count("\n### ") == len(load_ontology().event_types)


def test_jsonschema_is_json() -> None:
    result = runner.invoke(app, ["ontology", "jsonschema"])
    assert json.loads(result.output)["x-eventset-ontology"]["name"] == "conflict-news"


def test_lsconfig_prints_xml() -> None:
    result = runner.invoke(app, ["ontology", "lsconfig"])
    assert result.output.startswith("<View>") and '<Labels name="trigger"' in result.output


def test_bad_reference_is_a_clean_error() -> None:
    result = runner.invoke(app, ["ontology", "show", "--ontology", "nope"])
    assert result.exit_code == 1
    assert "Error: cannot read ontology reference 'nope'" in result.output
    assert "How to fix:" in result.output
    assert "Traceback" not in result.output


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "eventset", "ontology", "show", "--ontology", "x.py:Y"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ontology file x.py does not exist")
    assert "Traceback" not in proc.stderr
