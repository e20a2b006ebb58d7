"""`eventset build | score | stats | convert` through the CLI runner."""

from __future__ import annotations

from pathlib import Path

import huggingface_hub
import pytest
from typer.testing import CliRunner

from eventset.cli import app

runner = CliRunner()
RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "dataset"
    result = runner.invoke(app, ["build", str(RECORDED), "--out", str(out), "--splits", "1"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_prints_counts_agreement_and_issue_summary(dataset):
    out, output = dataset
    assert output.startswith(f"wrote {out}: train 3 documents\n")
    assert "agreement over 1 annotation pairs:" in output
    assert "\nunknown_label              1" in output
    assert f"(5 error(s), 0 warning(s); every issue is in {out / 'issues.jsonl'})" in output


def test_build_strict_exits_1_with_the_reason(tmp_path):
    result = runner.invoke(app, ["build", str(RECORDED), "--out", str(tmp_path / "d"), "--strict"])
    assert result.exit_code == 1
    # the summary table comes first, then the error
    table = result.output.index("\nunknown_label ")
    error = result.output.index("Error: --strict: 5 error and 0 warning issue(s) in the export")
    assert f"the dataset was not written; its issues are in {tmp_path / 'd'}.issues.jsonl" in (
        result.output
    )
    assert result.output.startswith(f"--strict: not written {tmp_path / 'd'}") and table < error
    assert "How to fix: read" in result.output
    assert "Traceback" not in result.output


def test_build_bad_options_are_clean_errors(tmp_path):
    cases = [
        (["--splits", "0.5,0.6"], "Error: --splits '0.5,0.6' is not 1 to 3"),
        (["--policy", "random"], "Error: unknown policy 'random'"),
        (["--group-by", "nope"], "Error: --group-by 'nope': no task has that metadata field"),
    ]
    for extra, message in cases:
        result = runner.invoke(app, ["build", str(RECORDED), "--out", str(tmp_path / "d"), *extra])
        assert result.exit_code == 1 and message in result.output, result.output
    missing = runner.invoke(app, ["build", str(tmp_path / "none.json"), "--out", "x"])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_score_stats_convert(dataset, tmp_path):
    out, _ = dataset
    score = runner.invoke(app, ["score", str(out), str(out)])
    assert score.exit_code == 0
    assert [line.split()[4] for line in score.output.splitlines()[1:4]] == ["1.000"] * 3
    stats = runner.invoke(app, ["stats", str(out)])
    assert stats.exit_code == 0 and "MilitaryOperation" in stats.output
    assert stats.output.startswith("documents\n")
    for fmt, expected in (("oneie", "train 4"), ("brat", "train 3")):
        result = runner.invoke(
            app, ["convert", str(out), "--to", fmt, "--out", str(tmp_path / fmt)]
        )
        assert result.exit_code == 0
        assert result.output.startswith(f"wrote {tmp_path / fmt}: {expected}\n")
    assert f"file name of every doc id: {tmp_path / 'brat' / 'doc_ids.tsv'}" in result.output
    bad = runner.invoke(app, ["convert", str(out), "--to", "conll", "--out", str(tmp_path)])
    assert bad.exit_code == 1 and "Error: --to 'conll' is not a known format" in bad.output


def test_push_to_hub_never_prints_the_token(dataset, tmp_path, monkeypatch):
    calls = []

    class Api:
        def __init__(self, token=None):
            calls.append(token)

        def create_repo(self, *args, **kwargs):
            pass

        def upload_folder(self, **kwargs):
            calls.append(kwargs["repo_id"])

    monkeypatch.setattr(huggingface_hub, "HfApi", Api)
    monkeypatch.setenv("HF_TOKEN", "hf_cli_secret")
    result = runner.invoke(
        app, ["build", str(RECORDED), "--out", str(tmp_path / "d"), "--push-to-hub", "me/events"]
    )
    assert result.exit_code == 0, result.output
    assert "pushed to https://huggingface.co/datasets/me/events" in result.output
    assert "hf_cli_secret" not in result.output
    assert calls == ["hf_cli_secret", "me/events"]


def test_convert_says_what_sentence_rows_cannot_hold_and_checks_the_ontology(tmp_path):
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
    from export_helpers import annotation, find, relation, task, write_export

    text = "Rebels launched an offensive. Goma fell."
    items = [
        find("t1", "trigger", text, "offensive", "MilitaryOperation"),
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        find("e2", "entity", text, "Goma", "Location"),
        relation("t1", "e1", "agent"),
        relation("t1", "e2", "target"),  # in the next sentence
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", text, [annotation(1, 1, items)])])
    out = tmp_path / "ds"
    assert (
        runner.invoke(app, ["build", str(export), "--out", str(out), "--splits", "1"]).exit_code
        == 0
    )
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["tally"]["cross_sentence_arguments"] == 1
    result = runner.invoke(
        app, ["convert", str(out), "--to", "oneie", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0
    assert "leave out 1 cross-sentence argument(s), 0 event(s) whose trigger" in result.stderr
    onto = tmp_path / "tiny.py"
    onto.write_text(
        "from eventset import Entity, Event, Ontology, Role\n"
        "class City(Entity):\n    '''A city.'''\n"
        "class Siege(Event):\n    '''A siege.'''\n    city: list[City] = Role('The city.')\n"
        "ONTOLOGY = Ontology(name='sieges', version=1, entities=[City], events=[Siege])\n",
        encoding="utf-8",
    )
    brat = tmp_path / "brat"
    wrong = runner.invoke(
        app, ["convert", str(out), "--to", "brat", "--out", str(brat), "-o", f"{onto}:ONTOLOGY"]
    )
    assert wrong.exit_code == 1 and not brat.exists()
    assert "was built with ontology 'conflict-news', not 'sieges'" in wrong.output


def test_stats_given_a_parquet_file_says_it_needs_the_folder(tmp_path):
    from typer.testing import CliRunner

    from eventset.cli import app

    file = tmp_path / "train.parquet"
    file.write_bytes(b"PAR1")
    result = CliRunner().invoke(app, ["stats", str(file)])
    assert result.exit_code == 1
    assert "is a file, not a dataset folder" in result.output
