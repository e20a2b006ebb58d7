"""Read documents to annotate: ``.txt`` files, JSONL/JSON records, Hugging Face datasets.

Texts are kept byte-for-byte (files are opened with ``newline=""`` so ``\\r\\n`` survives, and
nothing is stripped or normalised, except a UTF-8 byte order mark at the very start of a file,
which is not text): annotation offsets index into them. Records carry ``text``
(or ``--text-field``) plus optional ``doc_id``, ``lang``; every other field (``title``, ``url``,
``published``, ...) goes to ``meta``. A missing language is detected (see ``language``).

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text("The army advanced.\\r\\n", newline="")
    >>> [(d.doc_id, d.text, d.lang) for d in read_documents([folder])]
    [('a1', 'The army advanced.\\r\\n', 'en')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from eventset.annotate.docrecords import jsonable, record_to_document, require_text, require_unicode
from eventset.annotate.language import detect_language, language_code
from eventset.annotate.problems import Problems, collecting
from eventset.annotate.redact import without_hf_token
from eventset.annotate.tasks import Document
from eventset.errors import InputError

RECORD_SUFFIXES = {".jsonl", ".json", ".ndjson"}
BOM = b"\xef\xbb\xbf"  # written by some Windows editors; not part of the JSON or the text


def read_documents(
    paths: Iterable[str | Path],
    text_field: str = "text",
    lang: str | None = None,
    skipped: list[Path] | None = None,
) -> Iterator[Document]:
    """Documents from files, folders (their .txt/.jsonl/.json files, sorted) or HF datasets.

    A folder is read recursively, skipping hidden files and folders; a sub-folder written by
    ``save_to_disk`` is read as a dataset, in its sorted place; a ``.txt`` file in it gets
    its relative path without suffix as doc id (``x/001``), a file named directly its stem.
    Other files of a folder (``README.md``, ``x.csv``) are skipped and, given ``skipped``,
    appended to it. An input that holds no document at all is an error.

    ``lang`` overrides the language of every document; otherwise a record's ``lang`` is used,
    else it is detected.
    """
    problems = Problems()
    for path in paths:
        count, before = 0, len(problems)
        with problems.collect():
            for doc in _read_one(
                path, text_field, skipped if skipped is not None else [], problems
            ):
                chosen = language_code(lang or doc.lang) or detect_language(doc.text)
                # the text and the metadata are checked where they are read
                shown = f"{doc.doc_id or ''} {chosen or ''}"
                where = doc.source or str(path)
                with problems.collect():
                    require_unicode(shown, where, "the doc id, language or metadata")
                    count += 1
                    yield Document(doc.text, doc.doc_id, chosen, doc.meta, doc.source)
        if not count and len(problems) == before:
            problems.add(
                InputError(
                    f"input {path} holds no documents (an empty file or dataset, blank lines, [])",
                    remedy="give one JSON object per line (.jsonl), a list of objects (.json) or "
                    "non-empty .txt files, or leave that input out",
                )
            )
    problems.raise_any()


def _read_one(
    ref: str | Path, text_field: str, skipped: list[Path], problems: Problems
) -> Iterator[Document]:
    path = Path(ref)
    if path.is_dir():
        if _is_hf_folder(path):
            yield from read_hf_dataset(str(path), text_field, problems)
            return
        files, others = _folder_files(path)
        skipped += others
        if not files:
            raise InputError(
                f"folder {path} holds no .txt, .jsonl or .json files or saved datasets"
                f"{_listing(others, path)}",
                remedy="point to a folder of news texts or to the files themselves",
            )
        for file in files:
            with problems.collect():  # the next file is read all the same
                yield from _read_folder_entry(path, file, text_field, problems)
    elif path.is_file():
        yield from _read_file(path, text_field, problems)
    elif looks_like_a_path(str(ref)):
        raise _missing(ref)
    else:
        # Not a local file or folder: try it as a Hugging Face hub dataset name.
        yield from read_hf_dataset(str(ref), text_field, problems)


def check_local_inputs(refs: Iterable[str | Path]) -> None:
    """Refuse a missing input written as a path before anything else happens (an import checks
    its inputs before it connects, so a typo is not reported as a server problem)."""
    for ref in refs:
        if not Path(ref).exists() and looks_like_a_path(str(ref)):
            raise _missing(ref)


def _missing(ref: str | Path) -> InputError:
    return InputError(
        f"input {ref} does not exist: there is no local file or folder of that name"
        f"{_near_miss(str(ref))} (not tried as a Hugging Face dataset: it is written as a path)",
        remedy="check the path; a Hugging Face hub dataset is named NAME or OWNER/NAME "
        "(optionally followed by :SPLIT)",
    )


def looks_like_a_path(ref: str) -> bool:
    """True when a missing input is clearly meant as a local file, not a hub dataset name.

    Example:
        >>> refs = ("news/a.txt", "./x", "a/b/c", "news/", "owner/name", "imdb")
        >>> [looks_like_a_path(r) for r in refs]
        [True, True, True, True, False, False]
    """
    name = ref.partition(":")[0] if "://" not in ref else ref
    parts = Path(name).parts
    suffix = Path(name).suffix[1:]
    return (
        name.startswith(("/", "./", "../", "~", "."))
        or name.endswith("/")  # a folder: hub names never end with a slash
        or "\\" in name
        or len(parts) > 2
        or (len(parts) == 2 and Path(parts[0]).is_dir())
        or (suffix.isalpha() and suffix.isascii())
    )


def _near_miss(ref: str) -> str:
    """``, did you mean 'news/'?`` for the closest existing entry beside a missing path."""
    import difflib

    path = Path(ref.rstrip("/\\") or ref).expanduser()
    parent = path.parent
    try:
        names = [e.name + ("/" if e.is_dir() else "") for e in parent.iterdir()]
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, [n.rstrip("/") for n in names], n=1, cutoff=0.6)
    if not close:
        return ""
    shown = next(n for n in names if n.rstrip("/") == close[0])
    near = shown if parent == Path(".") else f"{parent.as_posix()}/{shown}"
    return f"; did you mean {near!r}?"


def _read_folder_entry(
    folder: Path, entry: Path, text_field: str, problems: Problems | None = None
) -> Iterator[Document]:
    """The documents of one entry of a folder input: a saved dataset or a file."""
    if entry.is_dir():
        yield from read_hf_dataset(str(entry), text_field, problems)
        return
    # x/001.txt and y/001.txt are different documents: the id keeps the sub-folder.
    doc_id = entry.relative_to(folder).with_suffix("").as_posix()
    yield from _read_file(entry, text_field, problems, doc_id)


def _folder_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The readable files and saved-dataset sub-folders of ``folder``, and its other files.

    Both lists are sorted as full paths; hidden files and folders are in neither, and the files
    of a saved dataset only count as that dataset.
    """
    readable: list[Path] = []
    others: list[Path] = []
    for entry in sorted(folder.iterdir()):
        # Hidden files and folders (.git, .mypy_cache with its .json files) are not news.
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if _is_hf_folder(entry):
                readable.append(entry)
            else:
                inner, rest = _folder_files(entry)
                readable += inner
                others += rest
        elif entry.is_file():
            (readable if _readable(entry) else others).append(entry)
    return readable, others


