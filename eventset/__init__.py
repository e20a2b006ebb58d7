"""eventset: build event-extraction datasets from news.

ontology (``eventset.schema``) -> Label Studio config, tasks, sync, pull (``eventset.annotate``)
-> validated records and a Hugging Face dataset (``eventset.export``).
"""

from eventset.errors import EventsetError
from eventset.schema import Entity, Event, Ontology, Role, load_ontology

__version__ = "0.1.0"

__all__ = [
    "Entity",
    "Event",
    "EventsetError",
    "Ontology",
    "Role",
    "__version__",
    "load_ontology",
]
