"""``python -m bench.rsswrap RESULT.json -- COMMAND...``: run COMMAND, record its wall time and
peak memory.

Two numbers, because a command may fork worker processes:
- ``maxrss_kb``: the kernel's high-water mark (``ru_maxrss`` from ``os.wait4``) of the largest
  single process of the command. A small wrapper is needed for it: Linux starts a forked
  child's counter at its parent's size, so a child of the (large) benchmark driver would report
  at least the driver's memory.
- ``tree_pss_kb``: the largest sum of PSS (``/proc/PID/smaps_rollup``; shared pages split among
  the processes that share them) over the command and all its descendants, sampled every 0.2 s.
The benchmarks report the larger of the two, so memory is never under-reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

SAMPLE_EVERY_S = 0.2


def _parents() -> dict[int, int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def tree_pss_kb(root: int) -> int:
    """Sum of PSS in kB of ``root`` and its descendants (0 when /proc is not available)."""
    parents = _parents()
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


def _sample(pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.wait(SAMPLE_EVERY_S):
        peak[0] = max(peak[0], tree_pss_kb(pid))


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m bench.rsswrap RESULT.json -- COMMAND...", file=sys.stderr)
        return 2
    result_path, command = argv[0], argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak, done = [0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    with open(result_path, "w", encoding="utf-8") as out:
        # Linux reports ru_maxrss in kilobytes.
        result = {"wall_s": wall, "maxrss_kb": usage.ru_maxrss, "tree_pss_kb": peak[0]}
        json.dump(result | {"returncode": code}, out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
