"""Type-check and check import contracts on the package as it is installed.

`eventset.schema` is the folder `schema/` (and so on). Neither mypy nor import-linter can follow
setuptools' editable-install import hook, so this lays out a tree of symlinks under
build/typecheck with the installed names and runs both tools on it.
usage: python .ci/installed_layout_checks.py BIN_DIR   (the venv's bin with mypy and lint-imports)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    bin_dir = (Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sys.executable).parent).absolute()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    tree = ROOT / "build" / "typecheck"
    shutil.rmtree(tree, ignore_errors=True)
    for dotted, folder in config["package-dir"].items():
        target = tree.joinpath(*dotted.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in (ROOT / folder).glob("*.py"):
            (target / source.name).symlink_to(source)
    config = str(ROOT / "pyproject.toml")
    mypy = subprocess.call([bin_dir / "mypy", "--config-file", config, "-p", "eventset"], cwd=tree)
    contracts = subprocess.call([bin_dir / "lint-imports", config], cwd=tree)
    return mypy or contracts


if __name__ == "__main__":
    sys.exit(main())
