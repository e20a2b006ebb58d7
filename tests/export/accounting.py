"""Check a built dataset against its export: every mention is in ``documents`` or in an issue.

Each trigger, role argument, entity and ``same_as`` relation of every submitted annotation must
be kept in the documents config or be named by an issue on that very mention (its region, or its
relation ``FROM -> TO``). Only an issue that set the whole annotation (``dropped: annotation``)
or document (``dropped: document``) aside covers everything in it. Cluster ids must name a kept
mention of the same kind, and a kept ``same_as`` pair must share a cluster.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Key = tuple[Any, ...]


def unaccounted(export: Path, out: Path) -> list[str]:
    """Mentions of ``export`` that are neither in ``out``'s documents nor in its issues."""
    kept = _kept(out)
    issues = [json.loads(line) for line in (out / "issues.jsonl").read_text().splitlines()]
    missing = list(kept["bad_clusters"])
    for raw in json.loads(export.read_text(encoding="utf-8")):
        doc = raw["data"]["doc_id"]
        for ann in raw.get("annotations") or []:
            # issues of this annotation, and those found after merging (no annotation id)
            mine = [
                i for i in issues if i["doc_id"] == doc and i["annotation_id"] in (ann["id"], None)
            ]
            whole = any(i["dropped"] == "annotation" for i in mine) or any(
                i["doc_id"] == doc and i["dropped"] == "document" for i in issues
            )
            if not ann.get("was_cancelled") and not whole:
                missing += _missing_in(doc, ann, kept, mine)
    return missing


def _kept(out: Path) -> dict[str, Any]:
    """Events, arguments, entities (keyed by type and spans) and cluster ids of documents."""
    import pyarrow.parquet as pq

    kept: dict[str, Any] = {"events": {}, "args": set(), "entities": {}, "bad_clusters": []}
    for file in sorted((out / "documents").glob("*.parquet")):
        for row in pq.read_table(file).to_pylist():
            doc = row["doc_id"]
            # several mentions may share type and span (an annotator drew one twice): each key
            # holds the cluster ids of all of them
            for entity in row["entities"]:
                key = (doc, entity["type"], entity["start"], entity["end"])
                kept["entities"].setdefault(key, set()).add(entity["cluster_id"])
            for event in row["events"]:
                key = (doc, event["type"], event["trigger"]["start"], event["trigger"]["end"])
                kept["events"].setdefault(key, set()).add(event["cluster_id"])
                kept["args"].update(
                    (*key, a["role"], a["start"], a["end"]) for a in event["arguments"]
                )
            for what, items in (("entity", row["entities"]), ("event", row["events"])):
                ids = {x["id"] for x in items}
                kept["bad_clusters"] += [
                    f"{doc} {what} {x['id']} has cluster_id {x['cluster_id']} of no kept {what}"
                    for x in items
                    if x["cluster_id"] not in ids
                ]
    return kept


def _label(regions: dict[str, list[dict[str, Any]]], region: str, control: str) -> Key | None:
    """(label, start, end) of ``region``'s Labels item from ``control``, if it has one."""
    for item in regions.get(region, []):
        if item.get("from_name") == control and item.get("type") == "labels":
            v = item["value"]
            return ((v.get("labels") or [None])[0], v["start"], v["end"])
    return None


def _on_region(issues: list[dict[str, Any]], region: str, dropped: tuple[str, ...]) -> bool:
    return any(i["region_id"] == region and i["dropped"] in dropped for i in issues)


def _names(issues: list[dict[str, Any]], a: str, b: str, dropped: tuple[str, ...]) -> bool:
    """Whether an issue that dropped ``dropped`` names the relation between ``a`` and ``b``."""
    names = (f"relation {a} -> {b}", f"relation {b} -> {a}")
    return any(i["dropped"] in dropped and any(n in i["message"] for n in names) for i in issues)


def _missing_in(doc: str, ann: dict[str, Any], kept: dict[str, Any], issues: list) -> list[str]:
    regions: dict[str, list[dict[str, Any]]] = {}
    for item in ann["result"]:
        if "id" in item and item.get("type") != "relation":
            regions.setdefault(item["id"], []).append(item)
    out = []
    for region in sorted(regions):
        trigger, entity = _label(regions, region, "trigger"), _label(regions, region, "entity")
        lost_event = trigger and (doc, *trigger) not in kept["events"]
        if lost_event and not _on_region(issues, region, ("event",)):
            out.append(f"{doc} trigger {region}")
        lost_entity = entity and (doc, *entity) not in kept["entities"]
        also = ("entity", "event") if trigger else ("entity",)
        if lost_entity and not _on_region(issues, region, also):
            out.append(f"{doc} entity {region}")
    for r in ann["result"]:
        if r.get("type") == "relation":
            out += _relation_missing(doc, r, regions, kept, issues)
    return out


def _relation_missing(doc: str, r: dict[str, Any], regions, kept, issues) -> list[str]:
    a, b = r["from_id"], r["to_id"]
    if r.get("labels") == ["same_as"]:
        for control, table in (("trigger", "events"), ("entity", "entities")):
            ends = [_label(regions, x, control) for x in (a, b)]
            if all(ends):
                clusters = [kept[table].get((doc, *end)) for end in ends]
                if None not in clusters and not clusters[0] & clusters[1]:
                    return [f"{doc} same_as {a} -> {b} not one {control} cluster"]
                return []
        reported = _names(issues, a, b, ("relation",))
        return [] if reported else [f"{doc} same_as {a} -> {b} unreported"]
    event = a if _label(regions, a, "trigger") else b
    key = _label(regions, event, "trigger")
    if key is None or (doc, *key) not in kept["events"]:
        # no kept trigger: its issue covers it, unless the relation itself is unreported
        return (
            []
            if key or _names(issues, a, b, ("argument", "relation"))
            else [f"{doc} relation {a} -> {b} unreported"]
        )
    other = regions.get(b if event == a else a, [{}])[0].get("value", {})
    labels = r.get("labels") or []
    argument = (
        doc,
        *key,
        labels[0] if len(labels) == 1 else None,
        other.get("start"),
        other.get("end"),
    )
    if argument in kept["args"] or _names(issues, a, b, ("argument", "relation")):
        return []
    return [f"{doc} argument {a} -> {b} {labels}"]
