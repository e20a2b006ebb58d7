"""The marker file of eventset's output folders, and what in such a folder is the user's.

Every folder eventset writes atomically (``eventset.export.atomic``) carries
``.eventset-output.json``: the kind of output (``dataset``, ``oneie``, ``brat``), the eventset
version, the SHA-256 of every file it wrote (``files``, by path relative to the folder) and every
folder it made (``folders``). ``check_contents`` refuses to let such a folder be replaced when it
holds anything eventset did not write there (notes, predictions, a notebook) or a file of
eventset's changed since: the replacement would delete them. What file browsers leave in any
folder they show (``VIEW_STATE``) is not the user's: it goes with the old folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from eventset.errors import InputError

MARKER = ".eventset-output.json"
SHOWN = 10  # paths a refusal names; the rest are counted
SPLITS = ("train", "validation", "test")  # every split name --splits gives
_SPLIT = "(?:train|validation|test)"
_NONE = re.compile(r"(?!)")  # matches no path
# Regular files a file browser writes into any folder it shows, of that folder's view state
# only: macOS Finder, Windows Explorer (two), KDE Dolphin. Never the user's; nor is
# ``._<name>`` (macOS AppleDouble, on volumes that cannot hold its metadata) beside a file or
# folder ``<name>`` eventset wrote. Other hidden names (``.ipynb_checkpoints``, ``.git``) may
# hold the user's work and are the user's.
VIEW_STATE = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})
APPLEDOUBLE = "._"
# What every output of a kind holds, for markers without file lists (``legacy_contents``):
# kind -> (files, folders, pattern of the files inside those folders)
_ALWAYS: dict[str, tuple[set[str], set[str], re.Pattern[str]]] = {
    "dataset": (
        {"README.md", "issues.jsonl", "summary.json", "ontology.schema.json", "guidelines.md"},
        {"documents", "sentences", "raw"},
        re.compile(rf"(?:documents|sentences|raw)/{_SPLIT}(?:-\d{{5}}-of-\d{{5}})?\.parquet"),
    ),
    "oneie": ({f"{split}.jsonl" for split in SPLITS}, set(), _NONE),
    "brat": ({"annotation.conf", "doc_ids.tsv"}, set(SPLITS), _NONE),
}


def write_marker(folder: Path, kind: str) -> None:
    """Stamp ``folder`` as an eventset output of ``kind`` that holds what is in it now.

    Written last, once every other file of ``folder`` is complete: the marker lists them.
    """
    from eventset import __version__

    files: dict[str, str] = {}
    folders: list[str] = []
    for rel, entry in _entries(folder, lambda rel: True, []):
        if entry.is_dir(follow_symlinks=False):
            folders.append(rel)
        elif entry.is_file(follow_symlinks=False):
            files[rel] = _digest(Path(entry.path)) or ""
    marker = {"kind": kind, "version": __version__, "files": files, "folders": sorted(folders)}
    content = json.dumps(marker, indent=1, sort_keys=True) + "\n"
    (folder / MARKER).write_text(content, encoding="utf-8", newline="\n")


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The JSON object in ``folder``'s marker file, or None when it has no readable one."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def output_kind(folder: Path) -> str | None:
    """The kind in ``folder``'s marker file, or None when it has no readable marker.

    Example:
        >>> output_kind(Path("/nonexistent"))
    """
    kind = (read_marker(folder) or {}).get("kind")
    return kind if isinstance(kind, str) else None


def check_contents(folder: Path, kind: str, shown: Path | None = None) -> None:
    """Refuse to replace ``folder`` (an output of ``kind``) when that would delete user files.

    Anything its marker does not list (a file, a folder, a link) is the user's, and so is a
    listed file whose SHA-256 is no longer the one recorded; a file browser's file
    (``VIEW_STATE``) is not. A marker of an eventset before the lists (``legacy_contents``)
    holds only the names every output of its kind has.
    """
    shown = shown or folder
    marker = read_marker(folder) or {}
    files, folders = marker.get("files"), marker.get("folders")
    if (
        isinstance(files, dict)
        and isinstance(folders, list)
        and all(isinstance(v, str) for v in (*files, *files.values(), *folders))
    ):
        found = user_contents(folder, files, folders)
        before = ""
    else:
        found = legacy_contents(folder, kind)
        version = marker.get("version")
        before = (
            f"{shown} was written by an older eventset"
            f"{f' ({version})' if isinstance(version, str) else ''} whose marker does not list "
            f"the files it wrote, so anything but the files every {kind} output holds counts "
            "as yours, and so does such a file modified after the marker was written; "
        )
    if not found:
        return
    nested = _nested_outputs(folder, found)
    edited = sum(changed for _, changed in found)
    what = []
    if edited + len(nested) < len(found):
        others = len(found) - edited - len(nested)
        what.append(f"{others} file(s) or folder(s) that eventset did not write")
    if nested:
        what.append(
            f"{len(nested)} folder(s) that another eventset command wrote into it later (not "
            f"part of this {kind} output)"
        )
    if edited:
        what.append(f"{edited} file(s) that eventset wrote and that were changed since")
    names = [_described(rel, changed, nested) for rel, changed in found]
    more = len(names) - SHOWN
    listing = ", ".join(_printable(name) for name in names[:SHOWN])
    stale = (
        " (an output made from this one, such as `eventset convert`'s, would be out of date "
        "after it is replaced: write it again then, to a folder outside this one)"
        if nested
        else ""
    )
    raise InputError(
        f"{before}{shown} holds {' and '.join(what)}: "
        f"{listing}{f', and {more} more' if more > 0 else ''}; replacing the folder would "
        "delete them, so nothing was changed",
        remedy=f"move them out of {shown} and run the command again, or pass --out with "
        f"another folder{stale}",
    )


def _nested_outputs(folder: Path, found: list[tuple[str, bool]]) -> dict[str, str]:
    """The folders among ``found`` that carry a marker of their own: ``{path/: kind}`` (an
    ``eventset convert --out`` inside a dataset folder). Still never deleted: the marker says
    eventset wrote them, not that nothing of the user's was added since."""
    nested = {}
    for rel, changed in found:
        kind = output_kind(folder / rel) if rel.endswith("/") and not changed else None
        if kind:
            nested[rel] = kind
    return nested


