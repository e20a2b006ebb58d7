"""Review 3: which pre-annotations annotators see, stable model versions, login-free URLs,
a stopped local server, ``server start`` messages and where a refused key came from."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from support.cli import run_cli as run
from support.importclient import ImportRecorder

from eventset.annotate import importer
from eventset.annotate.client import LabelStudioClient
from eventset.annotate.connection import Connection, resolve_connection
from eventset.annotate.credentials import load_or_create_credentials
from eventset.annotate.importer import import_documents
from eventset.annotate.localnet import free_port
from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.server import ServerPaths, ServerStatus
from eventset.cli._connection import server_url
from eventset.errors import InputError, LabelStudioError
from eventset.schema import Event, Ontology, load_ontology

ONTO = load_ontology("conflict-news")
TEXT = "The army launched an offensive near Goma."
PASSWORD = "S3cretPW"
KEY = "wrong-key-0123456789abcdef"


# --- 1. with a corpus, annotators see the corpus's predictions ----------------------------


def _corpus(tmp_path: Path, name: str = "corpus") -> OneIEPreAnnotator:
    tokens = [*TEXT.rstrip(".").split(), "."]
    record = {
        "doc_id": "d1",
        "tokens": tokens,
        "entity_mentions": [],
        "event_mentions": [
            {"event_type": "MilitaryOperation", "trigger": {"start": 4, "end": 5}, "arguments": []}
        ],
    }
    path = tmp_path / f"{name}.jsonl"
    path.write_text(json.dumps(record) + "\n")
    return OneIEPreAnnotator(path, ONTO)


def _docs(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "text": TEXT, "lang": "en"}) + "\n")
    return path


def test_with_a_corpus_the_project_shows_the_corpus_and_says_so(tmp_path):
    client = ImportRecorder()
    corpus = _corpus(tmp_path)
    summary = import_documents(
        client,  # type: ignore[arg-type]
        "demo",
        [_docs(tmp_path)],
        ONTO,
        preannotators=[LexiconPreAnnotator(ONTO), corpus],
    )
    [payload] = client.payloads
    stored = [p["model_version"] for p in payload["predictions"]]
    assert stored == ["lexicon-conflict-news", "oneie-corpus"]  # both are stored
    assert client.model_versions == ["oneie-corpus"] == [summary.model_version]
    [note] = summary.notes
    assert "annotators see the pre-annotations of model version 'oneie-corpus'" in note
    assert "'lexicon-conflict-news'" in note and "Settings -> Predictions" in note


def test_the_import_command_prints_which_model_version_annotators_see(tmp_path, monkeypatch):
    import eventset.cli.labelstudio as cli

    client = ImportRecorder()
    monkeypatch.setattr(cli, "connect", lambda *args: client)
    _corpus(tmp_path)
    result = run(
        "import",
        _docs(tmp_path),
        "--project",
        "demo",
        "--preannotations",
        tmp_path / "corpus.jsonl",
    )
    assert result.exit_code == 0, result.output
    assert "annotators see the pre-annotations of model version 'oneie-corpus'" in result.output
    assert client.model_versions == ["oneie-corpus"]


def test_the_lexicon_alone_never_displaces_another_models_version(tmp_path):
    lexicon = LexiconPreAnnotator(ONTO)
    assert importer.choose_model_version([lexicon]) == "lexicon-conflict-news"
    assert importer.choose_model_version([lexicon], "oneie-corpus") == "oneie-corpus"
    # an older, hash-bearing lexicon version is replaced by the stable one
    old = f"lexicon-conflict-news-{ONTO.short_hash}"
    assert importer.choose_model_version([lexicon], old) == "lexicon-conflict-news"
    assert importer.choose_model_version([lexicon, _corpus(tmp_path)], "x") == "oneie-corpus"
    client = ImportRecorder("oneie-corpus")
    summary = import_documents(
        client,  # type: ignore[arg-type]
        "demo",
        [_docs(tmp_path)],
        ONTO,
        preannotators=[lexicon],
    )
    assert client.model_versions == ["oneie-corpus"]
    assert "'lexicon-conflict-news'" in summary.notes[0]


# --- 2. model versions do not change with the ontology ------------------------------------


class Raid(Event):
    """An armed raid."""

    lexicon: ClassVar[dict[str, list[str]]] = {"en": ["raid"]}


class Raid2(Event):
    """An armed raid (v2: more words)."""

    lexicon: ClassVar[dict[str, list[str]]] = {"en": ["raid", "incursion"]}


Raid2.__name__ = "Raid"


def test_model_versions_stay_the_same_when_the_ontology_changes(tmp_path):
    v1 = Ontology(name="raids", version=1, entities=[], events=[Raid])
    v2 = Ontology(name="raids", version=2, entities=[], events=[Raid2])
    assert v1.content_hash != v2.content_hash
    assert LexiconPreAnnotator(v1).model_version == LexiconPreAnnotator(v2).model_version
    assert LexiconPreAnnotator(v2).model_version == "lexicon-raids"
    assert _corpus(tmp_path, "events").model_version == "oneie-events"
    assert ONTO.short_hash not in _corpus(tmp_path).model_version


# --- 4. a URL with a login in it ----------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        f"http://admin:{PASSWORD}@127.0.0.1:18519",
        f"admin:{PASSWORD}@127.0.0.1:18519/user/login",
        f"https://admin:{PASSWORD}@ls.example/projects/",
    ],
)
def test_a_url_with_a_login_is_refused_without_showing_the_password(given):
    with pytest.raises(InputError, match="holds a user name or password") as refused:
        server_url(given)
    shown = str(refused.value)
    assert PASSWORD not in shown and "admin" not in shown
    assert "***@" in shown and "API key" in shown


def test_the_cli_refuses_a_url_with_a_login_from_the_flag_or_the_environment():
    url = f"http://admin:{PASSWORD}@127.0.0.1:{free_port()}"
    for result in (
        run("project", "list", "--url", url, "--api-key", "abcdefghij"),
        run("project", "list", "--api-key", "abcdefghij", LABEL_STUDIO_URL=url),
    ):
        assert result.exit_code == 1
        assert "holds a user name or password" in result.output
        assert PASSWORD not in result.output and "cannot reach" not in result.output


def test_a_scheme_that_is_not_http_does_not_show_the_password_either():
    with pytest.raises(InputError, match="holds a user name or password") as refused:
        server_url(f"ftp://admin:{PASSWORD}@ls.example")  # the login is refused first
    assert PASSWORD not in str(refused.value)
    with pytest.raises(LabelStudioError, match="is not an http"):
        server_url("ftp://ls.example")


# --- 7. the local server's URL while that server is stopped -------------------------------


def _stopped_local_server(data_dir: Path, port: int, *, log: bool = True) -> None:
    paths = ServerPaths(data_dir)
    load_or_create_credentials(paths.credentials)
    if log:
        paths.log.write_text(
            "Performing system checks...\n"
            f"Starting development server at http://127.0.0.1:{port + 1}/\n"
            f"Starting development server at http://127.0.0.1:{port}/\nQuit with CONTROL-C.\n"
        )


def test_the_stopped_local_server_is_named_instead_of_asking_for_a_key(tmp_path):
    port = free_port()
    _stopped_local_server(tmp_path, port)
    with pytest.raises(LabelStudioError, match="is not running") as caught:
        resolve_connection(f"http://127.0.0.1:{port}/", data_dir=tmp_path)
    shown = str(caught.value)
    assert f"the local Label Studio server of {tmp_path} (http://127.0.0.1:{port})" in shown
    assert f"eventset server start --data-dir {tmp_path} --port {port}" in shown
    assert "LABEL_STUDIO_API_KEY" not in shown


def test_a_stale_server_record_also_names_the_stopped_server(tmp_path):
    port = free_port()
    _stopped_local_server(tmp_path, port, log=False)
    state = {"pid": 2**22 + 1, "start_time": 1, "data_dir": str(tmp_path), "port": port}
    ServerPaths(tmp_path).state.write_text(json.dumps({**state, "url": f"http://127.0.0.1:{port}"}))
    result = run("project", "list", "--data-dir", tmp_path, LABEL_STUDIO_URL=f"127.0.0.1:{port}")
    assert result.exit_code == 1
    assert "is not running" in result.output
    assert f"eventset server start --data-dir {tmp_path}" in result.output


def test_another_url_still_asks_for_a_key(tmp_path):
    port = free_port()
    _stopped_local_server(tmp_path, port)
    with pytest.raises(LabelStudioError, match="no API key for the Label Studio server") as caught:
        resolve_connection("http://ls.example:8080", data_dir=tmp_path)
    assert "LABEL_STUDIO_API_KEY" in str(caught.value)


# --- 8a. server start says "Starting" only when it starts one -----------------------------


def _fake_start(monkeypatch, running: ServerStatus | None) -> None:
    import eventset.annotate.server as server

    def status(data_dir):
        return running or ServerStatus(Path(data_dir), None, None, False)

    def start(data_dir, port):
        if running:
            return running
        return ServerStatus(Path(data_dir), 4242, f"http://127.0.0.1:{port}", True, port, True)

    monkeypatch.setattr(server, "server_status", status)
    monkeypatch.setattr(server, "start_server", start)


def test_the_first_start_remark_only_for_a_new_data_dir(tmp_path, monkeypatch):
    _fake_start(monkeypatch, None)
    port = free_port()
    fresh = run("server", "start", "--data-dir", tmp_path, "--port", port)
    assert fresh.exit_code == 0, fresh.output
    assert f"Starting Label Studio from {tmp_path} (first start" in fresh.output
    (tmp_path / "label_studio.sqlite3").write_bytes(b"")
    again = run("server", "start", "--data-dir", tmp_path, "--port", port)
    assert f"Starting Label Studio from {tmp_path} ..." in again.output
    assert "first start" not in again.output and "migrations" not in again.output


def test_nothing_like_starting_when_it_already_runs(tmp_path, monkeypatch):
    port = free_port()
    running = ServerStatus(tmp_path, 4242, f"http://127.0.0.1:{port}", True, port)
    _fake_start(monkeypatch, running)
    result = run("server", "start", "--data-dir", tmp_path, "--port", port)
    assert result.exit_code == 0, result.output
    assert "Starting" not in result.output and "migrations" not in result.output
    assert f"already running at http://127.0.0.1:{port}" in result.output


def test_nothing_like_starting_when_the_port_is_busy(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("server", "start", "--data-dir", tmp_path / "d", "--port", port)
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    assert "Starting" not in result.output and "migrations" not in result.output


# --- 8b. a refused key is traced to where it came from ------------------------------------


class _Refuses(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = b'{"detail": "Invalid token."}'
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuses)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_the_key_source_is_recorded(tmp_path, monkeypatch):
    assert resolve_connection("http://h:1", KEY, tmp_path).key_source == "--api-key"
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", KEY)
    assert resolve_connection("http://h:1", None, tmp_path).key_source == "LABEL_STUDIO_API_KEY"


@pytest.mark.parametrize("call", [lambda c: c.list_projects(), lambda c: c.list_predictions(1)])
def test_the_401_hint_names_the_flag_when_the_key_came_from_it(refusing_url, call):
    client = LabelStudioClient(Connection(refusing_url, KEY, "--api-key"))
    with pytest.raises(LabelStudioError, match="HTTP 401") as refused:
        call(client)
    assert "the API key given with --api-key was refused" in str(refused.value)
    assert "LABEL_STUDIO_API_KEY" not in str(refused.value)


def test_the_401_hint_of_the_cli_names_flag_environment_or_credentials_file(
    refusing_url, tmp_path, monkeypatch
):
    flag = run("project", "list", "--url", refusing_url, "--api-key", KEY)
    assert flag.exit_code == 1 and "HTTP 401" in flag.output
    assert "given with --api-key was refused" in flag.output
    assert "check LABEL_STUDIO_API_KEY" not in flag.output
    env = run("project", "list", "--url", refusing_url, LABEL_STUDIO_API_KEY=KEY)
    assert "the environment variable LABEL_STUDIO_API_KEY was refused" in env.output
    # the local server's own key, from its credentials file
    import eventset.annotate.connection as connection

    creds = load_or_create_credentials(ServerPaths(tmp_path).credentials)
    monkeypatch.setattr(connection, "_local_settings", lambda d: (refusing_url, creds.api_key))
    local = run("project", "list", "--data-dir", tmp_path)
    assert f"from {tmp_path / 'credentials.json'} was refused" in local.output
    for result in (flag, env, local):
        assert KEY not in result.output and creds.api_key not in result.output


@pytest.mark.parametrize(
    "url",
    [
        "http://admin:s3/cret@127.0.0.1:9",
        "http://admin:s3#cret@127.0.0.1:9",
        "http://admin:s3?cret@127.0.0.1:9/user/login",
        "admin:s3cret@127.0.0.1:9",
    ],
)
def test_a_login_is_refused_and_hidden_whatever_characters_its_password_holds(url):
    from eventset.cli._connection import server_url

    with pytest.raises(InputError) as refused:
        server_url(url)
    shown = f"{refused.value} {refused.value.remedy}"
    assert "s3" not in shown and "cret" not in shown and "admin" not in shown
    assert "http://127.0.0.1:9" in refused.value.remedy


def test_a_refused_login_keeps_the_scheme_in_the_advice_and_an_at_sign_in_a_query_is_no_login():
    from eventset.cli._connection import server_url

    with pytest.raises(InputError) as refused:
        server_url("https://admin:pw@ls.example.org/ls")
    assert "(https://ls.example.org/ls)" in refused.value.remedy  # not http: the key over TLS
    assert server_url("https://ls.example/?next=a@b") == "https://ls.example"
    assert server_url("http://ls.example/proj@team/") == "http://ls.example/proj@team"


@pytest.mark.parametrize(
    "given",
    [
        "http://admin:{}@label_studio:8080",  # a docker-compose service name
        "http://admin:{}@ls_host",
        "http://admin:{}@müller.example:8080",
        "http://admin:{}@127.0.0.1:abc",
        "http://admin:{}@[::1",
    ],
)
def test_a_login_before_any_kind_of_host_is_refused_and_hidden(given):
    from eventset.cli._connection import server_url
    from eventset.errors import EventsetError

    secret = "pw-0123456789abcdef"
    with pytest.raises(EventsetError) as caught:
        server_url(given.format(secret))
    shown = f"{caught.value.message} {caught.value.remedy}"
    assert "holds a user name or password" in shown and secret not in shown


@pytest.mark.parametrize("given", ["http://[::1", "http://127.0.0.1:99999", "http://ls:port"])
def test_an_unreadable_address_is_an_error_not_a_traceback(given):
    from eventset.cli._connection import server_url
    from eventset.errors import LabelStudioError

    with pytest.raises(LabelStudioError, match="is not an http"):
        server_url(given)
