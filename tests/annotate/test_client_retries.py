"""Requests that change data are sent once: a gateway error after the server acted must not make
the SDK send the batch again. Timeouts and interrupted imports say what happened."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from eventset.annotate.client import LabelStudioClient, export_timeout
from eventset.annotate.connection import Connection
from eventset.errors import InputError, LabelStudioError

KEY = "ls-key-0123456789abcdef0123456789abcdef"


class _Gateway(BaseHTTPRequestHandler):
    """Counts POSTs; answers them from ``plan`` (status per call, then 504), GETs slowly."""

    posts: ClassVar[list[str]] = []
    plan: ClassVar[list[int]] = []
    delay: ClassVar[float] = 0.0
    projects: ClassVar[list[dict[str, object]]] = []  # what GET /api/projects/ lists

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        type(self).posts.append(self.path)
        status = type(self).plan.pop(0) if type(self).plan else 504
        body = {"task_ids": [1, 2], "task_count": 2} if status == 201 else {"detail": "timeout"}
        self._send(status, body)

    def do_GET(self) -> None:
        time.sleep(type(self).delay)
        projects = type(self).projects
        path, _, query = self.path.partition("?")
        if path == "/api/projects/" and "page=1&" not in f"{query}&":
            self._send(404, {"detail": "Invalid page."})  # Label Studio after the last page
        elif path == "/api/projects/":
            self._send(200, {"count": len(projects), "next": None, "results": projects})
        elif path.startswith("/api/projects/"):
            wanted = int(path.rstrip("/").rsplit("/", 1)[1])
            found = [p for p in projects if p["id"] == wanted]
            self._send(200 if found else 404, found[0] if found else {"detail": "Not found."})
        else:
            self._send(200, [])

    def do_DELETE(self) -> None:
        type(self).posts.append(f"DELETE {self.path}")
        self._send(type(self).plan.pop(0) if type(self).plan else 504, {"detail": "timeout"})

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    _Gateway.posts, _Gateway.plan, _Gateway.delay, _Gateway.projects = [], [], 0.0, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def _tasks(n: int) -> list[dict[str, object]]:
    return [{"data": {"text": f"text {i}", "doc_id": f"d{i}"}} for i in range(n)]


def test_a_failed_import_batch_is_sent_once(gateway):
    client = LabelStudioClient(Connection(gateway, KEY))
    with pytest.raises(LabelStudioError, match="HTTP 504"):
        client.import_tasks(7, _tasks(2))
    assert len(_Gateway.posts) == 1  # the SDK's two retries would have imported it 3 times


def test_other_posts_are_sent_once_too(gateway):
    client = LabelStudioClient(Connection(gateway, KEY))
    with pytest.raises(LabelStudioError, match="HTTP 504"):
        client.create_annotation(5, [])
    assert _Gateway.posts == ["/api/tasks/5/annotations/"]


def test_a_project_create_whose_answer_was_lost_is_sent_once_and_reported(gateway):
    client = LabelStudioClient(Connection(gateway, KEY))
    with pytest.raises(LabelStudioError, match="HTTP 504"):
        client.create_project("news", "<View/>", "")
    assert _Gateway.posts == ["/api/projects/"]  # a retry would have created a second project


def test_a_project_created_although_its_answer_was_lost_is_returned(gateway):
    _Gateway.projects = [{"id": 9, "title": "news", "description": "", "label_config": "<View/>"}]
    client = LabelStudioClient(Connection(gateway, KEY))
    created = client.create_project("news", "<View/>", "")
    assert (created.id, created.title) == (9, "news")
    assert _Gateway.posts == ["/api/projects/"]


def test_user_creation_and_project_deletion_are_sent_once(gateway):
    client = LabelStudioClient(Connection(gateway, KEY))
    with pytest.raises(LabelStudioError, match="HTTP 504"):
        client.delete_project(4)
    with pytest.raises(LabelStudioError, match="HTTP 504"):
        client.ensure_user("second@example.org", "a-password-1")
    assert _Gateway.posts == ["DELETE /api/projects/4/", "/api/users/"]


def test_an_interrupted_import_says_how_far_it_got_and_that_a_rerun_is_safe(gateway):
    _Gateway.plan = [201]  # the first batch arrives, the second fails
    client = LabelStudioClient(Connection(gateway, KEY))
    with pytest.raises(LabelStudioError) as caught:
        client.import_tasks(7, _tasks(3), batch_size=2)
    shown = str(caught.value)
    assert "(after 2 of 3 tasks were imported)" in shown
    assert "run the same import again: documents already in the project are skipped" in shown
    assert len(_Gateway.posts) == 2


def test_a_slow_answer_is_not_reported_as_a_stopped_server(gateway):
    _Gateway.delay = 2.0
    client = LabelStudioClient(Connection(gateway, KEY), timeout=0.3)
    with pytest.raises(LabelStudioError) as caught:
        client.list_predictions(1)
    shown = str(caught.value)
    assert "did not answer in time" in shown and "EVENTSET_EXPORT_TIMEOUT" in shown
    assert "start it" not in shown and KEY not in shown


def test_the_export_timeout_is_an_hour_unless_set(monkeypatch):
    monkeypatch.delenv("EVENTSET_EXPORT_TIMEOUT", raising=False)
    assert export_timeout() == 3600.0
    monkeypatch.setenv("EVENTSET_EXPORT_TIMEOUT", "7200")
    assert export_timeout() == 7200.0
    monkeypatch.setenv("EVENTSET_EXPORT_TIMEOUT", "an hour")
    with pytest.raises(InputError, match="is not a number of seconds"):
        export_timeout()


class _OddAnswer(BaseHTTPRequestHandler):
    """Answers 200 with the request (headers and body) echoed, whatever was asked."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
        data = json.dumps({"echo": dict(self.headers), "body": body}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


def test_an_answer_the_sdk_cannot_read_is_an_error_without_the_key():
    import jwt  # the SDK's own dependency: a personal access token is a JWT refresh token

    token = jwt.encode({"exp": int(time.time()) + 3600, "token_type": "refresh"}, "k" * 32)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OddAnswer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = LabelStudioClient(Connection(f"http://127.0.0.1:{server.server_port}", token))
        with pytest.raises(LabelStudioError) as caught:
            client.get_project(1)
    finally:
        server.shutdown()
    shown = f"{caught.value.message} {caught.value.remedy}"
    assert "could not be read" in shown and token[-20:] not in shown
