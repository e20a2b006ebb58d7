"""A JSONL line that is not valid JSON is located once: the file's line, a column in it."""

from __future__ import annotations

import pytest

from eventset.annotate.documents import read_documents
from eventset.errors import InputError


@pytest.mark.parametrize(
    ("content", "where", "detail"),
    [
        ('{"text": "a"}\n{"text": oops}\n', ":2:", "(Expecting value at column 10)"),
        ('{"text": "a"}\n{"text": "b",\n', ":2:", "at the end of the line)"),
        ('\n\n{"text" "c"}\n', ":3:", "(Expecting ':' delimiter at column 9)"),
    ],
)
def test_one_line_number_in_a_jsonl_error(tmp_path, content, where, detail):
    path = tmp_path / "broken.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_documents([path]))
    message = caught.value.message
    assert message.startswith(f"{path}{where} not valid JSON") and message.endswith(detail)
    assert "line 1" not in message and "line 2" not in message and "char" not in message


def test_a_json_file_error_names_the_files_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "a"},\n  {"text": }\n]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_documents([path]))
    assert caught.value.message == f"{path}:3: not valid JSON (Expecting value at column 12)"
