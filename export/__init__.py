"""From a raw Label Studio export to a Hugging Face dataset, and back to typed events.

Public names (imported lazily: ``datasets`` costs seconds to import):

- ``build_dataset(export_path, out_dir, *, ontology, splits, seed, group_by, policy, strict)``
  -> ``BuildSummary`` (rows per config and split, agreement, issue counts)
- ``load_events(source, ontology=None, split=None)`` -> ``{doc_id: [typed pydantic events]}``
- ``score_files(gold, pred, split=None)`` -> ``Scores``
- ``dataset_stats(folder)`` -> polars tables; ``write_oneie`` / ``write_brat``; ``push_to_hub``

Example:
    >>> from eventset.export import build_dataset, load_events
    >>> summary = build_dataset("export.json", "dataset", policy="majority")  # doctest: +SKIP
    >>> load_events("dataset")["en-001"][0].type  # doctest: +SKIP
    'MilitaryOperation'
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "BuildSummary": "build",
    "build_dataset": "build",
    "load_events": "load",
    "iter_documents": "load",
    "score_files": "score",
    "Scores": "scoring",
    "dataset_stats": "stats",
    "write_oneie": "oneie",
    "write_brat": "brat",
    "push_to_hub": "hub",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'eventset.export' has no attribute {name!r}")
    return getattr(import_module(f"eventset.export.{_WHERE[name]}"), name)
