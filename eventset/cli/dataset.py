"""``eventset build | score | stats | convert``: the dataset side of the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventset.cli import app
from eventset.cli.ontology import OntologyOption
from eventset.errors import InputError

if TYPE_CHECKING:
    from eventset.export.build import BuildSummary

ConvertOntologyOption = Annotated[
    str | None,
    typer.Option(
        "--ontology",
        "-o",
        envvar="EVENTSET_ONTOLOGY",
        help="Built-in name (conflict-news), module:ATTR or path/to/file.py[:ATTR] (ATTR "
        "defaults to ONTOLOGY): brat's annotation.conf (default: the built-in ontology the "
        "dataset was built with), and the roles' minimums checked in OneIE rows (default: "
        "those of the ontology.schema.json the dataset holds).",
    ),
]


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"  # a rate with nothing to compare on either side
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _print_scores(
    table: list[dict[str, Any]],
    kappa: dict[str, float | None],
    standard: dict[str, dict[str, Any]] | None = None,
) -> None:
    typer.echo(
        _table(
            table,
            [
                "event_type",
                "trigger_gold",
                "trigger_p",
                "trigger_r",
                "trigger_f1",
                "argument_gold",
                "argument_p",
                "argument_r",
                "argument_f1",
            ],
        )
    )
    if standard:
        typer.echo(
            "ACE/OneIE F1: "
            + ", ".join(
                f"{name.replace('_', ' ')}={_cell(s['f1'])}" for name, s in standard.items()
            )
        )
    if kappa:
        typer.echo(
            "kappa: "
            + ", ".join(f"{name}={'n/a' if k is None else f'{k:.3f}'}" for name, k in kappa.items())
        )


def print_build_summary(summary: BuildSummary, out: Path, written: bool = True) -> None:
    """Documents per split, the agreement table and the issue summary of a build."""
    docs = summary.counts["documents"]
    head = f"wrote {out}" if written else f"--strict: not written {out}, it would hold"
    shown = (f"{s} {n} document{'' if n == 1 else 's'}" for s, n in docs.items() if n)
    typer.echo(f"{head}: " + ", ".join(shown))
    # one line per split and reason, naming every config it leaves without rows
    grouped: dict[tuple[str, str], list[str]] = {}
    for config, reasons in summary.empty_reasons.items():
        for split, why in reasons.items():
            grouped.setdefault((split, why), []).append(config)
    for (split, why), configs in grouped.items():
        typer.echo(f"warning: split {split} has no rows in {', '.join(configs)}, left out: {why}")
    if summary.ungrouped:
        typer.echo(
            f"note: {summary.ungrouped} document(s) have no --group-by field; each went to a split "
            "on its own (summary.json: ungrouped_tasks)"
        )
    if summary.agreement["comparisons"]:
        typer.echo(f"\nagreement over {summary.agreement['comparisons']} annotation pairs:")
        _print_scores(summary.agreement["table"], summary.agreement["kappa"])
    rows = [{"issue": kind, "count": n} for kind, n in summary.issue_counts.items()]
    typer.echo("\n" + (_table(rows, ["issue", "count"]) if rows else "no issues"))
    if rows:
        where = out / "issues.jsonl" if written else out.parent / f"{out.name}.issues.jsonl"
        typer.echo(
            f"({summary.errors} error(s), {summary.warnings} warning(s); every issue is in {where})"
        )


@app.command("build")
def build(
    export: Annotated[Path, typer.Argument(help="Raw Label Studio JSON export.")],
    out: Annotated[Path, typer.Option("--out", help="Dataset folder to write.")],
    ontology: OntologyOption = "conflict-news",
    splits: Annotated[
        str, typer.Option(help="train,validation,test fractions (two: train,test; one: train).")
    ] = "0.8,0.1,0.1",
    stable_splits: Annotated[
        bool,
        typer.Option(
            help="Split by each document's seeded hash alone: it keeps its split as the export "
            "grows (fractions met on average)."
        ),
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the document-level split.")] = 13,
    group_by: Annotated[
        str | None,
        typer.Option("--group-by", help="Metadata field whose documents stay in one split."),
    ] = None,
    policy: Annotated[
        str,
        typer.Option(
            help="latest | first | all | majority (a ground-truth annotation always wins)."
        ),
    ] = "latest",
    strict: Annotated[
        bool, typer.Option(help="Fail on any issue of severity error or warning.")
    ] = False,
    push_to_hub: Annotated[
        str | None,
        typer.Option(
            "--push-to-hub", help="Upload to this Hugging Face dataset repo (owner/name)."
        ),
    ] = None,
    private: Annotated[bool, typer.Option(help="Create the Hub repo as private.")] = False,
) -> None:
    """Build a Hugging Face dataset folder from a raw Label Studio export."""
    from eventset.export.build import StrictFailure, build_dataset

    if push_to_hub:  # before the build: a wrong name or a missing token would only show after it
        from eventset.export.hub import check_repo_id, hub_token

        check_repo_id(push_to_hub)
        hub_token(retry="the build")  # only whether there is one; it is never kept or shown
    try:
        summary = build_dataset(
            export,
            out,
            ontology=ontology,
            splits=splits,
            seed=seed,
            group_by=group_by,
            policy=policy,
            strict=strict,
            stable_splits=stable_splits,
        )
    except StrictFailure as failure:  # the table first: it says what to fix
        print_build_summary(failure.summary, out, written=False)
        typer.echo("")
        raise
    print_build_summary(summary, out)
    if push_to_hub:
        from eventset.export.hub import push_to_hub as push

        typer.echo(f"pushed to {push(out, push_to_hub, private=private)}")


@app.command("push")
def push(
    folder: Annotated[Path, typer.Argument(help="Dataset folder written by `eventset build`.")],
    repo_id: Annotated[str, typer.Argument(help="Hugging Face dataset repo (owner/name).")],
    private: Annotated[bool, typer.Option(help="Create the Hub repo as private.")] = False,
) -> None:
    """Upload a built dataset folder to the Hugging Face Hub (what build --push-to-hub does)."""
    from eventset.export.hub import push_to_hub

    typer.echo(f"pushed to {push_to_hub(folder, repo_id, private=private)}")


@app.command("score")
def score(
    gold: Annotated[Path, typer.Argument(help="Gold dataset folder, Parquet or JSONL file.")],
    pred: Annotated[
        Path, typer.Argument(help="Predictions: documents rows, or OneIE sentence rows (JSONL).")
    ],
    split: Annotated[str | None, typer.Option(help="Only this split of a folder.")] = None,
) -> None:
    """Score predicted events against gold: trigger and argument P/R/F1 per event type, the
    ACE/OneIE identification and classification F1, and kappa of event types and attributes."""
    from eventset.export.score import score_files

    scores = score_files(gold, pred, split)
    _print_scores(scores.table(), scores.kappas(), scores.standard_scores())
    if scores.missing:
        hint = "; --split scores one split of a folder" if gold.is_dir() and not split else ""
        typer.echo(
            f"note: {len(scores.missing)} of {scores.comparisons} gold rows had no prediction "
            f"and count as predicting nothing (first: {scores.missing[0]}){hint}",
            err=True,
        )
    if scores.unmatched:
        typer.echo(
            f"note: {len(scores.unmatched)} prediction rows match no gold row and were not "
            f"scored (first: {scores.unmatched[0]})",
            err=True,
        )
    if scores.sentence_gap and scores.sentence_gap[0]:
        outside, everything = scores.sentence_gap
        typer.echo(
            f"note: sentence rows were scored: {outside} of the {everything} gold arguments "
            "lie outside their trigger's sentence (or their trigger spans two sentences) and "
            "are not in the gold sentence rows, so no prediction is scored against them; score "
            "documents rows to include them",
            err=True,
        )


@app.command("stats")
def stats(folder: Annotated[Path, typer.Argument(help="Dataset folder.")]) -> None:
    """Print counts per split, event type, role, entity type, annotator and language."""
    print_stats(folder)


def print_stats(folder: Path) -> None:
    """Print the polars count tables of a dataset folder."""
    import polars as pl

    from eventset.export.stats import dataset_stats

    with pl.Config(tbl_rows=-1, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
        for name, frame in dataset_stats(folder).items():
            typer.echo(f"{name}\n{frame}\n")


@app.command("convert")
def convert(
    folder: Annotated[Path, typer.Argument(help="Dataset folder.")],
    to: Annotated[str, typer.Option("--to", help="oneie | brat")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write.")],
    ontology: ConvertOntologyOption = None,
) -> None:
    """Write the dataset as OneIE JSONL (one file per split) or brat standoff files."""
    if to == "oneie":
        from eventset.export.oneie import write_oneie

        counts = write_oneie(folder, out)
    elif to == "brat":
        from eventset.export.brat import write_brat

        counts = write_brat(folder, out, _convert_ontology(folder, ontology))
    else:
        raise InputError(f"--to {to!r} is not a known format", remedy="use --to oneie or brat")
    typer.echo(f"wrote {out}: " + ", ".join(f"{s} {n}" for s, n in counts.items()))
    if folder.resolve() in out.resolve().parents:
        typer.echo(
            f"note: {out} is inside the dataset folder {folder}: building {folder} again refuses "
            "until it is moved out (convert again after the build)",
            err=True,
        )
    if to == "brat":
        typer.echo(f"file name of every doc id: {out / 'doc_ids.tsv'}")
    else:
        _note_crossing(folder)
        _note_below_minimum(folder, ontology)


def _convert_ontology(folder: Path, ontology: str | None) -> Any:
    """The ontology for brat's annotation.conf; it must be the one the dataset was built with."""
    from eventset.export.load import dataset_ontology, ontology_stamp, ontology_unknown
    from eventset.schema import load_ontology

    onto = load_ontology(ontology) if ontology else dataset_ontology(folder)
    if onto is None:
        raise ontology_unknown(folder, "--ontology")
    stamp = ontology_stamp(folder) or {}
    if stamp.get("name") not in (None, onto.name):
        raise InputError(
            f"{folder} was built with ontology {stamp['name']!r}, not {onto.name!r}: "
            "annotation.conf would not declare its types",
            remedy=f"pass --ontology with the reference of {stamp['name']!r} used for the build",
        )
    if stamp.get("hash") not in (None, onto.content_hash):
        typer.echo(
            f"warning: ontology {onto.name!r} changed since {folder} was built; "
            "annotation.conf follows the current version (refused if the rows use anything it "
            "does not declare)",
            err=True,
        )
    return onto


