"""Smoke test of the benchmark code on a few tasks: it runs and writes a table (no timings checked).

``bench`` is not an installed package, so it runs as ``python -m bench`` from the repository
root in a subprocess (putting the root on this process's ``sys.path`` would hide bare imports of
``schema``/``annotate``/``export`` in other tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_quick_run_writes_the_ratio_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nProse stays.\n", encoding="utf-8")
    options = (
        "--quick --only build,memory,parse,agreement,import-memory --sizes 12 --rss-sizes 12,24"
    )
    done = _run(
        "-m",
        "bench",
        *options.split(),
        "--agreement-tasks",
        "12",
        "--import-memory-docs",
        "12,24",
        "--work-dir",
        str(tmp_path / "work"),
        "--readme",
        str(readme),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nProse stays.\n")
    assert "bench:table:start" in text and "bench:table:end" in text
    assert "FAILED" not in text, text
    for row in (
        "| build 12 | converter CONLL2003 time / eventset build time |",
        "| build 12 | eventset build time / floor time |",
        "| memory 24 | eventset build peak RSS |",
        "| parse 12 | parse + validate time / floor parse time |",
        "| agreement 12 x 3 |",
        "| import memory | payloads spooled: peak RSS at 24 / at 12 documents |",
        "| import memory 24 docs | payloads memory |",
    ):
        assert row in text, row


def test_generator_is_deterministic_and_shaped_like_label_studio(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from bench.generate import ExportSpec, write_export;"
        "spec = ExportSpec(n_tasks=25, seed=3);"
        "write_export(Path(sys.argv[1]), spec); write_export(Path(sys.argv[2]), spec)"
    )
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    done = _run("-c", script, str(first), str(second))
    assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    tasks = json.loads(first.read_text(encoding="utf-8"))
    assert len(tasks) == 25
    annotations = [a for t in tasks for a in t["annotations"] if not a["was_cancelled"]]
    assert annotations
    for task in tasks:
        text = task["data"]["text"]
        assert 1500 <= len(text.encode("utf-8")) <= 5000
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                if item["type"] == "labels":
                    assert item["from_name"] in {"trigger", "entity"}
    blocks = {item.get("from_name") for a in annotations for item in a["result"]}
    assert {"trigger", "entity", "modality"} <= blocks