def _described(rel: str, changed: bool, nested: dict[str, str]) -> str:
    if changed:
        return f"{rel} (changed)"
    if rel in nested:
        command = "build" if nested[rel] == "dataset" else f"convert --to {nested[rel]}"
        return f"{rel} (written by eventset {command})"
    return rel


def user_contents(
    folder: Path, files: dict[str, str], folders: Collection[str]
) -> list[tuple[str, bool]]:
    """What in ``folder`` is not as the marker lists it: ``(path, changed)``, folders end in /.

    ``changed`` is True for a listed file whose content differs; a listed file that is gone
    loses nothing and is not reported, nor is a file browser's file (``VIEW_STATE``).
    """

    def changed(rel: str, path: Path) -> bool | None:
        return None if rel not in files else _digest(path) != files[rel]

    return _judged(folder, changed, set(folders), files.__contains__)


def legacy_contents(folder: Path, kind: str) -> list[tuple[str, bool]]:
    """What in ``folder`` an output of ``kind`` written before markers listed files never holds.

    Such a marker says nothing of the files, so only the names a build or convert always
    writes are taken for eventset's: the dataset's top-level files and its configs' split
    Parquet files; OneIE's split JSONL files; brat's ``annotation.conf``, ``doc_ids.tsv`` and
    the split files ``doc_ids.tsv`` maps. Of those, a file modified after the marker (eventset
    writes the marker last) is reported as changed. A file browser's file (``VIEW_STATE``) is
    not reported.
    """
    named, folders, inner = _ALWAYS.get(kind, (set(), set(), _NONE))
    folders = set(folders)
    if kind == "brat":
        mapped = _brat_files(folder)
        named = named | mapped
        folders |= {rel.partition("/")[0] for rel in mapped}
    try:
        stamp = (folder / MARKER).stat().st_mtime_ns
    except OSError:
        stamp = -1

    def written(rel: str) -> bool:
        return rel in named or inner.fullmatch(rel) is not None

    def changed(rel: str, path: Path) -> bool | None:
        if not written(rel):
            return None
        try:
            return path.stat().st_mtime_ns > stamp
        except OSError:
            return True

    return _judged(folder, changed, folders, written)


