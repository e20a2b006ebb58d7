"""A stand-in for the client's side of ``import_documents`` only: what it is given to send.

It never talks to Label Studio; tests of the real exchange use ``support.labelstudio``.
"""

from __future__ import annotations

from typing import Any

from eventset.annotate.client import ProjectInfo
from eventset.annotate.config import build_label_config
from eventset.annotate.connection import Connection
from eventset.schema import load_ontology


class ImportRecorder:
    """Just what ``import_documents`` calls; records what it sends and the version it sets."""

    connection = Connection("http://127.0.0.1:9", "fake-key")  # never reached

    def __init__(self, model_version: str = "", ontology: str = "conflict-news") -> None:
        config = build_label_config(load_ontology(ontology))
        self.project = ProjectInfo(7, "demo", "", config, model_version)
        self.given: object = None  # what import_tasks was handed (a list, or a TaskSpool)
        self.payloads: list[dict[str, Any]] = []
        self.model_versions: list[str] = []

    def require_project(self, title: str) -> ProjectInfo:
        return self.project

    def task_text_keys(self, project_id: int) -> dict[str, str]:
        return {}

    def import_tasks(self, project_id, payloads, on_batch=None) -> list[int]:
        self.given = payloads
        self.payloads += payloads
        return list(range(len(self.payloads)))

    def set_model_version(self, project_id: int, model_version: str) -> None:
        self.model_versions.append(model_version)

    def sent_versions(self) -> set[str]:
        return {p["model_version"] for t in self.payloads for p in t.get("predictions", [])}
