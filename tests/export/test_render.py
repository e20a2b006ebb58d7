"""Rendering batches in worker processes gives the same dataset, byte for byte, as in-process."""

from __future__ import annotations

import hashlib

from export_helpers import RECORDED, offensive_task, write_export

from eventset.annotate.rawjson import copy_lines, iter_array
from eventset.export.build import build_dataset
from eventset.export.render import worker_count
from eventset.pool import WORKERS_ENV


def _one_per_line(source, target):
    """The layout `eventset pull` writes: only such exports go to worker processes."""
    with target.open("wb") as stream:
        for _ in copy_lines(iter_array(source), stream):
            pass
    return target


def _spy_pool(monkeypatch):
    from eventset.export import pipeline

    started = []
    real = pipeline.start_pool

    def start_pool(context, workers):
        started.append(workers)
        return real(context, workers)

    monkeypatch.setattr(pipeline, "start_pool", start_pool)
    return started


def _digests(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_workers_do_not_change_a_byte(tmp_path, monkeypatch):
    from eventset.export import parquet, pipeline

    tasks = [offensive_task(i, f"d{i}") for i in range(1, 12)]
    export = _one_per_line(write_export(tmp_path / "e.json", tasks), tmp_path / "lines.json")
    started = _spy_pool(monkeypatch)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    monkeypatch.setattr(pipeline, "IN_FLIGHT", 1)
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 3)
    outputs = {}
    for workers in ("0", "2"):
        monkeypatch.setenv(WORKERS_ENV, workers)
        out = build_dataset(export, tmp_path / f"w{workers}", splits="0.6,0.2,0.2").out_dir
        outputs[workers] = _digests(out)
    assert started == [2]  # the pool ran once, for the build with 2 workers
    assert outputs["0"] == outputs["2"]
    assert "documents/train.parquet" in outputs["0"]


def test_recorded_export_with_workers_matches_in_process(tmp_path, monkeypatch):
    from eventset.export import pipeline

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    started = _spy_pool(monkeypatch)
    monkeypatch.setenv(WORKERS_ENV, "0")
    alone = _digests(build_dataset(RECORDED, tmp_path / "alone").out_dir)
    monkeypatch.setenv(WORKERS_ENV, "1")
    lines = _one_per_line(RECORDED, tmp_path / "lines.json")
    pooled = _digests(build_dataset(lines, tmp_path / "pooled").out_dir)
    # the recorded export is pretty-printed: it reaches the workers through a copy made while
    # it is scanned, which is gone afterwards (the digests cover every file of the folder)
    copied = _digests(build_dataset(RECORDED, tmp_path / "copied").out_dir)
    assert started == [1, 1]
    assert alone == pooled == copied
    assert not [p for p in tmp_path.rglob("*") if ".export-lines" in p.name]


def test_worker_count_follows_the_environment(monkeypatch):
    monkeypatch.setenv(WORKERS_ENV, "3")
    assert worker_count() == 3
    monkeypatch.setenv(WORKERS_ENV, "")
    assert 0 <= worker_count() <= 4


def test_rows_handed_off_through_a_file_arrive_whole_and_the_file_goes(tmp_path):
    import pickle

    import pyarrow as pa

    from eventset.export.issuelog import encode_issues
    from eventset.export.render import Rendered
    from eventset.export.take import Part

    whole = pa.RecordBatch.from_pydict({"doc_id": ["a", "b", "c"], "n": [1, 2, 3]})
    tables = {("documents", "train"): whole.slice(0, 2), ("documents", "test"): whole.slice(2)}
    for folder in (None, tmp_path):
        rendered = Rendered(tables, Part(), encode_issues([]))
        if folder is not None:
            rendered.hand_off(folder, "batch-0")
            assert len(list(folder.iterdir())) == 2  # one file per table
        received = pickle.loads(pickle.dumps(rendered))
        assert received.tables == tables
        assert received.handed_off is None
        assert not list(tmp_path.iterdir())  # the receiver deleted the file it mapped
