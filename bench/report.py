"""The benchmark table: machine facts, medians, ratios against targets, and the README section.

``bench/README.md`` keeps its prose; only the part between ``TABLE_START`` and ``TABLE_END`` is
rewritten by each run.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.measure import Measurement

TABLE_START = "<!-- bench:table:start (written by `python -m bench`; edits here are lost) -->"
TABLE_END = "<!-- bench:table:end -->"
VERSIONED = (
    "eventset",
    "label-studio-sdk",
    "label-studio",
    "datasets",
    "polars",
    "pyarrow",
    "pydantic",
    "numpy",
    "orjson",
    "ijson",
)


@dataclass
class Ratio:
    """One comparison: ``value`` (a ratio or a quantity) checked against an optional target."""

    benchmark: str
    what: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = "" if self.met is None else ("met" if self.met else "MISSED")
        return [self.benchmark, self.what, f"{self.value:,.2f}{self.unit}", self.target, verdict]


def at_least(benchmark: str, what: str, value: float, limit: float, unit: str = "x") -> Ratio:
    """A ratio whose target is a lower bound."""
    return Ratio(benchmark, what, value, unit, f">= {limit:g}{unit}", value >= limit)


def at_most(benchmark: str, what: str, value: float, limit: float, unit: str = "x") -> Ratio:
    """A ratio whose target is an upper bound."""
    return Ratio(benchmark, what, value, unit, f"<= {limit:g}{unit}", value <= limit)


@dataclass
class Row:
    """One measured command in one benchmark."""

    benchmark: str
    measurement: Measurement
    note: str = ""

    def cells(self) -> list[str]:
        m = self.measurement
        runs = len(m.samples)
        return [
            self.benchmark,
            m.name,
            f"{m.wall_s:,.2f}",
            f"{m.peak_rss_mb:,.0f}",
            str(runs),
            self.note,
        ]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub Markdown table.

    Example:
        >>> print(markdown_table(["a", "b"], [["1", "2"]]))
        | a | b |
        |---|---|
        | 1 | 2 |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def machine_lines() -> list[str]:
    """Where and with what the numbers were measured."""
    cpu = _cpu_model()
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{name} {_version(name)}" for name in VERSIONED)
    return [
        f"- Measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {cpu}, {os.cpu_count()} CPUs, {memory_gb:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}",
        f"- Python {sys.version.split()[0]}; {versions}",
    ]


def render(rows: list[Row], ratios: list[Ratio], settings: str, notes: list[str]) -> str:
    """The whole generated section (between the markers)."""
    parts = ["\n".join(machine_lines()), f"- Settings: {settings}", ""]
    parts.append("### Ratios and targets\n")
    parts.append(
        markdown_table(
            ["benchmark", "ratio / quantity", "value", "target", ""], [r.cells() for r in ratios]
        )
    )
    parts.append("\n### Medians (whole process)\n")
    header = ["benchmark", "command", "wall s", "peak RSS MB", "runs", "note"]
    parts.append(markdown_table(header, [r.cells() for r in rows]))
    if notes:
        parts.append("\n### Notes from this run\n")
        parts.append("\n".join(f"- {note}" for note in notes))
    return "\n".join(parts) + "\n"


def rewrite_readme(readme: Path, section: str) -> None:
    """Replace the generated section of ``readme`` (atomically); append markers if absent."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = f"{TABLE_START}\n{section}{TABLE_END}"
    if TABLE_START in text and TABLE_END in text:
        head, rest = text.split(TABLE_START, 1)
        tail = rest.split(TABLE_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block + "\n"
    tmp = readme.with_name(readme.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, readme)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
