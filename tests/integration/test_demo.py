"""The main job end to end: `eventset demo` starts a real Label Studio, syncs, imports, builds.

Runs the CLI as a separate process, as a user would, from a copy of the test template data dir
(so the server starts in seconds), twice: the second run must reuse everything.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest
from support.labelstudio import RUNTIME_FILES, ensure_template

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.connection import Connection
from eventset.annotate.credentials import read_credentials
from eventset.annotate.localnet import free_port
from eventset.annotate.server import ServerPaths, server_status, stop_server
from eventset.demo import DEMO_TITLE

pytestmark = pytest.mark.labelstudio
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "conflict-news"


@pytest.fixture
def demo_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    data_dir = tmp_path / "ls"
    shutil.copytree(
        ensure_template(request.config.rootpath),
        data_dir,
        ignore=shutil.ignore_patterns(*RUNTIME_FILES),
    )
    yield data_dir
    stop_server(data_dir)


def _demo(data_dir: Path, port: int, out: Path) -> str:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventset",
            "demo",
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
            "--out",
            str(out),
            "--examples",
            str(EXAMPLES),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"demo failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_demo_end_to_end_and_rerun(demo_dir: Path, tmp_path: Path) -> None:
    port, out = free_port(), tmp_path / "conflict-news"
    first = _demo(demo_dir, port, out)
    status = server_status(demo_dir)
    assert status.running and status.healthy, "the demo must leave Label Studio running"
    assert f"Label Studio keeps running at http://127.0.0.1:{port}" in first
    assert f"Project '{DEMO_TITLE}': created" in first
    # the advice never rebuilds into the gold dataset's folder
    assert f"build build/demo-export.json --out {out}-mine\n" in first
    # the printed pull finds this server: its data dir is not the default one
    resolved = demo_dir.resolve()
    assert (
        f'pull --project "{DEMO_TITLE}" --out build/demo-export.json --data-dir {resolved}\n'
        in first
    )
    assert f"--out {out}\n" not in first.split("Label Studio keeps running")[1]
    assert "imported 10, already present 0" in first

    credentials = read_credentials(ServerPaths(demo_dir).credentials)
    assert credentials is not None
    assert credentials.api_key not in first and credentials.password not in first
    client = LabelStudioClient(Connection(str(status.url), credentials.api_key))
    project = client.find_project(DEMO_TITLE)
    assert project is not None
    tasks = list(client.iter_tasks(project.id))
    assert len(tasks) == 10
    assert all(task.get("total_predictions", 0) >= 1 for task in tasks), "pre-annotations"

    second = _demo(demo_dir, port, out)
    assert "Reusing the Label Studio already running" in second
    assert f"Project '{DEMO_TITLE}': unchanged" in second
    assert "imported 0, already present 10" in second
    assert len(list(client.iter_tasks(project.id))) == 10
    docs = datasets.load_dataset(str(out))
    assert set(docs) == {"train", "validation", "test"}