def _note_below_minimum(folder: Path, ontology: str | None) -> None:
    """Say how many sentence-level events lack a required argument (it is in another sentence)."""
    from eventset.export.load import dataset_ontology, ontology_stamp
    from eventset.export.oneie import events_below_minimum, stamped_minimums
    from eventset.schema import load_ontology

    # the folder's own schema first: it is the version the dataset was built with
    minimums = load_ontology(ontology) if ontology else stamped_minimums(folder)
    minimums = minimums if minimums is not None else dataset_ontology(folder)
    if minimums is None:
        name = (ontology_stamp(folder) or {}).get("name")
        built = f" was built with ontology {name!r}, which is not built in, and" if name else ""
        typer.echo(
            f"note: the roles' minimums were not checked in the sentence rows: {folder}{built} "
            "holds no readable ontology.schema.json; pass --ontology with the ontology it was "
            "built with to check them",
            err=True,
        )
        return
    below = events_below_minimum(folder, minimums)
    if below:
        typer.echo(
            f"note: {below} event mention(s) of the sentence rows have fewer arguments of a role "
            "than its minimum (the others are in another sentence); imported as annotations, "
            "these rows would be accepted, but a dataset built from them would leave those "
            "events out (cardinality)",
            err=True,
        )


def _note_crossing(folder: Path) -> None:
    """Say how many arguments and entities sentence rows cannot hold (cross-sentence)."""
    try:
        tally = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["tally"]
        arguments = int(tally["cross_sentence_arguments"])
        entities = int(tally["cross_sentence_entities"])
        triggers = int(tally.get("cross_sentence_triggers", 0))  # datasets before it was counted
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return
    if arguments or entities or triggers:
        typer.echo(
            f"note: the sentence rows leave out {arguments} cross-sentence argument(s), "
            f"{triggers} event(s) whose trigger crosses a sentence boundary and {entities} "
            "entity mention(s) that do; all are in the documents config and listed in the "
            "dataset card",
            err=True,
        )
