"""Review 11 (offline, against small fake servers): a URL without the Label Studio API says so
first, pull does not suggest creating a project, the stamp refusal spells out --ontology, the pull
summary counts in the singular too, and a URL where nothing listens is reported at once."""

from __future__ import annotations

import json
import shlex
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from support.cli import run_cli as run

from eventset.annotate.client import LabelStudioClient, ProjectInfo
from eventset.annotate.clienterrors import unknown_project
from eventset.annotate.connection import KEY_ENV, KEY_FLAG, URL_ENV, URL_FLAG, Connection
from eventset.annotate.importer import ImportSummary, _check_stamp
from eventset.annotate.localnet import free_port
from eventset.annotate.pull import PullSummary, count_export, pull_project
from eventset.annotate.server import ServerPaths
from eventset.annotate.sync import stamp
from eventset.errors import InputError, LabelStudioError
from eventset.schema import load_ontology

KEY = "review11-key-that-must-never-be-shown-0123"
ONTO = load_ontology("conflict-news")
TINY_STAMP = "eventset ontology: tiny v2 sha256:" + "ab" * 32
PAGE_404 = b"<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>"


@dataclass
class Fake:
    """What the fake Label Studio answers: ``prefix`` is where its API is (a wrong URL adds a
    path to it), ``projects`` its projects, ``fail`` statuses for the next project lists."""

    prefix: str = ""
    projects: list[dict[str, Any]] = field(default_factory=list)
    fail: list[int] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


class _LabelStudio(BaseHTTPRequestHandler):
    fake: Fake

    def do_GET(self) -> None:
        fake = self.fake
        fake.asked.append(self.path)
        parts = urlsplit(self.path)
        path = parts.path
        if not path.startswith(f"{fake.prefix}/api/"):
            self._send(404, PAGE_404, "text/html")  # as Label Studio's page for an unknown path
            return
        path = path[len(fake.prefix) :]
        if not self.headers.get("authorization"):
            self._json(401, {"detail": "Authentication credentials were not provided."})
        elif path == "/api/projects/":
            if fake.fail:
                self._json(fake.fail.pop(0), {"detail": "busy"})
                return
            query = parse_qs(parts.query)
            title = query.get("title", [None])[0]
            page = int(query.get("page", ["1"])[0])
            found = [p for p in fake.projects if title is None or p["title"] == title]
            if page > 1:  # as Label Studio 1.23 answers past the last page
                self._json(404, {"status_code": 404, "detail": "Invalid page."})
                return
            self._json(200, {"count": len(found), "next": None, "previous": None, "results": found})
        else:
            wanted = path.removeprefix("/api/projects/").strip("/")
            project = next((p for p in fake.projects if str(p["id"]) == wanted), None)
            self._json(200, project) if project else self._json(404, {"detail": "Not found."})

    def _json(self, status: int, body: object) -> None:
        self._send(status, json.dumps(body).encode(), "application/json")

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def label_studio() -> Iterator[tuple[str, Fake]]:
    fake = Fake()
    handler = type("Handler", (_LabelStudio,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", fake
    finally:
        server.shutdown()
        server.server_close()


def _client(url: str, key_source: str = KEY_FLAG, url_source: str = URL_FLAG) -> LabelStudioClient:
    return LabelStudioClient(Connection(url, KEY, key_source, url_source))


# --- 1. a URL where no Label Studio API answers says so first ----------------------------


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda c: c.list_projects(), "list projects"),  # through the SDK
        (lambda c: c.list_predictions(3), "list predictions of task 3"),  # our own request
    ],
)
def test_a_url_without_the_api_opens_with_that_not_with_a_refusal(label_studio, call, what):
    base, _ = label_studio
    prefixed = f"{base}/labelstudio"
    with pytest.raises(LabelStudioError) as caught:
        call(_client(prefixed))
    message, remedy = caught.value.message, str(caught.value.remedy)
    assert message.startswith(f"no Label Studio API answers at {prefixed}: asked to {what}, ")
    assert "the server there answered HTTP 404 (an HTML page of " in message
    assert "refused" not in message and "<" not in message
    # the hint that follows is kept
    assert f"nothing answers at {prefixed}/api/... (no Label Studio API there)" in remedy
    assert "check the URL's path" in remedy
    assert f"Label Studio answers at {base}, without /labelstudio" in remedy
    assert "(the URL came from --url)" in remedy
    assert KEY not in str(caught.value)


