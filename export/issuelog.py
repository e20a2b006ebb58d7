"""``issues.jsonl``: issues encoded where they are found, written in task order by the build.

Workers turn their batch's issues into JSON lines (``encode_issues``), so only bytes and counts
travel to the build process, which appends them (``IssueLog``) and keeps nothing but counts.

Example:
    >>> lines = encode_issues([Issue("unknown_label", "label 'X' is not in the ontology", 7)])
    >>> lines.kinds, lines.severities
    ({'unknown_label': 1}, {'error': 1})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

import orjson

from eventset.schema.issues import Issue

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


@dataclass
class IssueLines:
    """Issues as JSON lines (UTF-8, keys sorted) plus their counts by kind and by severity."""

    data: bytes = b""
    kinds: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)


def encode_issues(issues: list[Issue]) -> IssueLines:
    """One JSON object per line for each issue, in order."""
    out = IssueLines(b"".join(orjson.dumps(issue, option=_OPTIONS) for issue in issues))
    for issue in issues:
        out.kinds[issue.kind] = out.kinds.get(issue.kind, 0) + 1
        out.severities[issue.severity] = out.severities.get(issue.severity, 0) + 1
    return out


class IssueLog:
    """Appends encoded issues to ``issues.jsonl`` and keeps only their counts."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.counts: dict[str, int] = {}
        self.severities: dict[str, int] = {"error": 0, "warning": 0, "info": 0}

    def add(self, lines: IssueLines) -> None:
        self.stream.write(lines.data)
        for mine, theirs in ((self.counts, lines.kinds), (self.severities, lines.severities)):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count

    @property
    def errors(self) -> int:
        return self.severities["error"]

    @property
    def warnings(self) -> int:
        return self.severities["warning"]

    def sorted_counts(self) -> dict[str, int]:
        """Counts by kind, most frequent first (ties by name)."""
        return dict(sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))
