"""Write the ``sentences`` config as OneIE-style JSONL, one file per split.

Each line is one sentence: ``doc_id``, ``sent_id``, ``tokens``, ``sentence``, ``entity_mentions``,
``relation_mentions`` (always empty: the ontology has no entity relations) and ``event_mentions``
with sentence-relative token offsets, end exclusive. This is the shape
``eventset.annotate.oneie`` reads, so a converted dataset can be imported again.

Example:
    >>> write_oneie("dataset", "oneie")  # doctest: +SKIP
    {'train': 120, 'validation': 15, 'test': 15}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventset.export.atomic import atomic_folder
from eventset.export.load import _rows, split_files
from eventset.schema import Ontology
from eventset.schema.introspect import ROLE_MARK

Minimums = dict[str, dict[str, int]]  # event type -> role -> its min (roles with min >= 1)


def write_oneie(dataset: str | Path, out: str | Path) -> dict[str, int]:
    """Write ``<out>/<split>.jsonl`` from the dataset's sentences; returns lines per split."""
    counts: dict[str, int] = {}
    by_split = split_files(Path(dataset), "sentences")
    with atomic_folder(Path(out), "oneie", [dataset]) as work:
        for split, files in by_split.items():
            with (work / f"{split}.jsonl").open("w", encoding="utf-8", newline="\n") as sink:
                counts[split] = 0
                for row in (row for file in files for row in _rows(file)):
                    sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                    counts[split] += 1
    return counts


def events_below_minimum(dataset: str | Path, ontology: Ontology | Minimums) -> int:
    """Event mentions of the sentence rows with fewer arguments of a role than its ``min``.

    A sentence row holds only the arguments inside its sentence, so an event whose required
    argument is in another sentence is incomplete there (a model trained on the rows never
    sees that argument; a dataset built from them as annotations leaves the event out as
    ``cardinality``).
    ``ontology`` may also be the minimums themselves (``stamped_minimums``). Nothing to count,
    and no pass over the rows, when no role has a minimum.
    """
    minimum = role_minimums(ontology) if isinstance(ontology, Ontology) else ontology
    if not any(minimum.values()):
        return 0
    below = 0
    for files in split_files(Path(dataset), "sentences").values():
        for row in (row for file in files for row in _rows(file)):
            for event in row["event_mentions"]:
                needed = minimum.get(event["event_type"], {})
                roles = [a["role"] for a in event["arguments"] or []]
                below += any(roles.count(role) < n for role, n in needed.items())
    return below


def role_minimums(ontology: Ontology) -> Minimums:
    """The roles with a minimum of each event type of ``ontology``."""
    return {
        kind.name: {role.name: role.min for role in kind.roles if role.min}
        for kind in ontology.event_types.values()
    }


def stamped_minimums(dataset: str | Path) -> Minimums | None:
    """The role minimums of the ontology ``dataset`` was built with, read from the
    ``ontology.schema.json`` the build wrote (each role's ``x-eventset-role``), so a custom
    ontology needs no ``--ontology``; None when the folder holds no readable one."""
    try:
        schema = json.loads((Path(dataset) / "ontology.schema.json").read_text(encoding="utf-8"))
        refs = [ref["$ref"].rpartition("/")[2] for ref in schema["oneOf"]]
        events = [schema["$defs"][name]["properties"] for name in refs]
        return dict(_event_minimums(properties) for properties in events)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _event_minimums(properties: dict[str, Any]) -> tuple[str, dict[str, int]]:
    """``(event type, {role: min})`` of one event type's JSON Schema properties."""
    marks = {name: spec.get(ROLE_MARK) for name, spec in properties.items()}
    minimum = {name: int(mark["min"]) for name, mark in marks.items() if mark and mark["min"]}
    return str(properties["type"]["const"]), minimum
