"""Worker pools of a build or an import: forked where possible, and killed outright by SIGTERM."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any

WORKERS_ENV = "EVENTSET_WORKERS"  # a number of worker processes; 0: everything in one process


def workers_wanted(most: int) -> int:
    """``$EVENTSET_WORKERS`` when set, else one per usable CPU up to ``most``; none on one CPU
    (a worker would only take the CPU from the process that feeds it)."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit():
        return int(configured)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, most) if (cpus or 1) > 1 else 0


def fork_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Any:
    """A pool of ``workers`` processes (fork keeps the imported modules), each running
    ``initializer(*initargs)`` after taking the default action for SIGTERM and ignoring SIGINT
    (Ctrl-C is the parent's to handle: it stops the pool).

    A worker inherits the CLI's Python-level SIGTERM handler (``eventset.cli``), which acts only
    when the worker runs Python code. ``Pool.terminate`` holds the task queue's lock and then
    sends SIGTERM; a signal landing between a worker's failed try for that lock and its blocking
    wait was noted but never acted on, and the build hung in ``join`` (about 1 run in 10 with 4
    workers). With the default action the kernel ends the worker at once.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(workers, initializer=_start, initargs=(initializer, initargs))


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool (and says
    # so once); a worker that took it too printed a traceback of wherever it was.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
