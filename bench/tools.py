"""The comparison commands the benchmarks time, each run as its own process.

``python -m bench.tools converter EXPORT OUT FORMAT`` runs Label Studio's own converter;
``python -m bench.tools floor EXPORT OUT`` is the floor: parse with the fastest JSON parser
available and write one Parquet row per task. ``python -m bench.tools payloads DOCS spool|memory``
builds an import's payloads (for the import memory benchmark).

The floor reads the generator's layout (one task per line) with one ``loads`` per line, so it
streams like ``eventset build`` must, and it is a strict floor: a general reader of arbitrary
JSON layout cannot be faster than one that knows where each task ends. Any other layout falls
back to ijson's C backend.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

BATCH_ROWS = 1000


def run_converter(export: Path, out: Path, fmt: str) -> None:
    """Label Studio's converter, configured with eventset's labeling config for conflict-news."""
    from label_studio_sdk.converter import Converter

    from eventset.annotate.config import build_label_config
    from eventset.schema import load_ontology

    config = build_label_config(load_ontology("conflict-news"))
    converter = Converter(config, project_dir=None, download_resources=False)
    converter.convert(str(export), str(out), fmt, is_dir=False)


def fastest_loads() -> tuple[str, Callable[[bytes], Any]]:
    """(name, loads) of the fastest JSON parser installed: orjson if present, else stdlib."""
    try:
        import orjson
    except ImportError:
        return "json", json.loads
    return "orjson", orjson.loads


def _dumps() -> Callable[[Any], str]:
    try:
        import orjson
    except ImportError:
        return lambda value: json.dumps(value, ensure_ascii=False)
    return lambda value: orjson.dumps(value).decode("utf-8")


def run_floor(export: Path, out: Path) -> int:
    """Parse ``export`` in one go and write one Parquet row per task; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("doc_id", pa.string()),
            ("lang", pa.string()),
            ("text", pa.string()),
            ("annotations", pa.string()),
        ]
    )
    out.mkdir(parents=True, exist_ok=True)
    dumps = _dumps()
    rows = 0
    # Dictionary pages only pay off for the short repeated column; long texts are unique.
    with pq.ParquetWriter(out / "tasks.parquet", schema, use_dictionary=["lang"]) as writer:
        # Keep only each task's row (not its parsed dict) until the batch is written.
        task_rows = (_row(task, dumps) for task in iter_export(export))
        for chunk in _chunks(task_rows, BATCH_ROWS):
            columns = dict(zip(schema.names, zip(*chunk, strict=True), strict=True))
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=schema))
            rows += len(chunk)
    return rows


def iter_export(export: Path) -> Iterator[dict[str, Any]]:
    """Tasks of a JSON-array export, one at a time."""
    _, loads = fastest_loads()
    if one_task_per_line(export):
        with export.open("rb") as lines:
            for line in lines:
                body = line.strip().rstrip(b",")
                if body not in (b"[", b"]", b""):
                    yield loads(body)
        return
    import ijson

    with export.open("rb") as stream:
        yield from ijson.items(stream, "item", use_float=True)


def one_task_per_line(export: Path) -> bool:
    _, loads = fastest_loads()
    with export.open("rb") as lines:
        if lines.readline().strip() != b"[":
            return False
        try:
            return isinstance(loads(lines.readline().strip().rstrip(b",")), dict)
        except ValueError:
            return False


def _chunks(items: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _row(task: dict[str, Any], dumps: Callable[[Any], str]) -> tuple[Any, ...]:
    data = task["data"]
    return (
        task["id"],
        data.get("doc_id"),
        data.get("lang"),
        data["text"],
        dumps(task["annotations"]),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tools")
    sub = parser.add_subparsers(dest="tool", required=True)
    conv = sub.add_parser("converter", help="label_studio_sdk.converter.Converter")
    conv.add_argument("export", type=Path)
    conv.add_argument("out", type=Path)
    conv.add_argument("format", choices=["CONLL2003", "JSON_MIN"])
    floor = sub.add_parser("floor", help="fastest JSON parse + one Parquet row per task")
    floor.add_argument("export", type=Path)
    floor.add_argument("out", type=Path)
    payloads = sub.add_parser("payloads", help="an import's payloads, spooled or in memory")
    payloads.add_argument("documents", type=Path)
    payloads.add_argument("how", choices=["spool", "memory"])
    args = parser.parse_args(argv)
    if args.tool == "converter":
        run_converter(args.export, args.out, args.format)
    elif args.tool == "payloads":
        from bench.importing import payloads_command

        print(payloads_command(args.documents, args.how))
    else:
        print(run_floor(args.export, args.out))


if __name__ == "__main__":
    main()