def _listing(others: list[Path], folder: Path, shown: int = 5) -> str:
    if not others:
        return ""
    names = ", ".join(p.relative_to(folder).as_posix() for p in others[:shown])
    more = f" and {len(others) - shown} more" if len(others) > shown else ""
    return f" (skipped {len(others)} other files: {names}{more})"


def _readable(path: Path) -> bool:
    return path.suffix.lower() == ".txt" or path.suffix.lower() in RECORD_SUFFIXES


def _read_file(
    path: Path, text_field: str, problems: Problems | None = None, txt_id: str | None = None
) -> Iterator[Document]:
    suffix = path.suffix.lower()  # NEWS.TXT as news.txt
    if suffix == ".txt":
        yield read_txt(path, txt_id)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, text_field, problems)
    elif suffix == ".json":
        yield from read_json(path, text_field, problems)
    else:
        raise InputError(
            f"{path}: unsupported file type {path.suffix!r}",
            remedy="use .txt, .jsonl or .json files, or a Hugging Face dataset",
        )


def read_txt(path: Path, doc_id: str | None = None) -> Document:
    """One document per ``.txt`` file; the doc id is ``doc_id`` or else the file stem.

    Inside a folder argument the id is the path relative to that folder without suffix
    (``x/001``), so equal file names in different sub-folders stay apart.
    """
    # Decoded from bytes: nothing is translated (\r\n stays), offsets index the real text. A
    # leading byte order mark is not text: kept, it would shift every offset and make the same
    # text saved with and without it two documents.
    text = _utf8(_read_bytes(path).removeprefix(BOM), str(path))
    require_text(text, f"{path}")
    meta = jsonable({"filename": path.name}, str(path))
    return Document(text, doc_id=doc_id or path.stem, meta=meta, source=str(path))


