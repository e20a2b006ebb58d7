"""``python -m bench``: run the benchmarks, print the ratio table, rewrite bench/README.md.

Example:
    python -m bench --quick --no-readme      # a minute or two, small sizes, one run each
    python -m bench                          # the full suite (about half an hour on 2 cores)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.measure import REPO_ROOT
from bench.report import render, rewrite_readme
from bench.runner import SUITES, Results, run_suites
from bench.suites import Settings

DEFAULT_WORK_DIR = REPO_ROOT / "build" / "bench"
DEFAULT_README = REPO_ROOT / "bench" / "README.md"


def _size(text: str) -> int:
    return int(text.strip().lower().replace("_", "").replace("k", "000"))


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(_size(part) for part in text.split(","))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--only", default="", help=f"comma-separated subset of: {','.join(SUITES)}")
    parser.add_argument(
        "--work-dir", type=Path, default=DEFAULT_WORK_DIR, help="generated inputs, outputs, logs"
    )
    parser.add_argument("--sizes", type=_sizes, help="build sizes, e.g. 10k,100k")
    parser.add_argument("--rss-sizes", type=_sizes, help="memory sizes, e.g. 10k,100k,300k")
    parser.add_argument("--repeats", type=int, help="runs per command (median is reported)")
    parser.add_argument("--conll-max", type=_size, help="largest size that runs CONLL2003 too")
    parser.add_argument("--agreement-tasks", type=_size, help="tasks (x 3 annotators), e.g. 10k")
    parser.add_argument("--import-docs", type=_size, help="documents to import, e.g. 10k")
    parser.add_argument(
        "--import-memory-docs", type=_sizes, help="import memory sizes, e.g. 10k,100k"
    )
    parser.add_argument("--port", type=int, help="port of the import benchmark's Label Studio")
    parser.add_argument(
        "--readme",
        type=Path,
        default=DEFAULT_README,
        help="README whose table section is rewritten",
    )
    parser.add_argument(
        "--no-readme", action="store_true", help="print only; leave the README alone"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    work = args.work_dir.resolve()
    settings = Settings.quick(work) if args.quick else Settings(work)
    if args.sizes:
        settings.build_sizes = args.sizes
    if args.rss_sizes:
        settings.rss_sizes = args.rss_sizes
    if args.repeats:
        settings.repeats = args.repeats
    if args.conll_max:
        settings.conll_max = args.conll_max
    if args.agreement_tasks:
        settings.agreement_tasks = args.agreement_tasks
    if args.import_docs:
        settings.import_docs = args.import_docs
    if args.import_memory_docs:
        settings.import_memory_docs = args.import_memory_docs
    if args.port:
        settings.port = args.port
    unknown = {name for name in args.only.split(",") if name} - set(SUITES)
    if unknown:
        raise SystemExit(
            f"Error: unknown suite(s) {', '.join(sorted(unknown))}; use {', '.join(SUITES)}"
        )
    settings.only = frozenset(name for name in args.only.split(",") if name)
    return settings


def _readme_target(args: argparse.Namespace) -> Path | None:
    # A --quick or --only run must not replace the recorded full table by accident.
    if args.no_readme:
        return None
    if args.readme is not None:
        return Path(args.readme)
    return None if (args.quick or args.only) else DEFAULT_README


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    args = parse_args(argv)
    settings = settings_from(args)
    started = time.perf_counter()
    results: Results = run_suites(settings)
    elapsed = time.perf_counter() - started
    settings_text = f"{settings.describe()}; whole run {elapsed / 60:.1f} min"
    section = render(results.rows, results.ratios, settings_text, results.notes)
    out(section)
    readme = _readme_target(args)
    if readme is not None:
        rewrite_readme(readme, section)
        out(f"Table written to {readme}")
    elif not args.no_readme:
        out("README left alone (partial run); pass --readme PATH to write one anyway")
    missed = [r for r in results.ratios if r.met is False]
    if missed:
        out("Targets missed: " + "; ".join(f"{r.benchmark}: {r.what}" for r in missed))
    return 1 if (args.check and (missed or results.failed)) else 0


if __name__ == "__main__":
    sys.exit(main())
