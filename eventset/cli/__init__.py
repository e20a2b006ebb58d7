"""The ``eventset`` command line: a thin layer over the library.

Each command module parses options, calls one library function and prints; library errors
(``EventsetError``) become ``Error: ...`` plus the remedy and exit code 1.
"""

from __future__ import annotations

import errno
import os
import platform
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Before anything imports pyarrow: its default allocator on Linux (mimalloc) kept a build's freed
# batches, so peak memory grew with the corpus; jemalloc's did not (see bench/README.md). An
# explicit setting by the user wins. Only where pyarrow's wheels ship jemalloc (Linux x86_64);
# naming a pool that a build lacks makes Arrow print a warning.
if sys.platform == "linux" and platform.machine() == "x86_64":
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

import typer
from typer.core import TyperCommand, TyperGroup

from eventset.errors import EventsetError


class _Group(TyperGroup):
    """Turns eventset's own errors into clean ``Error: ...`` messages (no traceback)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            with _termination_unwinds():
                return super().invoke(ctx)
        except EventsetError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except OSError as exc:
            if exc.errno not in _SYSTEM_LIMITS:
                raise
            # The outputs are written atomically: what was there before is still there.
            where = f" ({exc.filename})" if exc.filename else ""
            typer.echo(
                f"Error: {exc.strerror}{where}; nothing was replaced\n"
                "  How to fix: free space (or raise the limit) and run the command again",
                err=True,
            )
            raise typer.Exit(1) from None


# Disk full, quota, too many open files, no memory for a mapping: the machine's limits, not bugs.
_SYSTEM_LIMITS = {errno.ENOSPC, errno.EDQUOT, errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EFBIG}


@contextmanager
def _termination_unwinds() -> Iterator[None]:
    """Let SIGTERM (``kill``, ``timeout``, a cancelled CI job) unwind the command like Ctrl-C.

    Without it the process dies on the spot: a build's hidden work folder (hundreds of MB) stays
    beside its target and its worker processes lose their parent. The exit code stays 143.
    A forked process that still has the handler falls back to the default (dying at once); a
    build's pool workers drop it when they start (``eventset.export.pool``).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def stop(signum: int, frame: Any) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Command(TyperCommand):
    """A command whose usage line reads as the README writes it: ``eventset build EXPORT
    [OPTIONS]``, arguments by their upper-case names (typer's own: ``[OPTIONS] {export}``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # also in the help's argument list and its errors
            if param.param_type_name == "argument" and param.metavar is None and param.name:
                param.metavar = param.name.upper()

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [
            argument_usage(p) for p in self.get_params(ctx) if p.param_type_name == "argument"
        ]
        return [*pieces, self.options_metavar] if self.options_metavar else pieces


def argument_usage(argument: Any) -> str:
    """``NAME``, ``NAME...`` for several values, in brackets when it may be left out."""
    name = argument.metavar or str(argument.name).upper()
    name += "..." if argument.nargs == -1 else ""
    return name if argument.required else f"[{name}]"


class _Typer(typer.Typer):
    """Every command it registers is a ``_Command`` unless it names another class."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _Typer(
    cls=_Group,
    name="eventset",
    help="Build event-extraction datasets from news: ontology -> Label Studio -> Hugging Face.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register() -> None:
    # Each module adds its commands to `app`; importing them is the registration.
    from eventset.cli import dataset, demo, labelstudio, ontology, project, server  # noqa: F401


_register()


def main() -> None:
    """Console-script entry point."""
    app()
