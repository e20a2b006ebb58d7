"""Read a built dataset back: documents rows and the ontology's typed pydantic events.

Example:
    >>> events = load_events("dataset")  # doctest: +SKIP
    >>> events["en-001"][0].type, events["en-001"][0].agent[0].text  # doctest: +SKIP
    ('MilitaryOperation', 'Russian forces')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventset.errors import EventsetError, InputError
from eventset.export.atomic import output_kind
from eventset.export.shardnames import split_of
from eventset.schema import Event, Ontology, load_ontology

SPLIT_ORDER = ("train", "validation", "test")
# The columns every reader of a config relies on (brat, OneIE, score, load_events).
CONFIG_COLUMNS = {
    "documents": ("doc_id", "text", "entities", "events"),
    "sentences": ("doc_id", "sent_id", "tokens", "entity_mentions", "event_mentions"),
}
_REBUILD = (
    "build the dataset again with `eventset build` (or copy the file again); a file given on "
    "its own must be a Parquet file written by eventset, or JSONL"
)
# What undecodable bytes become under errors="surrogateescape": valid UTF-8 never gives these.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def split_files(folder: Path, config: str) -> dict[str, list[Path]]:
    """The Parquet files of ``config`` per split: train, validation, test first, shards in order.

    Example:
        >>> split_files(Path("dataset"), "documents")  # doctest: +SKIP
        {'train': [PosixPath('dataset/documents/train.parquet')], ...}
    """
    if not folder.exists():
        raise InputError(
            f"dataset folder {folder} does not exist",
            remedy="check the path: pass the --out folder of `eventset build`",
        )
    found: dict[str, list[Path]] = {}
    for file in sorted((folder / config).glob("*.parquet")):
        require_columns(file, CONFIG_COLUMNS.get(config, ()), config)
        found.setdefault(split_of(file), []).append(file)
    if not found and output_kind(folder) == "dataset":
        raise InputError(
            f"{folder} is an eventset dataset, but its {config} config has no rows in any split "
            "(see `empty_reasons` in its summary.json)",
            remedy="check the export: the documents may all be empty or whitespace",
        )
    if not found and folder.is_file():
        raise InputError(
            f"{folder} is a file, not a dataset folder",
            remedy="pass the folder written by `eventset build` (the one holding documents/)",
        )
    if not found:
        raise InputError(
            f"{folder} has no {config}/*.parquet files",
            remedy="pass a folder written by `eventset build`",
        )
    order = sorted(found, key=lambda s: (SPLIT_ORDER.index(s) if s in SPLIT_ORDER else 9, s))
    return {split: found[split] for split in order}


def dataset_ontology(folder: str | Path) -> Ontology | None:
    """The built-in ontology named in ``ontology.schema.json``, as it is now.

    A new version (a changed hash: even a new lexicon phrase changes it) is still the best
    guess: callers compare the hashes, say so, and refuse a row that does not fit."""
    stamp = ontology_stamp(folder)
    if stamp is None:
        return None
    try:
        return load_ontology(stamp.get("name", ""))
    except EventsetError:  # a user ontology is not loadable by name; the caller must pass it
        return None


def ontology_unknown(source: str | Path, option: str) -> InputError:
    """The error for a dataset whose ontology is not built in and was not given (``option``:
    how to give it, ``--ontology`` or ``ontology=``): it names the stamp's ontology when known."""
    stamp = ontology_stamp(source) if Path(source).is_dir() else None
    name = stamp.get("name") if stamp else None
    if not name:
        return InputError(
            f"cannot tell which ontology {source} was built with",
            remedy=f"pass {option} with the reference used for the build",
        )
    version = f" v{stamp['version']}" if stamp and stamp.get("version") else ""
    digest = f" (hash {str(stamp['hash'])[:12]})" if stamp and stamp.get("hash") else ""
    return InputError(
        f"{source} was built with ontology {name!r}{version}{digest}, which is not built into "
        "eventset",
        remedy=f"pass {option} with the file that defines {name!r}, as for the build "
        "(path/to/file.py[:ATTR])",
    )


