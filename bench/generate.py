"""Deterministic raw Label Studio exports (``JSON``, all tasks) and plain documents, streamed.

The shape follows what Label Studio 1.23 writes for the labeling config that ``eventset``
generates: ``trigger`` and ``entity`` Labels, per-region ``modality``/``polarity`` Choices,
relations labelled with role names or ``same_as``. Tasks are written one at a time, so 300k
tasks need no more memory than one.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> spec = ExportSpec(n_tasks=3, seed=1)
    >>> path = write_export(Path(tempfile.mkdtemp()) / "export.json", spec)
    >>> import json; len(json.loads(path.read_text(encoding="utf-8")))
    3
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.annotations import Annotator
from bench.article import Article, make_article

GENERATOR_VERSION = 1
_EPOCH = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
_USERS = 6


@dataclass(frozen=True)
class ExportSpec:
    """What to generate; equal specs give byte-identical files."""

    n_tasks: int
    seed: int = 0
    min_annotators: int = 1
    max_annotators: int = 3
    error_rate: float = 0.03
    skip_rate: float = 0.04
    draft_rate: float = 0.04
    empty_rate: float = 0.02

    @property
    def file_name(self) -> str:
        ann = f"a{self.min_annotators}-{self.max_annotators}"
        return f"export-v{GENERATOR_VERSION}-{self.n_tasks}-{ann}-s{self.seed}.json"


def _stamp(seconds: float) -> str:
    return (_EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _annotation(
    rng: random.Random, task_id: int, number: int, user: int, results: list[Any], cancelled: bool
) -> dict[str, Any]:
    created = _stamp(task_id * 60 + number * 7 + rng.random())
    return {
        "id": task_id * 4 + number,
        "completed_by": user,
        "result": [] if cancelled else results,
        "was_cancelled": cancelled,
        "ground_truth": False,
        "created_at": created,
        "updated_at": created,
        "draft_created_at": None,
        "lead_time": round(rng.uniform(20, 900), 3),
        "prediction": {},
        "result_count": 0 if cancelled else len(results),
        "unique_id": f"{rng.getrandbits(128):032x}",
        "import_id": None,
        "last_action": None,
        "bulk_created": False,
        "task": task_id,
        "project": 1,
        "updated_by": user,
        "parent_prediction": None,
        "parent_annotation": None,
        "last_created_by": None,
    }


def _draft(rng: random.Random, task_id: int, user: int, results: list[Any]) -> dict[str, Any]:
    created = _stamp(task_id * 60 + 50)
    email = f"annotator{user}@example.com"
    return {
        "id": task_id,
        "user": email,
        "created_username": f"{email}, {user}",
        "created_ago": "2\xa0days",
        "result": [r for r in results if r["type"] == "labels"][: rng.randint(1, 6)],
        "lead_time": round(rng.uniform(5, 120), 3),
        "was_postponed": False,
        "import_id": None,
        "created_at": created,
        "updated_at": created,
        "task": task_id,
        "annotation": None,
    }


def make_task(spec: ExportSpec, index: int, annotator: Annotator) -> dict[str, Any]:
    """Task number ``index`` (0-based) of the export described by ``spec``."""
    rng = random.Random(spec.seed * 1_000_003 + index)
    article = make_article(rng, index)
    task_id = index + 1
    count = (
        0
        if rng.random() < spec.empty_rate
        else rng.randint(spec.min_annotators, spec.max_annotators)
    )
    users = rng.sample(range(1, _USERS + 1), count)
    annotations = []
    for number, user in enumerate(users):
        results, _ = annotator.results(rng, article, number == 0, spec.error_rate)
        cancelled = rng.random() < spec.skip_rate
        annotations.append(_annotation(rng, task_id, number, user, results, cancelled))
    if len(annotations) > 1 and rng.random() < 0.05:
        annotations[0]["ground_truth"] = True
    drafts = []
    if rng.random() < spec.draft_rate:
        draft_user = rng.randint(1, _USERS)
        drafts.append(
            _draft(rng, task_id, draft_user, annotator.results(rng, article, False, 0)[0])
        )
    return _envelope(rng, task_id, article, annotations, drafts)


def _envelope(
    rng: random.Random, task_id: int, article: Article, annotations: list[Any], drafts: list[Any]
) -> dict[str, Any]:
    cancelled = sum(1 for a in annotations if a["was_cancelled"])
    predictions = [task_id] if rng.random() < 0.3 else []
    data = {
        "doc_id": article.doc_id,
        "lang": article.lang,
        "title": article.title,
        "source": "bench",
        "text": article.text,
    }
    return {
        "id": task_id,
        "annotations": annotations,
        "drafts": drafts,
        "predictions": predictions,
        "data": data,
        "meta": {},
        "created_at": _stamp(task_id),
        "updated_at": _stamp(task_id * 60 + 59),
        "allow_skip": True,
        "inner_id": task_id,
        "total_annotations": len(annotations) - cancelled,
        "cancelled_annotations": cancelled,
        "total_predictions": len(predictions),
        "comment_count": 0,
        "unresolved_comment_count": 0,
        "last_comment_updated_at": None,
        "project": 1,
        "updated_by": annotations[-1]["completed_by"] if annotations else None,
        "comment_authors": [],
    }


def iter_tasks(spec: ExportSpec) -> Iterator[dict[str, Any]]:
    """Yield the tasks of ``spec`` one by one."""
    annotator = Annotator()
    for index in range(spec.n_tasks):
        yield make_task(spec, index, annotator)


def write_export(path: Path, spec: ExportSpec) -> Path:
    """Stream the export to ``path`` (compact JSON like Label Studio's), atomically."""

    def chunks() -> Iterator[str]:
        for task in iter_tasks(spec):
            yield json.dumps(task, ensure_ascii=False, separators=(",", ":"))

    return _write_json_array(path, chunks())


def iter_documents(n_docs: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Plain documents for import: ``doc_id``, ``lang``, ``title``, ``text``."""
    for index in range(n_docs):
        article = make_article(random.Random(seed * 1_000_003 + index), index)
        yield {
            "doc_id": article.doc_id,
            "lang": article.lang,
            "title": article.title,
            "text": article.text,
        }


def write_documents(path: Path, n_docs: int, seed: int = 0) -> Path:
    """Write ``n_docs`` documents as JSONL, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8") as out:
        for doc in iter_documents(n_docs, seed):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def _write_json_array(path: Path, chunks: Iterator[str]) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8", buffering=1 << 20) as out:
        out.write("[")
        for number, chunk in enumerate(chunks):
            out.write(",\n" if number else "\n")
            out.write(chunk)
        out.write("\n]\n")
    os.replace(tmp, path)
    return path


def ensure_export(work_dir: Path, spec: ExportSpec) -> Path:
    """The cached export for ``spec`` under ``work_dir``, generated on first use."""
    path = work_dir / spec.file_name
    return path if path.exists() else write_export(path, spec)


def ensure_documents(work_dir: Path, n_docs: int, seed: int = 0) -> Path:
    """The cached documents file for ``n_docs`` under ``work_dir``."""
    path = work_dir / f"documents-v{GENERATOR_VERSION}-{n_docs}-s{seed}.jsonl"
    return path if path.exists() else write_documents(path, n_docs, seed)
