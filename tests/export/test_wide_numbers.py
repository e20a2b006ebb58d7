"""Numbers beyond what orjson, ijson or an Arrow column holds are read exactly or reported.

orjson reads an integer beyond 64 bits as a float (two such doc ids became one), ijson's float
mode refuses it, and offsets beyond 32 bits crashed the raw config.
"""

from __future__ import annotations

import json

import orjson
import pyarrow.parquet as pq
import pytest
from export_helpers import offensive_task

from eventset.annotate import rawjson, wire
from eventset.annotate.parse import parse_task
from eventset.export.build import build_dataset
from eventset.pool import WORKERS_ENV

WIDE = 123456789012345678901234  # beyond 64 bits; WIDE and WIDE + 1 are the same float


def _tasks(n: int = 3) -> list[dict]:
    tasks = [offensive_task(i, f"d{i}") for i in range(1, n + 1)]
    tasks[0]["data"]["doc_id"] = WIDE
    tasks[1]["data"]["doc_id"] = WIDE + 1
    tasks[0]["data"]["serial"] = -WIDE
    return tasks


def _write(path, tasks, layout):
    if layout == "one line":  # Label Studio's own download: ijson reads it
        path.write_text(json.dumps(tasks), encoding="utf-8")
    else:  # what `eventset pull` writes: orjson and msgspec read it line by line
        path.write_text("[\n" + ",\n".join(map(json.dumps, tasks)) + "\n]\n", encoding="utf-8")
    return path


def _documents(out):
    table = pq.read_table(out / "documents" / "train.parquet")
    return dict(zip(table["doc_id"].to_pylist(), table["serial"].to_pylist(), strict=True))


@pytest.mark.parametrize("layout", ["one line", "one task per line"])
def test_doc_ids_and_metadata_beyond_64_bits_are_kept_exactly(tmp_path, layout):
    export = _write(tmp_path / "e.json", _tasks(), layout)
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.issues == 0  # no duplicate_doc_id: the two ids stay apart
    documents = _documents(summary.out_dir)
    assert documents[str(WIDE)] == str(-WIDE)
    assert documents[str(WIDE + 1)] is None
    assert len(documents) == 3


def test_wide_numbers_give_the_same_bytes_in_a_pool_and_in_one_process(tmp_path, monkeypatch):
    tasks = _tasks(600)  # more than one batch, so the pool runs
    export = _write(tmp_path / "e.json", tasks, "one task per line")
    files = {}
    for workers in ("0", "2"):
        monkeypatch.setenv(WORKERS_ENV, workers)
        out = build_dataset(export, tmp_path / f"w{workers}", splits="1").out_dir
        files[workers] = (out / "documents" / "train.parquet").read_bytes()
        assert str(WIDE + 1) in _documents(out)
    assert files["0"] == files["2"]


@pytest.mark.parametrize("end", [2**31, 2**40, WIDE, -(2**31) - 1])
def test_offsets_beyond_32_bits_are_a_reported_region_not_a_crash(tmp_path, end):
    task = offensive_task(1, "d1")
    region = task["annotations"][0]["result"][2]  # "the rebels", an ArmedGroup
    region["value"]["end"] = end
    for layout in ("one line", "one task per line"):
        export = _write(tmp_path / f"{layout}.json", [task, offensive_task(2, "d2")], layout)
        summary = build_dataset(export, tmp_path / layout, splits="1")
        issues = [json.loads(line) for line in (summary.out_dir / "issues.jsonl").open()]
        beyond = [i for i in issues if i["kind"] == "malformed_result"]
        assert len(beyond) == 1, issues
        assert beyond[0]["region_id"] == region["id"]
        assert "beyond the 32-bit offsets" in beyond[0]["message"]


def test_the_first_pass_and_the_line_parser_read_wide_integers_exactly():
    line = json.dumps({"id": WIDE, "data": {"text": "x", "meta": {"n": [WIDE]}}}).encode()
    assert rawjson._item(line) == json.loads(line)
    assert wire.parse_line(line, 0) == parse_task(json.loads(line), 0)
    assert wire.parse_line(line, 0).id == WIDE


