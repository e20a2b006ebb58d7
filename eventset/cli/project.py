"""``eventset project sync|list``: keep a Label Studio project in step with the ontology."""

from __future__ import annotations

from typing import Annotated

import typer

from eventset.cli import app
from eventset.cli._connection import (
    ApiKeyOption,
    DataDirOption,
    UrlOption,
    connect,
    project_url,
)
from eventset.cli.ontology import OntologyOption

project_app = typer.Typer(
    help="Create or update Label Studio projects from the ontology.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(project_app, name="project")


@project_app.command("sync")
def sync(
    title: Annotated[str, typer.Option("--title", help="Project title (unique on the server).")],
    ontology: OntologyOption = "conflict-news",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Update even if labels or values in use would no longer be offered (the build "
            "then reports them); a control that annotations use cannot be removed even so.",
        ),
    ] = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Create the project, or update its labeling config when the ontology changed."""
    from eventset.annotate.sync import sync_project
    from eventset.schema import load_ontology

    onto = load_ontology(ontology)
    client = connect(url, api_key, data_dir)
    result = sync_project(client, title, onto, force=force)
    typer.echo(
        f"project {title!r} (id {result.project.id}) {result.action}: "
        f"{onto.name} v{onto.version} ({onto.short_hash})"
    )
    typer.echo(f"  open the project: {project_url(client.connection.url, result.project.id)}")
    if result.step:
        typer.echo(f"  warning: {result.step}; every task now shows this ontology's labels")
    for orphan in result.forced_orphans:
        typer.echo(f"  warning: still used but no longer offered: {orphan.describe()}")
    if result.forced_orphans:
        typer.echo(
            "  the build reports these (unknown_label drops the label, and the event or entity "
            "without another; unknown_attribute_value keeps the event with the default; events "
            "then short of a role's min are left out as cardinality): relabel them in Label "
            "Studio to keep them (docs/annotate.md, renaming a type)"
        )
    for orphan in result.refused_arguments:
        typer.echo(
            f"  warning: annotations hold an argument the ontology does not allow: "
            f"{orphan.describe()}; the build leaves it out (role_not_allowed or "
            "argument_type_not_allowed)"
        )
    for orphan in result.stale_predictions:
        typer.echo(
            f"  warning: pre-annotations use a label no longer offered: {orphan.describe()}; "
            "annotators see those regions without a label (delete the predictions in Label "
            "Studio's Data Manager, or import into a new project)"
        )


@project_app.command("list")
def list_projects(
    url: UrlOption = None, api_key: ApiKeyOption = None, data_dir: DataDirOption = None
) -> None:
    """List projects with the ontology each was synced from."""
    from eventset.annotate.sync import parse_stamp

    for project in connect(url, api_key, data_dir).list_projects():
        found = parse_stamp(project.description)
        onto = f"{found[0]} v{found[1]} ({found[2][:12]})" if found else "not synced by eventset"
        typer.echo(f"{project.id}\t{project.title}\t{onto}")
