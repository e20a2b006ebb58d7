"""Type-check the package as it is installed: `eventset.schema` is the folder `schema/`, etc.

mypy cannot follow setuptools' editable-install import hook, so this lays out a tree of symlinks
under build/typecheck with the installed names and runs mypy on it.
usage: python .ci/typecheck.py path/to/mypy
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    mypy = sys.argv[1] if len(sys.argv) > 1 else "mypy"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    tree = ROOT / "build" / "typecheck"
    shutil.rmtree(tree, ignore_errors=True)
    for dotted, folder in config["package-dir"].items():
        target = tree.joinpath(*dotted.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in (ROOT / folder).glob("*.py"):
            (target / source.name).symlink_to(source)
    cmd = [mypy, "--config-file", str(ROOT / "pyproject.toml"), "-p", "eventset"]
    return subprocess.call(cmd, cwd=tree)


if __name__ == "__main__":
    sys.exit(main())
