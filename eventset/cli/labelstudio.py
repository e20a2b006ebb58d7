"""``eventset import`` and ``eventset pull``: documents into Label Studio, raw exports out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventset.cli import app
from eventset.cli._connection import ApiKeyOption, DataDirOption, UrlOption, connect

ProjectOption = Annotated[str, typer.Option("--project", help="Project title.")]


@app.command("import")
def import_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=".txt/.jsonl/.json files, folders, or a Hugging Face dataset (folder or name)."
        ),
    ],
    project: ProjectOption,
    ontology: Annotated[
        str,
        typer.Option(
            "--ontology",
            "-o",
            envvar="EVENTSET_ONTOLOGY",
            help="Ontology the project was synced from.",
        ),
    ] = "conflict-news",
    text_field: Annotated[
        str, typer.Option("--text-field", help="Field holding the text.")
    ] = "text",
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of every document (default: from the input, else detected nl/en).",
        ),
    ] = None,
    no_pre_annotate: Annotated[
        bool, typer.Option("--no-pre-annotate", help="Do not attach lexicon trigger predictions.")
    ] = False,
    preannotations: Annotated[
        Path | None,
        typer.Option(
            "--preannotations", help="OneIE/WikiEvents JSONL with events for these documents."
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="JSON mapping of corpus types/roles to the ontology's."),
    ] = None,
    as_annotations: Annotated[
        bool,
        typer.Option(
            "--as-annotations", help="Import the --preannotations as annotations, not predictions."
        ),
    ] = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import documents as tasks; documents already in the project are skipped."""
    from eventset.annotate.importer import import_documents
    from eventset.annotate.oneie import Mapping, OneIEPreAnnotator
    from eventset.annotate.preannotate import LexiconPreAnnotator
    from eventset.errors import InputError
    from eventset.schema import load_ontology

    if (mapping or as_annotations) and preannotations is None:
        raise InputError(
            "--mapping and --as-annotations need --preannotations FILE.jsonl",
            remedy="add --preannotations, or drop those options",
        )
    onto = load_ontology(ontology)
    predictors: list = [] if no_pre_annotate else [LexiconPreAnnotator(onto)]
    corpus = (
        OneIEPreAnnotator(preannotations, onto, Mapping.load(mapping)) if preannotations else None
    )
    if corpus and not as_annotations:
        predictors.append(corpus)
    summary = import_documents(
        connect(url, api_key, data_dir),
        project,
        paths,
        onto,
        text_field=text_field,
        lang=lang,
        preannotators=predictors,
        annotation_source=corpus if as_annotations else None,
    )
    typer.echo(summary.describe())
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for what, count in sorted(summary.dropped.items()):
        typer.echo(f"dropped from the pre-annotations: {what} x{count}", err=True)


@app.command("pull")
def pull_command(
    project: ProjectOption,
    out: Annotated[Path, typer.Option("--out", help="Where to write the raw JSON export.")],
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the project's full raw JSON export (region ids, relations, drafts) to --out."""
    from eventset.annotate.pull import pull_project

    summary = pull_project(connect(url, api_key, data_dir), project, out)
    typer.echo(summary.describe())
