"""Render the CLI reference (Markdown) from the CLI itself, so the README cannot drift from it."""

from __future__ import annotations

from typing import Any

import typer.main

from eventset.cli import app, argument_usage


def render_cli_reference() -> str:
    """Markdown for every command: usage line, help text and options, in registration order."""
    root = typer.main.get_command(app)
    lines: list[str] = []
    for path, command in _walk(root, ["eventset"]):
        lines += _command_section(path, command)
    return "\n".join(lines).rstrip() + "\n"


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        return [(path, command)]
    found: list[tuple[list[str], Any]] = []
    for name in subcommands:
        sub = subcommands[name]
        if not getattr(sub, "hidden", False):
            found += _walk(sub, [*path, name])
    return found


def _command_section(path: list[str], command: Any) -> list[str]:
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    usage = " ".join([*path, *(argument_usage(a) for a in arguments), "[OPTIONS]"])
    lines = [f"### `{' '.join(path)}`", "", f"    {usage}", ""]
    help_text = " ".join((command.help or "").split())
    if help_text:
        lines += [help_text, ""]
    options = [p for p in command.params if p.param_type_name == "option" and not p.hidden]
    for option in options:
        lines.append(f"- {_option_names(option)}: {_option_help(option)}")
    if options:
        lines.append("")
    return lines


def _option_names(option: Any) -> str:
    names = ", ".join(f"`{n}`" for n in [*option.opts, *option.secondary_opts])
    if not option.is_flag:
        names += f" {option.metavar or 'VALUE'}"
    return names


def _option_help(option: Any) -> str:
    text = " ".join((option.help or "").split())
    default = option.default
    if default not in (None, False, (), []) and not callable(default) and option.show_default:
        text += f" (default: {default})"
    if option.envvar:
        text += f" [env: {option.envvar}]"
    return text.strip()
