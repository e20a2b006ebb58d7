"""`eventset score` with OneIE sentence predictions, empty files and unpredicted documents."""

from __future__ import annotations

import json

import pytest
from export_helpers import offensive_task, write_export

from eventset.errors import InputError
from eventset.export.build import build_dataset
from eventset.export.load import iter_documents
from eventset.export.oneie import write_oneie
from eventset.export.score import score_files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("score")
    export = write_export(root / "e.json", [offensive_task(i, f"d{i}") for i in range(1, 7)])
    dataset = build_dataset(export, root / "ds", splits="0.5,0.5,0").out_dir
    write_oneie(dataset, root / "oneie")
    return dataset, root / "oneie"


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_oneie_predictions_equal_to_gold_score_one_against_the_sentences(built):
    dataset, oneie = built
    scores = score_files(dataset, oneie / "train.jsonl", split="train")
    mentions = sum(len(r["event_mentions"]) for r in _rows(oneie / "train.jsonl"))
    arguments = sum(
        len(e["arguments"]) for r in _rows(oneie / "train.jsonl") for e in r["event_mentions"]
    )
    trigger, argument = scores.overall("trigger"), scores.overall("argument")
    assert (trigger.tp, trigger.fp, trigger.fn) == (mentions, 0, 0)
    assert (argument.tp, argument.fp, argument.fn) == (arguments, 0, 0)
    assert mentions and arguments and scores.missing == []


def test_a_missed_trigger_and_a_wrong_argument_count_in_token_space(built, tmp_path):
    dataset, oneie = built
    rows = _rows(oneie / "train.jsonl")
    with_event = next(
        r for r in rows if r["event_mentions"] and not r["event_mentions"][-1]["arguments"]
    )
    dropped = with_event["event_mentions"].pop()
    moved = next(r for r in rows if any(e["arguments"] for e in r["event_mentions"]))
    entity = moved["entity_mentions"][0]
    entity["start"] += 1  # its argument now points one token off
    uses = sum(
        a["entity_id"] == entity["id"] for e in moved["event_mentions"] for a in e["arguments"]
    )
    pred = _write(tmp_path / "pred.jsonl", rows)
    trigger = score_files(dataset, pred, split="train").overall("trigger")
    argument = score_files(dataset, pred, split="train").overall("argument")
    total = sum(len(r["event_mentions"]) for r in _rows(oneie / "train.jsonl"))
    assert (trigger.tp, trigger.fp, trigger.fn) == (total - 1, 0, 1)
    assert argument.fn == uses + len(dropped["arguments"]) and argument.fp == uses


def test_unpredicted_gold_rows_are_listed(built, tmp_path):
    dataset, oneie = built
    rows = _rows(oneie / "train.jsonl")
    pred = _write(tmp_path / "pred.jsonl", rows[1:])
    scores = score_files(dataset, pred, split="train")
    assert scores.missing == [rows[0]["sent_id"]]
    documents = [r for r in iter_documents(dataset, "train")]
    pred = _write(tmp_path / "docs.jsonl", documents)
    everything = score_files(dataset, pred)  # no --split: the test split is unpredicted
    test_docs = [r["doc_id"] for r in iter_documents(dataset, "validation")]
    assert everything.missing == test_docs and test_docs


def test_an_empty_prediction_file_is_an_error(built, tmp_path):
    dataset, _ = built
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no prediction rows"):
        score_files(dataset, tmp_path / "empty.jsonl")


def test_oneie_predictions_against_documents_rows_say_what_to_pass(built, tmp_path):
    dataset, oneie = built
    gold = _write(tmp_path / "gold.jsonl", list(iter_documents(dataset, "train")))
    with pytest.raises(InputError, match="is a documents row, but the predictions are OneIE"):
        score_files(gold, oneie / "train.jsonl")


def test_an_argument_without_its_entity_mention_names_the_line(built, tmp_path):
    dataset, oneie = built
    rows = _rows(oneie / "train.jsonl")
    row = next(r for r in rows if any(e["arguments"] for e in r["event_mentions"]))
    row["entity_mentions"] = []
    pred = _write(tmp_path / "pred.jsonl", rows)
    with pytest.raises(InputError, match=r"pred\.jsonl:\d+: event mention \d+: argument entity_id"):
        score_files(dataset, pred, split="train")


def test_two_rows_for_one_document_are_an_error_and_unknown_ids_are_listed(built, tmp_path):
    dataset, _ = built
    documents = list(iter_documents(dataset, "train"))
    twice = _write(tmp_path / "twice.jsonl", [*documents, {**documents[0], "events": []}])
    with pytest.raises(InputError, match=f"{documents[0]['doc_id']!r} has two prediction rows"):
        score_files(dataset, twice, split="train")
    extra = _write(tmp_path / "extra.jsonl", [*documents, {**documents[0], "doc_id": "zz"}])
    scores = score_files(dataset, extra, split="train")
    assert scores.unmatched == ["zz"] and scores.overall("trigger").fp == 0


def test_a_folder_of_oneie_files_as_predictions_names_its_files(built):
    dataset, oneie = built
    with pytest.raises(InputError, match="is a folder of JSONL files") as caught:
        score_files(dataset, oneie)
    assert str(oneie / "test.jsonl") in caught.value.remedy


def test_sentence_scoring_says_which_gold_arguments_sentence_rows_cannot_hold(tmp_path):
    from export_helpers import crossing_task

    export = write_export(tmp_path / "e.json", [crossing_task()])
    dataset = build_dataset(export, tmp_path / "ds", splits="1").out_dir
    write_oneie(dataset, tmp_path / "oneie")
    scores = score_files(dataset, tmp_path / "oneie" / "train.jsonl", split="train")
    assert scores.sentence_gap == (1, 2)  # the agent lies in the sentence before
    assert scores.overall("argument").tp == 1
    # documents rows hold every argument: nothing to say there
    documents = score_files(dataset, dataset, split="train")
    assert documents.sentence_gap is None
    from typer.testing import CliRunner

    from eventset.cli import app

    oneie = str(tmp_path / "oneie" / "train.jsonl")
    shown = CliRunner().invoke(app, ["score", str(dataset), oneie, "--split", "train"])
    assert shown.exit_code == 0
    assert "note: sentence rows were scored: 1 of the 2 gold arguments lie outside" in shown.output
