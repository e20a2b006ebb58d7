"""A host that never answers a connection (a firewall, a machine that is off) is reported after
``CONNECT_TIMEOUT`` as unreachable, not after the request timeout of 300 s.

A listening socket that never accepts, with its backlog filled, drops further connection
attempts as such a host does.
"""

from __future__ import annotations

import socket
import sys
import time

import pytest

from eventset.annotate import client as client_module
from eventset.annotate.client import LabelStudioClient
from eventset.annotate.connection import Connection
from eventset.errors import LabelStudioError


@pytest.fixture
def silent_port():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):  # fill the accept queue: later SYNs are dropped, connects hang
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    yield port
    for filler in fillers:
        filler.close()
    server.close()


@pytest.mark.skipif(
    sys.platform != "linux", reason="a full accept queue drops connections only on Linux"
)
def test_a_host_that_never_answers_is_unreachable_after_the_connect_timeout(
    silent_port, monkeypatch
):
    monkeypatch.setattr(client_module, "CONNECT_TIMEOUT", 1.0)
    client = LabelStudioClient(Connection(f"http://127.0.0.1:{silent_port}", "k" * 40))
    started = time.monotonic()
    with pytest.raises(LabelStudioError) as refused:
        client.find_project("news")
    took = time.monotonic() - started
    assert "cannot reach Label Studio" in str(refused.value)
    assert "ConnectTimeout: no answer to connecting within 1 s" in str(refused.value)
    assert "k" * 40 not in str(refused.value)
    assert refused.value.remedy.startswith("check that the machine is up and reachable")
    assert took < 10  # the request timeout is 300 s; connecting gave up after about 1 s


def test_the_client_waits_up_to_the_timeout_for_each_read_and_connects_sooner():
    client = LabelStudioClient(Connection("http://127.0.0.1:9", "key"), timeout=300.0)
    timeout = client._sdk._client_wrapper.httpx_client.httpx_client.timeout
    assert (timeout.connect, timeout.read, timeout.write) == (
        client_module.CONNECT_TIMEOUT,
        300.0,
        300.0,
    )


def test_every_request_connects_within_the_connect_timeout_the_export_too(monkeypatch):
    """The timeouts each request is sent with (the SDK would apply a plain number of seconds,
    such as the export's, to connecting too)."""
    import httpx

    monkeypatch.setenv("EVENTSET_EXPORT_TIMEOUT", "3600")
    seen: dict[str, dict[str, float]] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        seen[request.url.path] = dict(request.extensions["timeout"])
        if request.url.path.endswith("/export"):
            return httpx.Response(200, content=b"[]")
        return httpx.Response(200, json={"count": 0, "results": [], "next": None})

    client = LabelStudioClient(Connection("http://127.0.0.1:9", "key"), timeout=300.0)
    wrapper = client._sdk._client_wrapper.httpx_client
    wrapper.httpx_client = httpx.Client(
        transport=httpx.MockTransport(answer), timeout=wrapper.httpx_client.timeout
    )
    assert client.find_project("news") is None
    assert b"".join(client.export_raw(1)) == b"[]"
    connect = client_module.CONNECT_TIMEOUT
    assert seen["/api/projects/"] == {
        "connect": connect,
        "read": 300.0,
        "write": 300.0,
        "pool": 300.0,
    }
    assert seen["/api/projects/1/export"]["connect"] == connect
    assert seen["/api/projects/1/export"]["read"] == 3600.0


def test_a_connect_timeout_on_a_mistyped_port_still_names_the_data_dirs_server(tmp_path):
    from eventset.annotate.clienterrors import unreachable
    from eventset.annotate.credentials import load_or_create_credentials
    from eventset.annotate.launch import record_last_url
    from eventset.annotate.server import ServerPaths

    data_dir = tmp_path / "ls"
    data_dir.mkdir()
    load_or_create_credentials(ServerPaths(data_dir).credentials)
    record_last_url(ServerPaths(data_dir), "http://127.0.0.1:18099")
    connection = Connection(
        "http://127.0.0.1:18098", "k" * 40, url_source="--url", local_dir=data_dir
    )
    error = unreachable(connection, "list projects", TimeoutError("x"), 10.0)
    assert "no answer to connecting within 10 s" in str(error)
    assert f"the local server of {data_dir} last ran at http://127.0.0.1:18099" in error.remedy
    assert "give --url http://127.0.0.1:18099" in error.remedy


def test_an_ipv6_loopback_url_is_pointed_to_ipv4():
    from eventset.annotate.clienterrors import unreachable

    connection = Connection("http://[::1]:18099", "k" * 40, url_source="--url")
    error = unreachable(connection, "list projects", ConnectionRefusedError("refused"))
    assert error.remedy.startswith(
        "a local Label Studio listens on 127.0.0.1 only: use http://127.0.0.1:18099"
    )
    assert "k" * 40 not in str(error)
