"""Write a folder atomically: build it beside the target, then rename it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from eventset.errors import InputError


def check_replaceable(target: Path, owned: Callable[[Path], bool]) -> Path:
    """``target`` made absolute, after checking that replacing it cannot destroy user files.

    A missing target or an empty folder may be replaced; an existing folder only when ``owned``
    says eventset wrote it (``--out .`` must never wipe the working directory).
    """
    target = target.resolve()
    if target.exists() and not (target.is_dir() and (owned(target) or not any(target.iterdir()))):
        raise InputError(
            f"{target} exists and was not written by this eventset command; refusing to replace it",
            remedy="pass --out with a new folder name, or remove that folder first",
        )
    return target


@contextmanager
def atomic_folder(target: Path, owned: Callable[[Path], bool]) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``target`` only if the block succeeds.

    Example:
        >>> with atomic_folder(Path("out"), lambda p: False) as work:  # doctest: +SKIP
        ...     (work / "a.txt").write_text("hello")
    """
    target = check_replaceable(target, owned)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield work
        swap_into_place(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def swap_into_place(work: Path, target: Path) -> None:
    """Rename ``work`` to ``target``; an existing ``target`` is moved aside first, then removed."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(work, target)
    os.chmod(target, 0o755)  # mkdtemp makes the folder private; a dataset is meant to be shared
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
