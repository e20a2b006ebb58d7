"""Pre-annotations (or annotations) from an event corpus in the OneIE / WikiEvents JSONL shape.

Accepted shape, one JSON object per line (extra keys are ignored)::

    {"doc_id": "d1",                      # required; matches the imported document's doc_id
     "sent_id": "d1-0",                   # optional (sentence-level files)
     "tokens": ["Rebels", "attacked", "Goma", "."],            # required
     "entity_mentions": [{"id": "e1", "entity_type": "ArmedGroup", "start": 0, "end": 1,
                          "text": "Rebels"}],
     "event_mentions": [{"id": "ev1", "event_type": "MilitaryOperation",
                         "trigger": {"start": 1, "end": 2, "text": "attacked"},
                         "arguments": [{"entity_id": "e1", "role": "agent",
                                        "text": "Rebels"}]}]}

``start``/``end`` are TOKEN offsets, end exclusive. Character offsets come from finding each
token, in order, in the text of the imported document with that doc_id (tokens must appear
verbatim; whitespace between them may differ). Several records (sentences) may share a doc_id:
each one's tokens are searched after the previous record's last token, in file order. A
record's own ``text``/``sentence`` is not needed and is ignored.

The mapping file (JSON, every key optional) renames the corpus's types to the ontology's::

    {"event_types": {"Conflict:Attack": "MilitaryOperation"},
     "entity_types": {"PER": "Person"},
     "roles": {"Attacker": "agent", "Conflict:Attack/Place": "place"}}

A role key ``EventType/Role`` (corpus names) wins over a bare ``Role``. Names absent from the
mapping are kept when the ontology has them; otherwise the mention is dropped and counted in
``OneIEPreAnnotator.dropped``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventset.annotate.config import ENTITY_TAG, TRIGGER_TAG
from eventset.annotate.oneiefiles import Mapping, OneIERecord, parse_record, read_oneie
from eventset.annotate.tasks import (
    Document,
    Result,
    choice_result,
    relation_result,
    span_result,
)
from eventset.errors import InputError
from eventset.schema import Ontology

__all__ = [
    "Mapping",
    "OneIEPreAnnotator",
    "OneIERecord",
    "parse_record",
    "read_oneie",
    "token_offsets",
]

Offsets = tuple[tuple[int, int], ...]


def token_offsets(
    tokens: tuple[str, ...] | list[str], text: str, where: str = "", cursor: int = 0
) -> tuple[tuple[int, int], ...]:
    """Character (start, end) of each token, found in order in ``text``.

    Example:
        >>> token_offsets(["Goma", "fell", "."], "Goma fell.")
        ((0, 4), (5, 9), (9, 10))
    """
    offsets = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        start = _place(token, following, text, cursor)
        if start < 0:
            raise InputError(
                f"{where}: token {index} {token!r} is not in the text after character {cursor}",
                remedy="import the texts the corpus was tokenised from (tokens must appear "
                "verbatim and in order)",
            )
        offsets.append((start, start + len(token)))
        cursor = start + len(token)
    return tuple(offsets)


def _place(token: str, following: str | None, text: str, cursor: int) -> int:
    """Where ``token`` starts in ``text`` at or after ``cursor`` (-1 if nowhere).

    The first occurrence that is a whole word there: "a" in "Breaking news: a convoy" is the
    word, not the letter of "Breaking". An occurrence right after the previous token, or right
    before the next one, counts as whole (a word split into pieces, "anti" + "war"). Failing
    that, the first occurrence at all.
    """
    first = start = text.find(token, cursor)
    while start >= 0:
        end = start + len(token)
        joined_left = start == cursor or not (_word(text[start - 1]) and _word(token[0]))
        joined_right = (
            end == len(text)
            or not (_word(text[end]) and _word(token[-1]))
            or (following is not None and text.startswith(following, end))
        )
        if joined_left and joined_right:
            return start
        start = text.find(token, start + 1)
    return first


def _word(char: str) -> bool:
    """A letter of a word that spaces delimit (Chinese, Japanese or Thai writing has no spaces
    between words, so no occurrence there is "inside" a word)."""
    return (char.isalnum() or char == "_") and not any(a <= ord(char) <= b for a, b in _UNSPACED)


# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs.
_UNSPACED = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FFFF),
)


class OneIEPreAnnotator:
    """A ``PreAnnotator`` backed by an annotated corpus; ``annotations`` gives the same results
    shaped as annotations (for ``--as-annotations``)."""

    def __init__(self, path: Path, ontology: Ontology, mapping: Mapping | None = None) -> None:
        # Stable across ontology versions (like the lexicon's): a changing version would hide
        # the pre-annotations of earlier tasks from annotators.
        self.model_version = f"oneie-{Path(path).stem}"
        self.path = Path(path)
        self.ontology = ontology
        self.mapping = mapping or Mapping()
        self.mapping.check(ontology)
        self.dropped: Counter[str] = Counter()
        # events brought with a role's argument count outside its min/max, by "Type.role (bounds)"
        self.outside_bounds: Counter[str] = Counter()
        self._by_doc: dict[str, list[OneIERecord]] = defaultdict(list)
        for record in read_oneie(path):
            self._by_doc[record.doc_id].append(record)

    @property
    def doc_ids(self) -> set[str]:
        return set(self._by_doc)

    def results(self, doc: Document) -> list[Result]:
        """Trigger, entity and role results for ``doc`` (empty when the corpus lacks it)."""
        out: list[Result] = []
        cursor = 0
        for number, record in enumerate(self._by_doc.get(doc.key, [])):
            offsets = token_offsets(record.tokens, doc.text, record.where, cursor)
            cursor = offsets[-1][1] if offsets else cursor
            out += self._record_results(record, doc.text, offsets, f"s{number}")
        return out

    def predictions(self, doc: Document) -> list[dict[str, Any]]:
        result = self.results(doc)
        return [{"model_version": self.model_version, "result": result}] if result else []

    def annotations(self, doc: Document) -> list[dict[str, Any]]:
        """The corpus's results as one annotation; not ground truth (Label Studio makes an
        imported annotation ground truth unless told otherwise, and ground truth outranks any
        annotator's later correction in every build policy)."""
        result = self.results(doc)
        return [{"result": result, "lead_time": 0, "ground_truth": False}] if result else []

    def _record_results(
        self, record: OneIERecord, text: str, offsets: Offsets, prefix: str
    ) -> list[Result]:
        # Region ids come from the position in the record, never from the corpus ids: those may
        # be missing or repeated, and equal region ids make Label Studio merge different spans.
        # The corpus ids only serve to find an argument's entity.
        entities: dict[str, str] = {}
        out: list[Result] = []
        for index, mention in enumerate(record.raw.get("entity_mentions") or []):
            label = self._name(self.mapping.entity_types, mention.get("entity_type"), "entity")
            span = self._chars(record, mention, offsets)
            if label and span:
                rid = f"{prefix}_e{index}"
                if mention.get("id") is not None:
                    entities[str(mention["id"])] = rid
                out.append(span_result(ENTITY_TAG, rid, text, *span, label))
        for index, event in enumerate(record.raw.get("event_mentions") or []):
            out += self._event_results(record, event, entities, text, offsets, f"{prefix}_v{index}")
        return out

    def _event_results(
        self,
        record: OneIERecord,
        event: dict[str, Any],
        entities: dict[str, str],
        text: str,
        offsets: Offsets,
        rid: str,
    ) -> list[Result]:
        corpus_type = str(event.get("event_type"))
        label = self._name(self.mapping.event_types, corpus_type, "event")
        span = self._chars(record, event.get("trigger") or {}, offsets)
        if not label or not span:
            return []
        out = [span_result(TRIGGER_TAG, rid, text, *span, label)]
        out += self._attribute_results(event, label, corpus_type, text, span, rid)
        filled: dict[str, set[str]] = defaultdict(set)  # the build reads one relation once
        for argument in event.get("arguments") or []:
            role = self.mapping.role(corpus_type, str(argument.get("role")))
            target = entities.get(str(argument.get("entity_id")))
            if role not in self.ontology.role_names or target is None:
                self.dropped[f"argument {corpus_type}/{argument.get('role')}"] += 1
                continue
            filled[role].add(target)
            out.append(relation_result(rid, target, [role]))
        self._check_bounds(label, filled)
        return out

    def _check_bounds(self, label: str, filled: dict[str, set[str]]) -> None:
        """Count the event when a role's arguments (distinct entities) are fewer or more than
        the ontology allows: the build would leave it out (``cardinality``) unless fixed."""
        for role in self.ontology.event_type(label).roles:
            n = len(filled.get(role.name, ()))
            if n < role.min or (role.max is not None and n > role.max):
                most = "n" if role.max is None else role.max
                self.outside_bounds[f"{label}.{role.name} ({role.min}..{most})"] += 1
                return

    def _attribute_results(
        self,
        event: dict[str, Any],
        label: str,
        corpus_type: str,
        text: str,
        span: tuple[int, int],
        rid: str,
    ) -> list[Result]:
        """Per-region choices for the event's attributes (``modality``, ``polarity`` ... as keys
        of the event mention, as ``eventset convert --to oneie`` writes them)."""
        specs = {a.name: a for a in self.ontology.event_type(label).attributes}
        out = []
        for name in sorted(set(event) & set(self.ontology.attributes)):
            value = event[name]
            spec = specs.get(name)
            if spec is not None and value in spec.values:
                out.append(choice_result(name, rid, text, *span, str(value)))
            elif value is not None:
                self.dropped[f"attribute {corpus_type}/{name}={value}"] += 1
        return out

    def _name(self, table: dict[str, str | None], name: object, kind: str) -> str | None:
        mapped = table.get(str(name), str(name)) if name is not None else None
        known = self.ontology.event_types if kind == "event" else self.ontology.entity_types
        if mapped in known:
            return mapped
        self.dropped[f"{kind} type {name}"] += 1
        return None

    def _chars(
        self, record: OneIERecord, mention: dict[str, Any], offsets: Offsets
    ) -> tuple[int, int] | None:
        start, end = mention.get("start"), mention.get("end")
        n = len(offsets)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
            self.dropped[f"mention with bad token offsets in {record.where}"] += 1
            return None
        return offsets[start][0], offsets[end - 1][1]
