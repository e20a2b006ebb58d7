"""A mistyped local path is said to be missing, not sent to the Hugging Face Hub."""

from __future__ import annotations

import datasets
import pytest

from eventset.annotate.documents import looks_like_a_path, read_documents
from eventset.errors import InputError


@pytest.fixture
def news(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("The army advanced.", encoding="utf-8")

    def never(*args, **kwargs):
        raise AssertionError("a path was sent to the Hub")

    monkeypatch.setattr(datasets, "load_dataset", never)
    return tmp_path


@pytest.mark.parametrize(
    ("ref", "near"),
    [("newz/", "news/"), ("news/b.txt", "news/a.txt"), (".newz", None), ("./newz/", "news/")],
)
def test_a_path_that_does_not_exist_is_not_tried_on_the_hub(news, ref, near):
    with pytest.raises(InputError) as refused:
        list(read_documents([ref]))
    message = refused.value.message
    assert message.startswith(f"input {ref} does not exist: there is no local file or folder")
    assert "HFValidationError" not in message and "not tried as a Hugging Face dataset" in message
    if near:
        assert f"did you mean {near!r}?" in message


def test_a_bare_name_tried_on_the_hub_says_there_is_no_local_one_either(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()

    def unreachable(name, split=None):
        raise ConnectionError(f"Couldn't reach {name!r} on the Hub")

    monkeypatch.setattr(datasets, "load_dataset", unreachable)
    with pytest.raises(InputError) as refused:
        list(read_documents(["newz"]))
    message = refused.value.message
    assert "cannot load Hugging Face dataset 'newz' (ConnectionError: Couldn't reach" in message
    assert "there is no local file or folder of that name either" in message
    assert "did you mean 'news/'?" in message
    assert "local path" in refused.value.remedy


def test_a_trailing_slash_is_a_path():
    assert looks_like_a_path("newz/") and looks_like_a_path("owner/name/")
    assert not looks_like_a_path("owner/name") and not looks_like_a_path("newz")


def test_the_import_command_names_a_mistyped_path_before_asking_for_a_server(news):
    from support.cli import run_cli

    # nothing listens on port 9: were the server asked first, its error would come instead
    result = run_cli("import", "newz/", "--project", "demo", "--url", "http://127.0.0.1:9")
    assert result.exit_code == 1, result.output
    assert (
        "input newz/ does not exist" in result.output and "did you mean 'news/'?" in result.output
    )
    assert "127.0.0.1:9" not in result.output
