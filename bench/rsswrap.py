"""``python -m bench.rsswrap RESULT.json -- COMMAND...``: run COMMAND, record its wall time and
peak RSS.

Why a wrapper: Linux starts a forked child's peak-RSS counter at its parent's size, so a child
of the (large) benchmark driver would report at least the driver's memory. This small process
forks the command instead, so only a command smaller than the wrapper itself (~10 MB) could be
over-reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m bench.rsswrap RESULT.json -- COMMAND...", file=sys.stderr)
        return 2
    result_path, command = argv[0], argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with open(result_path, "w", encoding="utf-8") as out:
        # Linux reports ru_maxrss in kilobytes.
        json.dump({"wall_s": wall, "maxrss_kb": usage.ru_maxrss, "returncode": code}, out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
