"""Smoke test of the import benchmark against a real Label Studio (no timings checked).

The benchmark starts its own server on a data dir in its work dir; a copy of the tests' template
data dir makes that start take seconds instead of a minute of migrations.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.labelstudio import RUNTIME_FILES, ensure_template

from eventset.annotate.localnet import free_port
from eventset.annotate.server import server_status

pytestmark = pytest.mark.labelstudio
REPO_ROOT = Path(__file__).resolve().parents[2]


def test_the_import_benchmark_runs_and_stops_the_server_it_started(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    work = tmp_path / "work"
    template = ensure_template(request.config.rootpath)
    shutil.copytree(template, work / "labelstudio", ignore=shutil.ignore_patterns(*RUNTIME_FILES))
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n", encoding="utf-8")
    args = ["--quick", "--only", "import", "--import-docs", "20", "--port", str(free_port())]
    done = subprocess.run(
        [sys.executable, "-m", "bench", *args, "--work-dir", str(work), "--readme", str(readme)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        text = readme.read_text(encoding="utf-8")
        assert "FAILED" not in text, text
        what = "payload building + pre-annotation time / bulk import call time"
        assert f"| import 20 docs | {what} |" in text
        assert "| import 20 docs | bulk import calls |" in text
        assert not server_status(work / "labelstudio").running
    finally:
        if server_status(work / "labelstudio").running:  # only if the benchmark failed to
            from eventset.annotate.server import stop_server

            stop_server(work / "labelstudio")
