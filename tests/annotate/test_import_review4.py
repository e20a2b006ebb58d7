"""Import review 4: request size of task batches, nested saved datasets, byte order marks in
.txt and OneIE files, OneIE records with ``"doc_id": null``."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventset.annotate import importbatches
from eventset.annotate.client import IMPORT_BATCH_SIZE, LabelStudioClient
from eventset.annotate.connection import Connection
from eventset.annotate.documents import read_documents
from eventset.annotate.oneie import Mapping, parse_record, read_oneie
from eventset.annotate.tasks import Document, task_payload
from eventset.errors import InputError

BOM = b"\xef\xbb\xbf"


# --- 1. import batches are capped by bytes as well as by count -----------------------------


class _ImportRecorder(BaseHTTPRequestHandler):
    """Stands in for Label Studio's import endpoint: keeps each request body, answers ids."""

    bodies: list[bytes]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.bodies.append(body)
        first = 1 + sum(len(json.loads(b)) for b in self.bodies[:-1])
        ids = list(range(first, first + len(json.loads(body))))
        answer = json.dumps({"task_count": len(ids), "task_ids": ids}).encode()
        self.send_response(201)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[LabelStudioClient, list[bytes]]]:
    bodies: list[bytes] = []
    handler = type("Handler", (_ImportRecorder,), {"bodies": bodies})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        yield LabelStudioClient(Connection(url, "key")), bodies
    finally:
        server.shutdown()
        server.server_close()


def _batched(tasks: list[dict], size: int, max_bytes: int) -> list[list[dict]]:
    # Looked up at call time: each test fails on its own where the helpers are missing.
    return list(importbatches.import_batches(importbatches.sized_tasks(tasks), size, max_bytes))


def _task(doc_id: str, chars: int) -> dict:
    # Non-ASCII text: bytes, not characters, are what the server counts.
    return task_payload(Document("é" * chars, doc_id=doc_id, lang="en"))


def test_batches_stay_under_the_byte_limit_in_order():
    tasks = [_task(f"d{i}", 400 + 50 * i) for i in range(10)]
    batches = _batched(tasks, IMPORT_BATCH_SIZE, 2500)
    assert [t for batch in batches for t in batch] == tasks
    assert len(batches) > 1
    for batch in batches:
        wire = json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode()
        assert len(wire) <= 2500
    # Greedy: a batch is closed only when the next task would not fit.
    for batch, after in itertools.pairwise(batches):
        both = json.dumps([*batch, after[0]], ensure_ascii=False, separators=(",", ":"))
        assert len(both.encode()) > 2500


def test_a_batch_exactly_at_the_limit_is_one_request():
    tasks = [_task("a", 100), _task("b", 100)]
    exact = len(json.dumps(tasks, ensure_ascii=False, separators=(",", ":")).encode())
    assert [len(b) for b in _batched(tasks, 10, exact)] == [2]
    assert [len(b) for b in _batched(tasks, 10, exact - 1)] == [1, 1]


def test_the_count_cap_still_applies_under_the_byte_limit():
    tasks = [_task(f"d{i}", 10) for i in range(7)]
    assert [len(b) for b in _batched(tasks, 3, 10**9)] == [3, 3, 1]


def test_import_sends_bodies_under_the_limit_in_order_with_progress(recorder):
    client, bodies = recorder
    tasks = [_task(f"d{i}", 300 + 40 * i) for i in range(8)]
    seen: list[int] = []
    ids = client.import_tasks(1, tasks, on_batch=seen.append, batch_bytes=3000)
    assert ids == list(range(1, 9))
    assert len(bodies) > 1 and all(len(body) <= 3000 for body in bodies)
    sent = [task for body in bodies for task in json.loads(body)]
    assert [t["data"]["doc_id"] for t in sent] == [f"d{i}" for i in range(8)]
    assert sent == tasks
    assert seen == [len(json.loads(body)) for body in bodies] and sum(seen) == 8


def test_a_task_larger_than_the_limit_is_refused_before_anything_is_sent(recorder):
    client, bodies = recorder
    tasks = [_task("small-1", 10), _task("small-2", 10), _task("huge-report", 5000)]
    with pytest.raises(InputError) as caught:
        client.import_tasks(1, tasks, batch_bytes=3000)
    message = str(caught.value)
    assert "'huge-report'" in message and "small-1" not in message
    assert "3,000 bytes" in message and "nothing was imported" in message
    assert caught.value.remedy and "split" in caught.value.remedy
    assert bodies == []


def test_the_oversize_error_names_the_file_of_a_txt_document(tmp_path, recorder):
    client, bodies = recorder
    (tmp_path / "long.txt").write_text("The army advanced. " * 300)
    [doc] = read_documents([tmp_path / "long.txt"])
    with pytest.raises(InputError, match=r"doc id 'long' from long\.txt"):
        client.import_tasks(1, [task_payload(doc)], batch_bytes=1000)
    assert bodies == []


# --- 2. a saved dataset inside an input folder ---------------------------------------------

ROWS = {"text": ["The army attacked the town.", "Het leger rukte op."], "doc_id": ["h1", "h2"]}


