"""A task without ``data.lang`` (the import found no language) has none in the dataset either.

It used to be labelled ``en``, so a Russian or undetected Dutch document was counted as English
in the documents and sentences configs and in ``eventset stats``.
"""

from __future__ import annotations

import pyarrow.parquet as pq
from export_helpers import offensive_task, write_export

from eventset.export.build import build_dataset


def test_a_document_without_a_language_is_not_given_one(tmp_path):
    given, missing, empty = (offensive_task(n, f"d{n}") for n in (1, 2, 3))
    given["data"]["lang"] = "nl"
    del missing["data"]["lang"]
    empty["data"]["lang"] = ""
    export = write_export(tmp_path / "export.json", [given, missing, empty])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    documents = pq.read_table(tmp_path / "out" / "documents" / "train.parquet").to_pylist()
    assert {row["doc_id"]: row["lang"] for row in documents} == {"d1": "nl", "d2": "", "d3": ""}
    sentences = pq.read_table(tmp_path / "out" / "sentences" / "train.parquet").to_pylist()
    assert {row["doc_id"]: row["lang"] for row in sentences} == {"d1": "nl", "d2": "", "d3": ""}
    assert summary.tally["languages"] == {"": 2, "nl": 1}
