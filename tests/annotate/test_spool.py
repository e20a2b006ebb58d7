"""``TaskSpool``: import payloads wait on disk, come back equal, in order, in bounded batches."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from support.importclient import ImportRecorder

from eventset.annotate.documents import read_documents
from eventset.annotate.importbatches import sized_tasks
from eventset.annotate.importer import import_documents
from eventset.annotate.payloads import build_batch
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.spool import TaskSpool
from eventset.annotate.tasks import Document
from eventset.errors import InputError
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
LEXICON = LexiconPreAnnotator(ONTO)
DOCS = [
    Document("Rebels attacked Goma on Sunday.", "a", "en"),
    Document("Het leger viel de stad aan. Café „Zürich“ bleef dicht 🙂.", "b", "nl"),
    Document("Nothing happened.", "c", "en"),
]
PAYLOADS = [payload for _, payload in build_batch(DOCS, [LEXICON])]


def test_payloads_come_back_equal_and_in_order_with_the_sizes_a_request_counts():
    with TaskSpool(1 << 20) as spool:
        for payload in PAYLOADS:
            spool.add(payload)
        assert len(spool) == 3
        assert list(spool) == PAYLOADS
        assert list(spool) == PAYLOADS  # read again
        assert list(spool._sizes) == [size for _, size in sized_tasks(PAYLOADS)]


def test_what_comes_back_is_exactly_what_went_in_and_sizes_are_the_json_httpx_sends():
    import datetime

    import numpy as np

    odd: list[dict[str, Any]] = [
        {"data": {"text": "x", "id": 2**70}},  # beyond 64 bits: exact, not rounded
        {"data": {"text": "y"}, "meta": {1: "int key", "t": ("a", "b")}},
        {"data": {"text": "z"}, "predictions": [{"score": np.float64(0.875), "x": 1e-7}]},
        {"data": {"text": "w", "when": datetime.datetime(2024, 5, 1, 12, 0)}},
    ]
    with TaskSpool(1 << 20) as spool:
        for task in odd:
            spool.add(task)
        back = list(spool)
        batches = list(spool.batches(1))
    assert back == odd and batches == [[task] for task in odd]
    assert type(back[2]["predictions"][0]["score"]) is np.float64  # the SDK encodes it as before
    assert type(back[3]["data"]["when"]) is datetime.datetime
    assert [s for _, s in sized_tasks(odd)] == list(spool._sizes)  # closed file, sizes kept


def test_reading_stopped_halfway_leaves_the_spool_whole():
    with TaskSpool(1 << 20) as spool:
        spool.add(PAYLOADS[0])
        spool.add(PAYLOADS[1])
        first = next(iter(spool))
        spool.add(PAYLOADS[2])  # after a read that stopped early
        assert first == PAYLOADS[0]
        assert list(spool) == PAYLOADS
        assert [a for a, _ in zip(spool, spool, strict=True)] == PAYLOADS  # two reads at once


def test_batches_respect_both_limits_and_keep_the_order():
    tasks = [{"data": {"text": "w" * n, "doc_id": str(n)}} for n in range(1, 40)]
    limit = 300
    with TaskSpool(limit) as spool:
        for task in tasks:
            spool.add(task)
        batches = list(spool.batches(size=5, max_bytes=limit))
    assert [t for batch in batches for t in batch] == tasks
    assert all(len(batch) <= 5 for batch in batches)
    for batch in batches:
        sizes = [size for _, size in sized_tasks(batch)]
        assert 1 + sum(sizes) <= limit or len(batch) == 1
    assert len(batches) > len(tasks) // 5  # the byte limit split some batches


def test_a_task_too_large_alone_is_named_before_anything_is_sent():
    with TaskSpool(200) as spool:
        spool.add({"data": {"text": "short", "doc_id": "ok"}})
        spool.add({"data": {"text": "long " * 60, "doc_id": "huge", "meta": {"filename": "h.txt"}}})
        with pytest.raises(InputError) as refused:
            spool.refuse_oversized()
        spool.refuse_oversized(10_000)  # under a larger limit both fit
        with pytest.raises(InputError, match="2 document"):
            spool.refuse_oversized(20)  # and a smaller one than the spool's counts too
    message = str(refused.value)
    assert "1 document(s) are too large to import: doc id 'huge' from h.txt (" in message
    assert "nothing was imported" in message


def test_a_full_disk_or_no_usable_folder_is_an_error_naming_the_folder(tmp_path):
    import errno

    with pytest.raises(InputError) as missing:
        TaskSpool(1 << 20, directory=str(tmp_path / "absent"))
    assert str(tmp_path / "absent") in missing.value.message and "TMPDIR" in missing.value.remedy

    class Full:
        """The spool file of a full disk: every write or flush fails."""

        def __init__(self, real: Any) -> None:
            self.real = real

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        flush = write  # type: ignore[assignment]

        def fileno(self) -> int:
            return int(self.real.fileno())

        def close(self) -> None:
            self.real.close()
            raise OSError(errno.ENOSPC, "No space left on device")  # closing flushes

    with TaskSpool(1 << 20, directory=str(tmp_path)) as spool:
        spool._file = Full(spool._file)  # type: ignore[assignment]
        with pytest.raises(InputError) as refused:
            spool.add(PAYLOADS[0])
    assert f"temporary file in {tmp_path}: No space left on device" in refused.value.message
    assert "nothing was imported" in refused.value.message


def test_model_versions_in_order_of_first_use():
    with TaskSpool(1 << 20) as spool:
        spool.add({"data": {}, "predictions": [{"model_version": "b"}, {"model_version": "a"}]})
        spool.add({"data": {}, "predictions": [{"model_version": "a"}, {"model_version": ""}]})
        spool.add({"data": {}})
        assert spool.model_versions == ["b", "a"]


def test_the_spool_file_has_no_name_so_it_cannot_outlive_the_process(tmp_path):
    with TaskSpool(1 << 20, directory=str(tmp_path)) as spool:
        spool.add(PAYLOADS[0])
        assert os.listdir(tmp_path) == []
        assert list(spool) == PAYLOADS[:1]


def test_an_import_sends_from_the_spool_what_build_batch_would_have_built(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for doc in DOCS:
        (folder / f"{doc.key}.txt").write_text(doc.text, encoding="utf-8")
    client = ImportRecorder()
    summary = import_documents(client, "p", [folder], ONTO, preannotators=[LEXICON])  # type: ignore[arg-type]
    assert isinstance(client.given, TaskSpool)
    expected = build_batch(read_documents([folder]), [LEXICON])
    assert client.payloads == [payload for _, payload in expected]
    assert [p["data"]["text"] for p in client.payloads] == [d.text for d in DOCS]
    assert summary.imported == 3 and summary.with_predictions == 2


@pytest.mark.parametrize(
    "value",
    [
        {"score": 1e-7, "x": [2.5e-8, 1e-10, 1e16, 0.1, -0.0, 5e-324, 123456789.123]},
        {"text": 'drone-3 and type-5 e-5 1e-5 “quotes” \u2028 \x00 \\ " ü 🙂', "n": 2**63 - 1},
        {"n": 2**64, "neg": -(2**70), "t": (1, "a")},
        {1: "int key", "nested": {"a": [None, True, False, {}]}},
    ],
)
def test_sizes_are_those_of_the_standard_librarys_compact_json(value):
    from eventset.annotate.importbatches import json_size

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert json_size(value) == len(text.encode("utf-8"))
