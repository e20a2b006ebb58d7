"""The README's CLI reference is generated from the CLI; this fails when they drift apart."""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer.main

from eventset.cli import app
from eventset.cli.reference import render_cli_reference

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN, END = "<!-- cli-reference:begin -->", "<!-- cli-reference:end -->"


def _section(text: str) -> re.Match[str]:
    match = re.search(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), text, re.S)
    assert match, f"README.md lacks the {BEGIN} ... {END} markers"
    return match


def test_readme_cli_reference_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    generated = render_cli_reference()
    section = _section(text)
    if os.environ.get("EVENTSET_UPDATE_GOLDEN") == "1":
        text = text[: section.start(1)] + generated + text[section.end(1) :]
        README.write_text(text, encoding="utf-8")
        section = _section(text)
    assert section.group(1) == generated, (
        "README's CLI reference is stale: rerun this test with EVENTSET_UPDATE_GOLDEN=1"
    )


def test_every_command_is_documented_with_help() -> None:
    reference = render_cli_reference()
    root = typer.main.get_command(app)
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        assert f"### `eventset {name}" in reference
        subcommands = getattr(command, "commands", {name: command})
        for sub in subcommands.values():
            assert (sub.help or "").strip(), f"command {name} {sub.name} has no help text"
