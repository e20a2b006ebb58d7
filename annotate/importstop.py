"""What an import stopped by Ctrl-C or SIGTERM had sent, said on its way out.

A failed batch becomes an error that says how many tasks arrived (``interrupted_import``). A
stop is no error: ``KeyboardInterrupt`` (Ctrl-C) and ``SystemExit`` (SIGTERM, which the CLI turns
into one so that the import lock and the spool are released on the way out, as for ``build``)
keep their type, and so the exit codes 130 and 143. The count rides on them as a note (PEP 678):
the CLI prints it, and Python shows it under the traceback (in a notebook too).

Example:
    >>> try:
    ...     with noted_when_stopped() as sending:
    ...         sending.start(3000)
    ...         sending.arrived(1000)
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt as stop:
    ...     print(stop.__notes__[0])
    Import interrupted after 1000 of 3000 tasks were imported ...; run the same import again: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

RERUN = (
    "run the same import again: documents already in the project are skipped, so the rest is "
    "added once"
)


class Sending:
    """How far one import got: the tasks it sends (None before sending starts), those arrived."""

    def __init__(self) -> None:
        self.total: int | None = None
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def arrived(self, count: int) -> None:
        """Count ``count`` more tasks that Label Studio has answered for (an ``on_batch``)."""
        self.done += count

    def counting(self, then: Callable[[int], None]) -> Callable[[int], None]:
        """An ``on_batch`` that counts the batch, then calls ``then`` (a progress bar)."""

        def on_batch(count: int) -> None:
            self.arrived(count)
            then(count)

        return on_batch

    def stopped(self) -> str:
        """What the user needs to hear when the import stops here."""
        if self.total is None:
            return f"Import interrupted before any task was sent, so none was imported; {RERUN}"
        # The batch on its way may have been stored although its answer never came back.
        maybe = "" if self.done >= self.total else " (the batch being sent may have arrived too)"
        return (
            f"Import interrupted after {self.done} of {self.total} tasks were imported{maybe}; "
            f"{RERUN}"
        )


@contextmanager
def noted_when_stopped() -> Iterator[Sending]:
    """Yield a ``Sending`` to keep up to date; a Ctrl-C or SIGTERM gets its count as a note."""
    sending = Sending()
    try:
        yield sending
    except (KeyboardInterrupt, SystemExit) as stop:
        stop.add_note(sending.stopped())
        raise
