"""Error bodies that echo the request's Authorization header never show the API key."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.connection import Connection
from eventset.errors import InputError, LabelStudioError

KEY = "ls-key-that-must-never-be-shown-0123456789"


class _EchoingProxy(BaseHTTPRequestHandler):
    """Answers every request 401 with the Authorization header in the body, as some proxies do."""

    def _answer(self) -> None:
        body = json.dumps({"detail": f"Invalid token {self.headers.get('authorization')}"})
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST = do_PATCH = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def client() -> Iterator[LabelStudioClient]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoingProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield LabelStudioClient(Connection(f"http://127.0.0.1:{server.server_port}", KEY))
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.list_projects(),  # through the SDK (ApiError)
        lambda c: c.list_predictions(1),  # through our own request helper
    ],
)
def test_an_echoed_key_is_hidden_in_the_error(client, call):
    with pytest.raises(LabelStudioError) as caught:
        call(client)
    shown = str(caught.value)
    assert "HTTP 401" in shown and "Invalid token" in shown  # the body is still shown
    assert KEY not in shown and KEY[:12] not in shown
    assert "***" in shown


@pytest.mark.parametrize("title", ["ab", "", "x" * 51])
def test_a_title_label_studio_refuses_is_named_before_any_request(title):
    # Port 9 (discard) is closed here: a request would fail with a LabelStudioError instead.
    client = LabelStudioClient(Connection("http://127.0.0.1:9", KEY))
    with pytest.raises(InputError) as caught:
        client.create_project(title, "<View/>", "")
    assert f"has {len(title)} character(s); Label Studio takes 3 to 50" in str(caught.value)


def test_titles_of_3_and_50_characters_reach_the_server(client):
    for title in ("abc", "x" * 50):
        with pytest.raises(LabelStudioError):  # the echoing proxy answers 401: it was asked
            client.create_project(title, "<View/>", "")


def test_sync_refuses_a_title_before_even_looking_projects_up():
    from eventset.annotate.sync import sync_project
    from eventset.schema import load_ontology

    client = LabelStudioClient(Connection("http://127.0.0.1:9", KEY))  # nothing listens there
    with pytest.raises(InputError, match="has 2 character"):
        sync_project(client, "ab", load_ontology("conflict-news"))


def test_an_unreachable_local_server_is_started_from_its_own_data_dir(tmp_path):
    from eventset.annotate.client import unreachable
    from eventset.annotate.connection import KEY_ENV, Connection
    from eventset.annotate.serverfiles import ServerPaths

    credentials = ServerPaths(tmp_path / "ls").credentials
    credentials.parent.mkdir()
    credentials.write_text("{}", encoding="utf-8")
    local = Connection("http://127.0.0.1:18097", "k", str(credentials))
    error = unreachable(local, "list projects", OSError("refused"))
    assert f"eventset server start --data-dir {tmp_path / 'ls'} --port 18097" in error.remedy
    remote = Connection("https://ls.example.org", "k", KEY_ENV)
    assert "`eventset server start` or check" in unreachable(remote, "x", OSError()).remedy
