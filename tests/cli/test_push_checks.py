"""`--push-to-hub` is checked before the build, and `eventset push` uploads a built folder.

The Hub cannot be reached from the test machine: these tests cover the refusals only, and the
token never leaves the client (no successful upload is faked here).
"""

from __future__ import annotations

from pathlib import Path

import huggingface_hub
import huggingface_hub.constants as hub_constants
import pytest
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import InputError
from eventset.export.hub import check_repo_id, push_command

runner = CliRunner()
RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"
SECRET = "hf_push_check_secret"


@pytest.fixture
def no_token(monkeypatch):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)


@pytest.fixture
def no_upload(monkeypatch):
    """Any attempt to reach the Hub fails the test: the checks must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("the Hub client was used")

    monkeypatch.setattr(huggingface_hub, "HfApi", refuse)
    monkeypatch.setenv("HF_TOKEN", SECRET)


@pytest.mark.parametrize(
    "repo_id",
    [
        "not-a-repo-name",
        "a/b/c",
        "me/",
        "/events",
        "me/my events",
        "me/-events",
        "me/a--b",
        "é/x",
        "me/events.git",
    ],
)
def test_a_malformed_repo_id_is_refused_before_anything_is_written(tmp_path, repo_id, no_upload):
    out = tmp_path / "fresh" / "ds"
    result = runner.invoke(
        app, ["build", str(RECORDED), "--out", str(out), "--push-to-hub", repo_id]
    )
    assert result.exit_code == 1, result.output
    assert f"Error: Hugging Face repo id {repo_id!r}" in result.output
    assert "How to fix: write e.g. my-user/conflict-news-events" in result.output
    assert not (tmp_path / "fresh").exists() and "wrote" not in result.output


@pytest.mark.parametrize(
    "repo_id", ["me/events", "My-Org/news.events_v2", "a/b", "x1/y-2.z_3", "_me/events"]
)
def test_well_formed_repo_ids_pass(repo_id):
    check_repo_id(repo_id)


def test_a_missing_token_is_refused_before_the_build(tmp_path, no_token):
    out = tmp_path / "ds"
    result = runner.invoke(
        app, ["build", str(RECORDED), "--out", str(out), "--push-to-hub", "me/events"]
    )
    assert result.exit_code == 1, result.output
    assert "Error: no Hugging Face token found to push with" in result.output
    assert "then run the build again" in result.output and "push again" not in result.output
    assert not out.exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("push") / "ds"
    result = runner.invoke(app, ["build", str(RECORDED), "--out", str(out), "--splits", "1"])
    assert result.exit_code == 0, result.output
    return out


def test_push_refuses_a_missing_or_non_dataset_folder(tmp_path, no_upload):
    missing = runner.invoke(app, ["push", str(tmp_path / "nope"), "me/events"])
    assert missing.exit_code == 1
    assert f"Error: dataset folder {tmp_path / 'nope'} does not exist" in missing.output
    # a project root by mistake: a README and a Label Studio data dir with its API key
    (tmp_path / "README.md").write_text("# my project\n")
    (tmp_path / ".eventset" / "labelstudio").mkdir(parents=True)
    (tmp_path / ".eventset" / "labelstudio" / "credentials.json").write_text("{}")
    other = runner.invoke(app, ["push", str(tmp_path), "me/events"])
    assert other.exit_code == 1
    assert "is not a dataset folder written by `eventset build`" in other.output
    assert "nothing was uploaded" in other.output


def test_only_the_files_the_build_wrote_are_uploaded(built):
    from eventset.export.hub import _built_files

    (built / "my-notes.txt").write_text("not for the Hub")
    try:
        files = _built_files(built)
    finally:
        (built / "my-notes.txt").unlink()
    assert "README.md" in files and "summary.json" in files
    assert any(f.startswith("documents/") and f.endswith(".parquet") for f in files)
    assert "my-notes.txt" not in files and ".eventset-output.json" not in files


def test_push_refuses_a_bad_repo_id_and_a_missing_token(built, no_token):
    bad = runner.invoke(app, ["push", str(built), "events"])
    assert bad.exit_code == 1 and "'events' is not of the form owner/name" in bad.output
    missing = runner.invoke(app, ["push", str(built), "me/events", "--private"])
    assert missing.exit_code == 1 and "no Hugging Face token found" in missing.output
    # the hint names the command that pushes this folder
    assert f"then run `eventset push {built} me/events --private` again" in missing.output


def test_the_retry_hint_is_a_command_that_exists(built):
    command = push_command(built / "x y", "me/events", private=True)
    assert command == f"eventset push '{built / 'x y'}' me/events --private"
    with pytest.raises(InputError, match=r"not a dataset folder written by"):
        from eventset.export.hub import push_to_hub

        push_to_hub(built.parent, "me/events")
    assert "push" in {c.name for c in app.registered_commands}


def test_a_failed_upload_names_the_push_command_and_hides_the_token(built, monkeypatch):
    # the real client, offline (tests/conftest.py): it fails before any request leaves
    monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_TOKEN", SECRET)
    result = runner.invoke(app, ["push", str(built), "me/events"])
    assert result.exit_code == 1
    assert "Error: uploading to me/events failed: " in result.output
    assert f"push the folder (unchanged) again with `eventset push {built} me/events`" in (
        result.output
    )
    assert SECRET not in result.output
