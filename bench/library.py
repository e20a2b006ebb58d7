"""Library-level workloads timed as whole processes: ``python -m bench.library WORKLOAD EXPORT``.

``parse``      streams the export through eventset's parser as a build's second pass does (one
               msgspec decode per line, ``wire.parse_line``, with the cyclic collector paused)
               and validates every submitted annotation against the ontology (no tokens, no
               output files).
``agreement``  does the same and scores every pair of annotators per task (trigger and argument
               F1 per event type, Cohen's kappa) like ``eventset build`` does for the card.
``floor-parse`` only parses the export with the fastest JSON parser available.
Each prints one JSON line with its counts, so a run that silently did nothing is visible.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any


def parse_and_validate(export: Path, with_agreement: bool = False) -> dict[str, Any]:
    """Counts of tasks, annotations, events and issues (plus agreement when asked)."""
    from eventset.export.resolve import resolve_annotation
    from eventset.export.scoring import Scores
    from eventset.schema import load_ontology

    ontology = load_ontology("conflict-news")
    attributes = list(ontology.attributes)
    scores = Scores()
    counts = {"tasks": 0, "annotations": 0, "events": 0, "issues": 0}
    for task in _tasks(export):
        counts["tasks"] += 1
        resolved = [resolve_annotation(task, a, ontology) for a in task.submitted]
        counts["annotations"] += len(resolved)
        counts["events"] += sum(len(r.events) for r in resolved)
        counts["issues"] += len(task.issues) + sum(len(r.issues) for r in resolved)
        if with_agreement:
            for a, b in combinations(resolved, 2):  # scored from the records, as builds do
                scores.compare_records(a.events, b.events, attributes)
    if with_agreement:
        counts["pairs"] = scores.comparisons
        counts["trigger_f1"] = round(scores.overall("trigger").f1, 4)
        counts["argument_f1"] = round(scores.overall("argument").f1, 4)
    return counts


def _tasks(export: Path) -> Iterator[Any]:
    """Tasks as a build reads them: line by line with the fast decoder, else the general way."""
    from bench.tools import one_task_per_line
    from eventset.annotate.parse import iter_tasks
    from eventset.annotate.wire import parse_line

    if not one_task_per_line(export):
        yield from iter_tasks(export)
        return
    with export.open("rb") as lines:
        bodies = (line.strip().rstrip(b",") for line in lines)
        tasks = (body for body in bodies if body not in (b"[", b"]", b""))
        for index, body in enumerate(tasks):
            yield parse_line(body, index)


def floor_parse(export: Path) -> dict[str, Any]:
    """Parse only: count tasks and annotations with the fastest JSON parser."""
    from bench.tools import iter_export

    counts = {"tasks": 0, "annotations": 0}
    for task in iter_export(export):
        counts["tasks"] += 1
        counts["annotations"] += len(task.get("annotations") or [])
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.library")
    parser.add_argument("workload", choices=["parse", "agreement", "floor-parse"])
    parser.add_argument("export", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.workload == "floor-parse":
        counts = floor_parse(args.export)
    else:
        from eventset.gcpause import cyclic_gc_paused

        with cyclic_gc_paused():  # as in a build: no reference cycles, millions of objects
            counts = parse_and_validate(args.export, with_agreement=args.workload == "agreement")
    counts["in_process_s"] = round(time.perf_counter() - started, 3)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
