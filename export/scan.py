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
import orjson

from eventset.annotate.parse import iter_raw, open_export, parse_task
from eventset.annotate.rawjson import (
    ArrayReader,
    OtherLayout,
    copy_lines,
    iter_line_range,
    line_ranges,
    opens_line_per_item,
)
from eventset.errors import InputError
from eventset.export.rows import meta_value
from eventset.export.splits import assign_codes, rank, stable_codes
from eventset.pool import fork_pool


@dataclass
class Scan:
    """What the second pass needs before writing the first row, in a few bytes per task.

    Doc ids and group keys are kept as 128-bit hashes, not strings, so that the scan of 300,000
    tasks holds about 10 MB instead of hundreds.
    """

    ids: array[int] = field(default_factory=lambda: array("Q"))  # 2 per task: doc id hash
    groups: array[int] = field(default_factory=lambda: array("Q"))  # 2 per task: group rank
    annotated: bytearray = field(default_factory=bytearray)  # per task: SUBMITTED | NO_GROUP
    meta_fields: list[str] = field(default_factory=list)
    reader: ArrayReader | None = None  # knows whether the export has one task per line
    ungrouped: int = 0  # tasks without the --group-by field (each is a group of its own)

    @property
    def tasks(self) -> int:
        return len(self.annotated)

    def drop_hashes(self) -> None:
        """Free the doc id and group hashes once the split plan is made (32 bytes per task).

        Done before the workers fork, so that none of them carries the arrays either.
        """
        self.ids, self.groups = array("Q"), array("Q")


@dataclass
class SplitPlan:
    """Per task (by its index in the export): split number and whether its doc id came before."""

    names: list[str]
    codes: npt.NDArray[np.uint8]
    duplicate: npt.NDArray[np.bool_]
    ungrouped: int = 0  # documents of the dataset without the --group-by field

    def split(self, index: int) -> str:
        return self.names[self.codes[index]]


# Flags of a task in ``Scan.annotated``: it has a submitted annotation; it lacks the group field.
SUBMITTED, NO_GROUP = 1, 2

# Below this size one process scans faster than it could start others.
PARALLEL_MIN_BYTES = 8 << 20


def scan_export(
    path: str | Path,
    group_by: str | None = None,
    seed: int = 0,
    workers: int = 0,
    copy_to: Path | None = None,
) -> Scan:
    """Collect doc id hashes, the seeded ranks of their split groups and metadata field names.

    With ``workers`` > 1, a large export in the one-task-per-line layout is scanned in that
    many processes, each over its own byte range; the result is the same as in one process,
    which also takes over whenever a range does not fit the layout.

    ``copy_to``: an export in another layout (Label Studio's one-line download, pretty-printed
    JSON) is also written there one task per line while it is scanned, and the scan's reader
    reads the copy, so the second pass can run in workers too.
    """
    source = Path(path)
    _check_array(source)
    reader = open_export(source)
    found = None
    if workers > 1 and source.stat().st_size >= PARALLEL_MIN_BYTES:
        found = _scan_ranges(reader, group_by, seed, workers)
    if found is None and copy_to is not None and not opens_line_per_item(source):
        found, reader = _scan_copying(reader, group_by, seed, copy_to)
    if found is None:
        found = _Found(group_by, seed)
        for index, raw in enumerate(iter_raw(reader)):
            found.add(raw, index)
    scan = Scan(found.ids, found.groups, found.annotated, sorted(found.fields), reader)
    scan.ungrouped = found.missing_group
    if group_by and found.missing_group == scan.tasks and scan.tasks:
        raise InputError(
            f"--group-by {group_by!r}: no task has that metadata field",
            remedy=f"use one of: {', '.join(scan.meta_fields) or '(no metadata fields)'}",
        )
    _check_content(source, scan)
    return scan


class _Found:
    """What the scan keeps of the tasks seen so far (in one process, or in one byte range)."""

    def __init__(self, group_by: str | None, seed: int) -> None:
        self.group_by, self.seed = group_by, seed
        self.ids: array[int] = array("Q")
        self.groups: array[int] = array("Q")
        self.annotated = bytearray()
        self.fields: dict[str, None] = {}
        self.missing_group = 0
        self.spans: array[int] = array("Q")

    def add(self, raw: object, index: int) -> None:
        task = parse_task(raw, index, annotations=False)
        self.fields.update(dict.fromkeys(task.meta))
        group_by = self.group_by
        group = task.meta.get(group_by) if group_by else None
        missing = group_by is not None and group is None
        self.missing_group += missing
        key = f"group:{meta_value(group)}" if group is not None else f"doc:{task.doc_id}"
        self.ids.extend(_hash(task.doc_id))
        self.groups.extend(rank(self.seed, key))
        self.annotated.append(SUBMITTED * task.annotated | NO_GROUP * missing)

    def extend(self, other: _Found) -> None:
        self.ids.extend(other.ids)
        self.groups.extend(other.groups)
        self.annotated.extend(other.annotated)
        self.fields.update(other.fields)
        self.missing_group += other.missing_group
        self.spans.extend(other.spans)


