"""Counts of a built dataset as polars tables: per event type, role, split, annotator, language.

Example:
    >>> tables = dataset_stats("dataset")  # doctest: +SKIP
    >>> tables["events"].columns  # doctest: +SKIP
    ['event_type', 'train', 'validation', 'test', 'total']
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from eventset.errors import InputError
from eventset.export.load import SPLIT_ORDER, require_columns, split_files

_COLUMNS = ["doc_id", "lang", "events", "entities", "annotators"]


def _documents(folder: Path) -> pl.DataFrame:
    frames = [
        _read(file).with_columns(pl.lit(split).alias("split"))
        for split, files in split_files(folder, "documents").items()
        for file in files
    ]
    return pl.concat(frames, how="vertical")


def _read(file: Path) -> pl.DataFrame:
    """The columns the counts need of one documents file; an ``InputError`` if unreadable."""
    require_columns(file, _COLUMNS, "documents")
    try:
        return pl.read_parquet(file, columns=_COLUMNS)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(
            f"{file} cannot be read as Parquet ({exc})",
            remedy="build the dataset again with `eventset build` (or copy the file again)",
        ) from exc


def _by_split(frame: pl.DataFrame, keys: list[str], splits: list[str]) -> pl.DataFrame:
    """Count rows per ``keys`` with one column per split (every split) and a total."""
    if frame.is_empty():
        return pl.DataFrame({key: [] for key in [*keys, *splits, "total"]})
    counts = frame.group_by([*keys, "split"]).len()
    wide = counts.pivot(on="split", index=keys, values="len").fill_null(0)
    wide = wide.with_columns(
        [pl.lit(0, pl.UInt32).alias(s) for s in splits if s not in wide.columns]
    )
    return (
        wide.select([*keys, *splits])
        .with_columns(pl.sum_horizontal(splits).alias("total"))
        .sort(keys)
    )


def dataset_stats(folder: str | Path) -> dict[str, pl.DataFrame]:
    """Tables ``documents``, ``events``, ``roles``, ``entities``, ``annotators``, ``languages``."""
    docs = _documents(Path(folder))
    present = set(docs["split"].to_list())
    splits = [s for s in SPLIT_ORDER if s in present] + sorted(present - set(SPLIT_ORDER))
    events = docs.select("split", pl.col("events")).explode("events").drop_nulls("events")
    events = events.select(
        "split",
        pl.col("events").struct.field("type").alias("event_type"),
        pl.col("events").struct.field("arguments").alias("arguments"),
    )
    roles = (
        events.explode("arguments")
        .drop_nulls("arguments")
        .select("split", "event_type", pl.col("arguments").struct.field("role").alias("role"))
    )
    entities = (
        docs.select("split", pl.col("entities"))
        .explode("entities")
        .drop_nulls("entities")
        .select("split", pl.col("entities").struct.field("type").alias("entity_type"))
    )
    annotators = (
        docs.select("split", pl.col("annotators"))
        .explode("annotators")
        .drop_nulls("annotators")
        .rename({"annotators": "annotator"})
    )
    return {
        "documents": _by_split(
            docs.with_columns(pl.lit("documents").alias("what")), ["what"], splits
        ),
        "events": _by_split(events, ["event_type"], splits),
        "roles": _by_split(roles, ["event_type", "role"], splits),
        "entities": _by_split(entities, ["entity_type"], splits),
        "annotators": _by_split(annotators, ["annotator"], splits),
        "languages": _by_split(_named_languages(docs), ["lang"], splits),
    }


NO_LANGUAGE = "(none)"  # a document whose language was neither given nor detected


def _named_languages(docs: pl.DataFrame) -> pl.DataFrame:
    lang = pl.col("lang")
    named = pl.when(lang.is_null() | (lang == "")).then(pl.lit(NO_LANGUAGE)).otherwise(lang)
    return docs.select("split", named.alias("lang"))
