"""The server/project/import/pull commands offline: messages, exit codes, no key in output."""

from __future__ import annotations

import pytest
from support.cli import run_cli as run

from eventset.annotate.localnet import free_port

SECRET = "sk-cli-0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_server_env(monkeypatch):
    for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "EVENTSET_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_server_status_and_stop_without_a_server(tmp_path):
    status = run("server", "status", "--data-dir", str(tmp_path))
    assert status.exit_code == 1
    assert status.output == f"not running (data dir {tmp_path})\n"
    stop = run("server", "stop", "--data-dir", str(tmp_path))
    assert stop.exit_code == 0 and stop.output == f"No server running from {tmp_path}\n"


def test_pull_without_any_server_says_how_to_start_one(tmp_path):
    result = run(
        "pull", "--project", "demo", "--out", str(tmp_path / "x.json"), "--data-dir", str(tmp_path)
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Label Studio server is configured")
    assert "eventset server start" in result.output


def test_unreachable_server_is_reported_without_the_key(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    result = run("project", "sync", "--title", "demo", "--url", url, "--api-key", SECRET)
    assert result.exit_code == 1
    assert f"Error: cannot reach Label Studio at {url}" in result.output
    assert SECRET not in result.output


def test_import_option_rules(tmp_path):
    result = run("import", str(tmp_path), "--project", "p", "--mapping", "m.json")
    assert result.exit_code == 1
    assert "Error: --mapping and --as-annotations need --preannotations" in result.output


def test_every_annotate_command_has_help():
    for command in (
        ["server", "start"],
        ["server", "stop"],
        ["server", "status"],
        ["project", "sync"],
        ["project", "list"],
        ["import"],
        ["pull"],
    ):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, command
