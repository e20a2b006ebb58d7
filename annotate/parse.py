"""Parse a raw Label Studio JSON export into typed annotations, streaming (pure, offline).

The parser knows Label Studio's shapes, not the ontology: result items are grouped by region
``id`` (one region may carry a trigger label, an entity label and per-region choices), relations
are kept as written, cancelled annotations and drafts are counted. Structural problems become
``Issue`` objects; ontology checks happen later, in ``eventset.export.resolve``.

Example:
    >>> tasks = list(iter_tasks("export.json"))  # doctest: +SKIP
    >>> tasks[0].annotations[0].regions["t1"].trigger  # doctest: +SKIP
    'MilitaryOperation'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventset.annotate.jsonguards import NotAnArray
from eventset.annotate.parsed import (
    ENTITY_CONTROL,
    OFFSET_LIMIT,
    TRIGGER_CONTROL,
    Annotation,
    Region,
    Relation,
    Task,
)
from eventset.annotate.rawjson import ArrayReader
from eventset.annotate.values import (
    annotator_of,
    as_text,
    draft_user,
    flag,
    lead_seconds,
    same_value,
    unknown_annotator,
    unreadable_user,
)
from eventset.errors import InputError
from eventset.schema.issues import Issue

_TASK_KEYS = frozenset({"text", "doc_id", "lang", "meta"})


def iter_tasks(path: str | Path, *, annotations: bool = True) -> Iterator[Task]:
    """Stream the tasks of a Label Studio JSON export (a JSON array), one at a time.

    ``annotations=False`` reads only the documents (a quick first pass).

    Example:
        >>> for task in iter_tasks("export.json"):  # doctest: +SKIP
        ...     print(task.doc_id, len(task.submitted), task.drafts)
    """
    for index, raw in enumerate(iter_raw(path)):
        yield parse_task(raw, index, annotations=annotations)


def open_export(path: str | Path) -> ArrayReader:
    """A reader of the export's tasks; fails with a remedy when the file does not exist."""
    source = Path(path)
    if source.is_dir():
        raise InputError(
            f"{str(source)!r} is a folder; the export is one JSON file",
            remedy="pass the JSON file written by `eventset pull` or Label Studio's JSON export "
            "(a dataset folder is read by score, stats and convert, not build)",
        )
    if not source.is_file():
        raise InputError(
            f"export file {str(source)!r} does not exist",
            remedy="pass the JSON file written by `eventset pull` or Label Studio's JSON export",
        )
    return ArrayReader(source)


def iter_raw(export: str | Path | ArrayReader) -> Iterator[Any]:
    """Stream the tasks of an export as plain JSON values, for ``parse_task`` elsewhere."""
    reader = export if isinstance(export, ArrayReader) else open_export(export)
    try:
        yield from reader
    except NotAnArray as exc:
        raise InputError(
            f"{reader.path} is not a valid JSON array of tasks: {exc}", remedy=exc.remedy
        ) from exc


def parse_task(raw: Any, index: int = 0, *, annotations: bool = True) -> Task:
    """Turn one exported task (a dict) into a ``Task``; problems go to ``task.issues``."""
    if not isinstance(raw, dict) or not isinstance(raw.get("data"), dict):
        raise InputError(
            f"item {index} of the export is not a Label Studio task (no 'data' object)",
            remedy="export in Label Studio's JSON format; JSON_MIN and CSV are not supported",
        )
    task = new_task(raw["data"], raw.get("id", index))
    for key in ("annotations", "drafts"):
        if not isinstance(raw.get(key), list | None):
            raise InputError(
                f"task {task.id}: {key} is a {type(raw[key]).__name__}, not a list",
                remedy="export again in Label Studio's JSON format; the file was altered",
            )
    task.drafts = len(raw.get("drafts") or [])
    if annotations and task.drafts:
        note_drafts(task, raw["drafts"])
    task.annotated = any(
        isinstance(a, dict) and not flag(a.get("was_cancelled"))
        for a in raw.get("annotations") or []
    )
    for number, item in enumerate(raw.get("annotations") or [] if annotations else []):
        if not isinstance(item, dict):
            raise InputError(
                f"task {task.id}: annotation {number} is {item!r}, not an object",
                remedy="export again in Label Studio's JSON format; the file was altered",
            )
        task.annotations.append(_parse_annotation(item, task, number))
    return task


