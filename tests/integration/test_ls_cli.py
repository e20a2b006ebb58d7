"""The annotate commands end to end against a real Label Studio (server, sync, import, pull)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.cli import run_cli as run
from support.labelstudio import RUNTIME_FILES, ensure_template

from eventset.annotate.localnet import free_port, port_is_free, process_alive
from eventset.schema import load_ontology

VERSION = load_ontology("conflict-news").version

pytestmark = pytest.mark.labelstudio


def test_server_start_status_stop(request, tmp_path):
    data_dir = tmp_path / "ls"
    shutil.copytree(
        ensure_template(request.config.rootpath),
        data_dir,
        ignore=shutil.ignore_patterns(*RUNTIME_FILES),
    )
    port = free_port()
    creds = json.loads((data_dir / "credentials.json").read_text())
    key = creds["api_key"]
    try:
        started = run("server", "start", "--data-dir", data_dir, "--port", port)
        assert started.exit_code == 0, started.output
        assert f"Label Studio is running at http://127.0.0.1:{port}" in started.output
        assert str(data_dir / "credentials.json") in started.output
        assert key not in started.output
        assert f"Log in as {creds['username']}; the password is in " in started.output
        assert creds["password"] not in started.output
        status = run("server", "status", "--data-dir", data_dir)
        assert status.exit_code == 0 and "healthy" in status.output
        assert listeners(port) == ["0100007F"], "bound to 127.0.0.1 only"
        busy = run("server", "start", "--data-dir", tmp_path / "other", "--port", port)
        assert busy.exit_code == 1 and f"port {port} on 127.0.0.1 is already in use" in busy.output
    finally:
        stopped = run("server", "stop", "--data-dir", data_dir)
    assert stopped.exit_code == 0 and stopped.output.startswith("Stopped Label Studio (pid ")
    pid = int(stopped.output.split("(pid ")[1].split(")")[0])
    assert not process_alive(pid)
    assert listeners(port) == []
    assert port_is_free(port)
    assert run("server", "status", "--data-dir", data_dir).exit_code == 1


def listeners(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def test_sync_import_twice_and_pull_from_the_command_line(labelstudio_server, ls_title, tmp_path):
    conn = ["--url", labelstudio_server.url, "--api-key", labelstudio_server.api_key]
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("The army launched an offensive on the city.")
    (news / "b.txt").write_text("De rebellen hebben het vliegveld veroverd.")
    first = run("project", "sync", "--title", ls_title, *conn)
    assert first.exit_code == 0 and f" created: conflict-news v{VERSION} " in first.output
    assert " unchanged: " in run("project", "sync", "--title", ls_title, *conn).output
    imported = run("import", news, "--project", ls_title, *conn)
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith("read 2, imported 2, already present 0")
    assert "with predictions 2" in imported.output
    again = run("import", news, "--project", ls_title, *conn)
    assert again.output.startswith("read 2, imported 0, already present 2")
    (news / "b.txt").write_text("De rebellen hebben de haven veroverd.")
    changed = run("import", news, "--project", ls_title, *conn)
    assert changed.exit_code == 1 and "conflicting texts 1" in changed.output
    assert f"conflict, not imported: {news / 'b.txt'}: the project already has doc id 'b'" in (
        changed.output
    )
    # the project's text is read back to say where the two differ
    assert (
        "with a different text: they first differ at offset 19 (the project's text has 42 "
        "characters, the new one 37): project 'De rebellen hebben het vliegveld veroverd.', "
        "new 'De rebellen hebben de haven veroverd.'"
    ) in changed.output
    assert "a conflict with the project names which" in changed.output
    out = tmp_path / "raw.json"
    pulled = run("pull", "--project", ls_title, "--out", out, *conn)
    assert pulled.output.startswith("2 tasks, 0 annotations, 0 skipped, 0 drafts, 2 predictions")
    assert sorted(t["data"]["doc_id"] for t in json.loads(out.read_text())) == ["a", "b"]
    listed = run("project", "list", *conn)
    assert f"\t{ls_title}\tconflict-news v{VERSION} (" in listed.output
    typo = ls_title[:-1]  # a title one letter short: both commands point at the real one
    for command in (["pull", "--out", tmp_path / "typo.json"], ["import", news]):
        wrong = run(*command, "--project", typo, *conn)
        assert wrong.exit_code == 1 and f"did you mean {ls_title!r}" in wrong.output
    key = labelstudio_server.api_key
    bare = run(
        "project", "list", "--url", labelstudio_server.url[len("http://") :], "--api-key", key
    )
    assert bare.exit_code == 0 and f"\t{ls_title}\t" in bare.output  # http:// is implied
    for result in (first, imported, again, pulled, listed):
        assert labelstudio_server.api_key not in result.output


def test_nobody_can_sign_up_without_the_invite_link(labelstudio_server):
    import httpx

    email = f"intruder-{free_port()}@example.org"
    with httpx.Client(base_url=labelstudio_server.url) as browser:
        page = browser.get("/user/signup/")
        assert page.status_code == 200
        form = {
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "email": email,
            "password": "a-long-password-123",
        }
        posted = browser.post("/user/signup/", data=form, headers={"Referer": str(page.url)})
    assert posted.status_code == 403, posted.text[:300]
    users = labelstudio_server.client()._sdk.users.list()
    assert email not in {u.email for u in users}
