"""Ctrl-C reaches every process of the terminal's group: worker processes leave it to the
parent, which stops them; no worker prints a traceback (an import's lexicon worker and a
build's workers did)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from eventset.annotate.parallel import with_predictions
    from eventset.annotate.preannotate import LexiconPreAnnotator
    from eventset.annotate.tasks import Document
    from eventset.schema import load_ontology

    class Slow(LexiconPreAnnotator):
        def predictions(self, doc):
            time.sleep(0.02)
            return super().predictions(doc)

    docs = [Document("Rebels attacked Goma.", f"d{i}", "en") for i in range(2000)]
    print("start", flush=True)
    try:
        for _ in with_predictions(docs, [Slow(load_ontology("conflict-news"))]):
            pass
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
    """
)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background shell would ignore it


def test_ctrl_c_during_an_import_s_lexicon_worker_prints_no_worker_traceback():
    env = {**os.environ, "EVENTSET_WORKERS": "1"}
    run = subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )
    try:
        assert run.stdout is not None and run.stdout.readline() == "start\n"
        time.sleep(1.5)  # the worker is matching
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        out, _ = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130, out
    assert out.strip() == "interrupted", out
