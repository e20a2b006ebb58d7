"""`--help` shows the usage line the README's CLI reference shows: ``eventset build EXPORT
[OPTIONS]``, never typer's ``[OPTIONS] {export}``."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from eventset.cli import app
from eventset.cli.reference import render_cli_reference

runner = CliRunner()
USAGES = re.findall(r"^    (eventset .*)$", render_cli_reference(), re.M)


def test_every_command_has_a_usage_line_in_the_reference():
    assert "eventset build EXPORT [OPTIONS]" in USAGES
    assert "eventset import PATHS... [OPTIONS]" in USAGES
    assert "eventset push FOLDER REPO_ID [OPTIONS]" in USAGES
    assert len(USAGES) >= 16


@pytest.mark.parametrize("usage", USAGES)
def test_help_shows_the_readme_usage_line(usage):
    words = usage.split()[1:]
    path = [w for w in words if w.islower() and not w.startswith("[")]
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == f"Usage: {usage}"
    assert "{" not in first


def test_a_missing_argument_is_named_as_the_usage_line_names_it():
    result = runner.invoke(app, ["score", "gold.jsonl"])
    assert result.exit_code == 2 and "Missing argument 'PRED'" in result.output
