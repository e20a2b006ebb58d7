"""A build whose splits are written as shards reads back exactly like one written as single files.

Row groups of one row and one group per file make the recorded export's test split (2 documents,
3 sentences, 4 annotations) shards, while its train split (one of each) keeps a single file;
every reader of a dataset folder must see the same rows in the same order.
"""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest
import yaml
from export_helpers import RECORDED

from eventset.export import parquet
from eventset.export.brat import write_brat
from eventset.export.build import build_dataset
from eventset.export.load import iter_documents, split_files
from eventset.export.oneie import write_oneie
from eventset.export.stats import dataset_stats
from eventset.schema import load_ontology

CONFIGS = ("documents", "sentences", "raw")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("shards")
    single = root / "single"
    build_dataset(RECORDED, single, splits="0.5,0.5")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parquet, "ROWS_PER_GROUP", 1)
        patch.setattr(parquet, "GROUP_SCALE", {})
        patch.setattr(parquet, "GROUPS_PER_FILE", 1)
        build_dataset(RECORDED, root / "sharded", splits="0.5,0.5")
    return single, root / "sharded"


def _files(folder: Path) -> dict[str, list[str]]:
    return {c: sorted(p.name for p in (folder / c).iterdir()) for c in CONFIGS}


def test_large_splits_become_named_shards_and_the_card_points_at_them(both):
    single, sharded = both
    assert _files(single)["documents"] == ["test.parquet", "train.parquet"]
    assert _files(sharded) == {
        config: [f"test-{n:05d}-of-{count:05d}.parquet" for n in range(count)] + ["train.parquet"]
        for config, count in (("documents", 2), ("sentences", 3), ("raw", 4))
    }
    assert not [p for p in sharded.rglob("*.part")], "temporary files left"
    header = yaml.safe_load((sharded / "README.md").read_text(encoding="utf-8").split("---")[1])
    sentences = next(c for c in header["configs"] if c["config_name"] == "sentences")
    assert sentences["data_files"] == [
        {"split": "train", "path": "sentences/train.parquet"},
        {"split": "test", "path": [f"sentences/test-{n:05d}-of-00003.parquet" for n in range(3)]},
    ]


@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_gives_the_same_rows_in_the_same_order(both, config, tmp_path):
    single, sharded = both
    for split in ("train", "test"):  # a fresh cache each: a warm one would hide reordered rows
        expected = datasets.load_dataset(str(single), config, cache_dir=str(tmp_path / "a"))
        found = datasets.load_dataset(str(sharded), config, cache_dir=str(tmp_path / "b"))
        assert found[split].to_list() == expected[split].to_list()
    assert list(split_files(sharded, config)) == ["train", "test"]
    assert len(split_files(sharded, config)["test"]) > 1


def test_every_reader_of_a_folder_sees_the_same_rows(both, tmp_path):
    single, sharded = both
    for split in ("train", "test", None):
        assert list(iter_documents(sharded, split)) == list(iter_documents(single, split))
    for name, table in dataset_stats(single).items():
        assert dataset_stats(sharded)[name].equals(table), name
    assert write_oneie(sharded, tmp_path / "o2") == write_oneie(single, tmp_path / "o1")
    onto = load_ontology("conflict-news")
    assert write_brat(sharded, tmp_path / "b2", onto) == write_brat(single, tmp_path / "b1", onto)
    for kind in ("o", "b"):
        first, second = tmp_path / f"{kind}1", tmp_path / f"{kind}2"
        names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
        assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
        for name in names:
            assert (first / name).read_bytes() == (second / name).read_bytes(), name
