"""Our feature types give exactly what ``datasets.Features`` gives: Arrow schema and card YAML."""

from __future__ import annotations

import datasets
import pytest

from eventset.export.features import document_features, raw_features, sentence_features
from eventset.export.featurespec import Features, List, Value
from eventset.schema import load_ontology


def _as_datasets(feature):
    if isinstance(feature, Value):
        return datasets.Value(feature.dtype)
    if isinstance(feature, List):
        return datasets.List(_as_datasets(feature.feature))
    return {name: _as_datasets(sub) for name, sub in feature.items()}


ONTOLOGY = load_ontology("conflict-news")
CASES = {
    "documents": document_features(ONTOLOGY, ["source", "tokens"]),
    "sentences": sentence_features(ONTOLOGY),
    "raw": raw_features(),
    "nested": Features(
        {
            "ll": List(List(Value("string"))),
            "ls": List(List({"a": Value("int32"), "b": List(Value("bool"))})),
            "s": {"f": Value("float64"), "i": Value("int64")},
        }
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_schema_metadata_and_yaml_match_datasets(name):
    ours = CASES[name]
    theirs = datasets.Features({k: _as_datasets(v) for k, v in ours.items()})
    assert ours.arrow_schema.equals(theirs.arrow_schema, check_metadata=True)
    assert ours.yaml_list() == theirs._to_yaml_list()
    assert datasets.Features.from_arrow_schema(ours.arrow_schema) == theirs
