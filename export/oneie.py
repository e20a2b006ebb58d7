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

from eventset.export.atomic import atomic_folder
from eventset.export.load import _rows, split_files
from eventset.schema import Ontology


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


def events_below_minimum(dataset: str | Path, ontology: Ontology) -> int:
    """Event mentions of the sentence rows with fewer arguments of a role than its ``min``.

    A sentence row holds only the arguments inside its sentence, so an event whose required
    argument is in another sentence is incomplete there (a model trained on the rows never
    sees that argument; a dataset built from them as annotations leaves the event out as
    ``cardinality``).
    Nothing to count, and no pass over the rows, when no role has a minimum.
    """
    minimum = {
        kind.name: {role.name: role.min for role in kind.roles if role.min}
        for kind in ontology.event_types.values()
    }
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
