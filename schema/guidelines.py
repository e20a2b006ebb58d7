"""Markdown annotation guidelines rendered from an ontology."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventset.schema.ontology import EventType, Ontology


def render_guidelines(ontology: Ontology) -> str:
    """Types, definitions, roles with allowed entity types, attributes and examples, as Markdown."""
    lines = [f"# Annotation guidelines: {ontology.name} v{ontology.version}", ""]
    if ontology.description:
        lines += [ontology.description, ""]
    lines += [
        f"Ontology hash: `{ontology.short_hash}`",
        "",
        "Mark each event's **trigger** (the word or short phrase that most clearly expresses",
        "it) with its event type, mark the entity mentions that take part in it with their",
        "entity type, and draw a relation from the trigger to each argument labelled with its",
        "role. Link two mentions of the same entity, or two triggers of the same event, with",
        "`same_as`.",
        "",
        "## Event types",
        "",
    ]
    subtypes = _subtypes(ontology)
    for event in ontology.event_types.values():
        lines += _event_section(event, subtypes)
    lines += ["## Entity types", "", "| type | definition |", "|---|---|"]
    for name in ontology.entity_types:
        lines.append(f"| `{name}` | {_cell(ontology.entity_definition(name))} |")
    lines.append("")
    return "\n".join(lines)


def _subtypes(ontology: Ontology) -> dict[str, list[str]]:
    """Per entity type, the ontology's other entity types that subclass it."""
    classes = ontology.entity_types
    return {
        name: [other for other, sub in classes.items() if sub is not cls and issubclass(sub, cls)]
        for name, cls in classes.items()
    }


def _allowed(allowed: tuple[str, ...], subtypes: dict[str, list[str]]) -> str:
    """The cell of a role's entity types; a subtype the role does not list is named, since it
    does not fill the role (a role takes exactly the types it lists)."""
    cells = []
    for name in allowed:
        left_out = [sub for sub in subtypes.get(name, []) if sub not in allowed]
        kind = "subtype" if len(left_out) == 1 else "subtypes"
        note = f" (not its {kind} {', '.join(f'`{s}`' for s in left_out)})" if left_out else ""
        cells.append(f"`{name}`{note}")
    return ", ".join(cells)


def _event_section(event: EventType, subtypes: dict[str, list[str]]) -> list[str]:
    lines = [f"### {event.name}", "", _demoted(event.guideline) or "(no definition)", ""]
    if event.roles:
        lines += ["| role | allowed entity types | how many | definition |", "|---|---|---|---|"]
        for role in event.roles:
            count = f"{role.min}..{'n' if role.max is None else role.max}"
            allowed = _allowed(role.allowed, subtypes)
            lines.append(f"| `{role.name}` | {allowed} | {count} | {_cell(role.description)} |")
        lines.append("")
    for attribute in event.attributes:
        values = ", ".join(
            f"**{v}** (default)" if v == attribute.default else v for v in attribute.values
        )
        lines.append(f"- Attribute `{attribute.name}`: {values}. {attribute.description}".rstrip())
    if event.attributes:
        lines.append("")
    for lang, words in event.lexicon.items():
        lines.append(f"- Typical triggers ({lang}): {', '.join(words)}")
    if event.lexicon:
        lines.append("")
    if event.examples:
        lines += ["Examples:", ""] + [f"> {example}" for example in event.examples] + [""]
    return lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^( {4,}|\t| {0,3}([#|>*+-]|\d+[.)]\s))")


def _demoted(markdown: str) -> str:
    r"""A docstring's Markdown below the event's ``###`` heading: its own headings become ####.

    ATX headings (``# Scope``) move down three levels (at most six); a setext heading (a
    paragraph underlined with ``===`` or ``---``) becomes ``####``; fenced code, ``#hashtags``,
    lists and tables stay.

    Example:
        >>> _demoted("# Scope\nText #MeToo\n\nNotes\n-----")
        '#### Scope\nText #MeToo\n\n#### Notes'
    """
    out: list[str] = []
    fence = ""  # the opening fence while inside fenced code
    paragraph = 0  # lines of the paragraph that ends at the last line written
    for line in markdown.splitlines():
        opened = _FENCE.match(line)
        if fence:
            closing = (
                opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)
            )
            fence = "" if closing and not line.strip().strip(fence[0]) else fence
        elif opened:
            fence, paragraph = opened.group(1), 0
        elif heading := _ATX.match(line):
            level = len(heading.group(2))
            line, paragraph = "#" * min(level + 3, 6) + line[heading.end() :], 0
        elif _SETEXT.match(line) and paragraph:
            lines = [out.pop().strip() for _ in range(paragraph)][::-1]
            out.append("#### " + " ".join(lines))
            paragraph = 0
            continue
        else:
            paragraph = paragraph + 1 if line.strip() and not _NOT_PARAGRAPH.match(line) else 0
        out.append(line)
    return "\n".join(out)
