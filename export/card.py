"""The dataset card (``README.md``): YAML header with configs and features, Markdown body.

The YAML header is what makes ``datasets.load_dataset(DIR)`` work without a loading script: it
names each config's Parquet files per split and declares the features explicitly.
"""

from __future__ import annotations

from typing import Any

import yaml

from eventset.export.featurespec import Features
from eventset.export.tally import Tally
from eventset.schema import Ontology

DEFAULT_CONFIG = "documents"


def card_header(
    features: dict[str, Features],
    sizes: dict[str, dict[str, int]],
    counts: dict[str, dict[str, int]],
    files: dict[str, dict[str, list[str]]] | None = None,
) -> str:
    """YAML front matter: every config with rows, its files per split and explicit features.

    ``files``: the file names per config and split (one ``<split>.parquet`` each when not given);
    a split written as shards lists each shard. Splits without rows are left out
    (``datasets`` cannot load an empty Parquet split).
    """
    configs, infos = [], []
    for config, feats in features.items():
        splits = list(sizes.get(config, {}))
        if not splits:
            continue
        entry: dict[str, Any] = {"config_name": config}
        if config == DEFAULT_CONFIG:
            entry["default"] = True
        names = (files or {}).get(config, {})
        entry["data_files"] = [{"split": s, "path": _data_files(config, s, names)} for s in splits]
        configs.append(entry)
        infos.append(
            {
                "config_name": config,
                "features": feats.yaml_list(),
                "splits": [
                    {"name": s, "num_bytes": sizes[config][s], "num_examples": counts[config][s]}
                    for s in splits
                ],
            }
        )
    header = {
        "configs": configs,
        "dataset_info": infos,
        "task_categories": ["token-classification"],
        "tags": ["event-extraction"],
    }
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n"


def _data_files(config: str, split: str, names: dict[str, list[str]]) -> str | list[str]:
    # Shards are listed by name, not by a pattern: a Hub repo pushed to before may still hold
    # shards of an earlier build (uploads never delete), which a pattern would pick up too.
    written = [f"{config}/{name}" for name in names.get(split, [f"{split}.parquet"])]
    return written[0] if len(written) == 1 else written


