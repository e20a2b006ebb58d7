"""Parquet writer options: what each kind of column is encoded with, and that rows survive it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventset.export.featurespec import Features, List, Value
from eventset.export.parquet import ParquetSink, encoding
from eventset.export.shardnames import split_of


def _features() -> Features:
    span = {"start": Value("int32"), "end": Value("int32")}
    return Features(
        {
            "doc_id": Value("string"),
            "lang": Value("string"),
            "length": Value("int64"),
            "tokens": List(Value("string")),
            "token_spans": List(span),
        }
    )


ROWS = [
    {
        "doc_id": f"d{n}",
        "lang": "nl" if n % 2 else "en",
        "length": 100 + n,
        "tokens": ["Troepen", "rukten", "op", "."],
        "token_spans": [{"start": s, "end": s + 2} for s in range(0, 4 * n, 4)],
    }
    for n in range(50)
]


def _encodings(path: Path) -> dict[str, set[str]]:
    meta = pq.ParquetFile(path).metadata
    out: dict[str, set[str]] = {}
    for group in range(meta.num_row_groups):
        for number in range(meta.num_columns):
            column = meta.row_group(group).column(number)
            out.setdefault(column.path_in_schema, set()).update(column.encodings)
    return out


def test_integers_are_delta_encoded_strings_plain_and_lang_a_dictionary(tmp_path):
    path = tmp_path / "part.parquet"
    sink = ParquetSink(path, _features(), rows_per_group=20)
    for row in ROWS:
        sink.write(row)
    sink.close()
    found = _encodings(path)
    for column in ("length", "token_spans.list.element.start", "token_spans.list.element.end"):
        assert "DELTA_BINARY_PACKED" in found[column], (column, found[column])
    for column in ("doc_id", "tokens.list.element"):
        assert "DELTA_BINARY_PACKED" not in found[column]
        assert not {"RLE_DICTIONARY", "PLAIN_DICTIONARY"} & found[column], found[column]
    assert {"RLE_DICTIONARY", "PLAIN_DICTIONARY"} & found["lang"]
    assert pq.read_table(path).to_pylist() == ROWS


def test_every_integer_leaf_of_a_nested_schema_is_named_as_parquet_names_it():
    schema = pa.schema(
        [
            ("annotator", pa.string()),
            ("events", pa.list_(pa.struct([("start", pa.int32()), ("text", pa.string())]))),
            ("counts", pa.list_(pa.list_(pa.int64()))),
        ]
    )
    options = encoding(schema)
    assert options["column_encoding"] == {
        "events.list.element.start": "DELTA_BINARY_PACKED",
        "counts.list.element.list.element": "DELTA_BINARY_PACKED",
    }
    assert options["use_dictionary"] == ["annotator"]
    assert options["write_statistics"] == ["annotator"]


def test_a_split_of_many_row_groups_is_written_as_shards_in_row_order(tmp_path):
    sink = ParquetSink(tmp_path / "train.parquet", _features(), rows_per_group=8, groups_per_file=2)
    for row in ROWS:  # 50 rows: 7 row groups, so 4 shards of 2, 2, 2 and 1 groups
        sink.write(row)
    sink.close()
    names = [f"train-{n:05d}-of-00004.parquet" for n in range(4)]
    assert [f.name for f in sink.files] == names
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no temporary file left
    assert [pq.ParquetFile(f).metadata.num_row_groups for f in sink.files] == [2, 2, 2, 1]
    rows = [row for f in sink.files for row in pq.read_table(f).to_pylist()]
    assert rows == ROWS
    assert [split_of(f) for f in sink.files] == ["train"] * 4


def test_a_split_within_one_file_keeps_its_plain_name_and_an_empty_one_gets_none(tmp_path):
    one = ParquetSink(tmp_path / "test.parquet", _features(), rows_per_group=8, groups_per_file=7)
    for row in ROWS:
        one.write(row)
    one.close()
    empty = ParquetSink(tmp_path / "validation.parquet", _features())
    empty.close()
    assert [f.name for f in one.files] == ["test.parquet"] and empty.files == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test.parquet"]
    assert pq.read_table(one.files[0]).to_pylist() == ROWS


def test_closing_a_sink_again_keeps_its_files(tmp_path):
    sink = ParquetSink(tmp_path / "train.parquet", _features(), rows_per_group=8, groups_per_file=2)
    for row in ROWS:
        sink.write(row)
    sink.close()
    files = list(sink.files)
    sink.close()  # used to fail renaming shards that were already renamed
    assert sink.files == files and len(files) == 4
    assert [row for f in files for row in pq.read_table(f).to_pylist()] == ROWS
