"""File names of a split written as shards (pure; no pyarrow, so readers stay light).

Example:
    >>> shard_name("train", 1, 3), split_of(Path("documents/train-00001-of-00003.parquet"))
    ('train-00001-of-00003.parquet', 'train')
"""

from __future__ import annotations

import re
from pathlib import Path

SHARD = re.compile(r"(?P<split>.+)-(?P<shard>\d{5})-of-(?P<shards>\d{5})")


def shard_name(split: str, shard: int, shards: int) -> str:
    """File name of one shard of a split: the split's own name when it is the only one.

    Example:
        >>> shard_name("train", 0, 1), shard_name("train", 1, 3)
        ('train.parquet', 'train-00001-of-00003.parquet')
    """
    return f"{split}.parquet" if shards == 1 else f"{split}-{shard:05d}-of-{shards:05d}.parquet"


def split_of(file: Path) -> str:
    """The split a Parquet file of a dataset folder holds (``shard_name`` backwards).

    Example:
        >>> split_of(Path("documents/test-00002-of-00004.parquet")), split_of(Path("train.parquet"))
        ('test', 'train')
    """
    found = SHARD.fullmatch(file.stem)
    return found["split"] if found else file.stem
