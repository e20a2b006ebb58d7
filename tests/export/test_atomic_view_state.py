"""A file browser's files in an output folder do not stop its replacement; a user's files do.

Finder (``.DS_Store``, and ``._<name>`` AppleDouble files on disks not formatted for macOS),
Windows Explorer (``Thumbs.db``, ``desktop.ini``) and KDE Dolphin (``.directory``) write into
every folder they show. Counted as the user's, they made every later rebuild refuse until they
were deleted by hand. They only describe how the old folder was shown, so they go with it; any
other hidden name, and a folder or link of one of those names, still makes the build refuse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from output_kinds import make_outputs, output, rerun
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import InputError
from eventset.export import build as build_module
from eventset.export.atomic import MARKER

VIEW_STATE = (".DS_Store", "Thumbs.db", "desktop.ini", ".directory")
# where each kind of output has a folder eventset made, and a file in it
INNER = {"dataset": "documents/train.parquet", "brat": "train/d1.ann"}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The export, and one output of each kind made from it, to be copied by each test."""
    return make_outputs(tmp_path_factory.mktemp("view-state"))


def snapshot(folder: Path) -> dict[str, bytes | str | None]:
    """Every path under ``folder`` (hidden ones too): bytes, a link's target, None for a folder."""
    shot: dict[str, bytes | str | None] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            shot[rel] = f"-> {path.readlink()}"
        else:
            shot[rel] = None if path.is_dir() else path.read_bytes()
    return shot


