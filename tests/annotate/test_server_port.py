"""``server start`` takes ports 1-65535 only, from ``--port`` or ``EVENTSET_PORT``: 0 made Label
Studio listen on 8080 while eventset waited at port 0, and 99999 ended in an OverflowError."""

from __future__ import annotations

import pytest
from support.cli import run_cli as run

from eventset.annotate.server import check_port, start_server
from eventset.errors import InputError


@pytest.fixture(autouse=True)
def _no_port_setting(exiting_label_studio, monkeypatch):
    monkeypatch.delenv("EVENTSET_PORT", raising=False)


@pytest.mark.parametrize("port", ["0", "99999", "-1", "65536"])
def test_a_port_outside_1_to_65535_is_refused_before_starting(tmp_path, port):
    data_dir = tmp_path / "ls"
    result = run("server", "start", "--data-dir", data_dir, "--port", port)
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: --port {port} is not a port Label Studio can listen on: TCP ports go from 1 to "
        "65535\n  How to fix: pass --port a port from 1 to 65535, e.g. --port 8080 (the default)\n"
    )
    assert not data_dir.exists()


def test_a_port_from_the_environment_is_checked_and_named_as_such(tmp_path):
    data_dir = tmp_path / "ls"
    result = run("server", "start", "--data-dir", data_dir, EVENTSET_PORT="0")
    assert result.exit_code == 1, result.output
    assert result.output == (
        "Error: EVENTSET_PORT=0 is not a port Label Studio can listen on: TCP ports go from 1 to "
        "65535\n  How to fix: set EVENTSET_PORT to a port from 1 to 65535, or unset it (default "
        "8080)\n"
    )
    assert not data_dir.exists()


def test_start_server_refuses_it_too(tmp_path):
    with pytest.raises(InputError, match=r"^port 0 is not a port Label Studio can listen on"):
        start_server(tmp_path / "ls", port=0, timeout=20)
    assert not (tmp_path / "ls").exists()


@pytest.mark.parametrize("port", [1, 8080, 65535])
def test_the_ends_of_the_range_are_ports(port):
    check_port(port)
