"""Write the ``documents`` config as brat standoff: ``<split>/<doc>.txt`` + ``.ann`` per document.

Entities and triggers become ``T`` lines, events ``E`` lines (a role used twice is numbered,
``agent2``, as brat requires), attributes ``A`` lines. A span that crosses a line break is written
as fragments, since brat cannot show a span over a newline. ``annotation.conf`` is generated from
the ontology so the files open in brat as they are.

Example:
    >>> write_brat("dataset", "brat", onto)  # doctest: +SKIP
    {'train': 120, 'validation': 15, 'test': 15}
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from eventset.export.atomic import atomic_folder
from eventset.export.load import _rows
from eventset.export.oneie import split_files
from eventset.schema import Ontology

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def fragments(text: str, start: int, end: int) -> str:
    """``"0 5;6 9"``: the span's pieces between line breaks."""
    pieces, cursor = [], start
    for line in text[start:end].split("\n"):
        if line:
            pieces.append(f"{cursor} {cursor + len(line)}")
        cursor += len(line) + 1
    return ";".join(pieces) or f"{start} {end}"


def ann_lines(row: dict[str, Any], attributes: list[str]) -> list[str]:
    """The ``.ann`` lines of one documents row."""
    text = row["text"]
    lines: list[str] = []

    def mention(kind: str, start: int, end: int) -> str:
        tid = f"T{sum(line.startswith('T') for line in lines) + 1}"
        covered = text[start:end].replace("\n", " ")
        lines.append(f"{tid}\t{kind} {fragments(text, start, end)}\t{covered}")
        return tid

    of_entity = {e["id"]: mention(e["type"], e["start"], e["end"]) for e in row["entities"]}
    number = 0
    for index, event in enumerate(row["events"], 1):
        trigger = mention(event["type"], event["trigger"]["start"], event["trigger"]["end"])
        used: Counter[str] = Counter()
        parts = [f"{event['type']}:{trigger}"]
        for argument in event["arguments"]:
            used[argument["role"]] += 1
            name = argument["role"] + (
                str(used[argument["role"]]) if used[argument["role"]] > 1 else ""
            )
            parts.append(f"{name}:{of_entity[argument['entity_id']]}")
        lines.append(f"E{index}\t{' '.join(parts)}")
        for attribute in attributes:
            if event.get(attribute) is not None:
                number += 1
                lines.append(f"A{number}\t{attribute} E{index} {event[attribute]}")
    return lines


def annotation_conf(ontology: Ontology) -> str:
    """brat's ``annotation.conf`` for ``ontology``."""
    events = []
    for event in ontology.event_types.values():
        roles = ", ".join(f"{r.name}*:{'|'.join(r.allowed)}" for r in event.roles)
        events.append(f"{event.name}\t{roles}".rstrip())
    attributes = [
        f"{a.name}\tArg:<EVENT>, Value:{'|'.join(a.values)}" for a in ontology.attributes.values()
    ]
    return "\n".join(
        [
            "[entities]",
            *ontology.entity_types,
            "",
            "[relations]",
            "",
            "[events]",
            *events,
            "",
            "[attributes]",
            *attributes,
            "",
        ]
    )


def write_brat(dataset: str | Path, out: str | Path, ontology: Ontology) -> dict[str, int]:
    """Write brat files per split under ``out``; returns documents per split."""
    counts: dict[str, int] = {}
    attributes = list(ontology.attributes)
    with atomic_folder(Path(out), lambda f: (f / "annotation.conf").is_file()) as work:
        (work / "annotation.conf").write_text(annotation_conf(ontology), encoding="utf-8")
        for file in split_files(Path(dataset), "documents"):
            folder = work / file.stem
            folder.mkdir()
            counts[file.stem] = 0
            for row in _rows(file):
                name = _UNSAFE.sub("_", row["doc_id"]) or "doc"
                (folder / f"{name}.txt").write_text(row["text"], encoding="utf-8", newline="")
                (folder / f"{name}.ann").write_text(
                    "\n".join(ann_lines(row, attributes)) + "\n", encoding="utf-8", newline="\n"
                )
                counts[file.stem] += 1
    return counts