def test_pull_from_a_url_without_the_api_opens_with_that(label_studio, tmp_path):
    base, _ = label_studio
    prefixed = f"{base}/labelstudio"
    out = tmp_path / "export.json"
    result = run("pull", "--project", "news", "--out", out, "--url", prefixed, "--api-key", KEY)
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: no Label Studio API answers at {prefixed}: asked to list projects titled 'news'"
    )
    assert "refused" not in result.output
    assert f"Label Studio answers at {base}, without /labelstudio" in result.output
    assert KEY not in result.output and not out.exists()


def test_a_missing_project_where_the_api_answers_is_still_a_refusal(label_studio):
    base, fake = label_studio
    fake.projects = [{"id": 1, "title": "news"}]
    with pytest.raises(LabelStudioError) as caught:
        _client(base).get_project(5)
    assert caught.value.message.startswith("Label Studio refused to read project 5: HTTP 404")
    assert caught.value.remedy == (
        "the project or task does not exist (any more); check the title or id"
    )


# --- 2. pull does not suggest creating the project it cannot find ------------------------


def test_pull_of_an_unknown_project_suggests_checking_the_title_not_creating_it(
    label_studio, tmp_path
):
    base, fake = label_studio
    fake.projects = [{"id": 1, "title": "News 2024"}, {"id": 2, "title": "Other"}]
    out = tmp_path / "export.json"
    result = run("pull", "--project", "News 2025", "--out", out, "--url", base, "--api-key", KEY)
    assert result.exit_code == 1
    # the did-you-mean part stays
    assert f"no project titled 'News 2025' on {base}; did you mean 'News 2024'?" in result.output
    assert "project sync" not in result.output and "create it" not in result.output
    assert (
        f"How to fix: check --project (titles are exact); `eventset project list --url {base} "
        "--api-key KEY` lists the projects there"
    ) in result.output
    assert KEY not in result.output and not out.exists()
    # the suggested listing works (with the key in place of KEY) and shows the title
    listed = run("project", "list", "--url", base, "--api-key", KEY)
    assert listed.exit_code == 0 and "News 2024" in listed.output


def test_pull_without_close_titles_still_lists_them(label_studio, tmp_path):
    base, fake = label_studio
    fake.projects = [{"id": 1, "title": "alpha"}, {"id": 2, "title": "beta"}]
    client = _client(base, KEY_ENV, URL_ENV)
    with pytest.raises(LabelStudioError) as caught:
        pull_project(client, "zzzzzz", tmp_path / "out.json")
    assert caught.value.message.endswith("; the projects there are 'alpha', 'beta'")
    assert caught.value.remedy == (
        "check --project (titles are exact); `eventset project list` lists the projects there"
    )


def test_import_of_an_unknown_project_still_suggests_creating_it(label_studio, tmp_path):
    base, fake = label_studio
    fake.projects = [{"id": 1, "title": "News 2024"}]
    news = tmp_path / "news.txt"
    news.write_text("The rebels besieged the city.")
    result = run("import", news, "--project", "News 2025", "--url", base, "--api-key", KEY)
    assert result.exit_code == 1
    assert "did you mean 'News 2024'?" in result.output
    suggested = result.output.split("create it first: ", 1)[1].strip()
    assert shlex.split(suggested) == [
        *("eventset", "project", "sync", "--title", "News 2025"),
        *("--ontology", "conflict-news"),
    ]
    assert "eventset project list" not in result.output


def test_the_listing_command_names_the_options_the_connection_came_from(tmp_path):
    from eventset.annotate.clienterrors import list_command

    data_dir = tmp_path / "my ls"
    paths = ServerPaths(data_dir)
    local = Connection(
        "http://127.0.0.1:18111", KEY, str(paths.credentials), str(paths.state), data_dir
    )
    assert list_command(local) == f"eventset project list --data-dir '{data_dir}'"
    flagged = Connection("http://ls.example/x y", KEY, KEY_ENV, URL_FLAG, data_dir)
    assert list_command(flagged) == "eventset project list --url 'http://ls.example/x y'"
    error = unknown_project("a", "http://ls", ["b"]).for_reading(list_command(local))
    assert KEY not in str(error) and "create" not in str(error.remedy)


