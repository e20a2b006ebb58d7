"""An import stopped by Ctrl-C or SIGTERM says how many tasks arrived and that a rerun is safe;
it leaves no lock, spool or process behind, and the rerun adds the rest once (real server)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from support.cli import LABEL_STUDIO_ENV

from eventset.annotate.sync import sync_project
from eventset.schema import load_ontology

pytestmark = pytest.mark.labelstudio

EVENTSET = Path(sys.executable).with_name("eventset")
DOCS = 6000  # six batches of 1000: the import is still sending when the first has arrived
STOPPED = re.compile(rf"Import interrupted after (\d+) of {DOCS} tasks were imported")


def _task_count(server, project_id: int) -> int:
    request = urllib.request.Request(
        f"{server.url}/api/projects/{project_id}/",
        headers={"Authorization": f"Token {server.api_key}"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(json.load(answer)["task_number"])


def _settled_count(server, project_id: int) -> int:
    """The task count once it stops changing (a batch on its way when the import stopped may
    still be stored after the command has ended)."""
    count, since = _task_count(server, project_id), time.monotonic()
    while time.monotonic() - since < 3.0:
        time.sleep(0.5)
        now = _task_count(server, project_id)
        if now != count:
            count, since = now, time.monotonic()
    return count


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background shell would ignore it


def _start_import(server, title: str, tmp_path: Path) -> subprocess.Popen[str]:
    bulk = tmp_path / "bulk.jsonl"
    with bulk.open("w", encoding="utf-8") as out:
        for i in range(DOCS):
            text = f"Report {i}: the army launched an offensive on the city after the talks failed."
            out.write(json.dumps({"doc_id": f"d{i:05d}", "text": text}) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in LABEL_STUDIO_ENV}
    env.update(
        XDG_CACHE_HOME=str(tmp_path / "cache"),  # where the import lock goes
        TMPDIR=str(tmp_path / "spool"),  # where the spool goes
        EVENTSET_PROGRESS="0",
    )
    (tmp_path / "spool").mkdir(exist_ok=True)
    command = [str(EVENTSET), "import", str(bulk), "--project", title, "--url", server.url]
    return subprocess.Popen(
        [*command, "--api-key", server.api_key],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )


def _group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize(
    ("how", "code"),
    [("ctrl-c", 128 + signal.SIGINT), ("sigterm", 128 + signal.SIGTERM)],
)
def test_a_stopped_import_says_how_many_tasks_arrived_and_cleans_up(
    labelstudio_server, ls_title, tmp_path, how, code
):
    project = sync_project(labelstudio_server.client(), ls_title, load_ontology()).project
    run = _start_import(labelstudio_server, ls_title, tmp_path)
    try:
        # Label Studio stores a batch's tasks before it answers: once tasks of the second batch
        # show, the answer to the first has come back and the second is on its way.
        deadline = time.monotonic() + 180
        while _task_count(labelstudio_server, project.id) <= 1000 and run.poll() is None:
            assert time.monotonic() < deadline, "no second batch within 180 s"
            time.sleep(0.1)
        assert run.poll() is None, "the import ended before it could be stopped"
        if how == "ctrl-c":
            os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        else:
            run.send_signal(signal.SIGTERM)  # `kill PID`, `timeout`, a cancelled job
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == code, err
    said = STOPPED.search(err)
    assert said, f"stdout: {out!r}\nstderr: {err!r}"
    assert "run the same import again: documents already in the project are skipped" in err
    assert "Traceback" not in err
    arrived = int(said.group(1))
    stored = _settled_count(labelstudio_server, project.id)
    # Whole batches arrive; the one being sent when it stopped may have been stored as well.
    assert 1000 <= arrived <= stored < DOCS and arrived % 1000 == 0
    assert list((tmp_path / "cache" / "eventset" / "locks").iterdir()) == []
    assert list((tmp_path / "spool").iterdir()) == []
    assert _group_is_gone(run.pid), "a process of the import outlived it"

    again = _start_import(labelstudio_server, ls_title, tmp_path)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert out.startswith(f"read {DOCS}, imported {DOCS - stored}, already present {stored},")
    assert _task_count(labelstudio_server, project.id) == DOCS
