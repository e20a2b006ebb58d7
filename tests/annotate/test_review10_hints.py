"""Review 10 (offline): pull never replaces a file that is not an earlier export, connection
hints name the URL's source and the data dir's server, the unknown-project hint keeps the
ontology, and the small wording fixes (plurals, no "languages: none", the project URL)."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from support.cli import run_cli as run

from eventset.annotate.clienterrors import unknown_project, without_key
from eventset.annotate.configrefusal import Orphan, control_refusal
from eventset.annotate.connection import resolve_connection
from eventset.annotate.credentials import load_or_create_credentials
from eventset.annotate.importer import ImportSummary
from eventset.annotate.launch import record_last_url
from eventset.annotate.localnet import free_port
from eventset.annotate.server import ServerPaths
from eventset.errors import InputError, LabelStudioError

KEY = "review10-key-that-must-never-be-shown-0123"
ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = '''"""A hand-written ontology."""
from eventset import Entity, Event, Ontology, Role


class City(Entity):
    """A city."""
'''


def _closed_url() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there


def check_out(out: Path) -> None:
    from eventset.annotate.pull import check_out

    check_out(out)


# --- 1. pull replaces only an earlier export ---------------------------------------------


def test_pull_refuses_to_replace_a_hand_written_file_before_connecting(tmp_path):
    ontology = tmp_path / "my_ontology.py"
    ontology.write_text(ONTOLOGY_FILE)
    before = ontology.read_bytes()
    # Nothing listens at the URL: a refusal that came after connecting would say so instead.
    result = run(
        "pull", "--project", "T", "--out", ontology, "--url", _closed_url(), "--api-key", KEY
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: will not write the export to {ontology}: it exists")
    assert "is not an earlier Label Studio JSON export" in result.output
    assert "choose another --out" in result.output and f"delete or move {ontology}" in result.output
    assert "cannot reach" not in result.output
    assert ontology.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_ontology.py"], "no temp file"
    assert KEY not in result.output


@pytest.mark.parametrize(
    "content",
    [
        '[{"text": "a document", "doc_id": "d1"}]',  # an input file of records
        '{"id": 3, "annotations": []}',  # a single object, not a list
        "doc_id,text\nd1,hello\n",
        "\ufeff[]",  # a BOM is not how Label Studio or pull writes
    ],
)
def test_pull_refuses_other_json_and_text_files(tmp_path, content):
    out = tmp_path / "docs.json"
    out.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="is not an earlier Label Studio JSON export"):
        check_out(out)
    assert out.read_text(encoding="utf-8") == content


def test_pull_refuses_a_file_that_is_no_regular_file(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is not a regular file"):
        check_out(fifo)  # and never opens it (that would block)


@pytest.mark.parametrize(
    "content",
    [
        "",
        "  \n",
        "[]",
        "[\n]\n",  # an empty export as pull writes it
        '[\n{"id":3,"annotations":[],"data":{"text":"x"}}\n]\n',  # as pull writes a task
        '[\n {\n  "id": 3,\n  "annotations": [\n   {\n    "id": 3,',  # Label Studio's indent
        '[{"data": {"text": "x"}, "id": 7, "predictions": []}]',  # another key order
    ],
)
def test_an_earlier_export_or_an_empty_file_may_be_replaced(tmp_path, content):
    out = tmp_path / "export.json"
    out.write_text(content)
    check_out(out)  # no error
    assert out.read_text() == content


def test_pull_over_an_earlier_export_goes_on_to_the_server(tmp_path):
    out = tmp_path / "export.json"
    out.write_text("[]")
    # nothing listens there: the command got past the check of --out
    result = run("pull", "--project", "T", "--out", out, "--url", _closed_url(), "--api-key", KEY)
    assert result.exit_code == 1 and "cannot reach Label Studio" in result.output, result.output
    assert out.read_text() == "[]"


def test_the_recorded_export_is_recognised_from_its_first_bytes_only():
    from eventset.annotate.pull import looks_like_export

    recorded = (ROOT / "tests/fixtures/exports/recorded_ls_1.23.json").read_bytes()
    assert looks_like_export(recorded[:200])
    assert looks_like_export(recorded[:40])  # cut inside the first task's annotations


def test_pull_still_refuses_a_folder_and_a_path_inside_a_file(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(InputError, match="is a folder"):
        check_out(tmp_path)
    with pytest.raises(InputError, match="which is a file"):
        check_out(tmp_path / "file.txt" / "raw.json")


# --- 2. connection hints ------------------------------------------------------------------


def _stopped_server_record(data_dir: Path, port: int) -> None:
    load_or_create_credentials(ServerPaths(data_dir).credentials)
    record_last_url(ServerPaths(data_dir), f"http://127.0.0.1:{port}")


def test_a_wrong_port_names_where_the_data_dirs_server_last_ran(tmp_path):
    data_dir, port = tmp_path / "ls", free_port()
    _stopped_server_record(data_dir, port)
    wrong = f"http://127.0.0.1:{port + 1}"
    with pytest.raises(LabelStudioError) as caught:
        resolve_connection(wrong, data_dir=data_dir)
    shown = str(caught.value)
    assert f"the local server of {data_dir} last ran at http://127.0.0.1:{port}" in shown
    assert f"eventset server start --data-dir {data_dir} --port {port}" in shown
    assert f"give --url http://127.0.0.1:{port}" in shown
    assert "has no server recorded" not in shown
    result = run("project", "list", "--data-dir", data_dir, LABEL_STUDIO_URL=wrong)
    assert result.exit_code == 1
    assert f"set LABEL_STUDIO_URL=http://127.0.0.1:{port}" in result.output
    assert "(from LABEL_STUDIO_URL)" in result.output


def test_an_unreachable_url_names_the_flag_it_came_from(tmp_path):
    url = _closed_url()
    flag = run("project", "list", "--url", url, "--api-key", KEY, "--data-dir", tmp_path)
    assert flag.exit_code == 1 and f"cannot reach Label Studio at {url}" in flag.output
    assert "check the URL given with --url" in flag.output
    assert "LABEL_STUDIO_URL" not in flag.output
    env = run(
        "project", "list", "--data-dir", tmp_path, LABEL_STUDIO_URL=url, LABEL_STUDIO_API_KEY=KEY
    )
    assert env.exit_code == 1 and "check the environment variable LABEL_STUDIO_URL" in env.output
    assert "--url" not in env.output
    for result in (flag, env):
        assert KEY not in result.output


def test_an_unreachable_url_names_the_data_dirs_server_when_another_port_was_given(tmp_path):
    data_dir, port = tmp_path / "ls", free_port()
    _stopped_server_record(data_dir, port)
    wrong = f"http://127.0.0.1:{port + 1}"
    result = run("project", "list", "--url", wrong, "--api-key", KEY, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert f"the local server of {data_dir} last ran at http://127.0.0.1:{port}" in result.output
    assert f"give --url http://127.0.0.1:{port}" in result.output


def test_an_html_page_is_never_shown_and_text_only_briefly():
    page = "<!DOCTYPE html>\n<html><head><title>Not Found</title></head>" + "<p>x</p>" * 100
    shown = without_key(page, KEY)
    assert shown == f"(an HTML page of {len(page.encode())} bytes, not shown)"
    assert "<" not in without_key("  <html><body>" + KEY + "</body></html>", KEY)
    assert without_key("Not Found\n\nThe requested resource was not found", KEY) == (
        "Not Found The requested resource was not found"
    )
    long = without_key({"detail": "x" * 1000 + KEY}, KEY)
    assert len(long) < 400 and long.endswith(" ...") and KEY not in long


# --- 3. the unknown-project hint keeps the ontology -----------------------------------------


def test_the_suggested_sync_repeats_the_ontology_quoted_for_a_shell():
    from eventset.annotate.clienterrors import UnknownProject

    error = unknown_project("Review News", "http://ls", ["other"])
    assert isinstance(error, UnknownProject)
    suggested = error.suggesting("my ontologies/news.py:ONTOLOGY")
    assert suggested.message == error.message
    command = str(suggested.remedy).split("create it first: ", 1)[1]
    assert shlex.split(command) == [
        "eventset",
        "project",
        "sync",
        "--title",
        "Review News",
        "--ontology",
        "my ontologies/news.py:ONTOLOGY",
    ]
    # a title with a quote is quoted for a shell too (Python's repr would not be)
    odd = unknown_project("Bob's news", "http://ls", []).suggesting("conflict-news")
    assert shlex.split(str(odd.remedy).split("first: ", 1)[1])[4] == "Bob's news"


# --- 4. small wording fixes ---------------------------------------------------------------


def test_a_value_used_once_is_said_in_the_singular():
    assert Orphan("trigger", "Meeting", 1).describe() == "trigger 'Meeting' (used 1 time)"
    assert Orphan("trigger", "Meeting", 2).describe() == "trigger 'Meeting' (used 2 times)"
    refusal = control_refusal(
        "p", ("a v1", "a v2"), [Orphan("tense", "past", 1)], {"tense": "Choices"}
    )
    assert "'past' (used 1 time)" in refusal.message and "1 times" not in refusal.message


def test_an_import_with_nothing_new_says_nothing_about_languages():
    summary = ImportSummary(read=2, already_present=2)
    assert "languages" not in summary.describe()
    assert summary.describe().endswith("with annotations 0; no new documents")
    summary.languages.update({"en": 1, "": 1})
    assert summary.describe().endswith("; languages: not detected=1, en=1")


def test_the_project_url_never_holds_a_login():
    from eventset.cli._connection import project_url

    assert project_url("http://admin:pa55@127.0.0.1:8080/", 3) == "http://127.0.0.1:8080/projects/3"
    assert project_url("https://ls.example/ls", 12) == "https://ls.example/ls/projects/12"


def test_the_readme_says_what_sync_and_import_print_and_what_the_data_dir_holds():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Open the printed URL" not in readme
    assert re.search(r"Open the project URL that `project sync` and `import` print", readme)
    assert re.search(r"`\.env` file[^.]*`SECRET_KEY`[^.]*data dir", readme)


def test_sync_and_import_print_the_project_url(tmp_path, monkeypatch):
    # The commands' output with a stand-in client (the real server: tests/integration).
    import eventset.cli.labelstudio as import_cli
    import eventset.cli.project as project_cli
    from eventset.annotate.client import ProjectInfo
    from eventset.annotate.config import build_label_config
    from eventset.annotate.connection import Connection
    from eventset.annotate.sync import SyncResult, with_stamp
    from eventset.schema import load_ontology

    onto = load_ontology("conflict-news")
    project = ProjectInfo(5, "news", with_stamp("", onto), build_label_config(onto))

    class Client:
        connection = Connection("http://127.0.0.1:9/ls", KEY)

        def require_project(self, title: str) -> ProjectInfo:
            return project

        def task_text_keys(self, project_id: int) -> dict[str, str]:
            return {}

        def import_tasks(self, project_id, spool, on_batch=None) -> list[int]:
            return list(range(len(spool)))

        def set_model_version(self, project_id: int, version: str) -> None:
            pass

    monkeypatch.setattr(import_cli, "connect", lambda *args: Client())
    monkeypatch.setattr(project_cli, "connect", lambda *args: Client())
    import eventset.annotate.sync as sync

    monkeypatch.setattr(sync, "sync_project", lambda *a, **k: SyncResult("unchanged", project))
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": "Troops attacked the city.", "lang": "en"}))
    imported = run("import", docs, "--project", "news")
    assert imported.exit_code == 0, imported.output
    assert "open the project: http://127.0.0.1:9/ls/projects/5\n" in imported.output
    synced = run("project", "sync", "--title", "news")
    assert synced.exit_code == 0, synced.output
    assert "open the project: http://127.0.0.1:9/ls/projects/5\n" in synced.output
