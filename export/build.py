"""``build_dataset``: a raw Label Studio export -> a Hugging Face dataset folder.

The folder holds ``documents/``, ``sentences/`` and ``raw/`` Parquet files per split, ``README.md``
(the dataset card whose YAML header declares configs and features), ``issues.jsonl``,
``summary.json``, ``ontology.schema.json`` and ``guidelines.md``. It is written to a temporary
folder beside the target and renamed into place, so a failed build never leaves a half-written
dataset and never damages a previous one.

Example:
    >>> summary = build_dataset("export.json", "out", ontology="conflict-news")  # doctest: +SKIP
    >>> summary.counts["documents"]["train"]  # doctest: +SKIP
    42
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventset.errors import InputError, ValidationFailed
from eventset.export.atomic import (
    check_replaceable,
    discard_work,
    output_kind,
    swap_into_place,
    work_folder,
    write_marker,
)
from eventset.export.card import card_body, card_header
from eventset.export.features import document_features, raw_features, sentence_features
from eventset.export.issuelog import IssueLog
from eventset.export.parquet import SinkSet, lean_memory_pool
from eventset.export.pipeline import Pipeline
from eventset.export.policy import POLICIES
from eventset.export.render import worker_count
from eventset.export.scan import SplitPlan, scan_export, split_documents
from eventset.export.splits import empty_reason, parse_splits
from eventset.export.tally import Tally
from eventset.gcpause import cyclic_gc_paused
from eventset.schema import Ontology, load_ontology

DATASET_KIND = "dataset"
LINES_COPY = ".export-lines.json"  # the export copied one task per line, inside the temp folder


@dataclass
class BuildSummary:
    """What a build produced: rows per config and split, agreement, issue counts, paths."""

    out_dir: Path
    counts: dict[str, dict[str, int]]
    tally: dict[str, Any]
    agreement: dict[str, Any]
    issue_counts: dict[str, int]
    errors: int
    warnings: int = 0
    empty_splits: dict[str, list[str]] = field(default_factory=dict)
    empty_reasons: dict[str, dict[str, str]] = field(default_factory=dict)  # config -> split -> why
    ungrouped: int = 0  # documents without the --group-by field, each split on its own

    @property
    def issues(self) -> int:
        return sum(self.issue_counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "tally": self.tally,
            "agreement": self.agreement,
            "issue_counts": self.issue_counts,
            "errors": self.errors,
            "warnings": self.warnings,
            "empty_splits": self.empty_splits,
            "empty_reasons": self.empty_reasons,
            "ungrouped_tasks": self.ungrouped,
        }


def build_dataset(
    export_path: str | Path,
    out_dir: str | Path,
    *,
    ontology: str | Ontology = "conflict-news",
    splits: str = "0.8,0.1,0.1",
    seed: int = 13,
    group_by: str | None = None,
    policy: str = "latest",
    strict: bool = False,
    stable_splits: bool = False,
) -> BuildSummary:
    """Build the dataset folder ``out_dir`` from ``export_path``; see the module docstring.

    With ``strict=True`` any issue of severity error or warning raises ``StrictFailure`` (a
    ``ValidationFailed`` carrying the summary) and nothing is written except
    ``<out_dir>.issues.jsonl`` beside the target. ``info`` issues (``annotation_not_selected``,
    a consequence of the policy) never fail. With ``stable_splits=True`` a document's split
    follows from its seeded hash alone, so it does not change as the export grows (the
    fractions then hold on average only).
    """
    onto = ontology if isinstance(ontology, Ontology) else load_ontology(ontology)
    _check_policy(policy)
    fractions = parse_splits(splits)
    target = check_replaceable(Path(out_dir), DATASET_KIND, [export_path])
    work = work_folder(target)
    try:
        workers = worker_count()
        # Another layout than one task per line is copied into it while scanned (for workers).
        copy = work / LINES_COPY if workers else None
        with cyclic_gc_paused():
            scan = scan_export(export_path, group_by, seed, workers=workers, copy_to=copy)
        plan = split_documents(scan, fractions, stable=stable_splits)
        scan.drop_hashes()
        settings = {
            "splits": splits,
            "stable_splits": stable_splits,
            "seed": seed,
            "group_by": group_by,
            "policy": policy,
        }
        with cyclic_gc_paused(), lean_memory_pool():
            summary = _write(Path(export_path), work, onto, scan, plan, list(fractions), settings)
        if strict and summary.errors + summary.warnings:
            _keep_issues(work, target)
            raise StrictFailure(
                f"--strict: {summary.errors} error and {summary.warnings} warning issue(s) in "
                f"the export ({_listing(target.parent / f'{target.name}.issues.jsonl')}); "
                f"the dataset was not written; its issues are in {target}.issues.jsonl",
                remedy=f"read {target}.issues.jsonl, fix the annotations, or build without "
                "--strict",
                summary=summary,
            )
        write_marker(work, DATASET_KIND)
        swap_into_place(work, target, DATASET_KIND)
        stale = target.parent / f"{target.name}.issues.jsonl"
        stale.unlink(missing_ok=True)  # written by an earlier --strict failure
        summary.out_dir = target
        return summary
    finally:
        discard_work(work)


class StrictFailure(ValidationFailed):
    """A ``--strict`` build found issues; ``summary`` is what the build would have written."""

    def __init__(self, message: str, *, remedy: str, summary: BuildSummary) -> None:
        super().__init__(message, remedy=remedy)
        self.summary = summary


MISFIT_LABELS = 3  # fewer unknown labels than this are typos, not another ontology


def check_labels_fit(tally: Tally, onto: Ontology, export: Path) -> None:
    """Refuse a build whose export was labelled with another ontology or labeling config.

    When most labels read (``MISFIT_LABELS`` or more) are not in the ontology, or come from
    controls the config lacks, the dataset would lose most annotations: that is the wrong
    ``--ontology``, not bad annotations. Event labels are also judged on their own: entity type
    names two ontologies share (Person, Location) must not outvote triggers of which the
    dataset would keep none, so ``MISFIT_LABELS`` or more unknown event labels and no known one
    refuse too (an event type renamed with ``project sync --force`` leaves the others known).
    A few stray labels stay issues.
    """
    unknown = tally.unknown_labels
    missing, known = sum(unknown.values()), tally.known_labels
    events_missing = sum(n for (what, _), n in unknown.items() if what == "event")
    events_known = tally.known_event_labels
    if _misfit(missing, known):
        counted = f"{missing} of the {missing + known} labels"
    elif events_missing >= MISFIT_LABELS and not events_known:
        counted = f"all {events_missing} event labels"
    else:
        return
    # the event labels first: they are what the dataset is for
    ranked = sorted(unknown.items(), key=lambda item: (item[0][0] != "event", -item[1]))
    names = ", ".join(f"{what} {label} x{n}" for (what, label), n in ranked[:8])
    raise InputError(
        f"{counted} in {export} are not in ontology {onto.name!r} (unknown: {names}): the "
        "export was labelled with another ontology or labeling config, and the dataset would "
        "lose them",
        remedy="build with the ontology the Label Studio project was created from, "
        "--ontology path/to/file.py:NAME (without --ontology, conflict-news is used); "
        "`eventset ontology show --ontology ...` lists an ontology's labels",
    )


def _misfit(missing: int, known: int) -> bool:
    return missing >= MISFIT_LABELS and missing > known


def empty_splits(counts: dict[str, dict[str, int]], splits: list[str]) -> dict[str, list[str]]:
    """Requested splits without rows, per config (they get no file: ``datasets`` cannot load one).

    Example:
        >>> empty_splits({"documents": {"train": 3, "test": 0}}, ["train", "test"])
        {'documents': ['test']}
    """
    out = {}
    for config, per_split in counts.items():
        missing = [s for s in splits if not per_split.get(s)]
        if missing:
            out[config] = missing
    return out


def is_dataset_folder(folder: Path) -> bool:
    """Whether ``folder`` is an earlier output of ``build_dataset`` (it carries the marker)."""
    return output_kind(folder) == DATASET_KIND


def _check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise InputError(f"unknown policy {policy!r}", remedy=f"use one of {', '.join(POLICIES)}")


def _listing(issues: Path) -> str:
    """The most frequent kinds that fail ``--strict`` (info issues are left out)."""
    kinds: Counter[str] = Counter()
    with issues.open(encoding="utf-8") as stream:
        for line in stream:
            issue = json.loads(line)
            kinds[issue["kind"]] += issue.get("severity") != "info"
    failing = [(kind, n) for kind, n in kinds.most_common() if n]
    shown = ", ".join(f"{kind}: {n}" for kind, n in failing[:6])
    rest = failing[6:]
    if rest:
        shown += f", and {sum(n for _, n in rest)} more of {len(rest)} other kind(s)"
    return shown


def _write(
    export: Path,
    work: Path,
    onto: Ontology,
    scan: Any,
    plan: SplitPlan,
    splits: list[str],
    settings: dict[str, Any],
) -> BuildSummary:
    features = {
        "documents": document_features(onto, scan.meta_fields),
        "sentences": sentence_features(onto),
        "raw": raw_features(),
    }
    sinks = SinkSet(work, features, splits)
    with (work / "issues.jsonl").open("wb") as stream:
        log = IssueLog(stream)
        pipeline = Pipeline(onto, settings["policy"], plan, scan.meta_fields, sinks, log)
        pipeline.handoff = work / ".handoff"  # inside the temporary folder: removed on failure
        pipeline.run(export, scan.reader)
    sinks.close()
    check_labels_fit(pipeline.tally, onto, export)
    (work / LINES_COPY).unlink(missing_ok=True)
    counts = sinks.counts()
    empty = empty_splits(counts, splits)
    fractions = parse_splits(settings["splits"])
    reasons = {
        config: {split: empty_reason(config, split, counts, fractions) for split in missing}
        for config, missing in empty.items()
    }
    agreement = pipeline.agreement.to_dict()
    summary = BuildSummary(
        work,
        counts,
        pipeline.tally.to_dict(),
        agreement,
        log.sorted_counts(),
        log.errors,
        log.warnings,
        empty,
        reasons,
        plan.ungrouped,
    )
    card = (
        card_header(features, sinks.sizes(), counts, sinks.files())
        + "\n"
        + card_body(
            onto,
            pipeline.tally,
            splits,
            agreement,
            summary.issue_counts,
            settings,
            reasons,
            summary.ungrouped,
        )
    )
    _text(work / "README.md", card)
    _text(work / "summary.json", _json(summary.to_dict() | {"settings": settings}))
    _text(work / "ontology.schema.json", _json(onto.json_schema()))
    _text(work / "guidelines.md", onto.guidelines())
    return summary


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _text(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="\n")


def _keep_issues(work: Path, target: Path) -> None:
    kept = target.parent / f"{target.name}.issues.jsonl"
    os.replace(work / "issues.jsonl", kept)
