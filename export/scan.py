"""First, cheap pass over an export: doc ids, groups for splitting, metadata fields, duplicates.

Only ids and small keys are kept, so memory grows with the number of documents, not their size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventset.annotate.parse import iter_tasks
from eventset.errors import InputError
from eventset.export.rows import meta_value


@dataclass
class Scan:
    """What the second pass needs to know before writing the first row."""

    groups: dict[str, str] = field(default_factory=dict)
    meta_fields: list[str] = field(default_factory=list)
    duplicates: set[int] = field(default_factory=set)


def scan_export(path: str | Path, group_by: str | None = None) -> Scan:
    """Collect doc ids, their split groups and metadata field names; note duplicate doc ids."""
    scan = Scan()
    fields: dict[str, None] = {}
    missing_group = 0
    for index, task in enumerate(iter_tasks(path, annotations=False)):
        fields.update(dict.fromkeys(task.meta))
        if task.doc_id in scan.groups:
            scan.duplicates.add(index)
            continue
        group = task.meta.get(group_by) if group_by else None
        missing_group += group_by is not None and group is None
        scan.groups[task.doc_id] = (
            f"group:{meta_value(group)}" if group is not None else f"doc:{task.doc_id}"
        )
    if group_by and missing_group == len(scan.groups) and scan.groups:
        raise InputError(
            f"--group-by {group_by!r}: no task has that metadata field",
            remedy=f"use one of: {', '.join(fields) or '(no metadata fields)'}",
        )
    scan.meta_fields = sorted(fields)
    return scan
