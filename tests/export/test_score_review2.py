"""Review findings on `eventset score`, `stats` and `convert`: the wrong kind of gold rows,
repeated gold keys, unreadable dataset files, bad spans and a --split that cannot apply.

Each of these once gave wrong numbers with exit 0 or a traceback; now each is an InputError that
names the file (and line or row) and says how to fix it.
"""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest
from export_helpers import offensive_task, write_export
from typer.testing import CliRunner

from eventset.cli import app
from eventset.errors import InputError
from eventset.export.brat import write_brat
from eventset.export.build import build_dataset
from eventset.export.load import iter_documents
from eventset.export.oneie import write_oneie
from eventset.export.score import score_files
from eventset.export.stats import dataset_stats
from eventset.schema import load_ontology


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("review2")
    export = write_export(root / "e.json", [offensive_task(i, f"d{i}") for i in range(1, 7)])
    dataset = build_dataset(export, root / "ds", splits="0.5,0.5,0").out_dir
    write_oneie(dataset, root / "oneie")
    return dataset, root / "oneie"


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _copy(dataset, tmp_path):
    return shutil.copytree(dataset, tmp_path / "copy")


# Finding 1: gold of the wrong kind, or with a key twice, is an error, not zero scores.


def test_sentence_rows_as_gold_for_documents_predictions_name_the_file(built):
    dataset = built[0]
    gold = dataset / "sentences" / "train.parquet"
    with pytest.raises(InputError, match=r"sentences/train\.parquet row 1 is a OneIE sentence row"):
        score_files(gold, dataset / "documents" / "train.parquet")


def test_a_oneie_file_as_gold_with_a_dataset_folder_as_predictions_is_an_error(built):
    dataset, oneie = built
    with pytest.raises(InputError, match=r"train\.jsonl:1 is a OneIE sentence row") as caught:
        score_files(oneie / "train.jsonl", dataset, split="train")
    assert "sentences config" in caught.value.remedy


def test_a_sentence_row_among_documents_predictions_is_an_error(built, tmp_path):
    dataset, oneie = built
    sentence = json.loads((oneie / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])
    documents = list(iter_documents(dataset, "train"))
    pred = _write(tmp_path / "mixed.jsonl", [*documents, sentence])
    line = len(documents) + 1
    with pytest.raises(InputError, match=rf"mixed\.jsonl:{line} is a OneIE sentence row"):
        score_files(dataset, pred, split="train")


def test_a_gold_row_twice_names_the_key_and_both_rows(built, tmp_path):
    dataset = built[0]
    documents = list(iter_documents(dataset, "train"))
    gold = _write(tmp_path / "gold.jsonl", [*documents, documents[0]])
    key, last = documents[0]["doc_id"], len(documents) + 1
    expected = rf"{key!r} has two gold rows \(.*gold\.jsonl:1 and .*gold\.jsonl:{last}\)"
    with pytest.raises(InputError, match=expected):
        score_files(gold, dataset, split="train")


def test_a_gold_sentence_twice_is_an_error(built, tmp_path):
    oneie = built[1]
    rows = (oneie / "train.jsonl").read_text(encoding="utf-8").splitlines()
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([*rows, rows[0]]) + "\n", encoding="utf-8")
    sent_id = json.loads(rows[0])["sent_id"]
    with pytest.raises(InputError, match=f"{sent_id!r} has two gold rows"):
        score_files(gold, oneie / "train.jsonl")


@pytest.mark.parametrize("level", ["documents", "sentences"])
def test_gold_rows_without_their_events_are_an_error(built, tmp_path, level):
    dataset, oneie = built
    if level == "documents":
        rows, field = list(iter_documents(dataset, "train")), "events"
        pred = dataset / "documents" / "train.parquet"
    else:
        pred = oneie / "train.jsonl"
        rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
        field = "event_mentions"
    gold = _write(
        tmp_path / "gold.jsonl", [{k: v for k, v in r.items() if k != field} for r in rows]
    )
    with pytest.raises(InputError, match=rf"gold\.jsonl:1: the gold row has no '{field}'"):
        score_files(gold, pred)


# Finding 2: unreadable files are InputErrors naming the file, for score, stats and convert.