def _table(head: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _ontology_section(ontology: Ontology) -> str:
    rows = [
        [
            event.name,
            "; ".join(f"`{r.name}` ({', '.join(r.allowed)})" for r in event.roles),
            ", ".join(f"{a.name}={'/'.join(a.values)}" for a in event.attributes),
        ]
        for event in ontology.event_types.values()
    ]
    return (
        f"## Ontology\n\n`{ontology.name}` v{ontology.version}, hash "
        f"`{ontology.content_hash}`. Entity types: {', '.join(ontology.entity_types)}.\n\n"
        + _table(["event type", "roles (allowed entity types)", "attributes"], rows)
    )


def _counts_section(tally: Tally, splits: list[str]) -> str:
    types = sorted({t for t, _ in tally.events})
    rows = [[t, *[tally.events[(t, s)] for s in splits]] for t in types]
    docs = [
        ["documents", *[tally.documents[s] for s in splits]],
        ["sentences", *[tally.sentences[s] for s in splits]],
    ]
    roles = sorted({(t, r) for t, r, _ in tally.roles})
    role_rows = [[t, r, *[tally.roles[(t, r, s)] for s in splits]] for t, r in roles]
    entity_types = sorted({t for t, _ in tally.entities})
    entity_rows = [[t, *[tally.entities[(t, s)] for s in splits]] for t in entity_types]
    return "\n\n".join(
        [
            "## Counts",
            _table(["", *splits], docs),
            "### Events per type",
            _table(["event type", *splits], rows),
            "### Arguments per role",
            _table(["event type", "role", *splits], role_rows),
            "### Entities per type",
            _table(["entity type", *splits], entity_rows),
        ]
    )


def _agreement_section(agreement: dict[str, Any]) -> str:
    if not agreement["comparisons"]:
        return "## Agreement\n\nNo task has two annotators, so agreement was not computed."
    rows = [
        [
            r["event_type"],
            f"{r['trigger_matched']} / {r['trigger_either']}",
            _rate(r["trigger_f1"]),
            f"{r['argument_matched']} / {r['argument_either']}",
            _rate(r["argument_f1"]),
        ]
        for r in agreement["table"]
    ]
    kappas = [[name, _rate(k)] for name, k in agreement["kappa"].items()]
    return (
        f"## Agreement\n\nPairwise between annotators over {agreement['comparisons']} "
        "annotation pairs. A trigger matches on its event type and span; an argument on its "
        "event type, trigger span, role and span; mentions match by span only (a coreferent "
        "mention is not credited). Counts are matched / marked by either annotator, summed over "
        "pairs.\n\n"
        + _table(["event type", "triggers", "trigger F1", "arguments", "argument F1"], rows)
        + "\n\nCohen's kappa on paired labels (event types of triggers on one span, attributes "
        "of matching triggers):\n\n"
        + (
            _table(["label", "kappa"], kappas)
            if kappas
            else "No labels were paired: no trigger of one annotation shares a span with one of "
            "another."
        )
    )


def _duplicates_note(count: int) -> str:
    if not count:
        return ""
    return (
        f", {count} task(s) whose doc id belongs to another task kept in `raw` only (their "
        "annotations still count in the agreement)"
    )


def _rate(value: float | None) -> str:
    """A rate with three decimals; n/a where there was nothing to compare (or one label only)."""
    return "n/a" if value is None else f"{value:.3f}"


def _crossing_line(doc_id: str, event_id: str, role: str, mention: str) -> str:
    if role == "entity":
        return f"- {doc_id} entity {mention}: crosses a sentence boundary"
    if role == "trigger":
        return f"- {doc_id} event {event_id}: its trigger crosses a sentence boundary"
    return f"- {doc_id} event {event_id}: {role} -> {mention}"


def _issues_section(issue_counts: dict[str, int], tally: Tally) -> str:
    rows = [[kind, n] for kind, n in issue_counts.items()]
    body = _table(["issue", "count"], rows) if rows else "No issues."
    listed = "\n".join(_crossing_line(*item) for item in tally.crossing_listed)
    more = tally.crossing - len(tally.crossing_listed)
    crossing = (
        (
            f"\n\n{tally.crossing_arguments} argument(s) lie outside their trigger's sentence, "
            f"{tally.crossing_triggers} event trigger(s) and {tally.crossing_entities} entity "
            "mention(s) cross a sentence boundary (an event whose trigger does is left out of "
            f"`sentences` with its arguments); all are in `documents`:\n\n{listed}"
            + (f"\n- ... and {more} more" if more > 0 else "")
        )
        if tally.crossing
        else ""
    )
    return "## Issues\n\nEvery issue is listed in `issues.jsonl`.\n\n" + body + crossing


def _empty_note(empty: dict[str, dict[str, str]]) -> str:
    if not empty:
        return ""
    listing = "; ".join(
        f"`{config}` {split} ({why})"
        for config, splits in empty.items()
        for split, why in splits.items()
    )
    return f"\n\nSplits left out because they have no rows: {listing}."


def card_body(
    ontology: Ontology,
    tally: Tally,
    splits: list[str],
    agreement: dict[str, Any],
    issue_counts: dict[str, int],
    settings: dict[str, Any],
    empty: dict[str, dict[str, str]] | None = None,
    ungrouped: int = 0,
) -> str:
    """The Markdown body of the card; ``empty`` says why a split has no rows, per config;
    ``ungrouped`` counts the dataset's documents without the ``group_by`` field."""
    from eventset import __version__

    intro = (
        f"# {ontology.name} events\n\nEvent-extraction dataset built by eventset {__version__} "
        f"from a Label Studio export of {tally.tasks} task(s): {tally.annotations} submitted "
        f"annotation(s) read, {tally.cancelled} skipped and {tally.drafts} draft(s) counted "
        f"but not used, {tally.unannotated} task(s) without a submitted annotation left "
        f"out{_duplicates_note(tally.duplicates)}.\n\n"
        "Configs: `documents` (default, one row per document), `sentences` (OneIE/TextEE "
        "shape), `raw` (every annotation as exported). Character offsets are code points, "
        "ends exclusive; token offsets are ends exclusive.\n\nBuild settings: "
        + ", ".join(f"{k}={'-' if v is None else v}" for k, v in settings.items())
        + "."
        + (
            f" {ungrouped} document(s) have no `{settings.get('group_by')}` field; each went to a "
            "split on its own."
            if ungrouped
            else ""
        )
        + f"\n\nOntology hash: `{ontology.content_hash}`; eventset version: {__version__}."
        + _empty_note(empty or {})
    )
    return (
        "\n\n".join(
            [
                intro,
                _ontology_section(ontology),
                _counts_section(tally, splits),
                _agreement_section(agreement),
                _issues_section(issue_counts, tally),
            ]
        )
        + "\n"
    )
