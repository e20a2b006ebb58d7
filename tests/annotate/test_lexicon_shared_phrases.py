"""A trigger phrase in two event types' lexicons goes to the first type declared (documented);
the pre-annotator lists such phrases and an import says so, instead of staying silent. The
ontology itself still loads: the phrase may really be ambiguous."""

from __future__ import annotations

import json

from support.importclient import ImportRecorder

from eventset.annotate.importer import import_documents
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.schema import load_ontology

ONTOLOGY = '''
from eventset import Entity, Event, Ontology, Role


class Group(Entity):
    """An armed group or a union."""


class Attack(Event):
    """An armed attack."""

    lexicon = {"en": ["strike", "attack"]}
    attacker: list[Group] = Role("Who attacks.")


class Strike(Event):
    """Workers stop work."""

    lexicon = {"English": ["Strike", "walkout"]}
    union: list[Group] = Role("Who strikes.")


ONTOLOGY = Ontology(name="shared", version=1, entities=[Group], events=[Attack, Strike])
'''


def test_a_phrase_of_two_event_types_is_listed_and_the_import_says_so(tmp_path):
    path = tmp_path / "shared.py"
    path.write_text(ONTOLOGY, encoding="utf-8")
    ref = f"{path}:ONTOLOGY"
    onto = load_ontology(ref)  # loads: an ambiguous phrase is no malformed ontology
    lexicon = LexiconPreAnnotator(onto)
    assert lexicon.shared == ["en 'strike': Attack, not Strike"]
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc_id": "d1", "text": "The strike began.", "lang": "en"}) + "\n")
    summary = import_documents(
        ImportRecorder(ontology=ref), "demo", [docs], onto, preannotators=[lexicon]
    )  # type: ignore[arg-type]
    [note] = [n for n in summary.notes if n.startswith("lexicon phrases of two event types")]
    assert "(en 'strike': Attack, not Strike): keep each phrase in one event type's lexicon" in note