def hidden_beside(folder: Path) -> list[str]:
    """Work and set-aside folders left beside ``folder``."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def assert_replaced(made: Path, kind: str, out: Path) -> None:
    """``out`` is now exactly a fresh output of ``kind``, nothing left beside it."""
    assert snapshot(out) == snapshot(made / kind)
    assert hidden_beside(out) == []


def assert_refused(made: Path, kind: str, out: Path, named: str) -> None:
    """Rerunning into ``out`` refuses, naming only ``named``, and leaves ``out`` as it was."""
    before = snapshot(out)
    inode = out.stat().st_ino
    with pytest.raises(InputError) as caught:
        rerun(made, kind, out)
    message = str(caught.value)
    assert f"1 file(s) or folder(s) that eventset did not write: {named};" in message
    assert "nothing was changed" in message
    assert out.stat().st_ino == inode
    assert snapshot(out) == before
    assert hidden_beside(out) == []


@pytest.mark.parametrize("name", VIEW_STATE)
@pytest.mark.parametrize("kind", ["dataset", "oneie", "brat"])
def test_a_file_browsers_file_at_the_top_does_not_stop_a_rebuild(made, tmp_path, kind, name):
    out = output(made, kind, tmp_path)
    (out / name).write_bytes(b"\x00\x00\x00\x01Bud1 view settings")
    rerun(made, kind, out)
    assert not (out / name).exists()
    assert_replaced(made, kind, out)


@pytest.mark.parametrize("name", VIEW_STATE)
@pytest.mark.parametrize("kind", sorted(INNER))
def test_a_file_browsers_file_in_an_eventset_folder_does_not_stop_a_rebuild(
    made, tmp_path, kind, name
):
    out = output(made, kind, tmp_path)
    inner = out / INNER[kind].partition("/")[0] / name
    inner.write_text("[.ShellClassInfo]\n")
    rerun(made, kind, out)
    assert not inner.exists()
    assert_replaced(made, kind, out)


def test_every_file_browsers_file_at_once_does_not_stop_a_rebuild(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    for folder in (out, out / "documents", out / "raw", out / "sentences"):
        for name in VIEW_STATE:
            (folder / name).write_text("view\n")
    rerun(made, "dataset", out)
    assert_replaced(made, "dataset", out)


@pytest.mark.parametrize(
    ("kind", "appledouble"),
    [
        ("dataset", "documents/._train.parquet"),  # beside documents/train.parquet
        ("dataset", "._README.md"),
        ("dataset", "._documents"),  # beside a folder eventset made
        ("dataset", "._.eventset-output.json"),  # beside the marker
        ("oneie", "._train.jsonl"),
        ("brat", "train/._d1.ann"),
        ("brat", "._train"),
        ("dataset", "._.DS_Store"),  # Finder's own file, described, on an exFAT or SMB disk
        ("oneie", "._Thumbs.db"),
    ],
)
def test_appledouble_beside_an_eventset_file_does_not_stop_a_rebuild(
    made, tmp_path, kind, appledouble
):
    out = output(made, kind, tmp_path)
    (out / appledouble).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    rerun(made, kind, out)
    assert not (out / appledouble).exists()
    assert_replaced(made, kind, out)


def test_a_file_browsers_file_put_in_while_the_build_ran_does_not_stop_it(
    made, tmp_path, monkeypatch
):
    out = output(made, "dataset", tmp_path)
    real = build_module.write_marker

    def finder_shows_the_folder_meanwhile(work: Path, kind: str) -> None:
        (out / ".DS_Store").write_bytes(b"Bud1")
        (out / "documents" / "._train.parquet").write_bytes(b"Mac OS X")
        real(work, kind)

    monkeypatch.setattr(build_module, "write_marker", finder_shows_the_folder_meanwhile)
    rerun(made, "dataset", out)
    assert_replaced(made, "dataset", out)


def test_an_old_marker_lets_a_file_browsers_files_go_too(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / MARKER).write_text(json.dumps({"kind": "dataset", "version": "0.1.0"}) + "\n")
    (out / ".DS_Store").write_bytes(b"Bud1")
    (out / "documents" / "Thumbs.db").write_bytes(b"thumbs")
    (out / "documents" / "._train.parquet").write_bytes(b"Mac OS X")
    (out / "._README.md").write_bytes(b"Mac OS X")
    rerun(made, "dataset", out)
    assert_replaced(made, "dataset", out)


def test_the_cli_build_replaces_a_dataset_finder_has_shown(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / ".DS_Store").write_bytes(b"Bud1")
    (out / "documents" / ".DS_Store").write_bytes(b"Bud1")
    result = CliRunner().invoke(
        app, ["build", str(made / "export.json"), "--out", str(out), "--splits", "1"]
    )
    assert result.exit_code == 0, result.output
    assert_replaced(made, "dataset", out)


@pytest.mark.parametrize(
    ("kind", "appledouble"),
    [
        ("dataset", "._notes.txt"),  # no notes.txt of eventset's
        ("dataset", "._train.parquet"),  # train.parquet is in documents/, not here
        ("dataset", "documents/._README.md"),  # README.md is at the top, not here
        ("oneie", "._validation.jsonl"),  # not written with --splits 1
    ],
)
def test_appledouble_beside_no_eventset_file_still_stops_a_rebuild(
    made, tmp_path, kind, appledouble
):
    out = output(made, kind, tmp_path)
    (out / appledouble).write_bytes(b"Mac OS X")
    assert_refused(made, kind, out, appledouble)


@pytest.mark.parametrize("name", VIEW_STATE)
def test_a_folder_named_like_a_file_browsers_file_still_stops_a_rebuild(made, tmp_path, name):
    out = output(made, "dataset", tmp_path)
    (out / name).mkdir()
    (out / name / "kept.md").write_text("mine\n")
    assert_refused(made, "dataset", out, f"{name}/")


def test_an_empty_folder_named_like_a_file_browsers_file_still_stops_a_rebuild(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / "documents" / ".DS_Store").mkdir()
    assert_refused(made, "dataset", out, "documents/.DS_Store/")


@pytest.mark.parametrize("name", [".DS_Store", "Thumbs.db", "._train.jsonl"])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_named_like_a_file_browsers_file_still_stops_a_rebuild(
    made, tmp_path, name, dangling
):
    out = output(made, "oneie", tmp_path)
    target = tmp_path / "elsewhere.txt"
    if not dangling:
        target.write_text("the user's\n")
    (out / name).symlink_to(target)
    assert_refused(made, "oneie", out, name)
    if not dangling:
        assert target.read_text() == "the user's\n"


@pytest.mark.parametrize(
    ("users", "named"),
    [
        (".ipynb_checkpoints/x", ".ipynb_checkpoints/"),
        (".git/HEAD", ".git/"),
        (".hidden", ".hidden"),
        ("documents/.hidden", "documents/.hidden"),
        (".DS_Store.bak", ".DS_Store.bak"),
        ("DS_Store", "DS_Store"),
        ("._", "._"),
    ],
)
def test_other_hidden_names_still_stop_a_rebuild(made, tmp_path, users, named):
    out = output(made, "dataset", tmp_path)
    (out / users).parent.mkdir(exist_ok=True)
    (out / users).write_text("the user's\n")
    assert_refused(made, "dataset", out, named)


def test_a_user_file_is_named_without_the_file_browsers_files_beside_it(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / ".DS_Store").write_bytes(b"Bud1")
    (out / "documents" / "._train.parquet").write_bytes(b"Mac OS X")
    (out / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (out / "analysis.md").write_text("my notes\n")
    assert_refused(made, "dataset", out, "analysis.md")  # the junk is kept with it
    assert (out / ".DS_Store").read_bytes() == b"Bud1"


def test_an_edited_card_still_stops_a_rebuild_beside_a_file_browsers_file(made, tmp_path):
    out = output(made, "dataset", tmp_path)
    (out / ".DS_Store").write_bytes(b"Bud1")
    (out / "._README.md").write_bytes(b"Mac OS X")
    with (out / "README.md").open("a", encoding="utf-8") as stream:
        stream.write("my edit\n")
    before = snapshot(out)
    with pytest.raises(InputError) as caught:
        rerun(made, "dataset", out)
    message = str(caught.value)
    assert "1 file(s) that eventset wrote and that were changed since: README.md (changed);" in (
        message
    )
    assert "did not write" not in message
    assert snapshot(out) == before


@pytest.mark.parametrize("kind", ["dataset", "oneie", "brat"])
def test_a_new_folder_a_file_browser_has_shown_is_still_new(made, kind, tmp_path):
    out = tmp_path / "out"
    out.mkdir()  # made by hand, opened in Finder / Explorer, never written by eventset
    for name in VIEW_STATE:
        (out / name).write_bytes(b"\x00view")
    rerun(made, kind, out)
    assert (out / MARKER).is_file()
    assert not [name for name in VIEW_STATE if (out / name).exists()]


@pytest.mark.parametrize("entry", ["notes.txt", ".hidden", ".DS_Store/"])
def test_a_new_folder_with_anything_else_is_still_refused(made, entry, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "Thumbs.db").write_bytes(b"view")
    if entry.endswith("/"):
        (out / entry).mkdir()
    else:
        (out / entry).write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="was not written by eventset"):
        rerun(made, "dataset", out)
    assert sorted(p.name for p in out.iterdir()) == sorted(["Thumbs.db", entry.rstrip("/")])
