"""First, cheap pass over an export: doc ids, groups for splitting, metadata fields, duplicates.

Only ids and small keys are kept, so memory grows with the number of documents, not their size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventset.annotate.parse import iter_tasks
from eventset.errors import InputError
from eventset.export.rows import meta_value
from eventset.export.splits import assign_splits


@dataclass
class Scan:
    """What the second pass needs to know before writing the first row."""

    groups: dict[str, str] = field(default_factory=dict)
    unannotated: set[str] = field(default_factory=set)
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
        if not task.annotated:
            scan.unannotated.add(task.doc_id)
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


def split_documents(scan: Scan, fractions: dict[str, float], seed: int) -> dict[str, str]:
    """Split of every doc id; proportions are over annotated documents only.

    Documents without a submitted annotation appear only in the raw config; they follow their
    group's split when it has annotated documents, else get one of their own.
    """
    annotated = {d: g for d, g in scan.groups.items() if d not in scan.unannotated}
    split_of = assign_splits(annotated, fractions, seed)
    of_group = {annotated[d]: s for d, s in split_of.items()}
    rest = {d: g for d, g in scan.groups.items() if d in scan.unannotated}
    loose = {d: g for d, g in rest.items() if g not in of_group}
    split_of.update(assign_splits(loose, fractions, seed) if loose else {})
    split_of.update({d: of_group[g] for d, g in rest.items() if g in of_group})
    return split_of
