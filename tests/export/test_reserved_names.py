"""Attribute names can never collide with the other fields of an event row, in either config."""

from __future__ import annotations

from eventset.export.features import document_features, sentence_features
from eventset.export.featurespec import List
from eventset.schema import load_ontology
from eventset.schema.ontology import RESERVED_ATTRIBUTE_NAMES


def test_every_event_field_besides_attributes_is_reserved():
    onto = load_ontology("conflict-news")
    attributes = set(onto.attributes)
    for features, column in (
        (document_features(onto, []), "events"),
        (sentence_features(onto), "event_mentions"),
    ):
        event = features[column]
        assert isinstance(event, List) and isinstance(event.feature, dict)
        assert set(event.feature) - attributes <= RESERVED_ATTRIBUTE_NAMES