def _save(path: Path, as_dict: bool = False) -> None:
    datasets = pytest.importorskip("datasets")
    dataset = datasets.Dataset.from_dict(ROWS)
    (datasets.DatasetDict({"train": dataset}) if as_dict else dataset).save_to_disk(str(path))


def test_a_saved_dataset_in_a_folder_is_read_as_a_dataset_in_its_place(tmp_path):
    folder = tmp_path / "f"
    (folder / "x").mkdir(parents=True)
    (folder / "a.txt").write_text("The talks began.")
    (folder / "x" / "001.txt").write_text("Troops left the city.")
    _save(folder / "hfds")
    skipped: list[Path] = []
    docs = list(read_documents([folder], skipped=skipped))
    assert [d.doc_id for d in docs] == ["a", "h1", "h2", "x/001"]
    assert docs[1].text == "The army attacked the town."
    assert skipped == []  # the dataset's own files are neither documents nor skipped files


def test_a_saved_dataset_dict_in_a_folder_is_read_with_its_split(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "z.txt").write_text("The talks began.")
    _save(folder / "sub" / "dd", as_dict=True)
    docs = list(read_documents([folder]))
    assert [(d.doc_id, d.meta.get("split")) for d in docs] == [
        ("h1", "train"),
        ("h2", "train"),
        ("z", None),
    ]


def test_a_lone_state_json_in_a_folder_is_still_a_record_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "state.json").write_text('[{"text": "Goma fell.", "doc_id": "s1"}]')
    assert [d.doc_id for d in read_documents([tmp_path])] == ["s1"]


# --- 3. a byte order mark at the start of a .txt file --------------------------------------


def test_a_txt_bom_is_not_part_of_the_text(tmp_path):
    (tmp_path / "bom.txt").write_bytes(BOM + b"The attack began.\r\n")
    (tmp_path / "plain.txt").write_bytes(b"The attack began.\r\n")
    bom, plain = read_documents([tmp_path / "bom.txt", tmp_path / "plain.txt"])
    assert bom.text == "The attack began.\r\n"
    assert (bom.text, bom.lang) == (plain.text, plain.lang)


def test_only_the_leading_bom_goes(tmp_path):
    (tmp_path / "a.txt").write_bytes(BOM + "Talks \ufeffresumed.".encode())
    [doc] = read_documents([tmp_path])
    assert doc.text == "Talks \ufeffresumed."


def test_a_txt_without_doc_id_keys_the_same_with_and_without_bom(tmp_path):
    # Keys without a doc id are a hash of the text: a BOM must not change it.
    (tmp_path / "a.txt").write_bytes(BOM + b"The army advanced.")
    [doc] = read_documents([tmp_path / "a.txt"])
    assert Document(doc.text).key == Document("The army advanced.").key


def test_a_bom_only_txt_is_an_empty_document(tmp_path):
    (tmp_path / "bomonly.txt").write_bytes(BOM)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError) as bom_only:
        list(read_documents([tmp_path / "bomonly.txt"]))
    with pytest.raises(InputError) as empty:
        list(read_documents([tmp_path / "empty.txt"]))
    assert bom_only.value.message.replace("bomonly", "empty") == empty.value.message
    assert "the text is empty" in bom_only.value.message


# --- 4. a byte order mark in a OneIE corpus or mapping file --------------------------------

RECORD = {"doc_id": "d1", "tokens": ["Rebels", "attacked", "Goma", "."]}


def test_a_oneie_corpus_with_a_bom_is_read(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(BOM + (json.dumps(RECORD) + "\n").encode())
    [record] = read_oneie(corpus)
    assert (record.doc_id, record.tokens, record.where) == (
        "d1",
        tuple(RECORD["tokens"]),
        f"{corpus}:1",
    )


def test_a_mapping_file_with_a_bom_is_read(tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_bytes(BOM + b'{"event_types": {"Conflict:Attack": "MilitaryOperation"}}')
    loaded = Mapping.load(mapping)
    assert loaded.event_types == {"Conflict:Attack": "MilitaryOperation"}


def test_a_bom_later_in_a_corpus_is_still_an_error(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes((json.dumps(RECORD) + "\n").encode() + BOM + json.dumps(RECORD).encode())
    with pytest.raises(InputError, match=r"c\.jsonl:2: not valid JSON"):
        read_oneie(corpus)


# --- 5. a OneIE record with "doc_id": null -------------------------------------------------


def test_a_null_doc_id_is_the_missing_doc_id_error():
    with pytest.raises(InputError) as missing:
        parse_record(json.dumps({"tokens": ["x"]}), "c.jsonl:3")
    with pytest.raises(InputError) as null:
        parse_record(json.dumps({"doc_id": None, "tokens": ["x"]}), "c.jsonl:3")
    assert null.value.message == missing.value.message
    assert null.value.remedy == missing.value.remedy
    assert "c.jsonl:3" in null.value.message and "'doc_id'" in null.value.message


def test_a_null_doc_id_in_a_corpus_file_names_its_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [RECORD, {"doc_id": None, "tokens": ["x"]}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in lines))
    with pytest.raises(InputError, match=r"c\.jsonl:2: a record needs 'doc_id'"):
        read_oneie(corpus)


def test_other_doc_ids_are_still_taken_as_text():
    assert parse_record(json.dumps({"doc_id": 7, "tokens": ["x"]}), "w").doc_id == "7"
