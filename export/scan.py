"""First, cheap pass over an export: doc ids, groups for splitting, metadata fields, duplicates.

Per task only hashes of its doc id and split group and one flag are kept (33 bytes), so memory
barely grows with the number of documents and not at all with their size.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from eventset.annotate.parse import iter_raw, open_export, parse_task
from eventset.annotate.rawjson import ArrayReader
from eventset.errors import InputError
from eventset.export.rows import meta_value
from eventset.export.splits import assign_codes, rank


@dataclass
class Scan:
    """What the second pass needs before writing the first row, in a few bytes per task.

    Doc ids and group keys are kept as 128-bit hashes, not strings, so that the scan of 300,000
    tasks holds about 10 MB instead of hundreds.
    """

    ids: array[int] = field(default_factory=lambda: array("Q"))  # 2 per task: doc id hash
    groups: array[int] = field(default_factory=lambda: array("Q"))  # 2 per task: group rank
    annotated: bytearray = field(default_factory=bytearray)  # per task
    meta_fields: list[str] = field(default_factory=list)
    reader: ArrayReader | None = None  # knows whether the export has one task per line

    @property
    def tasks(self) -> int:
        return len(self.annotated)


@dataclass
class SplitPlan:
    """Per task (by its index in the export): split number and whether its doc id came before."""

    names: list[str]
    codes: npt.NDArray[np.uint8]
    duplicate: npt.NDArray[np.bool_]

    def split(self, index: int) -> str:
        return self.names[self.codes[index]]


def scan_export(path: str | Path, group_by: str | None = None, seed: int = 0) -> Scan:
    """Collect doc id hashes, the seeded ranks of their split groups and metadata field names."""
    _check_array(Path(path))
    scan = Scan()
    fields: dict[str, None] = {}
    missing_group = 0
    scan.reader = open_export(path)
    for index, raw in enumerate(iter_raw(scan.reader)):
        task = parse_task(raw, index, annotations=False)
        fields.update(dict.fromkeys(task.meta))
        group = task.meta.get(group_by) if group_by else None
        missing_group += group_by is not None and group is None
        key = f"group:{meta_value(group)}" if group is not None else f"doc:{task.doc_id}"
        scan.ids.extend(_hash(task.doc_id))
        scan.groups.extend(rank(seed, key))
        scan.annotated.append(task.annotated)
    if group_by and missing_group == scan.tasks and scan.tasks:
        raise InputError(
            f"--group-by {group_by!r}: no task has that metadata field",
            remedy=f"use one of: {', '.join(fields) or '(no metadata fields)'}",
        )
    _check_content(Path(path), scan)
    scan.meta_fields = sorted(fields)
    return scan


def _hash(doc_id: str) -> tuple[int, int]:
    digest = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:], "big")


def _check_array(path: Path) -> None:
    """Refuse a file whose top level is not a JSON array, before reading it, with a remedy."""
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
    if not scan.tasks:
        raise InputError(
            f"{path} holds no tasks", remedy="export a project that has tasks, or check the file"
        )
    if not any(scan.annotated):
        raise InputError(
            f"{path} has {scan.tasks} task(s) but none with a submitted annotation, so "
            "the dataset would be empty",
            remedy="annotate and submit some tasks (drafts and skipped tasks do not count), "
            "then export again",
        )


def split_documents(scan: Scan, fractions: dict[str, float]) -> SplitPlan:
    """Split of every task; proportions are over annotated documents only.

    A repeated doc id is marked ``duplicate`` and follows the split of its first task. Documents
    without a submitted annotation appear only in the raw config; they follow their group's split
    when it has annotated documents, else get one of their own.
    """
    ids = np.frombuffer(scan.ids, dtype=np.uint64).reshape(-1, 2)
    _, first, doc_of = np.unique(ids, axis=0, return_index=True, return_inverse=True)
    doc_of = doc_of.reshape(-1)
    duplicate = first[doc_of] != np.arange(scan.tasks)
    ranks = np.frombuffer(scan.groups, dtype=np.uint64).reshape(-1, 2)[first]
    _, group_of = np.unique(ranks, axis=0, return_inverse=True)  # numbered in seeded order
    group_of = group_of.reshape(-1)
    annotated = np.frombuffer(bytes(scan.annotated), dtype=np.uint8)[first].astype(bool)
    codes = np.zeros(len(first), dtype=np.uint8)
    codes[annotated] = assign_codes(group_of[annotated], fractions)
    of_group = np.full(int(group_of.max()) + 1, 255, dtype=np.uint8)
    of_group[group_of[annotated]] = codes[annotated]
    rest = ~annotated
    follows = rest & (of_group[group_of] != 255)
    codes[follows] = of_group[group_of[follows]]
    loose = rest & ~follows
    codes[loose] = assign_codes(group_of[loose], fractions)
    return SplitPlan(list(fractions), codes[doc_of], duplicate)
