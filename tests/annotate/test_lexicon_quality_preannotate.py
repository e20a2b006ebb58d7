"""The built-in lexicon's quality rules: stop phrases, separable verbs, the guideline examples."""

from __future__ import annotations

import pytest

from eventset.annotate.language import detect_language
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.schema import Ontology, load_ontology
from eventset.schema.dsl import Event

ONTO = load_ontology("conflict-news")
LEX = LexiconPreAnnotator(ONTO)


def _marked(text: str, lang: str, lex: LexiconPreAnnotator = LEX) -> list[tuple[str, str]]:
    return [(r["value"]["text"], r["value"]["labels"][0]) for r in lex.regions(text, lang)]


@pytest.mark.parametrize(
    ("event", "example"),
    [(e.name, example) for e in ONTO.event_types.values() for example in e.examples],
)
def test_every_guideline_example_gets_a_trigger_of_its_type(event: str, example: str) -> None:
    lang = detect_language(example)
    assert lang == "en", example
    assert event in {label for _, label in _marked(example, lang)}, example


def test_every_event_type_has_examples() -> None:
    assert all(event.examples for event in ONTO.event_types.values())


class Attack(Event):
    """An attack."""

    lexicon = {"en": ["attack", "advance"]}


STOPPED = LexiconPreAnnotator(
    Ontology(
        name="s",
        version=1,
        entities=[],
        events=[Attack],
        lexicon_stop={"en": ["heart attack", "in advance"]},
    )
)


@pytest.mark.parametrize("slow", [False, True])
def test_a_stop_phrase_blocks_the_shorter_trigger_on_both_matcher_paths(slow: bool) -> None:
    text = "He died of a heart attack, planned in advance. The attack and advance went on."
    if slow:  # a character that folds to ASCII sends the text down the reference pattern
        text += " \u017f"
    matcher = STOPPED._matchers["en"]
    assert (matcher._lowered(text) is None) is slow
    assert _marked(text, "en", STOPPED) == [("attack", "Attack"), ("advance", "Attack")]


