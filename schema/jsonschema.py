"""JSON Schema of one event of any type of an ontology (``Ontology.json_schema``).

pydantic names a model's def after its module when two models share a class name (an event
called ``Span``); the schema refers to each event by the ref pydantic gave it, then gives the
ontology's own classes their plain names back, since a user file's module name is not stable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

if TYPE_CHECKING:
    from eventset.schema.ontology import Ontology

_DEFS = "#/$defs/"


def event_json_schema(ontology: Ontology) -> dict[str, Any]:
    """A ``oneOf`` over the ontology's event classes, stamped with its name, version and hash."""
    models: list[tuple[type[BaseModel], Any]] = [(cls, "validation") for cls in ontology.events]
    refs, schema = models_json_schema(models, ref_template=_DEFS + "{model}")
    renames = _plain_def_names(schema.get("$defs", {}))
    schema = _renamed_refs(schema, renames)
    defs = {renames.get(key, key): value for key, value in schema.get("$defs", {}).items()}
    one_of = _renamed_refs([refs[(cls, "validation")] for cls in ontology.events], renames)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{ontology.name} v{ontology.version} event",
        "description": ontology.description,
        "x-eventset-ontology": {
            "name": ontology.name,
            "version": ontology.version,
            "hash": ontology.content_hash,
        },
        "oneOf": one_of,
        "$defs": defs,
    }


def _plain_def_names(defs: dict[str, Any]) -> dict[str, str]:
    """Module-prefixed def name -> the class name, for the ontology's own classes (their schema
    says ``type`` is the class name) whose plain name no other def has."""
    renames = {}
    for key, schema in defs.items():
        name = schema.get("properties", {}).get("type", {}).get("const")
        if isinstance(name, str) and key != name and name not in defs:
            renames[key] = name
    return renames


def _renamed_refs(node: Any, renames: dict[str, str]) -> Any:
    """A copy of ``node`` whose ``$ref``s point at the renamed defs."""
    if isinstance(node, list):
        return [_renamed_refs(item, renames) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _renamed_refs(value, renames) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_DEFS) and ref[len(_DEFS) :] in renames:
        out["$ref"] = _DEFS + renames[ref[len(_DEFS) :]]
    return out
