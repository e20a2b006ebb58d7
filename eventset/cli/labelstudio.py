"""``eventset import`` and ``eventset pull``: documents into Label Studio, raw exports out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from eventset.annotate.oneie import OneIEPreAnnotator
    from eventset.annotate.preannotate import PreAnnotator
    from eventset.schema import Ontology

PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help=".txt/.jsonl/.json files, folders, or a Hugging Face dataset (folder or name)."
    ),
]
ProjectOption = Annotated[str, typer.Option("--project", help="Project title.")]
TextFieldOption = Annotated[str, typer.Option("--text-field", help="Field holding the text.")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of every document (default: from the input, else detected: en, nl, de, "
        "fr, es).",
    ),
]
NoPreAnnotateOption = Annotated[
    bool, typer.Option("--no-pre-annotate", help="Do not attach lexicon trigger predictions.")
]
PreannotationsOption = Annotated[
    Path | None,
    typer.Option(
        "--preannotations", help="OneIE/WikiEvents JSONL with events for these documents."
    ),
]
MappingOption = Annotated[
    Path | None,
    typer.Option("--mapping", help="JSON mapping of corpus types/roles to the ontology's."),
]
AsAnnotationsOption = Annotated[
    bool,
    typer.Option(
        "--as-annotations", help="Import the --preannotations as annotations, not predictions."
    ),
]

ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Import even when the project was synced from another ontology."),
]


@app.command("import")
def import_command(
    paths: PathsArgument,
    project: ProjectOption,
    ontology: OntologyOption = "conflict-news",
    text_field: TextFieldOption = "text",
    lang: LangOption = None,
    no_pre_annotate: NoPreAnnotateOption = False,
    preannotations: PreannotationsOption = None,
    mapping: MappingOption = None,
    as_annotations: AsAnnotationsOption = False,
    force: ForceOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import documents as tasks; documents already in the project are skipped.

    Exits with 1 (after importing the rest) when a doc id comes with another text than the task
    already in the project or an earlier document of the input.
    """
    from eventset.annotate.clienterrors import UnknownProject
    from eventset.annotate.documents import check_local_inputs
    from eventset.annotate.importer import EXPLAINED_CONFLICTS, import_documents
    from eventset.schema import load_ontology

    with _said_when_stopped():
        check_local_inputs(paths)  # a mistyped path is said before any server is asked
        onto = load_ontology(ontology)
        corpus = _corpus(onto, preannotations, mapping, as_annotations)
        predictors: list[PreAnnotator] = [] if no_pre_annotate else [_lexicon(onto)]
        if corpus and not as_annotations:
            predictors.append(corpus)
        client = connect(url, api_key, data_dir)
        try:
            summary = import_documents(
                client,
                project,
                paths,
                onto,
                text_field=text_field,
                lang=lang,
                preannotators=predictors,
                annotation_source=corpus if as_annotations else None,
                force=force,
                ontology_ref=ontology,
            )
        except UnknownProject as exc:
            # The suggested `project sync` must use this ontology, or the next import is refused.
            raise exc.suggesting(ontology) from None
    typer.echo(summary.describe())
    for note in summary.notes:
        typer.echo(note)
    if summary.project_id is not None:
        typer.echo(f"open the project: {project_url(client.connection.url, summary.project_id)}")
    for reason in (r for reasons in summary.conflicts.values() for r in reasons):
        typer.echo(f"conflict, not imported: {reason}", err=True)
    if summary.conflicts:
        typer.echo(
            "  fix: give those documents distinct doc ids (the task in the project is never "
            "replaced; delete it in Label Studio first to re-import it). Texts that look the "
            "same can differ in something invisible: a trailing newline or space, CRLF line "
            "ends, or another Unicode normalisation (NFC/NFD accents); a conflict with the "
            f"project names which (the first {EXPLAINED_CONFLICTS})",
            err=True,
        )
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for what, count in sorted(summary.dropped.items()):
        typer.echo(f"dropped from the pre-annotations: {what} x{count}", err=True)
    if summary.conflicts:
        # The rest is imported; a script still learns that some documents are not.
        raise typer.Exit(1)


@contextmanager
def _said_when_stopped() -> Iterator[None]:
    """On Ctrl-C or SIGTERM, say how far the import got (the note ``import_documents`` adds;
    before it has one, that nothing was sent), then leave with the signal's exit code (130,
    143) as any command does."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit) as stop:
        from eventset.annotate.importstop import Sending

        for note in getattr(stop, "__notes__", None) or [Sending().stopped()]:
            typer.echo(note, err=True)
        raise


def _lexicon(onto: Ontology) -> PreAnnotator:
    from eventset.annotate.preannotate import LexiconPreAnnotator

    return LexiconPreAnnotator(onto)


def _corpus(
    onto: Ontology, preannotations: Path | None, mapping: Path | None, as_annotations: bool
) -> OneIEPreAnnotator | None:
    from eventset.annotate.oneie import Mapping, OneIEPreAnnotator
    from eventset.errors import InputError

    if preannotations is None:
        if mapping or as_annotations:
            raise InputError(
                "--mapping and --as-annotations need --preannotations FILE.jsonl",
                remedy="add --preannotations, or drop those options",
            )
        return None
    return OneIEPreAnnotator(preannotations, onto, Mapping.load(mapping))


@app.command("pull")
def pull_command(
    project: ProjectOption,
    out: Annotated[Path, typer.Option("--out", help="Where to write the raw JSON export.")],
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the project's full raw JSON export (region ids, relations, drafts) to --out."""
    from eventset.annotate.pull import check_out, pull_project

    check_out(out)  # an --out that must not be replaced is refused before connecting
    summary = pull_project(connect(url, api_key, data_dir), project, out)
    typer.echo(summary.describe())
