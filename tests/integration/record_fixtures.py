"""Record ``tests/fixtures/exports/recorded_ls_1.23.json`` from a REAL Label Studio (not a test).

Usage:
    python tests/integration/record_fixtures.py [--out PATH]

Uses LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY when set, else starts a throw-away local server in a
temporary data dir (about a minute for the first migration). It creates a project with the
generated config, imports tasks with non-ASCII text, creates annotations through the API that
cover every shape the export parser must handle, pulls with ``eventset.annotate.pull`` and
deletes the project. See tests/fixtures/exports/README.md for what each task exercises.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.config import build_label_config
from eventset.annotate.connection import resolve_connection
from eventset.annotate.localnet import free_port
from eventset.annotate.pull import pull_project
from eventset.annotate.server import start_server, stop_server
from eventset.annotate.tasks import (
    Document,
    choice_result,
    prediction,
    relation_result,
    span_result,
    task_payload,
)
from eventset.errors import LabelStudioError
from eventset.schema import load_ontology

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"

# Texts: curly quotes, accented letters and an emoji before the spans (offsets are code points).
TEXTS = {
    "fx-en-clash": "“Russian forces launched an offensive on Avdiivka,” the ministry said on "
    "Tuesday; fighting continued near the café.",
    "fx-nl-arms": "🚀 Frankrijk levert het Oekraïense leger Caesar-houwitsers, zei Macron. "
    "De levering volgt op gesprekken in Brussel.",
    "fx-en-skip": "Officials met in Genève for talks about a ceasefire.",
    "fx-en-draft": "Rebels seized the airport of Goma, according to the UN.",
    "fx-en-bad": "The militia attacked Kramatorsk with drones after President Zelenskyy’s visit.",
    "fx-en-untouched": "Troops were deployed to the northern border, the army said.",
}


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def lab(tag: str, rid: str, text: str, needle: str, label: str, nth: int = 0) -> dict[str, Any]:
    return span_result(tag, rid, text, *span(text, needle, nth), label)


def choice(tag: str, rid: str, text: str, needle: str, value: str) -> dict[str, Any]:
    return choice_result(tag, rid, text, *span(text, needle), value)


def en_clash_admin(t: str) -> list[dict[str, Any]]:
    """Admin: agent (right), target (left), an empty and a two-label relation."""
    return [
        lab("trigger", "a_t1", t, "offensive", "MilitaryOperation"),
        choice("modality", "a_t1", t, "offensive", "asserted"),
        choice("polarity", "a_t1", t, "offensive", "positive"),
        lab("entity", "a_e1", t, "Russian forces", "ArmedGroup"),
        lab("entity", "a_e2", t, "Avdiivka", "Location"),
        lab("entity", "a_e3", t, "Tuesday", "Time"),
        lab("trigger", "a_t2", t, "fighting", "ArmedClash"),
        choice("modality", "a_t2", t, "fighting", "uncertain"),
        lab("entity", "a_e4", t, "café", "Facility"),
        relation_result("a_t1", "a_e1", ["agent"], "right"),
        # "left": the arrow points from to_id to from_id, i.e. trigger a_t1 -> entity a_e2.
        relation_result("a_e2", "a_t1", ["target"], "left"),
        relation_result("a_t1", "a_e3", [], "right"),
        relation_result("a_t2", "a_e4", ["place", "target"], "right"),
    ]


def en_clash_second(t: str) -> list[dict[str, Any]]:
    """Second annotator disagrees: ArmedClash on 'offensive', participant instead of agent."""
    return [
        lab("trigger", "b_t1", t, "offensive", "ArmedClash"),
        choice("modality", "b_t1", t, "offensive", "hypothetical"),
        lab("entity", "b_e1", t, "Russian forces", "ArmedGroup"),
        lab("entity", "b_e2", t, "Avdiivka", "Location"),
        relation_result("b_t1", "b_e1", ["participant"], "right"),
        relation_result("b_t1", "b_e2", ["place"], "bi"),
    ]


def nl_arms(t: str) -> list[dict[str, Any]]:
    """Nested and overlapping spans, one region with a trigger AND an entity label."""
    return [
        lab("trigger", "n_t1", t, "levert", "ArmsTransfer"),
        choice("modality", "n_t1", t, "levert", "asserted"),
        lab("entity", "n_e1", t, "Frankrijk", "Country"),
        lab("entity", "n_e2", t, "het Oekraïense leger", "ArmedGroup"),
        lab("entity", "n_e3", t, "Oekraïense", "Country"),  # nested inside n_e2
        lab("entity", "n_e4", t, "Caesar-houwitsers", "Weapon"),
        lab("entity", "n_e5", t, "leger Caesar", "Organization"),  # overlaps n_e2 and n_e4
        lab("trigger", "n_t2", t, "levering", "ArmsTransfer"),
        lab("entity", "n_t2", t, "levering", "Weapon"),  # same id: trigger + entity label
        choice("modality", "n_t2", t, "levering", "planned"),
        lab("trigger", "n_t3", t, "gesprekken", "Conference"),
        lab("entity", "n_e6", t, "Brussel", "Location"),
        relation_result("n_t1", "n_e1", ["supplier"], "right"),
        relation_result("n_e2", "n_t1", ["recipient"], "left"),
        relation_result("n_t1", "n_e4", ["weapon"], "right"),
        relation_result("n_t3", "n_e6", ["place"], "right"),
        relation_result("n_t1", "n_t2", ["same_as"], "bi"),
    ]


def en_bad(t: str) -> list[dict[str, Any]]:
    """Unknown label, a role filler of a disallowed type, a relation to a missing region."""
    return [
        lab("trigger", "x_t1", t, "attacked", "Bombing"),  # not in the ontology
        lab("trigger", "x_t2", t, "attacked", "MilitaryOperation", 0),
        lab("entity", "x_e1", t, "The militia", "ArmedGroup"),
        lab("entity", "x_e2", t, "drones", "Weapon"),
        lab("entity", "x_e3", t, "Zelenskyy", "Person"),
        relation_result("x_t2", "x_e1", ["agent"], "right"),
        relation_result("x_t2", "x_e3", ["instrument"], "right"),  # Person not allowed
        relation_result("x_t2", "x_missing", ["target"], "right"),  # region does not exist
    ]


def record(client: LabelStudioClient, out: Path) -> dict[str, int]:
    onto = load_ontology("conflict-news")
    title = f"eventset-fixture-{uuid.uuid4().hex[:8]}"
    description = f"eventset ontology {onto.name} v{onto.version} hash {onto.content_hash}"
    project = client.create_project(title, build_label_config(onto), description)
    try:
        return _fill_and_pull(client, project.id, title, out)
    finally:
        client.delete_project(project.id)


def _fill_and_pull(client: LabelStudioClient, pid: int, title: str, out: Path) -> dict[str, int]:
    docs = [
        Document(
            text,
            doc_id=key,
            lang="nl" if "-nl-" in key else "en",
            meta={"title": key, "source": "recorded-fixture"},
        )
        for key, text in TEXTS.items()
    ]
    untouched = TEXTS["fx-en-untouched"]
    pred = prediction(
        "lexicon-conflict-news-fixture",
        [lab("trigger", "p_t1", untouched, "deployed", "Deployment")],
    )
    payloads = [task_payload(d, [pred] if d.doc_id == "fx-en-untouched" else []) for d in docs]
    ids = dict(zip(TEXTS, client.import_tasks(pid, payloads), strict=True))
    second = client.ensure_user("annotator2@eventset.local")
    t = TEXTS
    client.create_annotation(ids["fx-en-clash"], en_clash_admin(t["fx-en-clash"]), lead_time=42.0)
    client.create_annotation(
        ids["fx-en-clash"], en_clash_second(t["fx-en-clash"]), completed_by=second, lead_time=30.5
    )
    client.create_annotation(ids["fx-nl-arms"], nl_arms(t["fx-nl-arms"]), ground_truth=True)
    client.create_annotation(ids["fx-en-skip"], [], completed_by=second, was_cancelled=True)
    client.create_draft(
        ids["fx-en-draft"],
        [lab("trigger", "d_t1", t["fx-en-draft"], "seized", "TerritorialControl")],
    )
    client.create_annotation(ids["fx-en-bad"], en_bad(t["fx-en-bad"]), completed_by=second)
    summary = pull_project(client, title, out)
    return {
        "tasks": summary.tasks,
        "annotations": summary.annotations,
        "skipped": summary.skipped,
        "drafts": summary.drafts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    try:
        client = LabelStudioClient(resolve_connection(data_dir=Path("/nonexistent")))
        data_dir = None
    except LabelStudioError:
        data_dir = Path(tempfile.mkdtemp(prefix="eventset-record-"))
        status = start_server(data_dir, port=free_port())
        client = LabelStudioClient(resolve_connection(data_dir=data_dir))
        print(f"started a throw-away Label Studio at {status.url}")
    try:
        counts = record(client, args.out)
    finally:
        if data_dir is not None:
            stop_server(data_dir)
    # Pretty-print once so reviewers can read diffs of the fixture.
    tasks = json.loads(args.out.read_text(encoding="utf-8"))
    args.out.write_text(json.dumps(tasks, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {counts}")


if __name__ == "__main__":
    main()
