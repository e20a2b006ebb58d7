"""Parse + validate, agreement, and import benchmarks (each paired with its comparison)."""

from __future__ import annotations

from bench.generate import ExportSpec, ensure_documents, ensure_export
from bench.measure import Contender, Measurement, measure_paired, python_command
from bench.report import Ratio, Row, at_most
from bench.suites import Settings, progress

IMPORT_OVERHEAD_LIMIT = 0.20


def _library(name: str, workload: str, export: object) -> Contender:
    return Contender(name, python_command("-m", "bench.library", workload, str(export)))


def _rate(n: int, m: Measurement) -> float:
    return n / m.wall_s


def run_parse(settings: Settings) -> tuple[list[Row], list[Ratio]]:
    """Parsing + validation alone against a parse-only floor, in tasks per second."""
    n = settings.build_sizes[0]
    export = ensure_export(settings.work_dir, ExportSpec(n_tasks=n))
    contenders = [
        _library("eventset parse + validate", "parse", export),
        _library("floor parse (orjson)", "floor-parse", export),
    ]
    found = measure_paired(contenders, settings.repeats_for(n), settings.log_dir, progress)
    label = f"parse {n:,}"
    ours, floor = found["eventset parse + validate"], found["floor parse (orjson)"]
    ratios = [
        Ratio(
            label, "eventset parse + validate, tasks/s (whole process)", _rate(n, ours), " tasks/s"
        ),
        Ratio(label, "floor parse, tasks/s (whole process)", _rate(n, floor), " tasks/s"),
        Ratio(label, "parse + validate time / floor parse time", ours.wall_s / floor.wall_s, "x"),
    ]
    return [Row(label, m) for m in found.values()], ratios


def run_agreement(settings: Settings) -> tuple[list[Row], list[Ratio]]:
    """Agreement and scoring on N tasks x 3 annotators vs. parse + validate of the same file."""
    n = settings.agreement_tasks
    spec = ExportSpec(n_tasks=n, min_annotators=3, max_annotators=3)
    export = ensure_export(settings.work_dir, spec)
    contenders = [
        _library("eventset parse + validate + agreement", "agreement", export),
        _library("eventset parse + validate", "parse", export),
    ]
    found = measure_paired(contenders, settings.repeats_for(n), settings.log_dir, progress)
    label = f"agreement {n:,} x 3"
    full, base = found["eventset parse + validate + agreement"], found["eventset parse + validate"]
    extra = max(full.wall_s - base.wall_s, 0.0)
    ratios = [
        Ratio(label, "agreement + scoring time on top of parse + validate", extra, " s"),
        Ratio(
            label,
            "(parse + validate + agreement) time / (parse + validate) time",
            full.wall_s / base.wall_s,
            "x",
        ),
        Ratio(label, "tasks/s with agreement (whole process)", _rate(n, full), " tasks/s"),
    ]
    return [Row(label, m) for m in found.values()], ratios


def run_import(settings: Settings) -> tuple[list[Row], list[Ratio]]:
    """Payload building with pre-annotation vs. the bulk import calls on a real local server."""
    from bench.importing import measure_import

    n = settings.import_docs
    found = measure_import(settings, n)
    label = f"import {n:,} docs"
    build, calls = found["payload building + pre-annotation"], found["bulk import calls"]
    share = 100 * build.wall_s / calls.wall_s
    what = "payload building + pre-annotation time / bulk import call time"
    ratio = at_most(label, what, share, 100 * IMPORT_OVERHEAD_LIMIT, "%")
    notes = {
        "payload building + pre-annotation": "timed in the driver: read, pre-annotate, payloads",
        "bulk import calls": "timed in the driver; includes the server's work",
    }
    return [Row(label, m, notes.get(m.name, "")) for m in found.values()], [ratio]


def run_import_memory(settings: Settings) -> tuple[list[Row], list[Ratio]]:
    """Peak RSS of building an import's payloads: spooled to disk (``eventset import``) and all
    in memory (as before session 10), at each size of ``settings.import_memory_docs``."""
    rows: list[Row] = []
    spooled: dict[int, Measurement] = {}
    for n in settings.import_memory_docs:
        docs = ensure_documents(settings.work_dir, n)
        contenders = [
            Contender(
                f"payloads {how}", python_command("-m", "bench.tools", "payloads", str(docs), how)
            )
            for how in ("spool", "memory")
        ]
        found = measure_paired(contenders, 1, settings.log_dir, progress)
        label = f"import memory {n:,} docs"
        rows += [Row(label, m) for m in found.values()]
        spooled[n] = found["payloads spool"]
    ratios = []
    if len(spooled) > 1:
        small, big = min(spooled), max(spooled)
        growth = spooled[big].peak_rss_mb / spooled[small].peak_rss_mb
        what = f"payloads spooled: peak RSS at {big:,} / at {small:,} documents"
        ratios.append(Ratio("import memory", what, growth, "x"))
    return rows, ratios
