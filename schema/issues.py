"""Collect-then-report validation: every problem found in annotations becomes an ``Issue``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import IO, Literal

Severity = Literal["error", "warning", "info"]  # info: a consequence of a chosen option


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as the input allows.

    ``kind`` is a stable snake_case code (``span_text_mismatch``, ``role_not_allowed`` ...);
    ``dropped`` says what was left out of the clean dataset because of it (``event``,
    ``argument``, ``entity``, ``relation``, ``annotation``, ``document``, ``label`` (the
    region stays with its other labels), ``choice`` (the default applies) or ``nothing``).
    """

    kind: str
    message: str
    task_id: int | str | None = None
    annotation_id: int | str | None = None
    region_id: str | None = None
    doc_id: str | None = None
    dropped: str = "nothing"
    severity: Severity = "error"

    def location(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("doc", self.doc_id),
                ("task", self.task_id),
                ("annotation", self.annotation_id),
                ("region", self.region_id),
            )
            if value is not None
        ]
        return ", ".join(parts) or "input"

    def __str__(self) -> str:
        return f"[{self.kind}] {self.location()}: {self.message}"


@dataclass
class IssueReport:
    """An append-only list of issues with counts by kind."""

    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: list[Issue]) -> None:
        self.issues.extend(issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def __bool__(self) -> bool:
        return bool(self.issues)

    def counts(self) -> dict[str, int]:
        """Issue counts by kind, most frequent first (ties by name)."""
        counter = Counter(issue.kind for issue in self.issues)
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def write_jsonl(self, stream: IO[str]) -> None:
        for issue in self.issues:
            stream.write(json.dumps(asdict(issue), ensure_ascii=False, sort_keys=True) + "\n")
