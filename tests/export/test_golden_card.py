"""Golden files: the dataset card of the recorded export and the declared features."""

from __future__ import annotations

import re

import yaml
from export_helpers import RECORDED
from tests_golden import check_golden

from eventset.export.build import build_dataset
from eventset.export.features import document_features, raw_features, sentence_features
from eventset.schema import load_ontology


def mask_num_bytes(card: str) -> str:
    """File sizes depend on the Parquet writer's version and settings, not on eventset's logic."""
    return re.sub(r"(?m)^(\s*num_bytes:) \d+$", r"\1 <masked>", card)


def test_card_of_the_recorded_export(tmp_path):
    out = build_dataset(RECORDED, tmp_path / "dataset", splits="1").out_dir
    card = (out / "README.md").read_text(encoding="utf-8")
    assert re.search(r"(?m)^\s*num_bytes: \d+$", card)  # the real card has sizes...
    check_golden("recorded.dataset-card.md", mask_num_bytes(card))  # ...the golden file none


def test_declared_features():
    onto = load_ontology("conflict-news")
    features = {
        "documents": document_features(onto, ["source", "title"]).yaml_list(),
        "sentences": sentence_features(onto).yaml_list(),
        "raw": raw_features().yaml_list(),
    }
    check_golden(
        "conflict-news.dataset-features.yaml",
        yaml.safe_dump(features, sort_keys=False, allow_unicode=True),
    )
