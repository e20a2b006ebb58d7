"""One progress-bar switch for annotate: rich bars, off when ``EVENTSET_PROGRESS=0``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Advance(Protocol):
    def __call__(self, amount: int) -> None: ...


def progress_enabled() -> bool:
    """False when ``EVENTSET_PROGRESS`` is 0/false/no (tests, CI logs)."""
    return os.environ.get("EVENTSET_PROGRESS", "1").strip().lower() not in {"0", "false", "no"}


@contextmanager
def progress_bar(description: str, total: int | None = None, unit: str = "") -> Iterator[Advance]:
    """Yield ``advance(n)``; draws a rich bar on stderr unless progress is switched off.

    Example:
        >>> with progress_bar("counting", total=3) as advance:
        ...     advance(3)
    """
    if not progress_enabled():
        yield lambda amount: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    counter = DownloadColumn() if unit == "bytes" else TextColumn("{task.completed}")
    columns = (TextColumn("{task.description}"), BarColumn(), counter, TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda amount: progress.advance(task, amount)
