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
