"""Label Studio export tasks in the shapes of a real 1.23 export (see the recorded fixture)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accounting import unaccounted

__all__ = ["unaccounted"]  # re-exported: the tests import it from here

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"


def span(region: str, control: str, text: str, start: int, end: int, label: str) -> dict[str, Any]:
    """A Labels result item for ``text[start:end]``."""
    return {
        "id": region,
        "from_name": control,
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def find(
    region: str, control: str, text: str, words: str, label: str, nth: int = 0
) -> dict[str, Any]:
    """A Labels result item for the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return span(region, control, text, start, start + len(words), label)


def choice(item: dict[str, Any], name: str, value: str) -> dict[str, Any]:
    """A per-region choice on the region of ``item``."""
    v = item["value"]
    return {
        "id": item["id"],
        "from_name": name,
        "to_name": "text",
        "type": "choices",
        "value": {"start": v["start"], "end": v["end"], "text": v["text"], "choices": [value]},
    }


def relation(source: str, target: str, *labels: str, direction: str = "right") -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": source,
        "to_id": target,
        "direction": direction,
        "labels": list(labels),
    }


def annotation(
    id: int,
    user: int,
    result: list[dict[str, Any]],
    *,
    ground_truth: bool = False,
    cancelled: bool = False,
    when: str = "2026-11-28T00:00:00Z",
) -> dict[str, Any]:
    return {
        "id": id,
        "completed_by": user,
        "result": result,
        "was_cancelled": cancelled,
        "ground_truth": ground_truth,
        "created_at": when,
        "updated_at": when,
        "lead_time": 1.0,
    }


def task(
    id: int,
    doc_id: str,
    text: str,
    annotations: list[dict[str, Any]],
    *,
    lang: str = "en",
    meta: dict[str, Any] | None = None,
    drafts: int = 0,
) -> dict[str, Any]:
    data = {"text": text, "doc_id": doc_id, "lang": lang, "meta": meta or {}}
    return {
        "id": id,
        "data": data,
        "annotations": annotations,
        "drafts": [{"id": n, "result": []} for n in range(drafts)],
        "predictions": [],
    }


def write_export(path: Path, tasks: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def offensive_task(id: int = 1, doc_id: str = "d1", user: int = 1) -> dict[str, Any]:
    """A small valid English task: one MilitaryOperation with agent, target and time."""
    text = "On Tuesday the rebels launched an offensive against Goma. Talks failed."
    t = find("t1", "trigger", text, "offensive", "MilitaryOperation")
    items = [
        t,
        choice(t, "modality", "planned"),
        find("e1", "entity", text, "the rebels", "ArmedGroup"),
        find("e2", "entity", text, "Goma", "Location"),
        find("e3", "entity", text, "Tuesday", "Time"),
        find("t2", "trigger", text, "Talks", "Conference"),
        relation("t1", "e1", "agent"),
        relation("e2", "t1", "target", direction="left"),
        relation("t1", "e3", "time"),
    ]
    return task(id, doc_id, text, [annotation(id * 10, user, items)], meta={"source": "wire"})


def crossing_task() -> dict[str, Any]:
    """A task whose TerritorialControl has its agent in the sentence before its trigger's."""
    text = "Rebels regrouped. Then they seized Goma."
    items = [
        find("t1", "trigger", text, "seized", "TerritorialControl"),
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        find("e2", "entity", text, "Goma", "Location"),
        relation("t1", "e1", "agent"),
        relation("t1", "e2", "territory"),
    ]
    return task(1, "d", text, [annotation(1, 1, items)])
