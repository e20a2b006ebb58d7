"""A stopped import (Ctrl-C: ``KeyboardInterrupt``; SIGTERM: ``SystemExit`` in the CLI) keeps
its type and gets a note of how far it got; the lock is released all the same. The whole command
against a real server: tests/integration/test_ls_import_interrupted.py."""

from __future__ import annotations

import pytest
from support.cli import run_cli as run
from support.importclient import ImportRecorder

from eventset.annotate.importer import import_documents
from eventset.errors import LabelStudioError
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")


class StoppedAfterOneBatch(ImportRecorder):
    def __init__(self, stop: BaseException) -> None:
        super().__init__()
        self.stop = stop

    def import_tasks(self, project_id, payloads, on_batch=None) -> list[int]:
        assert on_batch is not None
        on_batch(2)  # the first batch was answered; the signal lands during the second
        raise self.stop


class StoppedWhileReading(ImportRecorder):
    def task_text_keys(self, project_id: int) -> dict[str, str]:
        raise KeyboardInterrupt


def _documents(tmp_path):
    tmp_path.mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Rebels attacked {name}.")
    return [tmp_path]


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), SystemExit(143)])
def test_a_stop_while_sending_is_noted_with_the_tasks_that_arrived(tmp_path, monkeypatch, stop):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    client = StoppedAfterOneBatch(stop)
    with pytest.raises(type(stop)) as stopped:
        docs = _documents(tmp_path / "docs")
        import_documents(client, "demo", docs, ONTO)  # type: ignore[arg-type]
    assert stopped.value is stop  # same exception: the exit code (130, 143) stays
    assert stopped.value.__notes__ == [
        "Import interrupted after 2 of 3 tasks were imported (the batch being sent may have "
        "arrived too); run the same import again: documents already in the project are "
        "skipped, so the rest is added once"
    ]
    assert list((tmp_path / "cache" / "eventset" / "locks").iterdir()) == []


def test_a_stop_before_sending_says_nothing_was_imported(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(KeyboardInterrupt) as stopped:
        docs = _documents(tmp_path / "docs")
        import_documents(StoppedWhileReading(), "demo", docs, ONTO)  # type: ignore[arg-type]
    assert stopped.value.__notes__[0].startswith(
        "Import interrupted before any task was sent, so none was imported; run the same import"
    )


@pytest.mark.parametrize(("stop", "code"), [(KeyboardInterrupt, 130), (SystemExit(143), 143)])
def test_the_command_stopped_before_the_import_began_says_so(tmp_path, monkeypatch, stop, code):
    import eventset.cli.labelstudio as command

    def stopped_while_connecting(*args):
        raise stop

    monkeypatch.setattr(command, "connect", stopped_while_connecting)
    result = run("import", tmp_path, "--project", "demo")
    assert result.exit_code == code, result.output
    assert result.output == (
        "Import interrupted before any task was sent, so none was imported; run the same import "
        "again: documents already in the project are skipped, so the rest is added once\n"
    )


class ConflictThenStopped(ImportRecorder):
    """The project holds doc id "a" with another text; reading it back is interrupted."""

    def __init__(self, stop: BaseException) -> None:
        super().__init__()
        self.stop = stop

    def task_text_keys(self, project_id: int) -> dict[str, str]:
        return {"a": "sha256-of-another-text"}

    def import_tasks(self, project_id, payloads, on_batch=None) -> list[int]:
        ids = super().import_tasks(project_id, payloads)
        assert on_batch is not None
        on_batch(len(ids))  # one batch, answered
        return ids

    def iter_tasks(self, project_id: int):
        raise self.stop


class ConflictUnreadable(ConflictThenStopped):
    def iter_tasks(self, project_id: int):
        raise LabelStudioError("Label Studio did not answer", remedy="start it")


def test_a_stop_after_the_last_batch_says_every_task_arrived(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(KeyboardInterrupt) as stopped:
        docs = _documents(tmp_path / "docs")
        import_documents(ConflictThenStopped(KeyboardInterrupt()), "demo", docs, ONTO)  # type: ignore[arg-type]
    assert stopped.value.__notes__ == [
        "Import interrupted after 2 of 2 tasks were imported; run the same import again: "
        "documents already in the project are skipped, so the rest is added once"
    ]


def test_an_unreadable_project_leaves_the_conflict_as_it_was_and_the_import_done(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docs = _documents(tmp_path / "docs")
    summary = import_documents(ConflictUnreadable(KeyboardInterrupt()), "demo", docs, ONTO)  # type: ignore[arg-type]
    assert summary.imported == 2 and list(summary.conflicts) == ["a"]
    assert summary.conflicts["a"][0].endswith(
        "the project already has doc id 'a' with a different text"
    )
    assert summary.notes[0].startswith(
        "the project's texts could not be read back to say how they differ: Label Studio did not "
        "answer"
    )
