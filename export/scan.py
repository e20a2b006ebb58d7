"""First, cheap pass over an export: doc ids, groups for splitting, metadata fields, duplicates.

Only ids and small keys are kept, so memory grows with the number of documents, not their size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventset.annotate.parse import iter_raw, open_export, parse_task
from eventset.annotate.rawjson import ArrayReader
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
    reader: ArrayReader | None = None  # knows whether the export has one task per line


def scan_export(path: str | Path, group_by: str | None = None) -> Scan:
    """Collect doc ids, their split groups and metadata field names; note duplicate doc ids."""
    _check_array(Path(path))
    scan = Scan()
    fields: dict[str, None] = {}
    missing_group = 0
    scan.reader = open_export(path)
    for index, raw in enumerate(iter_raw(scan.reader)):
        task = parse_task(raw, index, annotations=False)
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
    _check_content(Path(path), scan)
    scan.meta_fields = sorted(fields)
    return scan


def _check_array(path: Path) -> None:
    """Refuse a file whose top level is not a JSON array (ijson would just yield nothing)."""
    if not path.is_file():
        return  # the parser names the missing file
    with path.open("rb") as stream:
        head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"["):
        shown = head[:1].decode("utf-8", "replace") or "nothing"
        raise InputError(
            f"{path} is not a Label Studio JSON export: its top level is {shown!r}, not a list "
            "of tasks",
            remedy="export in Label Studio's JSON format (a list of tasks), or use `eventset pull`",
        )


def _check_content(path: Path, scan: Scan) -> None:
    if not scan.groups:
        raise InputError(
            f"{path} holds no tasks", remedy="export a project that has tasks, or check the file"
        )
    if len(scan.unannotated) == len(scan.groups):
        raise InputError(
            f"{path} has {len(scan.groups)} task(s) but none with a submitted annotation, so "
            "the dataset would be empty",
            remedy="annotate and submit some tasks (drafts and skipped tasks do not count), "
            "then export again",
        )


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
