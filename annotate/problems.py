"""Input errors collected while reading goes on, so that one run names all of them.

Example:
    >>> problems = Problems()
    >>> with problems.collect():
    ...     raise InputError("a.txt: the text is empty", remedy="remove it")
    >>> len(problems)
    1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from eventset.errors import InputError


class Problems:
    """Input errors collected while reading goes on, so that one run names all of them."""

    SHOWN = 50
    PER_FIX = 10  # errors shown above one remedy (an export given as documents: every task)

    def __init__(self) -> None:
        self.found: list[InputError] = []
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add(self, error: InputError) -> None:
        self.count += 1
        if len(self.found) < self.SHOWN:
            self.found.append(error)

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Collect an ``InputError`` raised inside the block instead of letting it through."""
        try:
            yield
        except InputError as exc:
            self.add(exc)

    def raise_any(self) -> None:
        """Raise the one error as it is, or one error listing them all."""
        if self.count == 1:
            raise self.found[0]
        if not self.count:
            return
        lines = []
        for remedy, errors in _by_remedy(self.found).items():
            lines += [f"  - {e.message}" for e in errors[: self.PER_FIX]]
            if len(errors) > self.PER_FIX:
                lines.append(f"  ... and {len(errors) - self.PER_FIX} more like these")
            if remedy:
                lines.append(f"    fix: {remedy}")
        if self.count > len(self.found):
            lines.append(f"  ... and {self.count - len(self.found)} more")
        raise InputError(
            f"{self.count} problems in the documents; nothing was imported:\n" + "\n".join(lines),
            remedy="fix or leave out each document listed, then run the same command again",
        )


def _by_remedy(errors: list[InputError]) -> dict[str | None, list[InputError]]:
    """``errors`` grouped by remedy, in the order each remedy first comes: one fix per kind."""
    groups: dict[str | None, list[InputError]] = {}
    for error in errors:
        groups.setdefault(error.remedy, []).append(error)
    return groups


def collecting(problems: Problems | None) -> AbstractContextManager[None]:
    """``problems.collect()``, or a block that lets errors through when there is no collector
    (a reader called on its own)."""
    return problems.collect() if problems is not None else nullcontext()
