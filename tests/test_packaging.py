"""The wheel holds one top-level package, `eventset`; every package folder is configured."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"schema": "eventset.schema", "annotate": "eventset.annotate", "export": "eventset.export"}


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def _package_folders() -> dict[str, str]:
    """Import name -> folder for every folder with an __init__.py under the mapped roots."""
    found = {}
    for top, name in {**MAPPED, "eventset": "eventset"}.items():
        for init in sorted((ROOT / top).rglob("__init__.py")):
            rel = init.parent.relative_to(ROOT / top)
            dotted = ".".join([name, *rel.parts]) if rel.parts else name
            found[dotted] = init.parent.relative_to(ROOT).as_posix()
    return found


def test_every_package_folder_is_listed_and_mapped() -> None:
    config = _config()
    folders = _package_folders()
    assert set(folders) == set(config["packages"]), "add new package folders to pyproject"
    for dotted, folder in folders.items():
        assert config["package-dir"][dotted] == folder


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("eventset-*.whl")
    return path


def test_wheel_has_only_the_eventset_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert tops - dist_info == {"eventset"}
    for folder, dotted in MAPPED.items():
        assert f"{dotted.replace('.', '/')}/__init__.py" in names
        assert not any(n.startswith(f"{folder}/") for n in names)
    assert "eventset/schema/builtin/conflict_news.py" in names
    assert "eventset/py.typed" in names  # users' type checkers read our annotations (PEP 561)


def test_no_bare_imports_of_mapped_folders() -> None:
    # ruff's banned-api rule enforces this too; this guards the rule's own configuration.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    banned = config["tool"]["ruff"]["lint"]["flake8-tidy-imports"]["banned-api"]
    assert set(MAPPED) <= set(banned)


def test_installed_package_is_not_the_repo_root() -> None:
    import eventset.schema

    # Tests must exercise the installed mapping, not a bare `schema` found on sys.path.
    assert "schema" not in sys.modules
    assert eventset.schema.__name__ == "eventset.schema"
