"""Record the gold annotations of this corpus in a real Label Studio and pull the raw export.

Reproduce ``gold_export.json`` (about a minute on a started server)::

    eventset server start --data-dir /tmp/h3-ls --port 18100
    python examples/conflict-news/record_gold.py --data-dir /tmp/h3-ls --replace

Steps: resolve every span of ``gold_spec.json`` offline (stop on the first mistake), create the
project with `sync_project` (config generated from the ontology), import the articles
(with lexicon pre-annotations, as `eventset import` does), create the two
annotators through the API, submit each annotator's annotation on their behalf, then run
``eventset pull`` to write the committed export. ``--check`` does the offline part only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from gold_spec import HERE, SpecError, annotation_result, load_spec

from eventset.annotate.client import LabelStudioClient, ProjectInfo
from eventset.annotate.connection import Connection, resolve_connection
from eventset.annotate.importer import import_documents
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.sync import sync_project
from eventset.errors import EventsetError, LabelStudioError
from eventset.schema import Ontology, load_ontology

EXPORT_PATH = HERE / "gold_export.json"
Annotations = dict[tuple[str, str], list[dict[str, Any]]]


def resolve_all(ontology: Ontology, spec: dict[str, Any]) -> Annotations:
    """(doc id, annotator) -> result items, for every annotation in the spec."""
    return {
        (doc_id, annotator): annotation_result(ontology, doc_id, annotator, work)
        for doc_id, by_annotator in spec["documents"].items()
        for annotator, work in by_annotator.items()
    }


def fresh_project(
    client: LabelStudioClient, ontology: Ontology, title: str, replace: bool
) -> ProjectInfo:
    """Sync a new project from the ontology; an old one of that title only goes if asked."""
    old = client.find_project(title)
    if old is not None:
        if not replace:
            raise LabelStudioError(
                f"a project titled {title!r} already exists (id {old.id})",
                remedy="pass --replace to delete it and record the gold annotations afresh",
            )
        client.delete_project(old.id)
    return sync_project(client, title, ontology).project


def import_articles(
    client: LabelStudioClient, ontology: Ontology, title: str, doc_ids: list[str]
) -> dict[str, int]:
    """Import the articles as ``eventset import`` does (lexicon pre-annotations); doc -> task."""
    lexicon = [LexiconPreAnnotator(ontology)]
    for lang in ("nl", "en"):
        # The language is stated, not detected: the file prefix says it.
        paths = [HERE / "articles" / f"{d}.txt" for d in doc_ids if d.startswith(f"{lang}-")]
        import_documents(client, title, paths, ontology, lang=lang, preannotators=lexicon)
    project = client.find_project(title)
    tasks = client.task_doc_ids(project.id) if project else {}
    missing = sorted(set(doc_ids) - set(tasks))
    if missing:
        raise LabelStudioError(
            f"import left out {', '.join(missing)}", remedy="read the server log in the data dir"
        )
    return tasks


def submit_annotations(
    client: LabelStudioClient,
    tasks: dict[str, int],
    annotators: dict[str, dict[str, Any]],
    annotations: Annotations,
) -> int:
    """Submit every annotation as its annotator (a real user created through the API).

    The annotator marked ``ground_truth`` in the spec is the adjudicated gold: ``eventset build``
    takes ground-truth annotations first, whatever the policy.
    """
    users = {name: client.ensure_user(info["email"]) for name, info in annotators.items()}
    for (doc_id, annotator), result in sorted(annotations.items()):
        # A plausible, deterministic time spent, so the export does not look machine-made.
        lead_time = 30.0 + 4.0 * len(result)
        client.create_annotation(
            tasks[doc_id],
            result,
            completed_by=users[annotator],
            ground_truth=bool(annotators[annotator].get("ground_truth")),
            lead_time=lead_time,
        )
    return len(annotations)


def pull(connection: Connection, title: str, out: Path) -> None:
    """Run ``eventset pull`` (the key goes through the environment, never the command line)."""
    executable = shutil.which("eventset") or str(Path(sys.executable).with_name("eventset"))
    env = dict(os.environ, LABEL_STUDIO_URL=connection.url, LABEL_STUDIO_API_KEY=connection.api_key)
    done = subprocess.run(
        [executable, "pull", "--project", title, "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"eventset pull failed with exit code {done.returncode}")


def record(args: argparse.Namespace) -> None:
    """Offline checks, then the whole recording against the server."""
    spec = load_spec()
    ontology = load_ontology(spec["ontology"])
    annotations = resolve_all(ontology, spec)
    print(
        f"spec OK: {len(spec['documents'])} documents, {len(annotations)} annotations, "
        f"{sum(len(r) for r in annotations.values())} result items"
    )
    if args.check:
        return
    connection = resolve_connection(args.url, None, Path(args.data_dir) if args.data_dir else None)
    client = LabelStudioClient(connection)
    project = fresh_project(client, ontology, spec["project_title"], args.replace)
    tasks = import_articles(client, ontology, project.title, list(spec["documents"]))
    created = submit_annotations(client, tasks, spec["annotators"], annotations)
    print(
        f"project {project.id} {project.title!r}: {len(tasks)} tasks, {created} annotations "
        f"by {len(spec['annotators'])} annotators"
    )
    pull(connection, spec["project_title"], Path(args.out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="data dir of the local server (eventset server start)")
    parser.add_argument("--url", help="Label Studio URL (else LABEL_STUDIO_URL or the local one)")
    parser.add_argument("--out", default=str(EXPORT_PATH), help="where to write the raw export")
    parser.add_argument(
        "--replace", action="store_true", help="delete an existing project of the same title first"
    )
    parser.add_argument("--check", action="store_true", help="only resolve the spec offline")
    try:
        record(parser.parse_args(argv))
    except (EventsetError, SpecError) as exc:
        # Same shape as the eventset CLI: a message and a remedy, no traceback.
        raise SystemExit(f"Error: {exc}") from None


if __name__ == "__main__":
    main()