def test_a_prediction_line_that_is_not_utf8_names_its_line(built, tmp_path):
    dataset = built[0]
    pred = tmp_path / "bad.jsonl"
    pred.write_bytes(b'{"doc_id": "d1", "events": []}\n{"doc_id": "\xff", "events": []}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl:2 is not UTF-8 text \(byte 0xff"):
        score_files(dataset, pred)


def test_a_prediction_file_that_is_not_parquet_names_the_file(built, tmp_path):
    (tmp_path / "bad.parquet").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.parquet is not a readable Parquet file"):
        score_files(built[0], tmp_path / "bad.parquet")


def test_a_garbage_documents_file_is_an_input_error_for_every_command(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    target = copy / "documents" / "train.parquet"
    shutil.copy(target, tmp_path / "good.parquet")
    target.write_text("garbage\n", encoding="utf-8")
    shutil.copy(tmp_path / "good.parquet", tmp_path / "pred.parquet")
    onto = load_ontology("conflict-news")
    for command in (
        lambda: dataset_stats(copy),
        lambda: write_brat(copy, tmp_path / "brat", onto),
        lambda: score_files(copy, tmp_path / "pred.parquet", split="train"),
    ):
        with pytest.raises(InputError, match=r"documents/train\.parquet is not a readable") as e:
            command()
        assert "eventset build" in e.value.remedy


def test_a_garbage_sentences_file_is_an_input_error_for_convert_oneie(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    (copy / "sentences" / "train.parquet").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sentences/train\.parquet is not a readable"):
        write_oneie(copy, tmp_path / "oneie")


def test_corrupt_pages_behind_a_valid_footer_are_an_input_error(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    target = copy / "documents" / "train.parquet"
    data = bytearray(target.read_bytes())
    footer = len(data) - 8 - int.from_bytes(data[-8:-4], "little")
    data[4:footer] = b"A" * (footer - 4)  # every page; the footer (schema) stays readable
    target.write_bytes(bytes(data))
    pred = built[0] / "documents" / "train.parquet"
    with pytest.raises(InputError, match=r"documents/train\.parquet cannot be read as Parquet"):
        dataset_stats(copy)
    with pytest.raises(InputError, match=r"documents/train\.parquet: rows after row 0 cannot"):
        score_files(copy, pred, split="train")


def test_a_documents_file_without_events_is_an_input_error_not_fewer_triggers(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    target = copy / "documents" / "train.parquet"
    table = pq.read_table(target).drop_columns(["events"])
    pq.write_table(table, target)
    pq.write_table(table, tmp_path / "alone.parquet")
    pred = built[0] / "documents" / "train.parquet"
    for command in (
        lambda: write_brat(copy, tmp_path / "brat", load_ontology("conflict-news")),
        lambda: dataset_stats(copy),
        lambda: score_files(copy, pred, split="train"),
    ):
        with pytest.raises(InputError, match=r"train\.parquet has no column 'events'"):
            command()
    with pytest.raises(InputError, match=r"alone\.parquet row 1: the gold row has no 'events'"):
        score_files(tmp_path / "alone.parquet", pred)


def test_stats_names_a_column_only_it_needs(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    target = copy / "documents" / "train.parquet"
    pq.write_table(pq.read_table(target).drop_columns(["annotators"]), target)
    with pytest.raises(InputError, match=r"train\.parquet has no column 'annotators'"):
        dataset_stats(copy)
    assert write_brat(copy, tmp_path / "brat", load_ontology("conflict-news"))["train"] == 3


def test_the_cli_prints_the_error_and_exits_1_without_a_traceback(built, tmp_path):
    copy = _copy(built[0], tmp_path)
    (copy / "documents" / "train.parquet").write_text("garbage\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(copy)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {copy / 'documents' / 'train.parquet'} is not a")


# Finding 3: spans must be integer offsets 0 <= start <= end; --split needs a folder.


@pytest.mark.parametrize(
    ("trigger", "arguments", "problem"),
    [
        ({"start": True, "end": -5}, [], "event 0 has no 'trigger' with integer"),
        ({"start": 0, "end": False}, [], "event 0 has no 'trigger' with integer"),
        ({"start": -1, "end": 3}, [], "event 0: trigger has a negative offset"),
        ({"start": 9, "end": 3}, [], r"event 0: trigger ends before it starts \(start 9, end 3\)"),
        (
            {"start": 0, "end": 3},
            [{"role": "agent", "start": 5, "end": -2}],
            "event 0: argument 0 has a negative offset",
        ),
    ],
)
def test_a_bad_predicted_span_names_the_row(built, tmp_path, trigger, arguments, problem):
    dataset = built[0]
    event = {"type": "Conference", "trigger": trigger, "arguments": arguments}
    pred = _write(
        tmp_path / "pred.jsonl",
        [{"doc_id": "d1", "events": []}, {"doc_id": "d2", "events": [event]}],
    )
    with pytest.raises(InputError, match=rf"pred\.jsonl:2: {problem}"):
        score_files(dataset, pred)


def test_an_inverted_oneie_trigger_names_the_row(built, tmp_path):
    dataset, oneie = built
    rows = [json.loads(line) for line in (oneie / "train.jsonl").read_text().splitlines()]
    row = next(r for r in rows if r["event_mentions"])
    row["event_mentions"][0]["trigger"] = {"start": 4, "end": 1}
    pred = _write(tmp_path / "pred.jsonl", rows)
    line = rows.index(row) + 1
    with pytest.raises(
        InputError, match=rf"pred\.jsonl:{line}: event mention 0: trigger ends before"
    ):
        score_files(dataset, pred, split="train")


def test_split_with_two_files_is_an_error(built):
    dataset = built[0]
    gold = dataset / "documents" / "train.parquet"
    with pytest.raises(InputError, match=r"--split test picks one split of a dataset folder") as e:
        score_files(gold, gold, split="test")
    assert "leave out --split" in e.value.remedy
    assert score_files(dataset, gold, split="train").overall("trigger").f1 == 1.0
