"""Separable verbs (nl ``valt ... aan``, de ``griff ... an``) end their clause at a line break:
a headline has no full stop, and a clause never runs on into the next line."""

from __future__ import annotations

import pytest

from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.tasks import Document
from eventset.schema import load_ontology

LEXICON = LexiconPreAnnotator(load_ontology("conflict-news"))


def _marked(text: str, lang: str) -> list[str]:
    found = LEXICON.predictions(Document(text, "d", lang))
    regions = [r["value"] for p in found for r in p["result"] if r["type"] == "labels"]
    return [text[v["start"] : v["end"]] for v in regions]


@pytest.mark.parametrize(
    ("text", "lang", "verb"),
    [
        ("Leger valt Charkiv opnieuw aan\nHet leger is moe.", "nl", "valt"),
        ("Leger valt Charkiv opnieuw aan\r\nHet leger is moe.", "nl", "valt"),
        ("Het leger valt de stad aan\u2028Daarna werd het stil.", "nl", "valt"),
        ("Rebellen rukken op\nDe stad is leeg.", "nl", "rukken"),
        ("Die Armee griff die Stadt an\nEs war still.", "de", "griff"),
    ],
)
def test_a_particle_at_the_end_of_a_line_ends_the_clause(text, lang, verb):
    assert verb in _marked(text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "Wie valt\nde stad aan? Niemand weet het.",  # the particle is on the next line
        "Het leger valt\n\nde stad aan.",
    ],
)
def test_a_clause_does_not_run_on_across_a_line_break(text):
    assert "valt" not in _marked(text, "nl")
