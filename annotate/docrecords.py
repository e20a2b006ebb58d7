"""One input record (a JSON object, a dataset row) made a ``Document``, with the checks every
document passes wherever it was read from: a text that is a non-blank string of whole
characters, metadata that is plain JSON.

Example:
    >>> record_to_document({"text": "Talks began.", "doc_id": 7, "source": "x"}, "text", "r").doc_id
    '7'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from eventset.annotate.tasks import Document
from eventset.annotate.values import same_value
from eventset.errors import InputError

TOP_LEVEL_KEYS = ("doc_id", "lang")


def record_to_document(record: Any, text_field: str, where: str) -> Document:
    """A document from one record: ``text_field`` -> text, doc_id/lang kept, the rest -> meta."""
    if not isinstance(record, Mapping):
        raise InputError(
            f"{where}: expected a JSON object, got {type(record).__name__}",
            remedy="give each document as an object with a text field",
        )
    if text_field not in record:
        if _is_label_studio_task(record):
            raise _label_studio_task(where)
        keys = ", ".join(sorted(map(str, record))) or "none"
        raise InputError(
            f"{where}: no {text_field!r} field (fields: {keys})",
            remedy="add the field, or name the text field with --text-field",
        )
    text = record[text_field]
    require_text(text, where)
    doc_id = record.get("doc_id")
    lang = record.get("lang")
    meta = _flat_meta({k: v for k, v in record.items() if k not in (text_field, *TOP_LEVEL_KEYS)})
    return Document(
        text,
        doc_id=None if doc_id in (None, "") else str(doc_id),
        lang=str(lang) if lang else None,
        meta=jsonable(meta, where),
        source=where,
    )


def _is_label_studio_task(record: Mapping[str, Any]) -> bool:
    data = record.get("data")
    marks = "annotations" in record or "predictions" in record
    return isinstance(data, Mapping) and (marks or "text" in data)


def _label_studio_task(where: str) -> InputError:
    # An export of a project (eventset pull, or Label Studio's JSON export) beside the texts.
    return InputError(
        f"{where}: this record is a Label Studio task (its text is under 'data'), not a "
        "document: the file looks like a Label Studio export",
        remedy="an export is made into a dataset with `eventset build EXPORT.json --out DIR`, "
        "not imported; to import "
        "only its texts, import their own files, or write each task's data as one JSONL line "
        "(jq -c '.[].data' EXPORT.json > docs.jsonl) and import that; in a folder, move the "
        "export out of it",
    )


def require_text(text: object, where: str) -> None:
    if not isinstance(text, str):
        raise InputError(
            f"{where}: the text is a {type(text).__name__}, not a string",
            remedy="give the document text as a JSON string",
        )
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        raise InputError(f"{where}: the text is {what}", remedy="remove the empty document")
    require_unicode(text, where, "the text")


def require_unicode(text: str, where: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{where}: {what} holds a lone surrogate ({text[exc.start]!r} at character "
            f"{exc.start}), which is not text: a cut emoji or a broken \\u escape",
            remedy="repair or remove that character; \\ud800-\\udfff escapes come in pairs",
        ) from None


def _flat_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A record's own ``meta`` object merged into the other fields, as a task's ``data`` of an
    export holds it (so ``.data`` of exported tasks imports as it was). Kept nested when one of
    its keys is also a field with another value: nothing is overwritten."""
    inner = meta.get("meta")
    if not isinstance(inner, dict):
        return meta
    rest = {k: v for k, v in meta.items() if k != "meta"}
    if any(k in rest and not same_value(rest[k], v) for k, v in inner.items()):
        return meta
    return {**inner, **rest}


def jsonable(meta: dict[str, Any], where: str) -> dict[str, Any]:
    # Dataset rows can hold dates or numpy values; Label Studio needs plain JSON, without NaN.
    try:
        dumped = json.dumps(meta, default=str, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise InputError(
            f"{where}: a metadata value is NaN or infinite, which JSON cannot carry",
            remedy="write null (or a string) for that value",
        ) from None
    require_unicode(dumped, where, "the metadata")
    return dict(json.loads(dumped))
