"""Bad input files give an InputError naming the file (and line), never a traceback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventset.annotate.documents import read_documents
from eventset.annotate.oneie import Mapping, read_oneie
from eventset.cli import app
from eventset.errors import InputError

LATIN1 = "café".encode("latin-1")


def _unreadable(tmp_path, name: str):
    # Reading /proc/self/mem at offset 0 fails with EIO even as root: a real unreadable file.
    path = tmp_path / name
    path.symlink_to("/proc/self/mem")
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "docs.jsonl",
            b'{"text": "ok"}\n{"text": "' + LATIN1 + b'"}\n',
            r"docs\.jsonl:2: not UTF-8",
        ),
        ("docs.json", b'[\n{"text": "' + LATIN1 + b'"}]', r"docs\.json: not UTF-8 text \(line 2,"),
        ("doc.txt", b"line one\n" + LATIN1, r"doc\.txt: not UTF-8 text \(line 2, byte 12\)"),
    ],
)
def test_non_utf8_files_name_file_and_line(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match=expected) as err:
        list(read_documents([tmp_path / name], lang="en"))
    assert "iconv" in str(err.value)


@pytest.mark.parametrize("name", ["doc.txt", "docs.jsonl", "docs.json"])
def test_unreadable_files_are_input_errors(tmp_path, name):
    path = _unreadable(tmp_path, name)
    with pytest.raises(InputError, match=f"cannot read {path} .*Input/output error"):
        list(read_documents([path], lang="en"))


@pytest.mark.parametrize("ref", ["./nope", "news/missing", "a/b/c", "notes.csv", "~/nope"])
def test_a_missing_local_path_never_goes_to_the_hub(tmp_path, monkeypatch, ref):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    with pytest.raises(InputError, match=f"input {ref} does not exist"):
        list(read_documents([ref]))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", r"map\.json: the mapping must be a JSON object, not a list"),
        ('"roles"', r"map\.json: the mapping must be a JSON object, not a str"),
        ('{\n  "roles": ["agent"]\n}', r"map\.json:2: 'roles' must map corpus names"),
        ('{\n  "roles": {"A": 1}\n}', r"map\.json:2: 'roles' must map corpus names"),
        ('{\n  "roles": {,}\n}', r"map\.json:2: the mapping file is not valid JSON"),
        ('{"types": {}}', r"map\.json: unexpected keys \['types'\]"),
    ],
)
def test_bad_mapping_files_name_the_file_and_line(tmp_path, content, expected):
    (tmp_path / "map.json").write_text(content)
    with pytest.raises(InputError, match=expected) as err:
        Mapping.load(tmp_path / "map.json")
    assert '"event_types"' in str(err.value), "the remedy shows the expected shape"


def test_unreadable_or_non_utf8_corpus_and_mapping(tmp_path):
    (tmp_path / "map.json").write_bytes(b'{"roles": {"' + LATIN1 + b'": "agent"}}')
    with pytest.raises(InputError, match=r"map\.json:1: the mapping file is not UTF-8"):
        Mapping.load(tmp_path / "map.json")
    record = json.dumps({"doc_id": "d", "tokens": ["a"]}).encode()
    (tmp_path / "c.jsonl").write_bytes(record + b"\n" + record[:-2] + LATIN1 + b'"]}\n')
    with pytest.raises(InputError, match=r"c\.jsonl:2: the pre-annotation file is not UTF-8"):
        read_oneie(tmp_path / "c.jsonl")
    with pytest.raises(InputError, match="cannot read pre-annotation file"):
        read_oneie(_unreadable(tmp_path, "u.jsonl"))
    with pytest.raises(InputError, match="cannot read mapping file"):
        Mapping.load(tmp_path / "missing.json")


@pytest.mark.parametrize("out", ["folder", "file.txt/raw.json"])
def test_pull_refuses_an_unwritable_out_before_downloading(tmp_path, out):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x")
    # Nothing listens on port 1: the error must come before any request.
    conn = ["--url", "http://127.0.0.1:1", "--api-key", "k" * 40]
    result = CliRunner().invoke(
        app, ["pull", "--project", "p", "--out", str(tmp_path / out), *conn]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write the export to {tmp_path / out}")