def _brat_files(folder: Path) -> set[str]:
    """The ``.txt`` and ``.ann`` files ``doc_ids.tsv`` maps (``split/name`` per line)."""
    try:
        lines = (folder / "doc_ids.tsv").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    files = set()
    for line in lines.splitlines()[1:]:
        name = line.partition("\t")[0]
        split, slash, stem = name.partition("/")
        if slash and split and stem and "/" not in stem and stem not in {".", ".."}:
            files |= {f"{name}.txt", f"{name}.ann"}
    return files


def _judged(
    folder: Path,
    changed: Callable[[str, Path], bool | None],
    folders: Collection[str],
    written: Callable[[str], bool],
) -> list[tuple[str, bool]]:
    """``(path, changed)`` of every entry of ``folder`` that is not eventset's as written.

    ``changed(rel, path)`` says of a regular file: None, not eventset's; False, eventset's as it
    wrote it; True, eventset's but changed. A folder not in ``folders`` is reported whole (its
    path ends in ``/``); a link or any other entry is never eventset's. A regular file that is
    not eventset's but a file browser's (``_view_state``, ``written(rel)`` saying which files
    eventset wrote) is not reported.
    """

    def ours(rel: str) -> bool:
        return rel == MARKER or rel in folders or written(rel)

    extra: list[tuple[str, bool]] = []
    edited: list[tuple[str, bool]] = []
    for rel, entry in _entries(folder, folders.__contains__, extra):
        if entry.is_dir(follow_symlinks=False):
            if rel not in folders:
                extra.append((f"{rel}/", False))
            continue
        regular = entry.is_file(follow_symlinks=False)
        verdict = changed(rel, Path(entry.path)) if regular else None
        if verdict is None:
            if not (regular and _view_state(rel, entry.name, ours)):
                extra.append((rel, False))
        elif verdict:
            edited.append((rel, True))
    return sorted(extra) + sorted(edited)


def _view_state(rel: str, name: str, ours: Callable[[str], bool]) -> bool:
    """Whether the file ``name`` at ``rel`` is one a file browser writes (``VIEW_STATE``).

    ``._<name>`` is only when ``ours`` says eventset wrote ``<name>`` in the same folder.

    Example:
        >>> _view_state("documents/.DS_Store", ".DS_Store", lambda rel: False)
        True
        >>> _view_state("._train.jsonl", "._train.jsonl", lambda rel: rel == "train.jsonl")
        True
        >>> _view_state("._notes.txt", "._notes.txt", lambda rel: rel == "train.jsonl")
        False
    """
    if name in VIEW_STATE:
        return True
    described = name.removeprefix(APPLEDOUBLE)
    if described == name or not described:
        return False
    # ``._.DS_Store``: Finder's own file, described, on a disk not formatted for macOS
    return described in VIEW_STATE or ours(rel[: len(rel) - len(name)] + described)


def _entries(
    folder: Path, descend: Callable[[str], bool], unreadable: list[tuple[str, bool]]
) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """``(relative path, entry)`` under ``folder``, the marker left out, never following links.

    Folders are yielded, and entered when ``descend(path)``; one that cannot be read is added
    to ``unreadable`` (its path ends in ``/``).
    """
    pending = [""]
    while pending:
        base = pending.pop()
        try:
            with os.scandir(folder / base if base else folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            unreadable.append((f"{base}/", False))
            continue
        for entry in entries:
            rel = f"{base}/{entry.name}" if base else entry.name
            if rel == MARKER:
                continue
            yield rel, entry
            if entry.is_dir(follow_symlinks=False) and descend(rel):
                pending.append(rel)


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file's content, or None when it cannot be read."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _printable(name: str) -> str:
    """``name`` as it can be printed (an undecodable byte of a file name as ``\\udcxx``)."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")
