"""`push_to_hub` up to the network call: the right calls, the user's token, never printed."""

from __future__ import annotations

import huggingface_hub
import pytest
from export_helpers import offensive_task, write_export

from eventset.errors import EventsetError, InputError
from eventset.export.build import build_dataset
from eventset.export.hub import push_to_hub

# The real client, kept before the fixture below replaces it at the network boundary.
RealHfApi = huggingface_hub.HfApi

SECRET = "hf_test_secret_never_printed"


class RecordingApi:
    """Stands in for the Hub client at its network boundary and records what was asked."""

    calls: list = []
    fail = False

    def __init__(self, token=None):
        RecordingApi.calls.append(("init", token))

    def create_repo(self, repo_id, **kwargs):
        RecordingApi.calls.append(("create_repo", repo_id, kwargs))

    def upload_folder(self, **kwargs):
        if RecordingApi.fail:
            raise RuntimeError(f"401 Unauthorized for Authorization: Bearer {SECRET}")
        RecordingApi.calls.append(("upload_folder", kwargs))


@pytest.fixture
def dataset(tmp_path):
    export = write_export(tmp_path / "e.json", [offensive_task()])
    return build_dataset(export, tmp_path / "out", splits="1").out_dir


@pytest.fixture
def api(monkeypatch):
    RecordingApi.calls = []
    RecordingApi.fail = False
    monkeypatch.setattr(huggingface_hub, "HfApi", RecordingApi)
    monkeypatch.setenv("HF_TOKEN", SECRET)
    return RecordingApi


def test_uploads_the_folder_with_the_users_token(dataset, api, capsys):
    url = push_to_hub(dataset, "me/events", private=True)
    assert url == "https://huggingface.co/datasets/me/events"
    assert api.calls[0] == ("init", SECRET)
    assert api.calls[1] == (
        "create_repo",
        "me/events",
        {"repo_type": "dataset", "private": True, "exist_ok": True},
    )
    upload = api.calls[2][1]
    assert upload["folder_path"] == str(dataset) and upload["repo_type"] == "dataset"
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err


def test_failure_message_hides_the_token(dataset, api):
    api.fail = True
    with pytest.raises(EventsetError) as caught:
        push_to_hub(dataset, "me/events")
    assert SECRET not in str(caught.value) and "***" in str(caught.value)


def test_missing_token_and_bad_input(dataset, api, monkeypatch, tmp_path):
    with pytest.raises(InputError, match="owner/name"):
        push_to_hub(dataset, "events")
    with pytest.raises(InputError, match="not a dataset folder"):
        push_to_hub(tmp_path, "me/events")
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    with pytest.raises(InputError, match="no Hugging Face token"):
        push_to_hub(dataset, "me/events")


def test_a_push_deletes_stale_shards_of_an_earlier_push_and_nothing_else(dataset, api):
    push_to_hub(dataset, "me/events")
    patterns = api.calls[2][1]["delete_patterns"]
    assert patterns == ["documents/*.parquet", "raw/*.parquet", "sentences/*.parquet"]
    ours = [str(p.relative_to(dataset)) for p in dataset.rglob("*") if p.is_file()]
    stale = ["documents/train-00000-of-00002.parquet", "raw/train-00001-of-00002.parquet"]
    others = ["notes/analysis.parquet", "extra.csv", ".gitattributes", "README.md"]

    class Remote:  # what the Hub lists; huggingface_hub itself decides what the patterns delete
        def list_repo_files(self, **kwargs):
            return ours + stale + others

    deletions = RealHfApi._prepare_folder_deletions(
        Remote(),
        repo_id="me/events",
        repo_type="dataset",
        revision=None,
        token=None,
        path_in_repo=None,
        delete_patterns=patterns,
    )
    deleted = {op.path_in_repo for op in deletions}
    assert set(stale) <= deleted  # ours are among them too: upload_folder replaces those instead
    assert not deleted & set(others)


def test_a_config_without_files_this_time_still_loses_the_earlier_push(tmp_path):
    from eventset.export.hub import stale_patterns

    for folder in ("documents", "raw", "sentences"):
        (tmp_path / folder).mkdir()
    (tmp_path / "documents" / "train.parquet").write_bytes(b"")
    (tmp_path / "raw" / "train.parquet").write_bytes(b"")  # sentences/ empty: blank texts
    assert stale_patterns(tmp_path) == [
        "documents/*.parquet",
        "raw/*.parquet",
        "sentences/*.parquet",
    ]