def test_numbers_orjson_reads_exactly_keep_the_fast_reading():
    line = b'{"id": 18446744073709551615, "data": {"text": "x", "f": 1.5e300}}'
    assert rawjson._item(line)["id"] == 18446744073709551615
    assert not rawjson.wide_digits(b'{"id": 184467440737095516, "n": 1.5}')  # 18 digits
    assert rawjson.wide_digits(b'{"id": -9223372036854775809}')


def test_copy_lines_writes_integers_orjson_cannot(tmp_path):
    path = tmp_path / "copy.json"
    items = [{"id": 1, "data": {"n": WIDE, "t": "é"}}, {"id": 2, "data": {"n": 1.5}}]
    with path.open("wb") as stream:
        assert list(rawjson.copy_lines(items, stream)) == items
    reader = rawjson.ArrayReader(path)
    assert list(reader) == items
    assert reader.one_per_line


@pytest.mark.parametrize(("value", "seconds"), [(12, 12.0), (1.5, 1.5), ("12", None), (True, None)])
def test_lead_time_is_a_float_or_nothing(value, seconds):
    raw = offensive_task(1, "d1")
    raw["annotations"][0]["lead_time"] = value
    line = json.dumps(raw).encode()
    assert wire.parse_line(line, 0).annotations[0].lead_time == seconds
    assert parse_task(json.loads(line), 0).annotations[0].lead_time == seconds


def test_copy_lines_writes_nesting_orjson_cannot_and_refuses_what_nothing_writes(tmp_path):
    deep: list = []
    for _ in range(400):  # orjson writes at most 254 levels, the standard library more
        deep = [deep]
    with (tmp_path / "deep.json").open("wb") as stream:
        list(rawjson.copy_lines([{"id": 1, "p": deep}], stream))
    assert json.loads((tmp_path / "deep.json").read_text())[0]["p"] == deep
    with pytest.raises(orjson.JSONEncodeError), (tmp_path / "nan.json").open("wb") as stream:
        list(rawjson.copy_lines([{"id": 1, "x": float("nan"), "n": WIDE}], stream))


def _voters(tmp_path, name: str, content: str) -> list[str]:
    export = tmp_path / f"{name}.json"
    export.write_text(content, encoding="utf-8")
    out = build_dataset(export, tmp_path / name, splits="1", policy="majority").out_dir
    rows = pq.read_table(out / "documents" / "train.parquet").to_pylist()
    return [annotator for row in rows for annotator in row["annotators"]]


def test_wide_annotator_ids_stay_apart_in_every_layout(tmp_path):
    task = offensive_task(1, "d1")
    second = json.loads(json.dumps(task["annotations"][0]))
    task["annotations"][0]["completed_by"] = 2**64 + 1
    second.update(id=99, completed_by=2**64 + 2, result=[])
    task["annotations"].append(second)
    other = offensive_task(2, "d2")
    lines = "[\n" + json.dumps(task) + ",\n" + json.dumps(other) + "\n]\n"
    mixed = "[\n" + json.dumps(task) + ",\n" + json.dumps(other, indent=1) + "\n]\n"  # ijson after
    expected = [str(2**64 + 1), str(2**64 + 2), "1"]
    assert _voters(tmp_path, "lines", lines) == expected
    assert _voters(tmp_path, "mixed", mixed) == expected
    assert _voters(tmp_path, "one", json.dumps([task, other])) == expected


def test_a_wide_integer_beside_deep_nesting_or_bad_text_in_the_one_line_layout(tmp_path):
    from eventset.errors import InputError

    deep = {"id": 1, "data": {"text": "x", "n": WIDE, "m": "X"}}
    line = json.dumps([deep]).replace('"X"', "[" * 500 + "]" * 500)
    (tmp_path / "deep.json").write_text(line, encoding="utf-8")
    assert [t["data"]["n"] for t in rawjson.ArrayReader(tmp_path / "deep.json")] == [WIDE]
    bad = f'[{{"id":1,"data":{{"text":"a","n":{WIDE}}}}},{{"id":2,"data":{{"text":"b\\udc00"}}}}]'
    (tmp_path / "bad.json").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match="not valid text"):
        build_dataset(tmp_path / "bad.json", tmp_path / "out", splits="1")
