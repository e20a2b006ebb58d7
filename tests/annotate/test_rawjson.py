"""Reading JSON arrays fast when they have one item per line, and correctly when they do not."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.annotate.rawjson import ArrayReader, NotAnArray, copy_lines

ITEMS = [{"id": 1, "data": {"text": "Goma fell. }, {"}}, {"id": 2, "data": {"text": "é\n🚀"}}]


def _reader(tmp_path, content: str) -> ArrayReader:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    return ArrayReader(path)


def test_copy_lines_writes_one_item_per_line_and_reads_back_in_that_layout(tmp_path):
    stream = io.BytesIO()
    assert list(copy_lines(ITEMS, stream)) == ITEMS
    reader = _reader(tmp_path, stream.getvalue().decode())
    assert list(reader) == ITEMS
    assert reader.one_per_line and reader.unchanged()
    assert [json.loads(line) for line in reader.read(0, reader.tasks)] == ITEMS


@pytest.mark.parametrize(
    "layout",
    [
        json.dumps(ITEMS),  # Label Studio's download: one line
        json.dumps(ITEMS, indent=1),  # pretty-printed
        "[\n" + json.dumps(ITEMS[0]) + ",\n" + json.dumps(ITEMS[1], indent=2) + "\n]",  # mixed
        "\ufeff" + json.dumps(ITEMS),
    ],
)
def test_other_layouts_are_read_completely_without_repeating_items(tmp_path, layout):
    reader = _reader(tmp_path, layout)
    assert list(reader) == ITEMS
    assert not reader.one_per_line


@pytest.mark.parametrize(
    "content", ['[\n{"id": 1},\n{"id": 2\n', '[\n{"id": 1}\n]\n[', '{"id": 1}\n']
)
def test_broken_or_truncated_arrays_fail_instead_of_yielding_part(tmp_path, content):
    reader = _reader(tmp_path, content)
    with pytest.raises(NotAnArray):
        list(reader)


def test_a_changed_file_is_noticed(tmp_path):
    reader = _reader(tmp_path, '[\n{"id": 1}\n]\n')
    list(reader)
    reader.path.write_text('[\n{"id": 1},\n{"id": 22}\n]\n')
    assert not reader.unchanged()


@given(st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=8)), max_size=4))
@settings(max_examples=100, deadline=None)
def test_round_trip_of_arbitrary_objects(items):
    stream = io.BytesIO()
    list(copy_lines(items, stream))
    assert json.loads(stream.getvalue()) == items


def test_a_lone_low_surrogate_in_another_layout_is_a_clear_error(tmp_path):
    from eventset.annotate.parse import iter_raw
    from eventset.errors import InputError

    good = {"id": 1, "data": {"text": "Talks began."}}
    bad = {"id": 2, "data": {"text": "Talks ended.", "note": "x\udc00"}}
    path = tmp_path / "one-line.json"
    path.write_text(json.dumps([good, bad]))  # one line, \udc00 escaped: read by ijson
    seen = []
    with pytest.raises(InputError, match=r"item 1 \(counting from 0\) holds a string that is not"):
        for raw in iter_raw(path):
            seen.append(raw["id"])
    assert seen == [1]


def test_a_truncated_export_of_another_layout_names_the_item(tmp_path):
    from eventset.annotate.parse import iter_raw
    from eventset.errors import InputError

    tasks = [{"id": n, "data": {"text": f"Talks {n}."}} for n in range(3)]
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(tasks)[:-20])  # one line, cut inside the last task
    with pytest.raises(InputError) as caught:
        list(iter_raw(path))
    assert "item 2 (counting from 0) is not valid JSON" in str(caught.value)
    assert "copied whole" in caught.value.remedy


# Pieces of JSON string bodies: surrogate escapes in both cases, literal backslashes before a
# u (not escapes), a valid pair, other escapes and non-ASCII text.
_PIECES = [
    "a",
    "é",
    "\\\\",
    "\\ud83d",
    "\\ude00",
    "\\uD83D",
    "\\uDE00",
    "\\u0041",
    "\\ud83d\\ude00",
    "\\\\ud83d",
    "\\\\\\ud83d",
    "\\" * 41 + "ud83d",  # long runs: their parity is carried across many short reads
    "\\" * 40 + "ud83d",
]


def _has_lone_high(body: str) -> bool:
    text = json.loads(f'"{body}"')  # the standard library keeps lone surrogates as they are
    return any(
        0xD800 <= ord(c) <= 0xDBFF
        and not (i + 1 < len(text) and 0xDC00 <= ord(text[i + 1]) <= 0xDFFF)
        for i, c in enumerate(text)
    )


def test_the_surrogate_check_refuses_exactly_the_lone_high_surrogates_whatever_the_reads():
    import io
    import random

    from eventset.annotate.jsonguards import LoneSurrogate, SurrogateCheck

    rng = random.Random(7)
    judged = {True: 0, False: 0}
    for _ in range(1500):
        body = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 10)))
        data = f'["{body}"]'.encode()
        expected = _has_lone_high(body)
        judged[expected] += 1
        for size in (1, 2, 3, 5, 7, 13, 65536):
            stream, seen = SurrogateCheck(io.BytesIO(data)), b""
            try:
                while chunk := stream.read(size):
                    seen += chunk
                refused = False
            except LoneSurrogate:
                refused = True
            assert refused == expected, (body, size)
            assert refused or seen == data  # the bytes pass through unchanged
    assert min(judged.values()) > 200  # both kinds were tried often


@pytest.mark.parametrize("layout", ["one line", "one task per line"])
@pytest.mark.parametrize("escape", ["\\ud83d", "\\ud83d\\u0041"])
def test_a_lone_high_surrogate_is_refused_with_its_byte_not_turned_into_another_character(
    tmp_path, layout, escape
):
    # ijson's C backend read "\ud83d" as "?" and "\ud83d\u0041" as "👁", silently.
    from eventset.annotate.parse import iter_raw
    from eventset.errors import InputError

    tasks = [{"id": 1, "data": {"text": "Talks began."}}, {"id": 2, "data": {"text": "T XX"}}]
    lines = [json.dumps(t).replace("XX", escape) for t in tasks]
    body = (
        "[" + ",".join(lines) + "]" if layout == "one line" else "[\n" + ",\n".join(lines) + "\n]\n"
    )
    path = tmp_path / "export.json"
    path.write_text(body)
    at = body.encode().index(b"\\ud83d")
    with pytest.raises(InputError) as caught:
        list(iter_raw(path))
    assert f"byte {at} holds a lone surrogate escape \\ud83d" in str(caught.value)
    assert f'"text": "T {escape}' in str(caught.value)  # the text around it
    assert "correct it there" in caught.value.remedy


def test_a_surrogate_pair_in_another_layout_is_one_character(tmp_path):
    from eventset.annotate.parse import iter_raw

    path = tmp_path / "export.json"
    path.write_text('[{"id": 1, "data": {"text": "Talks \\ud83d\\ude00 began."}}]')
    assert [t["data"]["text"] for t in iter_raw(path)] == ["Talks 😀 began."]


def test_a_single_line_export_is_not_read_whole_as_a_line():
    # Label Studio's download is one line: reading it as a line held the whole export in memory
    # (twice, with its stripped copy) before the streaming parser took over.
    import io
    from array import array

    from eventset.annotate.rawjson import _OTHER_LAYOUT, _by_line

    class Counting(io.BytesIO):
        largest = 0

        def readline(self, size=-1):
            line = super().readline(size)
            Counting.largest = max(Counting.largest, len(line))
            return line

        def __iter__(self):
            return iter(self.readline, b"")

    body = b"[" + b",".join(b'{"id": %d, "data": {"text": "x"}}' % i for i in range(20000)) + b"]"
    assert list(_by_line(Counting(body), array("Q"))) == [_OTHER_LAYOUT]
    assert Counting.largest <= 64
    lines = b"\xef\xbb\xbf\n  \n[\n" + b'{"id": 1, "data": {"text": "x"}}\n' + b"]\n"
    assert [item["id"] for item in _by_line(Counting(lines), array("Q"))] == [1]
    assert list(_by_line(io.BytesIO(b"[]\n"), array("Q"))) == []