def _scan_ranges(
    reader: ArrayReader, group_by: str | None, seed: int, workers: int
) -> _Found | None:
    """Scan byte ranges of the file in ``workers`` processes; None unless all fit the layout."""
    stamp = reader.stamp()
    ranges = line_ranges(reader.path, workers)
    if len(ranges) < 2:
        return None
    jobs = [
        (reader.path, begin, end, k == 0, k == len(ranges) - 1, group_by, seed)
        for k, (begin, end) in enumerate(ranges)
    ]
    with fork_pool(len(jobs)) as pool:
        parts = pool.map(_scan_range, jobs, chunksize=1)
    if any(part is None for part in parts) or reader.stamp() != stamp:
        return None
    found = _Found(group_by, seed)
    for part in parts:
        assert part is not None
        found.extend(part)
    reader.adopt_lines(found.spans, stamp)
    return found


def _scan_range(job: tuple[Path, int, int, bool, bool, str | None, int]) -> _Found | None:
    """One byte range (in a worker); None when it does not fit the one-task-per-line layout.

    Task indices here are local to the range, so a task that fails to parse also gives None:
    the scan in one process then reports it with its real index.
    """
    path, begin, end, first, last, group_by, seed = job
    found = _Found(group_by, seed)
    try:
        for index, (start, stop, raw) in enumerate(
            iter_line_range(path, begin, end, first=first, last=last)
        ):
            # the whole line was checked as orjson would (UTF-8, numbers, nesting; see
            # eventset.annotate.taskhead): the second pass may decode only the fields it reads
            if not isinstance(raw, dict) or "id" not in raw:
                return None  # a task without an id is named by its index in the whole file
            found.add(raw, index)
            found.spans.extend((start, stop))
    except (OtherLayout, InputError):
        return None
    return found


def _scan_copying(
    reader: ArrayReader, group_by: str | None, seed: int, copy: Path
) -> tuple[_Found | None, ArrayReader]:
    """Scan ``reader`` in this process and write its tasks to ``copy``, one per line.

    Returns what was found and a reader of the copy; (None, ``reader``) when orjson cannot
    write a task back: the caller then scans the original again, without a copy.
    """
    found = _Found(group_by, seed)
    spans: array[int] = array("Q")  # start and end byte of each task's line in the copy
    try:
        with copy.open("wb") as stream:
            for index, raw in enumerate(copy_lines(iter_raw(reader), stream, spans)):
                found.add(raw, index)
    except orjson.JSONEncodeError:
        copy.unlink(missing_ok=True)
        return None, reader
    copied = ArrayReader(copy)
    if spans:
        copied.adopt_lines(spans, copied.stamp())
    return found, copied


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
    if not np.any(np.frombuffer(bytes(scan.annotated), dtype=np.uint8) & SUBMITTED):
        raise InputError(
            f"{path} has {scan.tasks} task(s) but none with a submitted annotation, so "
            "the dataset would be empty",
            remedy="annotate and submit some tasks (drafts and skipped tasks do not count), "
            "then export again",
        )


def _owners(
    first: npt.NDArray[np.intp], doc_of: npt.NDArray[np.intp], submitted: npt.NDArray[np.bool_]
) -> npt.NDArray[np.intp]:
    """The task each document comes from: its first one with a submitted annotation, else its
    first one (a document's only annotated task is never set aside for an unannotated one)."""
    owner = first.copy()
    annotated = np.flatnonzero(submitted)
    docs, at = np.unique(doc_of[annotated], return_index=True)
    owner[docs] = annotated[at]
    return owner


def split_documents(scan: Scan, fractions: dict[str, float], stable: bool = False) -> SplitPlan:
    """Split of every task; proportions are over annotated documents only.

    ``stable``: each group's split follows from its seeded hash alone (``stable_codes``), so a
    document keeps its split as the export grows; the proportions hold on average only.

    A doc id belongs to its first task with a submitted annotation (its first task when none
    has one); its other tasks are marked ``duplicate`` and follow its split. Documents without a
    submitted annotation appear only in the raw config; they follow their group's split when it
    has annotated documents, else get one of their own.
    """
    ids = np.frombuffer(scan.ids, dtype=np.uint64).reshape(-1, 2)
    _, first, doc_of = np.unique(ids, axis=0, return_index=True, return_inverse=True)
    doc_of = doc_of.reshape(-1)
    flags = np.frombuffer(bytes(scan.annotated), dtype=np.uint8)
    submitted = (flags & SUBMITTED).astype(bool)
    owner = _owners(first, doc_of, submitted)
    duplicate = owner[doc_of] != np.arange(scan.tasks)
    ranks = np.frombuffer(scan.groups, dtype=np.uint64).reshape(-1, 2)[owner]
    written = submitted & ~duplicate  # the tasks whose documents make the dataset
    ungrouped = int(np.count_nonzero(written & (flags & NO_GROUP).astype(bool)))
    if stable:
        codes = stable_codes(ranks, fractions)  # per document, as below
        return SplitPlan(list(fractions), codes[doc_of], duplicate, ungrouped)
    _, group_of = np.unique(ranks, axis=0, return_inverse=True)  # numbered in seeded order
    group_of = group_of.reshape(-1)
    annotated = submitted[owner]
    codes = np.zeros(len(first), dtype=np.uint8)
    codes[annotated] = assign_codes(group_of[annotated], fractions)
    of_group = np.full(int(group_of.max()) + 1, 255, dtype=np.uint8)
    of_group[group_of[annotated]] = codes[annotated]
    rest = ~annotated
    follows = rest & (of_group[group_of] != 255)
    codes[follows] = of_group[group_of[follows]]
    loose = rest & ~follows
    codes[loose] = assign_codes(group_of[loose], fractions)
    return SplitPlan(list(fractions), codes[doc_of], duplicate, ungrouped)