def new_task(data: dict[str, Any], task_id: Any) -> Task:
    """A ``Task`` without annotations from a task's ``data`` object (text, doc id, metadata)."""
    text = data.get("text")
    if text is None:
        raise InputError(
            f"task {task_id} has no text in data.text",
            remedy="the labeling config must read the document from $text",
        )
    if not isinstance(text, str):
        raise InputError(
            f"task {task_id}: data.text is a {type(text).__name__} ({str(text)[:40]!r}), not a "
            "string",
            remedy="import the document's text as a string (JSON text in quotes)",
        )
    given = data.get("doc_id")
    doc_id = f"task-{task_id}" if given is None or given == "" else as_text(given)
    return Task(task_id, doc_id, text, as_text(data.get("lang") or ""), _meta(data), [])


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    """``data.meta`` and every other field of ``data`` except text, doc_id and lang.

    Nothing is dropped: a ``meta`` that is not an object is kept as the field ``meta``, and a
    field that ``data.meta`` holds too with another value is kept as ``data.<name>``.
    """
    given = data.get("meta")
    meta = dict(given) if isinstance(given, dict) else {} if given is None else {"meta": given}
    for key, value in data.items():
        if key in _TASK_KEYS:
            continue
        name = key
        while name in meta and not same_value(meta[name], value):
            name = f"data.{name}"  # data.x, or data.data.x when meta has a data.x of its own
        meta[name] = value
    return meta


def _flags_and_user(item: dict[str, Any], task: Task, position: int) -> tuple[bool, bool, str]:
    """``ground_truth``, ``was_cancelled`` and the annotator of an annotation; a flag that cannot
    be read is read as false and named in a warning."""
    problems = []
    values = []
    for key, meaning in (("ground_truth", "not ground truth"), ("was_cancelled", "submitted")):
        read = flag(item.get(key))
        if read is None:
            problems.append(f"{key} is {item.get(key)!r}, not true or false; read as {meaning}")
        values.append(bool(read))
    user = annotator_of(item.get("completed_by"))
    annotator = user or unknown_annotator(item.get("id"), position)
    if unreadable_user(item.get("completed_by")):  # its value is never shown: an e-mail, say
        problems.append(
            "completed_by is not a user id (a number, or a user object with one); counted as an "
            f"annotator of its own, {annotator}, and not written (an e-mail address is personal "
            "data)"
        )
    if problems:
        task.issues.append(
            Issue(
                "malformed_annotation",
                "; ".join(problems),
                task.id,
                item.get("id"),
                None,
                task.doc_id,
                dropped="nothing",
                severity="warning",
            )
        )
    return values[0], values[1], annotator


def note_drafts(task: Task, drafts: list[Any]) -> None:
    """One ``draft_not_used`` note per draft, naming its annotator by user id (never by the
    e-mail address Label Studio also exports) and the annotation it edits, if any."""
    for draft in drafts:
        draft = draft if isinstance(draft, dict) else {}
        edits = draft.get("annotation")
        used = f"; the submitted version of annotation {edits} is used" if edits else ""
        task.issues.append(
            Issue(
                "draft_not_used",
                f"an unsubmitted draft by annotator {draft_user(draft)} is not used (drafts are "
                f"work in progress{used}): have it submitted in Label Studio, then pull and "
                "build again",
                task.id,
                edits,
                None,
                task.doc_id,
                dropped="annotation",
                severity="info",
            )
        )


def _parse_annotation(item: dict[str, Any], task: Task, position: int) -> Annotation:
    ground_truth, was_cancelled, annotator = _flags_and_user(item, task, position)
    annotation = Annotation(
        id=item.get("id"),
        annotator=annotator,
        ground_truth=ground_truth,
        was_cancelled=was_cancelled,
        created_at=str(item.get("created_at") or ""),
        updated_at=str(item.get("updated_at") or item.get("created_at") or ""),
        lead_time=lead_seconds(item.get("lead_time")),
    )
    results = item.get("result")
    if results is None and was_cancelled:
        results = []  # a skip carries no regions
    if not isinstance(results, list):
        what = "missing" if "result" not in item else f"{results!r}, not a list"
        raise InputError(
            f"task {task.id}: the result of annotation {annotation.id} is {what} (a submitted "
            "annotation always has a result list, empty when nothing was marked)",
            remedy="export again in Label Studio's JSON format; the file was altered",
        )
    for result in results:
        problem = _add_result(annotation, result)
        if problem:
            region_id = _region_id(result)
            if region_id is not None and result.get("type") != "relation":
                annotation.rejected.add(region_id)
            if isinstance(result, dict) and result.get("type") == "choices":
                problem += "; its choice is not read (the attribute keeps its default)"
            task.issues.append(
                Issue(
                    "malformed_result",
                    problem,
                    task.id,
                    annotation.id,
                    region_id,
                    task.doc_id,
                    dropped=_dropped(result),
                )
            )
    return annotation


