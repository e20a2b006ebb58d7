"""eventset: build event-extraction datasets from news.

ontology (``eventset.schema``) -> Label Studio config, tasks, sync, pull (``eventset.annotate``)
-> validated records and a Hugging Face dataset (``eventset.export``).

Example:
    >>> import eventset
    >>> onto = eventset.load_ontology("conflict-news")
    >>> "<Labels name=\\"trigger\\"" in eventset.build_label_config(onto)
    True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from eventset.errors import EventsetError
from eventset.schema import Entity, Event, Ontology, Role, load_ontology

__version__ = "0.1.0"

# Heavier entry points load on first use: `datasets` and the Label Studio SDK take
# seconds to import, and the CLI should not pay for what a command does not use.
_LAZY = {
    "build_label_config": "eventset.annotate.config",
    "build_dataset": "eventset.export.build",
    "load_events": "eventset.export.load",
    "score_files": "eventset.export.score",
}

__all__ = [
    "Entity",
    "Event",
    "EventsetError",
    "Ontology",
    "Role",
    "__version__",
    "build_dataset",
    "build_label_config",
    "load_events",
    "load_ontology",
    "score_files",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'eventset' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
