"""Scanning an export in byte ranges, in several processes, finds what one process finds."""

from __future__ import annotations

import json

import pytest
from export_helpers import offensive_task

from eventset.annotate.rawjson import copy_lines
from eventset.errors import InputError
from eventset.export import scan as scan_module
from eventset.export.scan import scan_export


def _tasks(n):
    tasks = [offensive_task(i, f"d{i % 7}") for i in range(1, n + 1)]  # repeated doc ids too
    for i, task in enumerate(tasks):
        task["data"]["source"] = f"wire-{i % 3}"
        if i % 4 == 0:
            task["data"]["meta"] = {"batch": i // 4}
        if i % 5 == 0:
            task["annotations"] = []
    return tasks


def _lines(path, tasks, prefix=b""):
    with path.open("wb") as stream:
        stream.write(prefix)
        for _ in copy_lines(tasks, stream):
            pass
    return path


def _same(a, b):
    assert a.ids == b.ids
    assert a.groups == b.groups
    assert a.annotated == b.annotated
    assert a.meta_fields == b.meta_fields
    assert a.ungrouped == b.ungrouped
    assert a.reader.one_per_line == b.reader.one_per_line
    assert a.reader.tasks == b.reader.tasks
    if a.reader.one_per_line:
        assert a.reader.read(0, a.tasks) == b.reader.read(0, b.tasks)
        assert a.reader.read(1, min(9, a.tasks)) == b.reader.read(1, min(9, b.tasks))


@pytest.fixture(autouse=True)
def ranged(monkeypatch):
    """Ranges even for tiny files; records whether each ranged scan was used (not None)."""
    monkeypatch.setattr(scan_module, "PARALLEL_MIN_BYTES", 0)
    used = []
    real = scan_module._scan_ranges

    def spy(*args):
        found = real(*args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(scan_module, "_scan_ranges", spy)
    return used


@pytest.mark.parametrize("workers", [2, 3, 7])
@pytest.mark.parametrize("group_by", [None, "source"])
def test_ranges_find_what_one_process_finds(tmp_path, workers, group_by, ranged):
    export = _lines(tmp_path / "e.json", _tasks(40))
    alone = scan_export(export, group_by, seed=5)
    spread = scan_export(export, group_by, seed=5, workers=workers)
    assert ranged == [True]
    _same(spread, alone)
    assert spread.reader.one_per_line
    assert spread.reader.unchanged()


def test_a_byte_order_mark_and_blank_lines_change_nothing(tmp_path, ranged):
    export = _lines(tmp_path / "e.json", _tasks(12), prefix=b"\xef\xbb\xbf")
    export.write_bytes(export.read_bytes().replace(b",\n", b",\n\n"))
    _same(scan_export(export, workers=2), scan_export(export))
    assert ranged == [True]


@pytest.mark.parametrize(
    "layout",
    [
        lambda tasks: json.dumps(tasks, indent=2),  # pretty-printed
        lambda tasks: json.dumps(tasks),  # Label Studio's own single line
    ],
)
def test_other_layouts_are_scanned_in_one_process_with_the_same_result(tmp_path, layout, ranged):
    tasks = _tasks(12)
    export = tmp_path / "e.json"
    export.write_text(layout(tasks))
    spread = scan_export(export, workers=2)
    assert ranged == [False]
    assert not spread.reader.one_per_line
    _same(spread, scan_export(export))


def test_tasks_without_ids_are_named_by_their_place_in_the_whole_file(tmp_path, ranged):
    tasks = _tasks(12)
    for task in tasks:
        del task["id"]
        del task["data"]["doc_id"]
    export = _lines(tmp_path / "e.json", tasks)
    _same(scan_export(export, workers=3), scan_export(export))
    assert ranged == [False]  # local indices would name them wrongly: one process does it


def test_a_bad_task_in_a_later_range_is_reported_with_its_index_in_the_file(tmp_path):
    tasks = _tasks(12)
    tasks[10] = {"id": 99, "data": {"title": "no text"}}
    export = _lines(tmp_path / "e.json", tasks)
    with pytest.raises(InputError) as alone:
        scan_export(export)
    with pytest.raises(InputError) as spread:
        scan_export(export, workers=3)
    assert str(spread.value) == str(alone.value)
    assert "task 99" in str(spread.value)


def test_something_after_the_closing_bracket_is_still_refused(tmp_path):
    export = _lines(tmp_path / "e.json", _tasks(6))
    export.write_bytes(export.read_bytes() + b"{}\n")
    with pytest.raises(InputError):
        scan_export(export)
    with pytest.raises(InputError):
        scan_export(export, workers=2)


def test_more_workers_than_lines_still_cover_the_file_once(tmp_path, ranged):
    export = _lines(tmp_path / "e.json", _tasks(3))
    _same(scan_export(export, workers=16), scan_export(export))
    assert ranged == [True]


@pytest.mark.parametrize(
    "layout",
    [
        lambda tasks: json.dumps(tasks, indent=2),  # pretty-printed
        lambda tasks: json.dumps(tasks, ensure_ascii=False),  # Label Studio's own single line
    ],
)
def test_another_layout_is_copied_one_task_per_line_while_scanned(tmp_path, layout):
    tasks = _tasks(12)
    tasks[3]["data"]["text"] += " \u00e9\u2019 \U0001f600"
    export = tmp_path / "e.json"
    export.write_text(layout(tasks), encoding="utf-8")
    copied = scan_export(export, copy_to=tmp_path / "copy.json")
    assert copied.reader.path == tmp_path / "copy.json" and copied.reader.one_per_line
    assert json.loads((tmp_path / "copy.json").read_text(encoding="utf-8")) == tasks
    assert [json.loads(line) for line in copied.reader.read(0, 12)] == tasks
    assert copied.reader.read(5, 7) == [
        line.rstrip(b",") for line in (tmp_path / "copy.json").read_bytes().split(b"\n")[6:8]
    ]
    plain = scan_export(export)
    assert (copied.ids, copied.groups, copied.annotated) == (
        plain.ids,
        plain.groups,
        plain.annotated,
    )
    assert copied.meta_fields == plain.meta_fields


def test_an_export_already_one_task_per_line_is_not_copied(tmp_path):
    export = _lines(tmp_path / "e.json", _tasks(6))
    scan = scan_export(export, copy_to=tmp_path / "copy.json")
    assert scan.reader.path == export and not (tmp_path / "copy.json").exists()


def test_a_task_that_cannot_be_written_back_leaves_no_copy(tmp_path, monkeypatch):
    import orjson

    from eventset.annotate import rawjson

    real = rawjson._dumps

    def dumps(value):
        if isinstance(value, dict) and value.get("id") == 3:
            raise orjson.JSONEncodeError("not writable")
        return real(value)

    monkeypatch.setattr(rawjson, "_dumps", dumps)
    tasks = _tasks(4)
    export = tmp_path / "e.json"
    export.write_text(json.dumps(tasks, indent=1))
    scan = scan_export(export, copy_to=tmp_path / "copy.json")
    assert scan.reader.path == export and not (tmp_path / "copy.json").exists()
    assert scan.tasks == 4 and not scan.reader.one_per_line


@pytest.mark.parametrize(
    "bad",
    [b'"predictions": [1e400]', b'"predictions": ["\xff"]'],  # in a field a build never reads
)
def test_a_line_orjson_refuses_is_refused_whatever_the_workers(tmp_path, bad, ranged):
    export = _lines(tmp_path / "e.json", _tasks(12))
    data = export.read_bytes()
    export.write_bytes(data.replace(b'{"id":3,', b'{"id":3,' + bad + b",", 1))
    assert export.read_bytes() != data
    messages = []
    for workers in (0, 2):
        with pytest.raises(InputError) as info:
            scan_export(export, workers=workers)
        messages.append(str(info.value))
    assert messages[0] == messages[1]