# --- 3. the stamp refusal spells out --ontology --------------------------------------------


def _refusal(description: str, ref: str | None = None, onto=ONTO) -> InputError:
    project = ProjectInfo(7, "Bob's news", description, "<View/>")
    with pytest.raises(InputError) as refused:
        if ref is None:
            _check_stamp(project, onto, ImportSummary(), force=False)
        else:
            _check_stamp(project, onto, ImportSummary(), False, ref)
    return refused.value


def test_a_project_of_a_built_in_ontology_names_it_with_ontology():
    from eventset.schema import Entity, Event, Ontology

    class Place(Entity):
        """A place."""

    class Visit(Event):
        """Someone visits."""

    other = Ontology(name="visits", version=1, entities=[Place], events=[Visit])
    refusal = _refusal(stamp(ONTO), "my ontologies/visits.py", other)
    remedy = str(refusal.remedy)
    assert f"pass the project's ontology (conflict-news v{ONTO.version}) with --ontology " in remedy
    assert "with --ontology conflict-news (or set EVENTSET_ONTOLOGY=conflict-news)" in remedy
    command = remedy.split("run `", 1)[1].split("`", 1)[0]
    assert shlex.split(command) == [
        *("eventset", "project", "sync", "--title", "Bob's news"),
        *("--ontology", "my ontologies/visits.py"),
    ]


def test_a_project_of_another_ontology_file_spells_out_the_option():
    remedy = str(_refusal(TINY_STAMP, "conflict-news").remedy)
    assert (
        "pass the project's ontology (tiny v2) with --ontology path/to/file.py, the file that "
        "defines it (or set EVENTSET_ONTOLOGY)"
    ) in remedy
    assert "project sync --title 'Bob'\"'\"'s news' --ontology conflict-news` first" in remedy
    assert "--force imports anyway" in remedy


def test_an_edited_ontology_under_the_same_version_spells_out_the_option():
    from eventset.schema import Entity, Event, Ontology

    class Place(Entity):
        """A place."""

    class Visit(Event):
        """Someone visits."""

    edited = Ontology(name="visits", version=1, entities=[Place], events=[Visit])
    project = "eventset ontology: visits v1 sha256:" + "00" * 32
    remedy = str(_refusal(project, "news.py", edited).remedy)
    assert remedy.startswith(
        "give the edited ontology a new version and run `eventset project sync --title "
        "'Bob'\"'\"'s news' --ontology news.py`, or pass the ontology the project was synced "
        "from with --ontology path/to/file.py"
    )


def test_a_project_of_an_edited_copy_of_the_built_in_asks_for_that_copy():
    copy = f"eventset ontology: {ONTO.name} v{ONTO.version} sha256:" + "00" * 32
    refusal = _refusal(copy, "conflict-news")
    assert f"an edited copy of the built-in {ONTO.name}" in refusal.message
    remedy = str(refusal.remedy)
    assert remedy.startswith("pass that copy with --ontology path/to/file.py")
    assert "give the edited ontology a new version" not in remedy  # ours is the built-in


def test_a_project_of_a_built_in_of_another_release_imported_with_another_ontology():
    from eventset.schema import Entity, Event, Ontology

    class Place(Entity):
        """A place."""

    class Visit(Event):
        """Someone visits."""

    visits = Ontology(name="visits", version=1, entities=[Place], events=[Visit])
    older = f"eventset ontology: {ONTO.name} v{int(ONTO.version) - 1} sha256:" + "00" * 32
    refusal = _refusal(older, "visits.py", visits)
    remedy = str(refusal.remedy)
    assert "move the project to" not in remedy  # the sync it names would move it to visits
    assert f"pass the project's ontology ({ONTO.name} v{int(ONTO.version) - 1})" in remedy
    assert "only if the project should move to this one" in remedy


