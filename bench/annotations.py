"""Turn an article's gold events into Label Studio annotation results, annotator by annotator.

Each annotator sees the gold with small disagreements (a missed trigger, a span without its
article, another modality); a small share of annotations carries one deliberate error of a kind
``eventset build`` must report (see ``ERROR_KINDS``).
"""

from __future__ import annotations

import random
from typing import Any

from bench.article import Article, Span
from eventset.schema import Ontology, load_ontology

ERROR_KINDS = (
    "role_not_allowed",
    "entity_type_not_allowed",
    "dangling_relation",
    "empty_relation",
    "text_mismatch",
    "unknown_label",
)
MODALITIES = (("asserted", 0.75), ("planned", 0.10), ("hypothetical", 0.07), ("uncertain", 0.08))
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
_ARTICLES = ("the ", "de ", "het ")
Result = dict[str, Any]


class Annotator:
    """Renders results for one article; holds the ontology facts the errors need."""

    def __init__(self, ontology: Ontology | None = None) -> None:
        onto = ontology or load_ontology("conflict-news")
        self.roles = {
            name: {r.name: r.allowed for r in e.roles} for name, e in onto.event_types.items()
        }
        self.all_roles = tuple(onto.role_names)
        self.entity_types = tuple(onto.entity_types)

    def results(
        self, rng: random.Random, article: Article, first: bool, error_rate: float
    ) -> tuple[list[Result], str | None]:
        """The result list of one annotation and the deliberate error kind it holds, if any."""
        entity_ids = [_region_id(rng) for _ in article.entities]
        out = [
            _region("entity", rid, _perturb(rng, s, first))
            for rid, s in zip(entity_ids, article.entities, strict=True)
        ]
        relations: list[Result] = []
        for event in article.events:
            if not first and rng.random() < 0.1:
                continue  # this annotator missed the trigger
            tid = _region_id(rng)
            out.append(_region("trigger", tid, event.trigger))
            out.extend(_choices(rng, tid, event.trigger, first))
            for role, index in event.arguments:
                relations.append(_relation(rng, tid, entity_ids[index], role))
        relations.extend(_same_as(article, entity_ids))
        out.extend(relations)
        error = None
        if rng.random() < error_rate:
            error = rng.choice(ERROR_KINDS)
            self._inject(rng, error, out, article)
        return out, error

    def _inject(self, rng: random.Random, kind: str, out: list[Result], article: Article) -> None:
        relations = [r for r in out if r["type"] == "relation" and r["labels"] != ["same_as"]]
        regions = {r["id"]: r for r in out if r["type"] == "labels"}
        if not relations:
            return
        relation = rng.choice(relations)
        trigger_id = relation["from_id"] if relation["direction"] == "right" else relation["to_id"]
        target_id = relation["to_id"] if relation["direction"] == "right" else relation["from_id"]
        event_type = regions[trigger_id]["value"]["labels"][0]
        role = relation["labels"][0]
        if kind == "role_not_allowed":
            relation["labels"] = [
                rng.choice([r for r in self.all_roles if r not in self.roles[event_type]])
            ]
        elif kind == "entity_type_not_allowed":
            allowed = self.roles[event_type][role]
            regions[target_id]["value"]["labels"] = [
                rng.choice([t for t in self.entity_types if t not in allowed])
            ]
        elif kind == "dangling_relation":
            relation["to_id" if relation["direction"] == "right" else "from_id"] = _region_id(rng)
        elif kind == "empty_relation":
            relation["labels"] = []
        elif kind == "text_mismatch":
            value = regions[target_id]["value"]
            value["text"] = value["text"][:-1] + "?"
        else:
            regions[target_id]["value"]["labels"] = ["Vehicle"]


def _region_id(rng: random.Random) -> str:
    bits = rng.getrandbits(60)
    return "".join(_ALPHABET[(bits >> shift) & 63] for shift in range(0, 60, 6))


def _perturb(rng: random.Random, span: Span, first: bool) -> Span:
    # Later annotators sometimes leave the leading article out of the span.
    if first or rng.random() >= 0.15:
        return span
    for article in _ARTICLES:
        if span.text.startswith(article):
            cut = len(article)
            return Span(span.start + cut, span.end, span.text[cut:], span.label)
    return span


def _region(block: str, rid: str, span: Span) -> Result:
    value = {"start": span.start, "end": span.end, "text": span.text, "labels": [span.label]}
    return {
        "id": rid,
        "from_name": block,
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": value,
    }


def _choice(rid: str, span: Span, name: str, value: str) -> Result:
    payload = {"start": span.start, "end": span.end, "text": span.text, "choices": [value]}
    return {
        "id": rid,
        "from_name": name,
        "to_name": "text",
        "type": "choices",
        "origin": "manual",
        "value": payload,
    }


def _choices(rng: random.Random, rid: str, trigger: Span, first: bool) -> list[Result]:
    # Gold attributes are seeded by the trigger position so all annotators start from the same one.
    gold = random.Random(trigger.start)
    modality = gold.choices([m for m, _ in MODALITIES], [w for _, w in MODALITIES])[0]
    if not first and rng.random() < 0.1:
        modality = rng.choice([m for m, _ in MODALITIES])
    polarity = "negative" if gold.random() < 0.08 else "positive"
    # Label Studio stores a choice only when the annotator clicked one.
    out = []
    if modality != "asserted" or rng.random() < 0.7:
        out.append(_choice(rid, trigger, "modality", modality))
    if polarity != "positive" or rng.random() < 0.5:
        out.append(_choice(rid, trigger, "polarity", polarity))
    return out


def _relation(rng: random.Random, trigger_id: str, entity_id: str, role: str) -> Result:
    # A few annotators draw the arrow from the argument to the trigger.
    if rng.random() < 0.02:
        return {
            "type": "relation",
            "from_id": entity_id,
            "to_id": trigger_id,
            "direction": "left",
            "labels": [role],
        }
    return {
        "type": "relation",
        "from_id": trigger_id,
        "to_id": entity_id,
        "direction": "right",
        "labels": [role],
    }


def _same_as(article: Article, entity_ids: list[str]) -> list[Result]:
    first_seen: dict[str, int] = {}
    out: list[Result] = []
    for index, span in enumerate(article.entities):
        earlier = first_seen.setdefault(span.text, index)
        if earlier != index and len(out) < 3:
            out.append(
                {
                    "type": "relation",
                    "from_id": entity_ids[index],
                    "to_id": entity_ids[earlier],
                    "direction": "right",
                    "labels": ["same_as"],
                }
            )
    return out
