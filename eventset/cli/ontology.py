"""``eventset ontology ...``: inspect an ontology."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from eventset.cli import app
from eventset.schema import load_ontology

ontology_app = typer.Typer(
    help="Show an ontology, its guidelines, JSON Schema or Label Studio config.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(ontology_app, name="ontology")

OntologyOption = Annotated[
    str,
    typer.Option(
        "--ontology",
        "-o",
        help="Built-in name (conflict-news), module:ATTR or path/to/file.py[:ATTR] (ATTR "
        "defaults to ONTOLOGY).",
        envvar="EVENTSET_ONTOLOGY",
    ),
]


@ontology_app.command("show")
def show(ontology: OntologyOption = "conflict-news") -> None:
    """Print the event types, their roles (with allowed entity types) and attributes."""
    onto = load_ontology(ontology)
    typer.echo(f"{onto.name} v{onto.version}  hash {onto.short_hash}")
    typer.echo(f"entity types: {', '.join(onto.entity_types)}")
    for event in onto.event_types.values():
        typer.echo(f"\n{event.name}")
        for role in event.roles:
            bound = f" [{role.min}..{'n' if role.max is None else role.max}]"
            typer.echo(f"  {role.name}: {' | '.join(role.allowed)}{bound}")
        for attribute in event.attributes:
            typer.echo(
                f"  @{attribute.name}: {' | '.join(attribute.values)} (default {attribute.default})"
            )


@ontology_app.command("guidelines")
def guidelines(ontology: OntologyOption = "conflict-news") -> None:
    """Print Markdown annotation guidelines generated from the ontology."""
    typer.echo(load_ontology(ontology).guidelines(), nl=False)


@ontology_app.command("jsonschema")
def jsonschema(ontology: OntologyOption = "conflict-news") -> None:
    """Print the JSON Schema of the ontology's events."""
    schema = load_ontology(ontology).json_schema()
    typer.echo(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True))


@ontology_app.command("lsconfig")
def lsconfig(ontology: OntologyOption = "conflict-news") -> None:
    """Print the Label Studio labeling config (XML) generated from the ontology."""
    from eventset.annotate.config import build_label_config

    typer.echo(build_label_config(load_ontology(ontology)), nl=False)
