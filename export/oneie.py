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

from eventset.errors import InputError
from eventset.export.atomic import atomic_folder
from eventset.export.load import _rows

SPLIT_ORDER = ("train", "validation", "test")


def split_files(folder: Path, config: str) -> list[Path]:
    """The Parquet files of ``config`` in train, validation, test order."""
    files = sorted(
        (folder / config).glob("*.parquet"),
        key=lambda f: (SPLIT_ORDER.index(f.stem) if f.stem in SPLIT_ORDER else 9, f.stem),
    )
    if not files:
        raise InputError(
            f"{folder} has no {config}/*.parquet files",
            remedy="pass a folder written by `eventset build`",
        )
    return files


def write_oneie(dataset: str | Path, out: str | Path) -> dict[str, int]:
    """Write ``<out>/<split>.jsonl`` from the dataset's sentences; returns lines per split."""
    counts: dict[str, int] = {}
    files = split_files(Path(dataset), "sentences")
    with atomic_folder(Path(out), "oneie") as work:
        for file in files:
            with (work / f"{file.stem}.jsonl").open("w", encoding="utf-8", newline="\n") as sink:
                counts[file.stem] = 0
                for row in _rows(file):
                    sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                    counts[file.stem] += 1
    return counts