def ontology_stamp(folder: str | Path) -> dict[str, Any] | None:
    """``{"name": ..., "hash": ...}`` of the ontology a dataset folder was built with, if known."""
    schema = Path(folder) / "ontology.schema.json"
    if not schema.is_file():
        return None
    try:
        data = json.loads(schema.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{schema} is not valid JSON ({exc})",
            remedy="build the dataset again, or pass the ontology explicitly (--ontology)",
        ) from exc
    stamp = data.get("x-eventset-ontology") if isinstance(data, dict) else None
    return stamp if isinstance(stamp, dict) else None


def iter_documents(source: str | Path, split: str | None = None) -> Iterator[dict[str, Any]]:
    """Rows of the ``documents`` config from a dataset folder, a Parquet file or a JSONL file."""
    for _, row in iter_located_documents(source, split):
        yield row


def iter_located_documents(
    source: str | Path, split: str | None = None, config: str = "documents"
) -> Iterator[tuple[str, Any]]:
    """Like ``iter_documents``, each row with where it was read (``file:line``).

    ``config`` picks the rows of a dataset folder (``documents`` or ``sentences``).
    """
    path = Path(source)
    if path.is_dir():
        by_split = split_files(path, config) if (path / config).is_dir() else {}
        if split is not None and by_split and split not in by_split:
            raise missing_split(path, config, split, list(by_split))
        files = [f for s, shards in by_split.items() if split in (None, s) for f in shards]
        if not files:
            raise InputError(
                f"{path} has no {config}/{split or '*'}.parquet",
                remedy="pass a folder written by `eventset build` (and an existing --split)",
            )
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"{path} does not exist", remedy="pass a dataset folder or a file")
    for file in files:
        yield from located_rows(file)


def missing_split(folder: Path, config: str, split: str, present: list[str]) -> InputError:
    """The error for a ``--split`` the folder's ``config`` has no rows of: the splits it has,
    and why the build left this one out when its summary.json says so."""
    why = empty_reason(folder, config, split)
    left_out = f": the build left split {split!r} out ({why})" if why else ""
    return InputError(
        f"{folder} has no {config}/{split}.parquet{left_out}; the splits it has are "
        + ", ".join(repr(s) for s in present),
        remedy=f"pass --split {' or '.join(present)}, or leave --split out to use every split",
    )


def empty_reason(folder: Path, config: str, split: str) -> str | None:
    """Why the build left ``split`` of ``config`` without rows (summary.json), if it says."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        why = summary["empty_reasons"][config][split]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return why if isinstance(why, str) else None


def _rows(file: Path) -> Iterator[dict[str, Any]]:
    for _, row in located_rows(file):
        yield row


def located_rows(file: Path) -> Iterator[tuple[str, Any]]:
    """``(where, row)`` of a Parquet or JSONL documents file; ``where`` is ``file:line``.

    A file that cannot be read (not Parquet, not UTF-8, not JSON) is an ``InputError`` naming
    the file, and the line of a JSONL file.
    """
    if file.suffix == ".parquet":
        yield from _parquet_rows(file)
    else:
        yield from _jsonl_rows(file)


def parquet_columns(file: Path) -> list[str]:
    """The column names of the Parquet file ``file``, read from its footer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return list(pq.read_schema(file).names)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{file} is not a readable Parquet file ({exc})", remedy=_REBUILD) from exc


def require_columns(file: Path, columns: tuple[str, ...] | list[str], config: str) -> None:
    """Raise an ``InputError`` naming the missing ones unless ``file`` has all of ``columns``.

    ``config`` (``documents`` or ``sentences``) is only named in the message.
    """
    names = set(parquet_columns(file))
    missing = [column for column in columns if column not in names]
    if missing:
        raise InputError(
            f"{file} has no column {', '.join(map(repr, missing))}, which every file of the "
            f"{config} config has",
            remedy=_REBUILD,
        )


