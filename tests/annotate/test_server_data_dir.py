"""``server start --data-dir`` refuses a file and a folder of other files before it writes or
says anything; a new, empty or earlier data dir starts as before."""

from __future__ import annotations

import stat

import pytest
from support.cli import run_cli as run

from eventset.annotate.credentials import load_or_create_credentials
from eventset.annotate.localnet import free_port
from eventset.annotate.server import ServerPaths, start_server
from eventset.errors import InputError, LabelStudioError

pytestmark = pytest.mark.usefixtures("exiting_label_studio")


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("en-01.txt", "en-02.txt", "nl-01.txt"):
        (folder / name).write_text("Rebels attacked the town.")
    folder.chmod(0o755)
    return folder


def test_a_folder_of_articles_is_refused_and_left_as_it_was(articles):
    result = run("server", "start", "--data-dir", articles, "--port", free_port())
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        f"Error: the data dir {articles} is not empty and is not a Label Studio data dir (it "
        "holds en-01.txt, en-02.txt, nl-01.txt): the server would write its database, "
        "credentials.json, .env, media/, export/ and server.log among those files\n"
        "  How to fix: pass --data-dir a new folder (it is created, private to you) or an empty "
        "one, e.g. --data-dir .eventset/labelstudio"
    )
    assert "Starting" not in result.output
    assert sorted(p.name for p in articles.iterdir()) == ["en-01.txt", "en-02.txt", "nl-01.txt"]
    assert stat.S_IMODE(articles.stat().st_mode) == 0o755


def test_start_server_refuses_it_too(articles):
    with pytest.raises(InputError, match="is not empty and is not a Label Studio data dir"):
        start_server(articles, port=free_port(), timeout=20)
    assert sorted(p.name for p in articles.iterdir()) == ["en-01.txt", "en-02.txt", "nl-01.txt"]


def test_a_long_listing_is_cut_short(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(8):
        (folder / f"n{i}.md").write_text("x")
    result = run("server", "start", "--data-dir", folder, "--port", free_port())
    assert "(it holds n0.md, n1.md, n2.md, n3.md, n4.md and 3 more)" in result.output


@pytest.mark.parametrize("inside", [False, True])
def test_a_file_is_refused_before_starting_without_a_traceback(tmp_path, inside):
    script = tmp_path / "some_file.py"
    script.write_text("print('hello')\n")
    data_dir = script / "ls" if inside else script
    result = run("server", "start", "--data-dir", data_dir, "--port", free_port())
    assert result.exit_code == 1, result.output
    where = f" lies inside the file {script} and" if inside else ""
    assert result.output.startswith(
        f"Error: the data dir {data_dir}{where} is a file, not a folder\n"
        "  How to fix: pass --data-dir a folder for the server: a new one (it is created) or an "
        "empty one, e.g. --data-dir .eventset/labelstudio"
    )
    assert "Starting" not in result.output and "Traceback" not in result.output
    assert script.read_text() == "print('hello')\n"


@pytest.mark.parametrize("kind", ["new", "empty", "credentials", "database", "record"])
def test_a_new_empty_or_earlier_data_dir_goes_on_to_start(tmp_path, kind):
    data_dir = tmp_path / "ls"
    if kind != "new":
        data_dir.mkdir()
    if kind == "credentials":  # a first start that failed leaves this
        load_or_create_credentials(ServerPaths(data_dir).credentials)
    if kind == "database":  # a data dir of `label-studio start` itself
        ServerPaths(data_dir).database.write_bytes(b"")
    if kind == "record":
        ServerPaths(data_dir).last_url.write_text('{"url": "http://127.0.0.1:8080"}')
    with pytest.raises(LabelStudioError, match="exited with code 3"):  # the stand-in ran
        start_server(data_dir, port=free_port(), timeout=20)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_the_default_data_dir_refused_is_not_suggested_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    default = tmp_path / ".eventset" / "labelstudio"
    default.mkdir(parents=True)
    (default / "notes.txt").write_text("mine")
    result = run("server", "start", "--data-dir", ".eventset/labelstudio", "--port", free_port())
    assert result.exit_code == 1, result.output
    assert "is not empty and is not a Label Studio data dir" in result.output
    assert "e.g. --data-dir .eventset/labelstudio-server" in result.output
