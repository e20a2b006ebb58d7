"""The benchmarks: each pairs eventset with its comparison in the same run and yields ratios.

Every function takes ``Settings`` and returns ``(rows, ratios)`` for the report.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import ExportSpec, ensure_export
from bench.measure import Contender, Measurement, measure_paired, python_command
from bench.report import Ratio, Row, at_least, at_most

BUILD_SPEEDUP_VS_CONLL = 4.0
BUILD_VS_FLOOR = 3.0
RSS_LIMIT_MB = 600.0
RSS_GROWTH_LIMIT = 1.25


@dataclass
class Settings:
    """Sizes and repeats; ``quick()`` gives a run of a minute or two."""

    work_dir: Path
    build_sizes: tuple[int, ...] = (10_000, 100_000)
    rss_sizes: tuple[int, ...] = (10_000, 100_000, 300_000)
    repeats: int = 3
    large: int = 20_000  # from this size on, each command runs once
    # CONLL2003 is the slowest contender (about 45 s per 10k tasks); above this size it is skipped
    # to keep a full run near half an hour. JSON_MIN and the floor run at every size.
    conll_max: int = 10_000
    agreement_tasks: int = 10_000
    import_docs: int = 10_000
    import_memory_docs: tuple[int, ...] = (10_000, 100_000)
    port: int = 18110
    only: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
    # Logs of each run go to their own folder, so two runs never read each other's results.
    run_id: str = field(default_factory=lambda: f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")

    @property
    def log_dir(self) -> Path:
        return self.work_dir / "logs" / self.run_id

    @classmethod
    def quick(cls, work_dir: Path) -> Settings:
        return cls(
            work_dir,
            build_sizes=(300,),
            rss_sizes=(300, 1000),
            repeats=1,
            large=1000,
            agreement_tasks=300,
            import_docs=200,
            import_memory_docs=(200, 1000),
        )

    def repeats_for(self, n: int) -> int:
        return 1 if n >= self.large else self.repeats

    def describe(self) -> str:
        return (
            f"build sizes {_sizes(self.build_sizes)}, RSS sizes {_sizes(self.rss_sizes)}, "
            f"{self.repeats} runs per command below {self.large:,} tasks (1 run at or above), "
            f"agreement {self.agreement_tasks:,} tasks x 3 annotators, "
            f"import {self.import_docs:,} documents, import memory "
            f"{_sizes(self.import_memory_docs)} documents"
        )


def _sizes(sizes: tuple[int, ...]) -> str:
    return "/".join(f"{n:,}" for n in sizes)


def build_contenders(export: Path, out_root: Path, n: int, settings: Settings) -> list[Contender]:
    """eventset build, Label Studio's converter (CONLL2003, JSON_MIN) and the floor."""

    def contender(name: str, folder: str, *args: str) -> Contender:
        out = out_root / folder
        filled = [arg.format(export=export, out=out) for arg in args]
        return Contender(name, python_command("-m", *filled), out)

    converter = ("bench.tools", "converter", "{export}", "{out}")
    contenders = [
        contender("eventset build", "eventset", "eventset", "build", "{export}", "--out", "{out}"),
        contender("floor (orjson + Parquet)", "floor", "bench.tools", "floor", "{export}", "{out}"),
        contender("converter JSON_MIN", "json_min", *converter, "JSON_MIN"),
    ]
    if n <= settings.conll_max:
        contenders.append(contender("converter CONLL2003", "conll", *converter, "CONLL2003"))
    return contenders


def run_build(settings: Settings, n: int) -> tuple[list[Row], list[Ratio], Measurement]:
    """``eventset build`` on ``n`` tasks against its comparisons."""
    export = ensure_export(settings.work_dir, ExportSpec(n_tasks=n))
    out_root = settings.work_dir / f"out-build-{n}"
    contenders = build_contenders(export, out_root, n, settings)
    found = measure_paired(contenders, settings.repeats_for(n), settings.log_dir, progress)
    label = f"build {n:,}"
    build = found["eventset build"]
    ratios = []
    if "converter CONLL2003" in found:
        speedup = found["converter CONLL2003"].wall_s / build.wall_s
        what = "converter CONLL2003 time / eventset build time"
        ratios.append(at_least(label, what, speedup, BUILD_SPEEDUP_VS_CONLL))
    json_min = found["converter JSON_MIN"].wall_s / build.wall_s
    ratios.append(Ratio(label, "converter JSON_MIN time / eventset build time", json_min, "x"))
    slowdown = build.wall_s / found["floor (orjson + Parquet)"].wall_s
    ratios.append(at_most(label, "eventset build time / floor time", slowdown, BUILD_VS_FLOOR))
    return [Row(label, m) for m in found.values()], ratios, build


def memory_ratios(builds: dict[int, Measurement]) -> list[Ratio]:
    """Peak RSS per size against the limit, and its growth from the smallest to the largest size."""
    ratios = [
        at_most(f"memory {n:,}", "eventset build peak RSS", m.peak_rss_mb, RSS_LIMIT_MB, " MB")
        for n, m in sorted(builds.items())
    ]
    if len(builds) > 1:
        small, big = min(builds), max(builds)
        growth = builds[big].peak_rss_mb / builds[small].peak_rss_mb
        what = f"peak RSS at {big:,} / at {small:,} tasks (flat)"
        ratios.append(at_most("memory", what, growth, RSS_GROWTH_LIMIT))
    return ratios


def run_memory(
    settings: Settings, known: dict[int, Measurement]
) -> tuple[list[Row], dict[int, Measurement]]:
    """Peak RSS of ``eventset build`` at every RSS size, reusing build measurements already made."""
    rows: list[Row] = []
    builds = {n: known[n] for n in settings.rss_sizes if n in known}
    for n in settings.rss_sizes:
        if n in builds:
            continue
        export = ensure_export(settings.work_dir, ExportSpec(n_tasks=n))
        out = settings.work_dir / f"out-memory-{n}"
        command = python_command("-m", "eventset", "build", str(export), "--out", str(out))
        found = measure_paired(
            [Contender("eventset build", command, out)], 1, settings.log_dir, progress
        )
        builds[n] = found["eventset build"]
        rows.append(Row(f"memory {n:,}", builds[n]))
    return rows, builds


def progress(name: str, sample: object) -> None:
    print(f"  {name}: {sample}", flush=True)
