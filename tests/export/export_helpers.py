"""Label Studio export tasks in the shapes of a real 1.23 export (see the recorded fixture)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def unaccounted(export: Path, out: Path) -> list[str]:
    """Triggers and role arguments of the export that are neither in documents nor in issues.

    A trigger is accounted for by an issue on its region that dropped the event; an argument by
    an issue that dropped it and names its relation (``relation FROM -> TO``); both by an issue
    that set the whole annotation or document aside.
    """
    kept_events, kept_args = _kept(out)
    issues = [json.loads(line) for line in (out / "issues.jsonl").read_text().splitlines()]
    whole = {
        (i["doc_id"], i["annotation_id"])
        for i in issues
        if i["dropped"] == "annotation" or i["kind"] == "no_majority"
    }
    whole |= {(i["doc_id"], None) for i in issues if i["dropped"] == "document"}
    dropped_events = {
        (i["doc_id"], i["annotation_id"], i["region_id"]) for i in issues if i["dropped"] == "event"
    }
    dropped_args = [
        (i["doc_id"], i["annotation_id"], i["message"])
        for i in issues
        if i["dropped"] in ("argument", "relation")
    ]
    missing = []
    for raw in json.loads(export.read_text(encoding="utf-8")):
        doc = raw["data"]["doc_id"]
        for ann in raw.get("annotations") or []:
            if ann.get("was_cancelled") or (doc, ann["id"]) in whole or (doc, None) in whole:
                continue
            missing += _missing_in(doc, ann, kept_events, kept_args, dropped_events, dropped_args)
    return missing


def _kept(out: Path) -> tuple[set, set]:
    """Events and arguments of the documents config, keyed by type and character spans."""
    import pyarrow.parquet as pq

    kept_events, kept_args = set(), set()
    for file in sorted((out / "documents").glob("*.parquet")):
        for row in pq.read_table(file).to_pylist():
            for event in row["events"]:
                key = (
                    row["doc_id"],
                    event["type"],
                    event["trigger"]["start"],
                    event["trigger"]["end"],
                )
                kept_events.add(key)
                kept_args.update(
                    (*key, a["role"], a["start"], a["end"]) for a in event["arguments"]
                )
    return kept_events, kept_args


def _event_key(doc, regions, region_id):
    for item in regions.get(region_id, []):
        if item.get("from_name") == "trigger":
            v = item["value"]
            return (doc, (v.get("labels") or [None])[0], v["start"], v["end"])
    return None


def _missing_in(doc, ann, kept_events, kept_args, dropped_events, dropped_args) -> list[str]:
    aid, out, regions = ann["id"], [], {}
    for item in ann["result"]:
        if "id" in item and item.get("type") != "relation":
            regions.setdefault(item["id"], []).append(item)
    for region in sorted(regions):
        key = _event_key(doc, regions, region)
        if key and key not in kept_events and (doc, aid, region) not in dropped_events:
            out.append(f"{doc} trigger {region}")
    for r in ann["result"]:
        if r.get("type") != "relation" or r.get("labels") == ["same_as"]:
            continue
        ends = (r["from_id"], r["to_id"])
        key = _event_key(doc, regions, ends[0]) or _event_key(doc, regions, ends[1])
        event = ends[0] if _event_key(doc, regions, ends[0]) else ends[1]
        other = regions.get(ends[1] if event == ends[0] else ends[0], [{}])[0].get("value", {})
        kept = (
            key is not None
            and len(r["labels"]) == 1
            and (*key, r["labels"][0], other.get("start"), other.get("end")) in kept_args
        )
        named = f"relation {ends[0]} -> {ends[1]}"
        reported = any(d == doc and a == aid and named in m for d, a, m in dropped_args)
        if not kept and not reported and key in kept_events:
            out.append(f"{doc} argument {ends} {r['labels']}")
    return out
