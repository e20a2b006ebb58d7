"""Column types in Hugging Face ``datasets`` terms, without importing ``datasets`` (pure).

Building a dataset only needs the Arrow schema and the YAML of the dataset card, both fixed by
the ``datasets`` feature format (``Value``, ``List``, dicts for structs). Importing ``datasets``
for that took about 1.8 s of every build; these few classes produce the same schema, the same
``huggingface`` schema metadata and the same card YAML (a test compares them with ``datasets``).

Example:
    >>> Features({"tokens": List(Value("string"))}).yaml_list()
    [{'name': 'tokens', 'list': 'string'}]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

ARROW_TYPES = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float32": pa.float32(),
    "float64": pa.float64(),
}


@dataclass(frozen=True)
class Value:
    """A scalar column type, named as in ``datasets`` (``string``, ``int32``, ``bool``, ...)."""

    dtype: str


@dataclass(frozen=True)
class List:
    """A list of ``feature`` (``datasets.List``)."""

    feature: Feature


Feature = Value | List | dict[str, "Feature"]


class Features(dict[str, Feature]):
    """Named columns; ``arrow_schema`` and ``yaml_list()`` as ``datasets.Features`` has them."""

    @property
    def arrow_schema(self) -> pa.Schema:
        fields = [pa.field(name, _arrow(feature)) for name, feature in self.items()]
        info = json.dumps({"info": {"features": self.to_dict()}})
        return pa.schema(fields, metadata={"huggingface": info})

    def to_dict(self) -> dict[str, Any]:
        return {name: _as_dict(feature) for name, feature in self.items()}

    def yaml_list(self) -> list[dict[str, Any]]:
        """The ``features`` list of a dataset card's ``dataset_info``."""
        return [{"name": name, **_yaml(feature)} for name, feature in self.items()]


def _arrow(feature: Feature) -> pa.DataType:
    if isinstance(feature, Value):
        return ARROW_TYPES[feature.dtype]
    if isinstance(feature, List):
        return pa.list_(_arrow(feature.feature))
    return pa.struct([pa.field(name, _arrow(sub)) for name, sub in feature.items()])


def _as_dict(feature: Feature) -> dict[str, Any]:
    if isinstance(feature, Value):
        return {"dtype": feature.dtype, "_type": "Value"}
    if isinstance(feature, List):
        return {"feature": _as_dict(feature.feature), "_type": "List"}
    return {name: _as_dict(sub) for name, sub in feature.items()}


def _yaml(feature: Feature) -> dict[str, Any]:
    if isinstance(feature, Value):
        return {"dtype": feature.dtype}
    if isinstance(feature, List):
        inner = feature.feature
        if isinstance(inner, Value):
            return {"list": inner.dtype}
        return {"list": _yaml(inner) if isinstance(inner, List) else _yaml(inner)["struct"]}
    return {"struct": [{"name": name, **_yaml(sub)} for name, sub in feature.items()]}