def test_a_project_of_an_earlier_built_in_version_is_moved_by_a_sync():
    older = f"eventset ontology: {ONTO.name} v{int(ONTO.version) - 1} sha256:" + "00" * 32
    refusal = _refusal(older, "conflict-news")
    assert f"this eventset ships {ONTO.name} v{ONTO.version}" in refusal.message
    remedy = str(refusal.remedy)
    assert remedy.startswith(f"move the project to {ONTO.name} v{ONTO.version}: run `eventset")
    assert "--ontology conflict-news` first" in remedy
    assert "the file that defines it" not in remedy


def test_without_a_reference_a_built_in_import_is_still_named():
    remedy = str(_refusal(TINY_STAMP).remedy)
    assert "--ontology conflict-news` first" in remedy  # the import's ontology is the built-in


def test_the_import_command_suggests_its_own_ontology_reference(label_studio, tmp_path):
    base, fake = label_studio
    fake.projects = [{"id": 7, "title": "news", "description": TINY_STAMP, "label_config": ""}]
    news = tmp_path / "news.txt"
    news.write_text("The rebels besieged the city.")
    given = f"{tmp_path}/my ontologies/news.py"
    Path(given).parent.mkdir()
    Path(given).write_text(
        "from eventset import Entity, Event, Ontology\n\n\n"
        'class City(Entity):\n    """A city."""\n\n\n'
        'class Siege(Event):\n    """A siege."""\n\n\n'
        'ONTOLOGY = Ontology(name="sieges", version=1, entities=[City], events=[Siege])\n'
    )
    result = run(
        "import", news, "--project", "news", "--ontology", given, "--url", base, "--api-key", KEY
    )
    assert result.exit_code == 1
    assert "synced from ontology tiny v2" in result.output
    assert "with --ontology path/to/file.py, the file that defines it" in result.output
    assert f"--title news --ontology {shlex.quote(given)}` first" in result.output
    assert KEY not in result.output


# --- 4. the pull summary in the singular and the plural --------------------------------------


def test_the_pull_summary_says_one_of_each_in_the_singular():
    one = PullSummary(Path("out.json"), 1, 1, 1, 1, 1).describe()
    assert one == "1 task, 1 annotation, 1 skipped, 1 draft, 1 prediction -> out.json"
    two = PullSummary(Path("out.json"), 2, 2, 2, 2, 2).describe()
    assert two == "2 tasks, 2 annotations, 2 skipped, 2 drafts, 2 predictions -> out.json"
    none = count_export([], Path("out.json")).describe()
    assert none == "0 tasks, 0 annotations, 0 skipped, 0 drafts, 0 predictions -> out.json"


# --- 5. nothing listening is reported at once; retries stay where work was done --------------


@pytest.mark.parametrize("call", [lambda c: c.list_projects(), lambda c: c.find_project("news")])
def test_a_url_where_nothing_listens_is_reported_without_retrying(call):
    client = _client(f"http://127.0.0.1:{free_port()}")  # built first: the SDK import is slow
    started = time.monotonic()
    with pytest.raises(LabelStudioError) as caught:
        call(client)
    took = time.monotonic() - started
    assert "cannot reach Label Studio at http://127.0.0.1:" in caught.value.message
    assert took < 2.5, f"{took:.1f} s: the SDK's retries wait 1 s, then 2 s"


def test_a_busy_answer_to_the_first_request_is_still_asked_again(label_studio):
    base, fake = label_studio
    fake.projects, fake.fail = [{"id": 1, "title": "news"}], [503]
    assert [p.title for p in _client(base).list_projects()] == ["news"]
    asked = [a for a in fake.asked if a.startswith("/api/projects/")]
    # the one-project probe: 503, then again (answered); the listing: page 1, page 2 (the end)
    assert len(asked) == 4


def test_requests_after_the_first_answer_keep_the_sdks_retries(label_studio):
    base, fake = label_studio
    fake.projects = [{"id": 1, "title": "news"}]
    client = _client(base)
    assert client.list_projects()
    fake.fail = [503]
    assert [p.title for p in client.list_projects()] == ["news"]  # retried by the SDK
    assert not fake.fail
