"""Pull a project's full raw JSON export to a file, atomically, and count what is in it.

The raw export keeps region ids, relations, drafts, skipped annotations and ``completed_by``;
the export side (``eventset.export``) parses it. The file only replaces an older one once the
whole download has arrived and parses as a JSON list, and only an older export (or an empty
file): any other file at ``--out`` is refused before anything is downloaded.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.clienterrors import UnknownProject, list_command
from eventset.annotate.jsonguards import LoneSurrogate, NotAnArray
from eventset.annotate.localnet import process_alive
from eventset.annotate.progress import progress_bar
from eventset.annotate.rawjson import copy_lines, iter_array
from eventset.errors import InputError


@dataclass(frozen=True)
class PullSummary:
    """Counts of a pulled export; ``annotations`` excludes skipped ones."""

    path: Path
    tasks: int
    annotations: int
    skipped: int
    drafts: int
    predictions: int

    def describe(self) -> str:
        """The counts for the user, each noun in the singular or plural its count needs.

        Example:
            >>> PullSummary(Path("demo.json"), 1, 2, 0, 1, 0).describe()
            '1 task, 2 annotations, 0 skipped, 1 draft, 0 predictions -> demo.json'
        """
        return (
            f"{_counted(self.tasks, 'task')}, {_counted(self.annotations, 'annotation')}, "
            f"{self.skipped} skipped, {_counted(self.drafts, 'draft')}, "
            f"{_counted(self.predictions, 'prediction')} -> {self.path}"
        )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def count_export(tasks: Iterable[dict[str, Any]], path: Path) -> PullSummary:
    """Count tasks, submitted and skipped (``was_cancelled``) annotations, drafts, predictions.

    Example:
        >>> count_export([{"annotations": [{"was_cancelled": True}], "drafts": [{}]}], Path("x"))
        PullSummary(path=PosixPath('x'), tasks=1, annotations=0, skipped=1, drafts=1, predictions=0)
    """
    counts = dict.fromkeys(("tasks", "annotations", "skipped", "drafts", "predictions"), 0)
    for task in tasks:
        annotations = task.get("annotations") or []
        skipped = sum(1 for a in annotations if a.get("was_cancelled"))
        counts["tasks"] += 1
        counts["annotations"] += len(annotations) - skipped
        counts["skipped"] += skipped
        counts["drafts"] += len(task.get("drafts") or [])
        counts["predictions"] += len(task.get("predictions") or [])
    return PullSummary(path=path, **counts)


def pull_project(client: LabelStudioClient, title: str, out: Path) -> PullSummary:
    """Write the raw export of project ``title`` to ``out`` and return its counts.

    Example:
        >>> pull_project(client, "demo", Path("demo.json")).describe()  # doctest: +SKIP
        '3 tasks, 1 annotation, 0 skipped, 0 drafts, 1 prediction -> demo.json'
    """
    out = Path(out)
    check_out(out)
    try:
        project = client.require_project(title)
    except UnknownProject as exc:
        # Nothing to export from a project that does not exist: no "create it first" here.
        raise exc.for_reading(list_command(client.connection)) from None
    try:
        return _download(client, project.id, out)
    except OSError as exc:
        raise InputError(
            f"cannot write the export to {out} ({exc.strerror or type(exc).__name__})",
            remedy="pass an --out file in a folder you may write to (not an existing folder)",
        ) from None


# How much of an existing --out is read to tell an earlier export from another file.
EXPORT_HEAD_BYTES = 1 << 16
# A JSON list whose first item is an object (or an empty list), and the keys of a Label Studio
# task in that object: its integer id, and its annotations, predictions or data.
_LIST_START = re.compile(rb"\[\s*(\]|\{)")
_TASK_ID = re.compile(rb'"id"\s*:\s*\d')
_TASK_KEY = re.compile(rb'"(annotations|predictions|drafts)"\s*:\s*\[|"data"\s*:\s*\{')


def check_out(out: Path) -> None:
    """Refuse an ``--out`` the export cannot or must not be written to, before downloading: a
    folder, a path through a file, or an existing file that is not an earlier export.

    Example:
        >>> check_out(Path("/tmp/no-such-folder/export.json"))  # nothing there yet: fine
    """
    out = Path(out)
    # Before the (possibly long) download: a folder or a path through a file cannot be written.
    existing = next((p for p in (out, *out.parents) if p.exists()), None)
    if out.is_dir() or (existing is not None and existing != out and not existing.is_dir()):
        what = "is a folder" if out.is_dir() else f"is inside {existing}, which is a file"
        raise InputError(
            f"cannot write the export to {out}: it {what}",
            remedy="pass an --out file name such as exports/demo.json",
        )
    if existing == out:
        _refuse_other_file(out)


def _refuse_other_file(out: Path) -> None:
    # A pull replaces only what a pull (or Label Studio's JSON export) wrote, or an empty file:
    # --out pointing at a hand-written ontology or a document file must not destroy it.
    what = None
    if not out.is_file():
        what = "is not a regular file"
    else:
        try:
            with out.open("rb") as handle:
                head = handle.read(EXPORT_HEAD_BYTES)
        except OSError as exc:
            what = f"cannot be read to check that it is an earlier export ({exc.strerror})"
        else:
            if not looks_like_export(head):
                what = "exists and is not an earlier Label Studio JSON export"
    if what:
        raise InputError(
            f"will not write the export to {out}: it {what}, and a pull would replace it",
            remedy="choose another --out file (such as exports/demo.json), or delete or move "
            f"{out} first if it may be replaced",
        )


def looks_like_export(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a Label Studio JSON export (a list of
    tasks, or an empty list) or of an empty file; only the start is read, so a long first task
    is judged by its first keys.

    Example:
        >>> looks_like_export(b'[ {"id": 3, "annotations": [{"id": 1'), looks_like_export(b"")
        (True, True)
        >>> looks_like_export(b"from eventset import Event"), looks_like_export(b'[{"text": 1}]')
        (False, False)
    """
    head = head.lstrip()
    if not head:
        return True
    start = _LIST_START.match(head)
    if start is None:
        return False
    return start.group(1) == b"]" or bool(_TASK_ID.search(head) and _TASK_KEY.search(head))