def test_a_stop_list_alone_gives_a_language_no_matcher() -> None:
    lex = LexiconPreAnnotator(
        Ontology(name="s", version=1, entities=[], events=[Attack], lexicon_stop={"nl": ["x"]})
    )
    assert lex.languages == ("en",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leger valt Kidal aan", [("valt", "MilitaryOperation")]),
        ("Het leger valt de stad morgen aan.", [("valt", "MilitaryOperation")]),
        ("De troepen rukten snel op naar Kyiv.", [("rukten", "MilitaryOperation")]),
        ("Rusland neemt dorp in bij Pokrovsk", [("neemt", "TerritorialControl")]),
        ("Frankrijk leidt nog steeds officieren op.", [("leidt", "Training")]),
        ("De VS leveren Israël al jaren wapens, maar", [("leveren", "ArmsTransfer")]),
        # the particle is a preposition here, or too far away, or in the next clause
        ("Het valt niet mee om aan te sluiten.", []),
        ("Het geweld neemt in omvang toe.", []),
        ("Er vallen doden aan beide kanten.", []),
        ("Het leger valt. Aan de rand van de stad.", []),
        ("Het leger valt vanochtend vroeg met tanks en zware artillerie de stad aan.", []),
    ],
)
def test_dutch_separable_verbs(text: str, expected: list[tuple[str, str]]) -> None:
    assert _marked(text, "nl") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The volunteer died of a heart attack.", "en"),
        ("Equipment was flown in in advance.", "en"),
        ("Trump's election campaign raised $50 million.", "en"),
        ("The army led a rescue operation after the landslide.", "en"),
        ("Analysts agreed that the measures were unlikely to work.", "en"),
        ("Residents said the Rapid Support Forces left.", "en"),
        ("Dockworkers went on strike.", "en"),
        ("Prices fell; the rule took effect and he took part.", "en"),
        ("Russia supplies the junta with fuel and grain.", "en"),
        ("Commuters said the train to Dakar was late.", "en"),
        ("Meteorologists warned of ice formation on the runways.", "en"),
        ("He missed a doctor's appointment.", "en"),
        ("De politie heeft een bestand met namen. Ze zijn niet bestand tegen kou.", "nl"),
        ("De klimmers bereikten de top van de Mont Blanc.", "nl"),
        ("De minister gaat direct aan de slag.", "nl"),
        ("De operatie aan zijn knie is geslaagd.", "nl"),
        ("De partij wil een bijdrage leveren aan het debat.", "nl"),
        ("Het leger heeft een brief gestuurd. De inzet van de ploeg was groot.", "nl"),
        ("De soldaten marcheerden in strakke formatie.", "nl"),
    ],
)
def test_non_event_uses_are_not_marked(text: str, lang: str) -> None:
    assert _marked(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Israeli air strikes on the outskirts", "en", ("air strikes", "MilitaryOperation")),
        ("Artillery shelled the town.", "en", ("shelled", "MilitaryOperation")),
        ("Soldiers opened fire on protesters.", "en", ("opened fire", "MilitaryOperation")),
        ("The new mayor took office last week.", "en", ("took office", "Appointment")),
        ("The town fell to the rebels.", "en", ("fell to", "TerritorialControl")),
        ("Both sides struck a deal.", "en", ("struck a deal", "Agreement")),
        ("Arms supplies to Kyiv resumed.", "en", ("Arms supplies", "ArmsTransfer")),
        ("Putin and Xi meet in Beijing.", "en", ("meet", "Conference")),
        (
            "Een kabinetsformatie is in volle gang.",
            "nl",
            ("kabinetsformatie", "GovernmentFormation"),
        ),
        ("Er is een staakt-het-vuren gesloten.", "nl", ("staakt-het-vuren", "Agreement")),
        ("Het wapenbestand houdt stand.", "nl", ("wapenbestand", "Agreement")),
        ("De stad werd gisteren aangevallen.", "nl", ("aangevallen", "MilitaryOperation")),
        (
            "Na de luchtaanvallen begon een grondoffensief.",
            "nl",
            ("grondoffensief", "MilitaryOperation"),
        ),
        ("De vredesgesprekken zijn hervat.", "nl", ("vredesgesprekken", "Conference")),
        ("Nederland keurde wapenleveringen goed.", "nl", ("wapenleveringen", "ArmsTransfer")),
    ],
)
def test_event_words_are_marked(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in _marked(text, lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schoof: 'We will stand with Ukraine for as long as it takes', zei hij in Kyiv.", "nl"),
        ("Rutte noemde de aanval ‘an attack on all of us’ tijdens de top.", "nl"),
        ("Dutch prime minister Schoof said the Netherlands 'zal Oekraïne blijven steunen'.", "en"),
        ("Ajax's attack and the F-35's engines were discussed by the ministers.", "en"),
        ("Israël valt Libanon aan", "nl"),
        ("Navo-top in Den Haag: Trump eist hogere defensie-uitgaven", "nl"),
        ("Putin, Xi meet in Beijing", "en"),
        ("Israeli strikes kill 30 in Gaza", "en"),
        ("Sudan: RSF shells El Fasher", "en"),
        ("Bundeswehr schickt Soldaten nach Litauen", None),
        ("Offensive rebelle dans l'est du Congo", "fr"),
    ],
)
def test_language_of_quotes_and_headlines(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_apostrophes_are_no_quotes() -> None:
    from eventset.annotate.language import QUOTED_RE

    for text in ("Ajax's attack", "F-35's", "’s ochtends zei hij", "'s avonds en 't huis"):
        assert QUOTED_RE.search(text) is None, text
    assert QUOTED_RE.findall("zei 'We stand' en ‘we go’.") == ["'We stand'", "‘we go’"]
