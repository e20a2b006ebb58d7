"""Every unreadable document of one import is named at once (a user fixed one per run)."""

from __future__ import annotations

import json

import pytest

from eventset.annotate.documents import read_documents
from eventset.errors import InputError


def test_all_problems_of_all_files_are_named_together_and_the_good_ones_are_read(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Rebels attacked Goma.", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    lines = [{"text": "Talks began."}, {"text": ""}, {"body": "x"}, {"text": "Troops left."}]
    (folder / "mixed.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n{not json\n", encoding="utf-8"
    )
    (folder / "list.json").write_text(json.dumps([{"text": "Fine."}, 7]), encoding="utf-8")
    read = []
    with pytest.raises(InputError) as refused:
        read.extend(d.text for d in read_documents([folder]))
    message = refused.value.message
    assert message.startswith("7 problems in the documents; nothing was imported:")
    for expected in (
        "blank.txt: the text is only whitespace",
        "empty.txt: the text is empty",
        "latin.txt: not UTF-8 text",
        "mixed.jsonl:2: the text is empty",
        "mixed.jsonl:3: no 'text' field",
        "mixed.jsonl:5: not valid JSON",
        "list.json[1]: expected a JSON object, got int",
    ):
        assert expected in message, expected
    assert "fix: remove the empty document" in message
    # what could be read was read (nothing is sent before reading ends)
    assert read == ["Rebels attacked Goma.", "Fine.", "Talks began.", "Troops left."]


def test_one_problem_keeps_its_own_message_and_remedy(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        list(read_documents([tmp_path / "a.txt"]))
    assert refused.value.message.endswith("a.txt: the text is empty")
    assert refused.value.remedy == "remove the empty document"


def test_a_missing_input_is_named_with_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        list(read_documents([tmp_path / "a.txt", tmp_path / "absent.txt"]))
    assert "2 problems" in refused.value.message
    assert "absent.txt does not exist" in refused.value.message


def test_records_read_as_the_standard_library_reads_them(tmp_path):
    # orjson reads most lines; what it would read otherwise goes to the standard library
    lines = [
        '{"text": "a", "doc_id": 123456789012345678901234567890}',  # exact, not a rounded float
        '{"text": "b", "doc_id": -9223372036854775809}',
        '{"text": "c", "n": 1.10, "doc_id": "x", "doc_id": "y"}',  # the last key wins
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_documents([path]))
    assert [d.doc_id for d in docs] == [
        "123456789012345678901234567890",
        "-9223372036854775809",
        "y",
    ]
    assert docs[2].meta["n"] == 1.1
    (tmp_path / "nan.jsonl").write_text('{"text": "d", "score": NaN}\n', encoding="utf-8")
    with pytest.raises(InputError, match="NaN or infinite"):
        list(read_documents([tmp_path / "nan.jsonl"]))


def test_one_fix_per_kind_of_problem_and_at_most_ten_of_a_kind_shown(tmp_path):
    # an export given as documents: every task is refused with the same remedy
    tasks = [{"id": n, "data": {"text": f"Text {n}."}, "annotations": []} for n in range(60)]
    (tmp_path / "export.json").write_text(json.dumps(tasks), encoding="utf-8")
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        list(read_documents([tmp_path / "a.txt", tmp_path / "export.json"]))
    message = refused.value.message
    assert message.startswith("61 problems in the documents")
    assert message.count("looks like a Label Studio export") == 10
    assert "  ... and 39 more like these" in message  # 49 of the first 50 collected
    assert "  ... and 11 more" in message  # not collected at all
    assert message.count("fix: an export is made into a dataset") == 1
    assert message.count("fix: remove the empty document") == 1
