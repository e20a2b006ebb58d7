"""Temporary files of a killed pull are removed by the next pull to the same file."""

from __future__ import annotations

import os
import subprocess
import sys

from eventset.annotate.pull import _temp_beside, remove_stale_temps


def test_leftovers_of_dead_pulls_go_and_live_ones_stay(tmp_path):
    out = tmp_path / "export [1].json"  # glob characters in the name
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    gone = int(dead.stdout)
    stale = [tmp_path / f".{out.name}.{gone}-abcd1234{suffix}" for suffix in (".download", ".part")]
    for path in stale:
        path.write_bytes(b"[")
    mine = _temp_beside(out, ".part")  # this process runs: kept
    assert mine.name.startswith(f".{out.name}.{os.getpid()}-")
    other = tmp_path / f".other.json.{gone}-abcd1234.part"  # another file's: kept
    other.write_bytes(b"")
    assert sorted(remove_stale_temps(out)) == sorted(stale)
    assert mine.exists() and other.exists() and not any(p.exists() for p in stale)