def _dropped(result: Any) -> str:
    """What a malformed result item takes with it: its relation, event, entity or nothing."""
    if not isinstance(result, dict):
        return "nothing"
    if result.get("type") == "relation":
        return "relation"
    return {TRIGGER_CONTROL: "event", ENTITY_CONTROL: "entity"}.get(
        str(result.get("from_name")), "nothing"
    )


def _region_id(result: Any) -> str | None:
    return str(result["id"]) if isinstance(result, dict) and "id" in result else None


def _add_result(annotation: Annotation, result: Any) -> str | None:
    """Add one result item; returns a description of what is wrong with it, if anything."""
    if not isinstance(result, dict):
        return f"result item {result!r} is not an object"
    if result.get("type") == "relation":
        return _add_relation(annotation, result)
    value = result.get("value")
    region_id = result.get("id")
    if region_id is None or not isinstance(value, dict):
        return "result item has no region id or no value"
    start, end = value.get("start"), value.get("end")
    if start is None and end is None:
        return (
            f"result from control {result.get('from_name')!r} (type {result.get('type')!r}) has "
            "no span: eventset reads span labels, their per-region choices and relations only"
        )
    if not isinstance(start, int) or not isinstance(end, int) or bool in (type(start), type(end)):
        return f"offsets {start!r}..{end!r} are not integers"
    if not -OFFSET_LIMIT <= start < OFFSET_LIMIT or not -OFFSET_LIMIT <= end < OFFSET_LIMIT:
        return (
            f"offsets {start}..{end} are beyond the 32-bit offsets a dataset stores (texts up to "
            f"{OFFSET_LIMIT - 1:,} characters)"
        )
    kind = result.get("type")
    if kind in ("labels", "choices") and not isinstance(value.get(kind, []), list | None):
        return f"{kind} {value[kind]!r} are not a list"
    key = region_id if type(region_id) is str else str(region_id)
    region = annotation.regions.get(key)
    if region is None:  # a region's choices and labels come as several items with its id
        region = Region(key, start, end, _text(value))
        annotation.regions[key] = region
    elif region.start != start or region.end != end:
        annotation.ambiguous.add(key)
        return f"offsets {start}..{end} differ from {region.start}..{region.end} of the same id"
    elif kind == "labels" and not (region.trigger or region.entity or region.other):
        region.text = _text(value)  # from the labels: a choice may carry none
    attach(region, str(result.get("from_name")), kind, value)
    return None


def _text(value: dict[str, Any]) -> str:
    """A region's ``text``; none (absent or null) is empty, never the word "None"."""
    text = value.get("text")
    return "" if text is None else str(text)


def attach(region: Region, name: str, kind: Any, value: Any) -> None:
    """Add a result item's labels or choices (``value`` as a dict or an object) to ``region``."""
    if kind == "labels":
        given = value.get("labels") if isinstance(value, dict) else value.labels
        labels = list(map(str, given or ()))
        if name == TRIGGER_CONTROL:
            region.trigger += labels
        elif name == ENTITY_CONTROL:
            region.entity += labels
        else:
            region.other.setdefault(name, []).extend(labels)
    elif kind == "choices":
        given = value.get("choices") if isinstance(value, dict) else value.choices
        region.choices.setdefault(name, []).extend(map(str, given or ()))
    else:
        region.other.setdefault(name, []).append(str(kind))


def _add_relation(annotation: Annotation, result: dict[str, Any]) -> str | None:
    source, target = result.get("from_id"), result.get("to_id")
    if source is None or target is None:
        return "relation without from_id or to_id"
    given = result.get("labels")
    if not isinstance(given, list | None):
        return f"relation labels {given!r} are not a list"
    direction = str(result.get("direction") or "right")
    labels = tuple(str(label) for label in given or [])
    annotation.relations.append(Relation(str(source), str(target), direction, labels))
    return None
