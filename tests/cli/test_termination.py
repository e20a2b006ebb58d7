"""A build stopped by SIGTERM cleans up after itself; leftovers of killed runs are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventset.export.atomic import work_folder

EVENTSET = Path(sys.executable).with_name("eventset")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    # big enough (about 50 MB) that the build is still running when it is stopped; the
    # benchmark's generator, run from the repository root (``bench`` is not installed)
    folder = tmp_path_factory.mktemp("export")
    code = (
        "import sys; from pathlib import Path; from bench.generate import ExportSpec, "
        "ensure_export; print(ensure_export(Path(sys.argv[1]), ExportSpec(n_tasks=3000)))"
    )
    made = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(made.stdout.strip())


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_sigterm_during_a_build_leaves_nothing_behind(export, tmp_path):
    out = tmp_path / "ds"
    build = subprocess.Popen(
        [str(EVENTSET), "build", str(export), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not _hidden(tmp_path) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
    assert _hidden(tmp_path), "the build never created its work folder"
    time.sleep(1.0)  # into the second pass: workers running, Parquet files open
    assert build.poll() is None, "the build ended before it could be stopped"
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM
    assert _hidden(tmp_path) == [] and not out.exists()
    assert "Traceback" not in err


def test_leftovers_of_killed_runs_are_removed_and_running_ones_kept(tmp_path):
    gone = subprocess.run(["true"], check=True)  # a process that has ended: its pid is free
    dead = subprocess.Popen(["true"])
    dead.wait()
    target = tmp_path / "ds"
    stale = [tmp_path / f".ds.tmp-{dead.pid}-abcd1234", tmp_path / f".ds.old-{dead.pid}-abcd_567"]
    alive = tmp_path / f".ds.tmp-{os.getpid()}-xyz98765"
    other = tmp_path / f".other.tmp-{dead.pid}-abcd1234"
    backup = tmp_path / ".ds.old-2024-05-01"  # the user's own, named alike: never touched
    huge = tmp_path / f".ds.tmp-{'9' * 10}-abcd1234"  # a pid no process has: not ours to judge
    for folder in [*stale, alive, other, backup, huge]:
        (folder / "documents").mkdir(parents=True)
    assert gone.returncode == 0
    work = work_folder(target)  # what every build and convert starts with
    assert work.name.startswith(f".ds.tmp-{os.getpid()}-")
    assert _hidden(tmp_path) == sorted(p.name for p in (alive, other, backup, huge, work))


def test_a_run_killed_in_the_middle_of_a_swap_gets_its_dataset_back(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    aside = tmp_path / f".ds.old-{dead.pid}-k2j3h4g5"
    (aside / "ds").mkdir(parents=True)
    (aside / "ds" / "README.md").write_text("the previous dataset")
    work_folder(tmp_path / "ds")
    assert (tmp_path / "ds" / "README.md").read_text() == "the previous dataset"
    assert not aside.exists()


def _dead_pid() -> int:
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_of_several_datasets_set_aside_the_latest_comes_back(tmp_path):
    target = tmp_path / "ds[v2]"  # glob characters in the name: found all the same
    older = tmp_path / f".ds[v2].old-{_dead_pid()}-aaaaaaaa"
    newer = tmp_path / f".ds[v2].old-{_dead_pid()}-bbbbbbbb"
    for folder, text in ((older, "older"), (newer, "newer")):
        (folder / target.name).mkdir(parents=True)
        (folder / target.name / "README.md").write_text(text)
        time.sleep(0.05)  # the newer one is set aside last
    work_folder(target)
    assert (target / "README.md").read_text() == "newer"
    assert not older.exists() and not newer.exists()


def test_a_swap_stopped_between_its_renames_puts_the_old_dataset_back(tmp_path, monkeypatch):
    from eventset.export import atomic

    target, work = tmp_path / "ds", tmp_path / "work"
    for folder, text in ((target, "old"), (work, "new")):
        folder.mkdir()
        (folder / "README.md").write_text(text)
    renames = []
    real = os.replace

    def stopped_on_the_second(src, dst):
        renames.append((src, dst))
        if len(renames) == 2:
            raise KeyboardInterrupt  # what SIGTERM raises there too (SystemExit)
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", stopped_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        atomic.swap_into_place(work, target)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert (target / "README.md").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds", "work"]