def _download(client: LabelStudioClient, project_id: int, out: Path) -> PullSummary:
    # Into a temp file beside ``out``, rewritten with one task per line (the layout the build
    # reads fastest) into a second one, renamed over ``out`` only once complete and parsed.
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)
    download = _temp_beside(out, ".download")
    lines = _temp_beside(out, ".part")
    try:
        with download.open("wb") as handle, progress_bar("pulling", unit="bytes") as advance:
            for chunk in client.export_raw(project_id):
                handle.write(chunk)
                advance(len(chunk))
        with lines.open("wb") as handle:
            summary = count_export(copy_lines(_read_tasks(download), handle), out)
            # On disk before the rename: after a crash the old export or the whole new one
            # is there, never an empty or truncated file under the final name.
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(lines, 0o666 & ~_umask())  # mkstemp makes 0600; the export is not a secret
        os.replace(lines, out)
        _sync_folder(out.parent)
    finally:
        download.unlink(missing_ok=True)
        lines.unlink(missing_ok=True)
    return summary


def _temp_beside(out: Path, suffix: str) -> Path:
    # The pid in the name lets a later pull remove what a killed one left behind.
    prefix = f".{out.name}.{os.getpid()}-"
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=out.parent)
    os.close(fd)
    return Path(name)


def remove_stale_temps(out: Path) -> list[Path]:
    """Remove the temporary files of pulls to ``out`` whose process no longer runs (a pull
    killed mid-download leaves up to a whole export beside it); returns them."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(\d{{1,10}})-[a-z0-9_]{{8}}\.(download|part)")
    stale = []
    for entry in sorted(out.parent.iterdir()):  # not glob: the name may hold [ or *
        found = pattern.fullmatch(entry.name)
        if found and entry.is_file() and not process_alive(int(found.group(1))):
            entry.unlink(missing_ok=True)
            stale.append(entry)
    return stale


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _read_tasks(path: Path) -> Iterator[dict[str, Any]]:
    """The tasks of a downloaded export, streamed, each checked to be a JSON object."""
    with path.open("rb") as handle:
        head = handle.read(64).lstrip()
    if not head.startswith(b"["):
        shown = head[:1].decode("utf-8", "replace") or "nothing"
        raise InputError(
            f"the export starts with {shown!r}, expected a JSON list of tasks",
            remedy="pull again; check that the server is Label Studio 1.x",
        )
    try:
        for index, task in enumerate(iter_array(path)):
            if not isinstance(task, dict):
                raise InputError(
                    f"item {index} of the export is a JSON {type(task).__name__}, not a task",
                    remedy="pull again; check that the server is Label Studio 1.x",
                )
            yield task
    except NotAnArray as exc:
        remedy = "pull again; if it repeats, the server log explains the failed export"
        raise InputError(
            f"the export downloaded from Label Studio is not valid JSON ({exc})",
            remedy=exc.remedy if isinstance(exc, LoneSurrogate) else remedy,
        ) from None
