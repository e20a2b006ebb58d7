"""Nesting deeper than orjson's limit is refused in every layout, before ijson's memory grows."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.annotate.jsonguards import MAX_DEPTH, DepthCheck, NotAnArray
from eventset.annotate.rawjson import ArrayReader


def _deepest(data: bytes) -> int:
    """The reference: nesting depth of a JSON text, byte by byte."""
    depth = deepest = 0
    inside = escaped = False
    for byte in data:
        if inside:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                inside = False
        elif byte == 0x22:
            inside = True
        elif byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif byte in b"]}":
            depth -= 1
    return deepest


def _judged(data: bytes, block: int, read: int) -> int:
    """The deepest nesting DepthCheck accepts for ``data``, read ``read`` bytes at a time."""
    check = DepthCheck(io.BytesIO(data))
    check.BLOCK = block
    while check.read(read):
        pass
    return check._depth


texts = st.text(alphabet='[]{}"\\ab', max_size=12)
values = st.recursive(
    st.none() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(values, max_size=4), st.integers(1, 40), st.integers(1, 9))
def test_depth_check_agrees_with_a_byte_by_byte_reading_across_any_blocks(items, block, read):
    data = json.dumps(items).encode()
    assert _judged(data, block, read) == 0  # balanced: back to the start
    check = DepthCheck(io.BytesIO(data))
    check.BLOCK = block
    deepest = 0
    while chunk := check.read(read):  # the depth after each block never exceeds the reference
        deepest = max(deepest, check._depth)
        assert chunk
    assert deepest <= _deepest(data)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_quotes_after_backslash_runs_split_across_blocks(block):
    text = 'a\\\\"][[' + "\\\\\\" + '"]]'  # ends: literal backslash, then an escaped quote
    data = json.dumps([{"t": text, "n": [[1]]}]).encode()
    check = DepthCheck(io.BytesIO(data))
    check.BLOCK = block
    assert b"".join(iter(lambda: check.read(5), b"")) == data
    assert check._depth == 0 and not check._in_string


def _nested(containers: int) -> bytes:
    """One task whose data holds ``containers`` nested containers in all (the task included)."""
    inner = containers - 2  # the task object and its data object
    return b'{"id":1,"data":{"text":"x","m":' + b"[" * inner + b"]" * inner + b"}}"


@pytest.mark.parametrize("layout", ["one line", "one task per line"])
def test_the_limit_is_orjsons_in_both_layouts(tmp_path, layout):
    sep = b"" if layout == "one line" else b"\n"
    for containers, accepted in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        path = tmp_path / f"{containers}.json"
        path.write_bytes(b"[" + sep + _nested(containers) + sep + b"]")
        if accepted:
            assert len(list(ArrayReader(path))) == 1
        else:
            with pytest.raises(NotAnArray):
                list(ArrayReader(path))


def test_a_small_file_nested_very_deep_is_refused_at_once(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" + b"[" * 40_000 + b"]" * 40_000 + b"]")  # 80 KB; ijson took 4 GB
    with pytest.raises(NotAnArray, match=f"nested deeper than {MAX_DEPTH} levels at byte 1025"):
        list(ArrayReader(path))


def test_metadata_as_deep_as_any_layout_reads_is_built_the_same_in_both(tmp_path):
    import pyarrow.parquet as pq

    from eventset.export.build import build_dataset

    text = "Troops entered Kyiv."
    region = {
        "id": "r",
        "type": "labels",
        "from_name": "entity",
        "to_name": "text",
        "value": {"start": 15, "end": 19, "text": "Kyiv", "labels": ["Location"]},
    }
    inner = MAX_DEPTH - 2  # the task and data objects are the other two levels
    line = json.dumps(
        {
            "id": 1,
            "data": {"text": text, "m": "X"},
            "annotations": [{"id": 1, "completed_by": 1, "result": [region]}],
        }
    ).encode()
    line = line.replace(b'"X"', b"[" * inner + b"]" * inner)
    cells = []
    for name, content in (("one", b"[" + line + b"]"), ("lines", b"[\n" + line + b"\n]\n")):
        (tmp_path / f"{name}.json").write_bytes(content)
        out = build_dataset(tmp_path / f"{name}.json", tmp_path / name, splits="1").out_dir
        cells.append(pq.read_table(out / "documents" / "train.parquet")["m"].to_pylist())
    assert cells[0] == cells[1] == ["[" * inner + "]" * inner]
