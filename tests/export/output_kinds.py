"""One output folder of each kind (dataset, OneIE, brat) made from a small export, to copy and
write again: the tests of what replacing an output folder keeps share them."""

from __future__ import annotations

import shutil
from pathlib import Path

from export_helpers import offensive_task, write_export

from eventset.export.brat import write_brat
from eventset.export.build import build_dataset
from eventset.export.oneie import write_oneie
from eventset.schema import load_ontology

ONTOLOGY = load_ontology("conflict-news")


def make_outputs(root: Path) -> Path:
    """The export, and one output of each kind made from it, under ``root``."""
    export = write_export(root / "export.json", [offensive_task(i, f"d{i}") for i in (1, 2, 3)])
    build_dataset(export, root / "dataset", splits="1")
    write_oneie(root / "dataset", root / "oneie")
    write_brat(root / "dataset", root / "brat", ONTOLOGY)
    return root


def output(made: Path, kind: str, tmp_path: Path) -> Path:
    """A copy of the output of ``kind`` under ``tmp_path`` (mtimes kept)."""
    return Path(shutil.copytree(made / kind, tmp_path / "out"))


def rerun(made: Path, kind: str, out: Path) -> None:
    """The command that wrote ``out`` run again into it."""
    if kind == "dataset":
        build_dataset(made / "export.json", out, splits="1")
    elif kind == "oneie":
        write_oneie(made / "dataset", out)
    else:
        write_brat(made / "dataset", out, ONTOLOGY)
