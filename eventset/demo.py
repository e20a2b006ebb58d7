"""The main job in one call: local Label Studio + example project + the example dataset.

``run_demo`` starts (or reuses) the local server, syncs the ``conflict-news demo`` project,
imports the example articles with lexicon pre-annotations, and builds the dataset from the
committed gold export. Every step is idempotent, so a second run is fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventset.errors import InputError
from eventset.schema import load_ontology

if TYPE_CHECKING:
    from eventset.annotate.importer import ImportSummary
    from eventset.annotate.server import ServerStatus
    from eventset.export.build import BuildSummary

DEMO_TITLE = "conflict-news demo"
DEMO_ONTOLOGY = "conflict-news"
EXAMPLES_DIR = Path("examples") / "conflict-news"
ARTICLES = "articles"
GOLD_EXPORT = "gold_export.json"
OUT_DIR = Path("build") / "conflict-news"


@dataclass
class DemoResult:
    """What the demo did: the server (None with ``server=False``), import and build summaries."""

    build: BuildSummary
    server: ServerStatus | None = None
    project_action: str | None = None
    imported: ImportSummary | None = None


def run_demo(
    examples: Path = EXAMPLES_DIR,
    out: Path = OUT_DIR,
    *,
    server: bool = True,
    data_dir: Path | None = None,
    port: int | None = None,
    say: Callable[[str], None] = print,
) -> DemoResult:
    """Run the demo; ``say`` receives one line per step.

    Example:
        >>> result = run_demo(server=False)  # doctest: +SKIP
        >>> result.build.counts["documents"]  # doctest: +SKIP
        {'train': 8, 'validation': 1, 'test': 1}
    """
    articles, gold = _example_files(Path(examples))
    result = DemoResult(build=None)  # type: ignore[arg-type]  # filled in below
    if server:
        _annotation_side(result, articles, data_dir, port, say)
    from eventset.export.build import build_dataset

    say(f"Building the dataset from {gold} into {out} ...")
    result.build = build_dataset(gold, out, ontology=DEMO_ONTOLOGY)
    return result


def _example_files(examples: Path) -> tuple[list[Path], Path]:
    articles = sorted((examples / ARTICLES).glob("*.txt"))
    gold = examples / GOLD_EXPORT
    if not articles or not gold.is_file():
        raise InputError(
            f"{examples} does not hold the example articles ({ARTICLES}/*.txt) and {GOLD_EXPORT}",
            remedy="run the demo from the root of an eventset checkout, or pass --examples DIR",
        )
    return articles, gold


def _annotation_side(
    result: DemoResult,
    articles: list[Path],
    data_dir: Path | None,
    port: int | None,
    say: Callable[[str], None],
) -> None:
    from eventset.annotate.client import LabelStudioClient
    from eventset.annotate.connection import Connection
    from eventset.annotate.credentials import read_credentials
    from eventset.annotate.importer import import_documents
    from eventset.annotate.preannotate import LexiconPreAnnotator
    from eventset.annotate.server import (
        DEFAULT_DATA_DIR,
        DEFAULT_PORT,
        ServerPaths,
        check_port,
        server_status,
        start_server,
    )
    from eventset.annotate.sync import sync_project

    port = DEFAULT_PORT if port is None else port
    check_port(port, "--port")  # before saying anything: 0 would wait for ever (see check_port)
    data_dir = data_dir or DEFAULT_DATA_DIR
    if server_status(data_dir).running:
        say(f"Reusing the Label Studio already running from {data_dir}")
    else:
        say(f"Starting Label Studio from {data_dir} (a first start migrates its database: ~1 min)")
    status = start_server(data_dir, port)
    result.server = status
    credentials = read_credentials(ServerPaths(status.data_dir).credentials)
    assert credentials is not None and status.url is not None  # start_server created both
    client = LabelStudioClient(Connection(status.url, credentials.api_key))
    ontology = load_ontology(DEMO_ONTOLOGY)
    result.project_action = sync_project(client, DEMO_TITLE, ontology).action
    say(f"Project {DEMO_TITLE!r}: {result.project_action}")
    say(f"Importing {len(articles)} example articles with pre-annotated triggers ...")
    result.imported = import_documents(
        client, DEMO_TITLE, articles, ontology, preannotators=[LexiconPreAnnotator(ontology)]
    )
    say(f"Import: {result.imported.describe()}")
