"""Import benchmark against a real local Label Studio (started on ``settings.port``).

Both phases are timed inside one driver process, so neither pays Python start-up or import
costs: (1) reading the documents, lexicon pre-annotation, building task payloads, checking them
and writing them to the import's spool file; (2) the bulk import calls (batches of 1000, read
back from the spool, as ``eventset import`` sends them). Each repeat imports
into a new uniquely named project that is deleted afterwards. The server is stopped at the end
only if this run started it.
"""

from __future__ import annotations

import resource
import time
import uuid
from pathlib import Path
from typing import Any

from bench.generate import ensure_documents
from bench.measure import Measurement, Sample
from bench.suites import Settings, progress


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spool_payloads(docs_path: Path) -> Any:
    """What ``eventset import`` sends: documents -> lexicon predictions -> task payloads,
    written to the importer's own ``TaskSpool`` by its own ``spool_payloads`` (with the check
    against the project's config and the ontology), as in ``eventset import``."""
    from eventset.annotate.config import build_label_config
    from eventset.annotate.documents import read_documents
    from eventset.annotate.importbatches import IMPORT_BATCH_BYTES
    from eventset.annotate.payloads import Fit, spool_payloads
    from eventset.annotate.preannotate import LexiconPreAnnotator
    from eventset.annotate.spool import TaskSpool
    from eventset.annotate.sync import config_values
    from eventset.schema import load_ontology

    onto = load_ontology("conflict-news")
    pre = LexiconPreAnnotator(onto)
    fits = Fit(config_values(build_label_config(onto)), onto)
    spool = TaskSpool(IMPORT_BATCH_BYTES)
    misfits = spool_payloads(spool, read_documents([docs_path]), [pre], fits=fits)
    if misfits:
        spool.close()
        raise RuntimeError(f"{len(misfits)} generated documents do not fit the ontology")
    return spool


def build_payloads(docs_path: Path) -> list[dict[str, Any]]:
    """The same payloads, all in memory (the importer's ``build_batch``; before session 10)."""
    from eventset.annotate.documents import read_documents
    from eventset.annotate.payloads import build_batch
    from eventset.annotate.preannotate import LexiconPreAnnotator
    from eventset.schema import load_ontology

    pre = LexiconPreAnnotator(load_ontology("conflict-news"))
    return [payload for _, payload in build_batch(read_documents([docs_path]), [pre])]


def measure_import(settings: Settings, n_docs: int) -> dict[str, Measurement]:
    """Median payload-building and import-call times over ``settings.repeats`` projects."""
    from eventset.annotate.client import LabelStudioClient
    from eventset.annotate.config import build_label_config
    from eventset.annotate.connection import Connection
    from eventset.annotate.credentials import read_credentials
    from eventset.annotate.server import ServerPaths, server_status, start_server, stop_server
    from eventset.schema import load_ontology

    docs = ensure_documents(settings.work_dir, n_docs)
    data_dir = settings.work_dir / "labelstudio"
    already_running = server_status(data_dir).running
    status = start_server(data_dir, port=settings.port)
    try:
        credentials = read_credentials(ServerPaths(data_dir).credentials)
        assert credentials is not None and status.url
        client = LabelStudioClient(Connection(status.url, credentials.api_key))
        config = build_label_config(load_ontology("conflict-news"))
        found = {
            "payload building + pre-annotation": Measurement("payload building + pre-annotation"),
            "bulk import calls": Measurement("bulk import calls"),
        }
        for _ in range(settings.repeats):
            _one_round(client, config, docs, n_docs, found)
        return found
    finally:
        if not already_running:
            stop_server(data_dir)


def _one_round(
    client: Any, config: str, docs: Path, n_docs: int, found: dict[str, Measurement]
) -> None:
    started = time.perf_counter()
    with spool_payloads(docs) as spool:
        built = time.perf_counter()
        sample = Sample(built - started, _rss_mb())
        found["payload building + pre-annotation"].samples.append(sample)
        progress("payload building + pre-annotation", sample)
        project = client.create_project(
            f"eventset-bench-import-{uuid.uuid4().hex[:10]}",
            config,
            "eventset benchmark; safe to delete",
        )
        try:
            started = time.perf_counter()
            ids = client.import_tasks(project.id, spool)
            sample = Sample(time.perf_counter() - started, _rss_mb())
            if len(ids) != n_docs:
                raise RuntimeError(f"imported {len(ids)} tasks, expected {n_docs}")
            found["bulk import calls"].samples.append(sample)
            progress("bulk import calls", sample)
        finally:
            client.delete_project(project.id)


def payloads_command(docs_path: Path, how: str) -> int:
    """``python -m bench.tools payloads DOCS spool|memory``: build every payload the way named
    and keep them until the end, as an import does before its first batch; returns the count."""
    if how == "memory":
        return len(build_payloads(docs_path))
    with spool_payloads(docs_path) as spool:
        return len(spool)