def _parquet_rows(file: Path) -> Iterator[tuple[str, Any]]:
    """``(file row N, row)`` of a Parquet file, one row group in memory at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    number = 0
    try:
        parquet = pq.ParquetFile(file)
        groups = parquet.num_row_groups
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{file} is not a readable Parquet file ({exc})", remedy=_REBUILD) from exc
    for group in range(groups):
        try:
            rows = parquet.read_row_group(group).to_pylist()
        except (pa.ArrowException, OSError) as exc:
            raise InputError(
                f"{file}: rows after row {number} cannot be read ({exc})", remedy=_REBUILD
            ) from exc
        for row in rows:
            number += 1
            yield f"{file} row {number}", row


def _jsonl_rows(file: Path) -> Iterator[tuple[str, Any]]:
    """``(file:line, row)`` of a JSONL file; blank lines are skipped."""
    try:
        stream = file.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise InputError(f"cannot read {file} ({exc.strerror or exc})", remedy=_REBUILD) from exc
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield f"{file}:{number}", _json_line(file, number, line)


def _json_line(file: Path, number: int, line: str) -> Any:
    """The JSON value on line ``number`` of ``file``."""
    bad = _UNDECODABLE.search(line)
    if bad:
        byte = ord(bad.group()) - 0xDC00
        raise InputError(
            f"{file}:{number} is not UTF-8 text (byte 0x{byte:02x} at character {bad.start() + 1})",
            remedy="save the file as UTF-8 (JSON text is UTF-8)",
        )
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{file}:{number} is not JSON: {exc.msg}",
            remedy="write one documents row per line",
        ) from exc


def event_from_row(
    event: dict[str, Any], ontology: Ontology, entities: dict[str, dict[str, Any]] | None = None
) -> Event:
    """One ``events`` item of a documents row -> the ontology's pydantic event."""
    event_type = ontology.event_type(event["type"])
    trigger = event["trigger"]
    payload: dict[str, Any] = {
        "id": event["id"],
        "trigger": {"text": trigger["text"], "start": trigger["start"], "end": trigger["end"]},
    }
    for argument in event.get("arguments") or []:
        payload.setdefault(argument["role"], []).append(
            {
                "type": argument["entity_type"],
                "id": argument["entity_id"],
                "text": argument["text"],
                "start": argument["start"],
                "end": argument["end"],
            }
        )
    for attribute in event_type.attributes:
        if event.get(attribute.name) is not None:
            payload[attribute.name] = event[attribute.name]
    return event_type.cls.model_validate(payload)


def load_events(
    source: str | Path, ontology: str | Ontology | None = None, split: str | None = None
) -> dict[str, list[Event]]:
    """Typed events per doc id, read from a built dataset (folder, Parquet or JSONL file).

    Without ``ontology`` the built-in ontology recorded in the folder is used.
    """
    onto = load_ontology(ontology) if isinstance(ontology, str) else ontology
    onto = onto or dataset_ontology(source)
    if onto is None:
        raise ontology_unknown(source, "ontology=...")
    built = _built_with(source, onto)
    out: dict[str, list[Event]] = {}
    for where, row in iter_located_documents(source, split):
        out[row["doc_id"]] = [_typed(event, onto, where, built) for event in row["events"]]
    return out


def _built_with(source: str | Path, onto: Ontology) -> str:
    """How the dataset's ontology differs from ``onto`` ("" when the same or unknown).

    Another name cannot be the ontology the rows were built with: an error. The same name with
    another hash may still read (the change may not touch these rows): said when a row fails.
    """
    stamp = ontology_stamp(source) if Path(source).is_dir() else None
    if not stamp:
        return ""
    if stamp.get("name") not in (None, onto.name):
        raise InputError(
            f"{source} was built with ontology {stamp['name']!r}, not {onto.name!r}",
            remedy=f"pass the reference of {stamp['name']!r} used for the build as ontology=...",
        )
    if stamp.get("hash") not in (None, onto.content_hash):
        return (
            f"; the dataset was built with another version of {onto.name!r} (hash "
            f"{str(stamp['hash'])[:12]}, this one {onto.short_hash})"
        )
    return ""


def _typed(event: dict[str, Any], onto: Ontology, where: str, built: str) -> Event:
    try:
        return event_from_row(event, onto)
    except (KeyError, ValidationError) as exc:
        detail = exc.args[0] if isinstance(exc, KeyError) else str(exc).replace("\n", " ")
        raise InputError(
            f"{where}: event {event.get('id')!r} ({event.get('type')}) does not fit ontology "
            f"{onto.name!r}: {detail}{built}",
            remedy="pass the ontology the dataset was built with (its file as it was then), "
            "or build the dataset again with this one",
        ) from None