def read_jsonl(
    path: Path, text_field: str = "text", problems: Problems | None = None
) -> Iterator[Document]:
    """One document per non-blank JSONL line; errors name the file and line (and, given
    ``problems``, are collected there while the next lines are read)."""
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                where = f"{path}:{number}"
                with collecting(problems):
                    line = _utf8(raw.removeprefix(BOM) if number == 1 else raw, where, True)
                    if line.strip():
                        yield record_to_document(_json(line, where, True), text_field, where)
    except OSError as exc:
        raise _unreadable(path, exc) from None


def read_json(
    path: Path, text_field: str = "text", problems: Problems | None = None
) -> Iterator[Document]:
    """A JSON list of records (or one record); errors name the file and item index."""
    data = _json(_utf8(_read_bytes(path).removeprefix(BOM), str(path)), str(path))
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        with collecting(problems):
            yield record_to_document(record, text_field, f"{path}[{index}]")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(
        f"cannot read {path} ({exc.strerror or type(exc).__name__})",
        remedy="check that the file exists and that you may read it",
    )


def _utf8(data: bytes, where: str, one_line: bool = False) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        at = f"byte {exc.start}" if one_line else f"line {line}, byte {exc.start}"
        raise InputError(
            f"{where}: not UTF-8 text ({at})",
            remedy="convert the file to UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
        ) from None


# 19 digits in a row may be an integer beyond 64 bits, which orjson would round to a float.
_WIDE_DIGITS = re.compile(r"\d{19}")


def _json(text: str, where: str, one_line: bool = False) -> Any:
    """``text`` parsed as the standard library parses it: orjson where it gives the same (it
    refuses what it does not read alike: NaN, 1e400, lone surrogate escapes) and is faster."""
    if not _WIDE_DIGITS.search(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # the standard library decides, and names the problem
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(
            _json_location(exc, text, where, one_line),
            remedy="fix it; a .json file holds one object or a list, a .jsonl line one object",
        ) from None


def _json_location(exc: ValueError, text: str, where: str, one_line: bool) -> str:
    """``file:LINE: not valid JSON (<problem> at column C)`` with one line number, the file's:
    a JSONL line is parsed on its own, so the decoder's line numbers count within that line."""
    if not isinstance(exc, json.JSONDecodeError):
        return f"{where}: not valid JSON ({exc})"
    if not one_line:
        return f"{where}:{exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno})"
    if exc.pos >= len(text.rstrip("\r\n")):  # the line ended first: an unclosed object
        return f"{where}: not valid JSON ({exc.msg} at the end of the line)"
    return f"{where}: not valid JSON ({exc.msg} at column {exc.pos + 1})"


_NO_LOCAL_EITHER = "; there is no local file or folder of that name either"


def read_hf_dataset(
    ref: str, text_field: str = "text", problems: Problems | None = None
) -> Iterator[Document]:
    """Rows of a saved dataset folder (``save_to_disk``) or a ``load_dataset`` name.

    ``name:split`` picks a split of a hub dataset; a DatasetDict yields every split in order.
    """
    import datasets  # heavy: only when a dataset is read

    try:
        if Path(ref).is_dir():
            loaded = datasets.load_from_disk(ref)
        else:
            name, _, split = ref.partition(":")
            loaded = datasets.load_dataset(name, split=split or None)
    except Exception as exc:
        local = "" if Path(ref).exists() else _NO_LOCAL_EITHER
        raise InputError(
            f"cannot load Hugging Face dataset {ref!r} "
            f"({type(exc).__name__}: {without_hf_token(str(exc))}){local}{_near_miss(ref)}",
            remedy="check the local path (a folder of .txt, .jsonl or .json files, or one saved "
            "with save_to_disk) or the dataset's name on the Hub",
        ) from None
    splits = loaded.items() if isinstance(loaded, Mapping) else [("", loaded)]
    for split, dataset in splits:
        for index, row in enumerate(dataset):
            where = f"{ref}{'[' + split + ']' if split else ''} row {index}"
            with collecting(problems):
                doc = record_to_document(row, text_field, where)
                if split:
                    doc.meta.setdefault("split", split)
                yield doc


def _is_hf_folder(path: Path) -> bool:
    """True for a folder written by ``save_to_disk``: a Dataset (its ``state.json`` and
    ``dataset_info.json``) or a DatasetDict (its ``dataset_dict.json``)."""
    if (path / "dataset_dict.json").is_file():
        return True
    return all((path / name).is_file() for name in ("state.json", "dataset_info.json"))
