"""Whole-process measurements: wall time and peak RSS of a command run as a child process.

Each command runs under ``bench.rsswrap``, a small fresh process that reads the command's
``ru_maxrss`` from ``os.wait4`` and samples the PSS of the command's whole process tree (for
worker processes); the driver's own memory never reaches the numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message holds the tail of its log."""


@dataclass
class Sample:
    """One run: seconds of wall time and peak resident memory in MB."""

    wall_s: float
    peak_rss_mb: float


@dataclass
class Measurement:
    """Several runs of one command; medians are what the table reports."""

    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall_s(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return statistics.median(s.peak_rss_mb for s in self.samples)


def child_env() -> dict[str, str]:
    """Environment for measured commands: ``bench`` importable, no progress bars, offline HF."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.update(EVENTSET_PROGRESS="0", HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    env.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    return env


def run_once(command: Sequence[str], log: Path) -> Sample:
    """Run ``command`` to completion under ``bench.rsswrap`` and measure it.

    Example:
        >>> import tempfile
        >>> run_once([sys.executable, "-c", "pass"], Path(tempfile.mkdtemp()) / "log").wall_s > 0
        True
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    result = log.with_suffix(".rusage.json")
    result.unlink(missing_ok=True)
    wrapped = [sys.executable, "-m", "bench.rsswrap", str(result), "--", *command]
    with log.open("wb") as out:
        code = subprocess.call(
            wrapped, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT, env=child_env()
        )
    if code != 0 or not result.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise CommandFailed(f"{' '.join(command)} exited {code}:\n{tail}")
    usage = json.loads(result.read_text(encoding="utf-8"))
    # The larger of the biggest process's high-water mark and the sampled whole-tree PSS.
    peak_kb = max(usage["maxrss_kb"], usage.get("tree_pss_kb", 0))
    return Sample(wall_s=usage["wall_s"], peak_rss_mb=peak_kb / 1024)


@dataclass
class Contender:
    """A named command plus the output path to clear before each run."""

    name: str
    command: list[str]
    output: Path | None = None


def measure_paired(
    contenders: Sequence[Contender],
    repeats: int,
    log_dir: Path,
    on_sample: Callable[[str, Sample], None] | None = None,
) -> dict[str, Measurement]:
    """Run the contenders round-robin ``repeats`` times, so machine noise hits all of them alike."""
    results = {c.name: Measurement(c.name) for c in contenders}
    for round_number in range(repeats):
        for contender in contenders:
            if contender.output is not None:
                _clear(contender.output)
            log = log_dir / f"{_slug(contender.name)}-{round_number}.log"
            sample = run_once(contender.command, log)
            results[contender.name].samples.append(sample)
            if on_sample:
                on_sample(contender.name, sample)
    return results


def python_command(*args: str) -> list[str]:
    """``python -m ...`` with the interpreter running the benchmarks."""
    return [sys.executable, *args]


def _clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name).strip("-").lower()
