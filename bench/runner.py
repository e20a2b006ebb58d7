"""Run the selected suites in order and collect rows, ratios and notes; a failing suite is noted,
not fatal, so one broken command still leaves the other numbers."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from bench.measure import CommandFailed, Measurement
from bench.report import Ratio, Row
from bench.suites import Settings, memory_ratios, run_build, run_memory
from bench.workloads import run_agreement, run_import, run_import_memory, run_parse

SUITES = ("build", "memory", "parse", "agreement", "import", "import-memory")


@dataclass
class Results:
    """Everything the report needs."""

    rows: list[Row] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _wanted(settings: Settings, suite: str) -> bool:
    return not settings.only or suite in settings.only


def run_suites(settings: Settings) -> Results:
    """Run every wanted suite; failures become notes (and ``failed``) instead of exceptions."""
    results = Results()
    builds: dict[int, Measurement] = {}
    if _wanted(settings, "build"):
        for n in settings.build_sizes:
            _guarded(results, f"build {n:,}", partial(_build, settings, n, results, builds))
    if _wanted(settings, "memory"):
        _guarded(results, "memory", lambda: _memory(settings, results, builds))
    for suite, run in (
        ("parse", run_parse),
        ("agreement", run_agreement),
        ("import", run_import),
        ("import-memory", run_import_memory),
    ):
        if _wanted(settings, suite):
            _guarded(results, suite, partial(_extend, results, run, settings))
    results.notes.extend(settings.notes)
    return results


def _build(settings: Settings, n: int, results: Results, builds: dict[int, Measurement]) -> None:
    print(f"build {n:,} tasks", flush=True)
    rows, ratios, build = run_build(settings, n)
    results.rows += rows
    results.ratios += ratios
    builds[n] = build


def _memory(settings: Settings, results: Results, builds: dict[int, Measurement]) -> None:
    print(f"memory at {', '.join(f'{n:,}' for n in settings.rss_sizes)} tasks", flush=True)
    rows, measured = run_memory(settings, builds)
    results.rows += rows
    results.ratios += memory_ratios(measured)


def _extend(
    results: Results, run: Callable[[Settings], tuple[list[Row], list[Ratio]]], settings: Settings
) -> None:
    rows, ratios = run(settings)
    results.rows += rows
    results.ratios += ratios


def _guarded(results: Results, name: str, action: Callable[[], object]) -> None:
    try:
        action()
    except CommandFailed as exc:
        results.failed.append(name)
        results.notes.append(f"{name}: FAILED: {_first_lines(str(exc))}")
        print(f"{name} failed:\n{exc}", flush=True)
    except Exception as exc:  # report it and go on with the other suites
        results.failed.append(name)
        results.notes.append(f"{name}: FAILED: {type(exc).__name__}: {_first_lines(str(exc))}")
        traceback.print_exc()


def _first_lines(text: str, limit: int = 300) -> str:
    flat = " ".join(line.strip() for line in text.strip().splitlines()[-4:])
    return flat[:limit]
