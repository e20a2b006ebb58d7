"""Write a folder atomically: build it beside the target, then rename it into place.

Only an empty folder, or one whose marker (``eventset.export.marker``) says eventset wrote it as
the same kind of output and that holds nothing else (a file browser's ``.DS_Store`` and the
like aside, ``eventset.export.marker.VIEW_STATE``), may be replaced: a folder that merely looks
similar, such as one holding ``.jsonl`` files or a brat ``annotation.conf``, is never touched,
and neither are files the user added to an output folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from eventset.errors import InputError
from eventset.export.marker import (
    MARKER,
    VIEW_STATE,
    check_contents,
    output_kind,
    write_marker,
)

__all__ = [
    "MARKER",
    "atomic_folder",
    "check_replaceable",
    "discard_work",
    "output_kind",
    "write_marker",
]

# The parent folders each work folder's ``work_folder`` call created, deepest first: a failed
# run removes them again (``discard_work``) when nothing else was put there.
_MADE_PARENTS: dict[Path, list[Path]] = {}


def check_replaceable(target: Path, kind: str, inputs: Iterable[str | Path] = ()) -> Path:
    """``target`` made absolute, after checking that replacing it cannot destroy user files.

    A missing target or an empty folder may be replaced; an existing folder only when its marker
    says eventset wrote it as ``kind`` (``--out .`` must never wipe the working directory) and
    it holds nothing else than what the marker lists, a file browser's files aside
    (``check_contents``), and never when it holds one of ``inputs`` (an export kept inside the
    dataset folder it builds).
    """
    target = target.resolve()
    if not target.exists():
        return target
    for given in inputs:
        source = Path(given).resolve()
        if source == target or target in source.parents:
            raise InputError(
                f"{target} holds the input {source}; replacing the folder would delete it",
                remedy="pass --out with a folder that does not contain the input, or move the "
                "input out of it first",
            )
    check_folder(target, kind)
    return target


def check_folder(folder: Path, kind: str, shown: Path | None = None) -> None:
    """Refuse unless ``folder`` is empty or an untouched eventset output of ``kind``.

    ``shown`` is the name the messages use (the target, when ``folder`` is it set aside).
    """
    shown = shown or folder
    found = output_kind(folder) if folder.is_dir() else None
    if not folder.is_dir() or (found != kind and not _empty(folder)):
        what = (
            f"holds eventset {found} output, not {kind}" if found else "was not written by eventset"
        )
        raise InputError(
            f"{shown} exists and {what}; refusing to replace it",
            remedy="pass --out with a new folder name, or remove that folder first",
        )
    if found == kind:
        check_contents(folder, kind, shown)


@contextmanager
def atomic_folder(target: Path, kind: str, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``target`` only if the block succeeds.

    Example:
        >>> with atomic_folder(Path("out"), "oneie") as work:  # doctest: +SKIP
        ...     (work / "a.txt").write_text("hello")
    """
    target = check_replaceable(target, kind, inputs)
    work = work_folder(target)
    try:
        yield work
        write_marker(work, kind)
        swap_into_place(work, target, kind)
    finally:
        discard_work(work)


def work_folder(target: Path) -> Path:
    """A new hidden folder beside ``target`` to build it in (``.<name>.tmp-<pid>-...``).

    Leftovers of earlier runs that were killed outright (their process is gone) are removed
    first; a folder of a run still going on is never touched.
    """
    blocker = next((p for p in target.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise InputError(
            f"cannot write {target}: {blocker} is a file, not a folder",
            remedy="pass --out with a path whose parents are folders (or do not exist yet)",
        )
    made = [p for p in [target.parent, *target.parent.parents] if not p.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        prefix = f".{target.name}.tmp-{os.getpid()}-"
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    except OSError as exc:
        _remove_empty(made)
        raise InputError(
            f"cannot write {target}: {exc.strerror or type(exc).__name__} in {target.parent}",
            remedy="pass --out with a folder on a disk you may write to",
        ) from None
    _MADE_PARENTS[work] = made
    return work


def discard_work(work: Path) -> None:
    """Remove ``work`` and the parent folders its ``work_folder`` call created, as far as they
    are empty: after a success the output is in them; after a failure nothing the run made is
    left behind (a --strict build's issues file beside the target keeps its folder)."""
    shutil.rmtree(work, ignore_errors=True)
    _remove_empty(_MADE_PARENTS.pop(work, []))


def _remove_empty(folders: list[Path]) -> None:
    """Remove ``folders`` (deepest first) until one is not empty or cannot be removed."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the work and set-aside folders of ``target`` whose process no longer runs.

    Only names exactly as ``work_folder`` and ``swap_into_place`` make them; a run killed in
    the middle of a swap left the previous ``target`` set aside: it is put back, not removed.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(tmp|old)-(\d{{1,10}})-[a-z0-9_]{{8}}")
    dead: list[tuple[str, Path]] = []
    for folder in sorted(target.parent.iterdir()):  # not glob: the name may hold [ or *
        found = pattern.fullmatch(folder.name)
        if found and folder.is_dir() and not _running(int(found.group(2))):
            dead.append((found.group(1), folder))
    set_aside = [f / target.name for kind, f in dead if kind == "old"]
    set_aside = [kept for kept in set_aside if kept.is_dir()]
    if set_aside and not target.exists():
        # the dataset the killed run was replacing: the latest one set aside, if several
        os.replace(max(set_aside, key=lambda p: p.stat().st_mtime_ns), target)
    for _, folder in dead:
        shutil.rmtree(folder, ignore_errors=True)
    return [folder for _, folder in dead]


def _empty(folder: Path) -> bool:
    """Whether ``folder`` holds nothing, or only a file browser's files (``VIEW_STATE``): a new
    folder that was opened in Finder once is still new."""
    with os.scandir(folder) as entries:
        return all(e.name in VIEW_STATE and e.is_file(follow_symlinks=False) for e in entries)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True  # it exists, owned by someone else, or the name is not ours to judge
    return True


def swap_into_place(work: Path, target: Path, kind: str | None = None) -> None:
    """Rename ``work`` to ``target``; an existing ``target`` is moved aside first, then removed.

    With ``kind``, the folder set aside is checked again (``check_folder``) before it is
    removed: a file put into ``target`` while the output was being made puts it back, and
    the InputError says so. Set aside, it can get nothing new by its name.
    """
    old = None
    try:
        if target.exists():
            prefix = f".{target.name}.old-{os.getpid()}-"
            old = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
            os.replace(target, old / target.name)
            if kind is not None:
                check_folder(old / target.name, kind, shown=target)
        os.replace(work, target)
    except BaseException:  # stopped (SIGTERM, Ctrl-C) or failed between the two renames
        if old is not None and (old / target.name).exists() and not target.exists():
            os.replace(old / target.name, target)
            shutil.rmtree(old, ignore_errors=True)
        raise
    os.chmod(target, 0o755)  # mkdtemp makes the folder private; a dataset is meant to be shared
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
