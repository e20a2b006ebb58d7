"""Document readers: txt, JSONL, JSON, HF datasets; byte-for-byte text; clear errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventset.annotate.documents import read_documents
from eventset.annotate.language import detect_language
from eventset.errors import InputError


def test_txt_keeps_crlf_drops_the_byte_order_mark_and_uses_stem_as_doc_id(tmp_path):
    text = "\ufeffEerste regel van het bericht.\r\nTweede regel\r\n\r\n  "
    (tmp_path / "nieuws-01.txt").write_bytes(text.encode("utf-8"))
    [doc] = read_documents([tmp_path / "nieuws-01.txt"])
    assert doc.text == text.removeprefix("\ufeff")  # a BOM is encoding, not text
    assert doc.doc_id == "nieuws-01" and doc.lang == "nl"
    assert doc.meta == {"filename": "nieuws-01.txt"}


def test_folder_reads_supported_files_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("The army of the north.")
    (tmp_path / "a.txt").write_text("The army of the south.")
    (tmp_path / "notes.md").write_text("ignored")
    assert [d.doc_id for d in read_documents([tmp_path])] == ["a", "b"]


def test_jsonl_fields_go_to_meta_and_lang_is_kept(tmp_path):
    rows = [
        {"text": "x y", "doc_id": 7, "lang": "de", "title": "T", "url": "u", "extra": [1]},
        {"text": "The talks of the day.", "published": "2024-01-02"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    first, second = read_documents([path])
    assert (first.doc_id, first.lang, first.meta) == (
        "7",
        "de",
        {"title": "T", "url": "u", "extra": [1]},
    )
    assert (second.doc_id, second.lang, second.meta) == (None, "en", {"published": "2024-01-02"})
    assert second.source == f"{path}:2"


def test_lang_option_overrides_everything(tmp_path):
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"text": "De troepen van het leger.", "lang": "nl"}]))
    assert [d.lang for d in read_documents([path], lang="en")] == ["en"]


def test_text_field_option(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"body": "The war.", "text": "other"}) + "\n")
    [doc] = read_documents([path], text_field="body")
    assert doc.text == "The war." and doc.meta == {"text": "other"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "ok"}\n{"txt": "no"}\n', r"docs\.jsonl:2: no 'text' field \(fields: txt\)"),
        ('{"text": "ok"}\n{not json\n', r"docs\.jsonl:2: not valid JSON"),
        ('{"text": 5}\n', r"docs\.jsonl:1: the text is a int"),
        ('{"text": "  "}\n', r"docs\.jsonl:1: the text is only whitespace"),
        ("[1]\n", r"docs\.jsonl:1: expected a JSON object, got list"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path, content, expected):
    path = tmp_path / "docs.jsonl"
    path.write_text(content)
    with pytest.raises(InputError, match=expected):
        list(read_documents([path]))


def test_missing_file_and_non_utf8(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(read_documents([tmp_path / "nope.txt"]))
    (tmp_path / "latin.txt").write_bytes("café".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_documents([tmp_path / "latin.txt"]))


def test_hf_saved_dataset_and_dataset_dict(tmp_path):
    import datasets

    ds = datasets.Dataset.from_dict({"content": ["The army.", "Het leger."], "doc_id": ["a", "b"]})
    ds.save_to_disk(str(tmp_path / "single"))
    datasets.DatasetDict({"train": ds}).save_to_disk(str(tmp_path / "dict"))
    single = list(read_documents([tmp_path / "single"], text_field="content"))
    assert [(d.doc_id, d.text, d.lang) for d in single] == [
        ("a", "The army.", "en"),
        ("b", "Het leger.", "nl"),
    ]
    split = list(read_documents([tmp_path / "dict"], text_field="content"))
    assert [d.meta for d in split] == [{"split": "train"}, {"split": "train"}]


def test_unknown_hub_name_is_a_clear_error():
    with pytest.raises(InputError, match="cannot load Hugging Face dataset 'no-such/dataset'"):
        list(read_documents(["no-such/dataset"]))


def test_language_heuristic():
    assert detect_language("Het leger van de rebellen is op weg naar de stad.") == "nl"
    assert detect_language("The rebels are on their way to the city.") == "en"
    assert detect_language("Kramatorsk, Avdiivka.") is None


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # a leading byte order mark is dropped from .txt files by design (tested on its own)
    text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1).filter(
        lambda t: t.strip() and not t.startswith("\ufeff")
    )
)
def test_texts_round_trip_byte_for_byte_through_txt_and_jsonl(tmp_path, text):
    (tmp_path / "doc.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "doc.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    txt, jsonl = read_documents([tmp_path / "doc.txt", tmp_path / "doc.jsonl"], lang="en")
    assert txt.text == text and jsonl.text == text


def test_equal_file_names_in_sub_folders_keep_apart(tmp_path):
    for folder, text in (("x", "The army of the north."), ("y", "The army of the south.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(text)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "hidden.json").write_text('{"text": "not news"}')
    docs = list(read_documents([tmp_path]))
    assert [d.doc_id for d in docs] == ["x/001", "y/001"]
    assert [d.doc_id for d in read_documents([tmp_path / "y" / "001.txt"])] == ["001"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ('{"text": "Talks.", "score": NaN}', "a metadata value is NaN or infinite"),
        ('{"text": "Talks.", "score": Infinity}', "a metadata value is NaN or infinite"),
        ('{"text": "The raid \\ud83d began."}', "the text holds a lone surrogate"),
        ('{"text": "Talks.", "note": "x\\udc00"}', "the metadata holds a lone surrogate"),
        ('{"text": "Talks.", "doc_id": "x\\ud800"}', "the doc id, language or metadata holds"),
        ('{"text": "Talks.", "lang": "e\\udc00"}', "the doc id, language or metadata holds"),
    ],
)
def test_values_label_studio_cannot_take_are_refused_before_any_import(tmp_path, line, expected):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"text": "Fine."}\n' + line + "\n")
    with pytest.raises(InputError) as caught:
        list(read_documents([path]))
    assert f"{path}:2: {expected}" in str(caught.value)


def test_language_codes_are_normalised(tmp_path):
    path = tmp_path / "docs.jsonl"
    records = [{"text": "Talks began.", "lang": lang} for lang in ("EN", " en-GB", "nl_BE", "")]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    detected = detect_language("Talks began.")  # an empty code is no code: detected
    assert [d.lang for d in read_documents([path])] == ["en", "en", "nl", detected]
    assert {d.lang for d in read_documents([path], lang="NL")} == {"nl"}


def test_upper_case_suffixes_are_read_in_folders(tmp_path):
    (tmp_path / "a.TXT").write_text("Talks began in Goma.")
    (tmp_path / "b.JSONL").write_text('{"text": "Troops advanced."}\n')
    texts = sorted(d.text for d in read_documents([tmp_path]))
    assert texts == ["Talks began in Goma.", "Troops advanced."]


def test_a_byte_order_mark_before_json_is_skipped(tmp_path):
    jsonl, plain = tmp_path / "a.jsonl", tmp_path / "b.json"
    jsonl.write_bytes(b"\xef\xbb\xbf" + b'{"text": "Talks began."}\n{"text": "Troops left."}\n')
    plain.write_bytes(b"\xef\xbb\xbf" + b'[{"text": "Goma fell."}]')
    assert [d.text for d in read_documents([jsonl, plain])] == [
        "Talks began.",
        "Troops left.",
        "Goma fell.",
    ]


def test_a_records_own_meta_object_is_merged_as_an_exports_data_holds_it(tmp_path):
    rows = [
        # `jq -c '.[].data' export.json`: a task's data, metadata under "meta"
        {"text": "Troops left.", "doc_id": "a", "meta": {"title": "T", "url": "u"}, "src": "w"},
        {"text": "Talks began.", "doc_id": "b", "meta": {"title": "T2"}, "title": "other"},
        {"text": "Talks ended.", "doc_id": "c", "meta": "not an object"},
        {"text": "Talks ended.", "doc_id": "d", "meta": {"title": "same"}, "title": "same"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    metas = {doc.doc_id: doc.meta for doc in read_documents([path])}
    assert metas["a"] == {"title": "T", "url": "u", "src": "w"}
    assert metas["b"] == {"meta": {"title": "T2"}, "title": "other"}  # nothing overwritten
    assert metas["c"] == {"meta": "not an object"}
    assert metas["d"] == {"title": "same"}


def test_a_meta_key_of_another_type_than_the_field_stays_nested(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": "abc", "flag": 1, "meta": {"flag": True, "src": "x"}}))
    (doc,) = read_documents([path])
    assert doc.meta == {"flag": 1, "meta": {"flag": True, "src": "x"}}  # 1 and true differ


def test_a_records_language_name_or_three_letter_code_is_stored_as_its_iso_639_1_code(tmp_path):
    path = tmp_path / "docs.jsonl"
    rows = [
        {"text": "Troops advanced.", "lang": lang} for lang in ("eng", "English", "Dutch", "x-y")
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert [doc.lang for doc in read_documents([path])] == ["en", "en", "nl", "x"]


def test_a_hub_error_that_echoes_the_token_does_not_show_it(monkeypatch):
    import datasets

    from eventset.annotate.documents import read_hf_dataset

    token = "hf_" + "Q" * 34
    monkeypatch.setenv("HF_TOKEN", token)

    def echoing(*args, **kwargs):
        raise RuntimeError(f"Bad request, got {{'authorization': 'Bearer {token}'}}")

    monkeypatch.setattr(datasets, "load_dataset", echoing)
    with pytest.raises(InputError) as caught:
        list(read_hf_dataset("someone/data"))
    shown = str(caught.value)
    assert "Bad request" in shown and token not in shown and "Bearer ***" in shown
