"""`eventset demo --no-server`: the build half of the main job, offline, on the shipped examples."""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest
from typer.testing import CliRunner

from eventset.cli import app
from eventset.schema import load_ontology

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "conflict-news"


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "conflict-news"
    result = CliRunner().invoke(
        app, ["demo", "--no-server", "--examples", str(EXAMPLES), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_prints_counts_agreement_and_how_to_load(demo_out: tuple[Path, str]) -> None:
    out, output = demo_out
    assert f"wrote {out}: train" in output
    assert "agreement over 4 annotation pairs" in output
    assert f'load_dataset("{out}")' in output
    assert "\nroles\n" in output and "Label Studio keeps running" not in output


def test_demo_dataset_loads_with_all_views(demo_out: tuple[Path, str]) -> None:
    out, _ = demo_out
    docs = datasets.load_dataset(str(out))
    assert set(docs) == {"train", "validation", "test"}
    articles = len(list(EXAMPLES.glob("articles/*.txt")))
    assert sum(len(split) for split in docs.values()) == articles
    sentences = datasets.load_dataset(str(out), "sentences")
    assert sum(len(split) for split in sentences.values()) > articles
    types = {event["type"] for split in docs.values() for row in split for event in row["events"]}
    # every one of the eleven event types of conflict-news
    assert types == set(load_ontology("conflict-news").event_types)


def test_demo_without_examples_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["demo", "--no-server", "--examples", str(tmp_path), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "does not hold the example articles" in result.output


@pytest.mark.parametrize("port", ["0", "99999"])
def test_demo_refuses_a_port_label_studio_cannot_use_before_starting(
    port: str, tmp_path: Path
) -> None:
    # port 0 made Label Studio listen on 8080 while the demo waited at port 0
    result = CliRunner().invoke(
        app, ["demo", "--port", port, "--data-dir", str(tmp_path / "ls"), "--out", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert f"--port {port} is not a port Label Studio can listen on" in result.output
    assert "Starting Label Studio" not in result.output
    assert not (tmp_path / "ls").exists()
