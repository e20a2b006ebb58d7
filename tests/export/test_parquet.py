"""Parquet writer options: what each kind of column is encoded with, and that rows survive it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventset.export.featurespec import Features, List, Value
from eventset.export.parquet import ParquetSink, encoding


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
