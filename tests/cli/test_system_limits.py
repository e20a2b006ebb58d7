"""A full disk (or another limit of the machine) is an error message, not a traceback."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from eventset.cli import app


def test_a_full_disk_during_a_build_is_a_clean_error(monkeypatch, tmp_path):
    import eventset.export.build as build

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr(build, "build_dataset", full)
    result = CliRunner().invoke(app, ["build", "export.json", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"Error: No space left on device ({tmp_path / 'out'}); nothing was replaced" in (
        result.output
    )
    assert "How to fix: free space" in result.output and "Traceback" not in result.output


def test_another_os_error_is_not_hidden(monkeypatch, tmp_path):
    import eventset.export.build as build

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(build, "build_dataset", broken)
    result = CliRunner().invoke(app, ["build", "export.json", "--out", str(tmp_path / "out")])
    assert isinstance(result.exception, OSError)  # a real fault keeps its traceback


def test_printing_to_a_full_device_says_so():
    script = Path(sys.executable).with_name("eventset")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(script), "ontology", "guidelines"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 1
    assert "Error: No space left on device" in done.stderr and "Traceback" not in done.stderr
