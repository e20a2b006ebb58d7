"""Sentence breaks from the review of the sentences config (eventset.export.sentencebreaks).

Continuing punctuation, list numbers, German ordinals, French guillemets, spaced and new
abbreviations, quoted speech, elisions and ``etc.``; each with the texts that must still break.
"""

from __future__ import annotations

import pytest
from export_helpers import annotation, find, relation, task, write_export

from eventset.export.build import build_dataset
from eventset.export.tokens import Tokenizer


def sentences(text: str, lang: str | None = None) -> list[str]:
    (doc,) = Tokenizer().tokenize([text], None if lang is None else [lang])
    return [text[a:b] for a, b, _, _ in doc.sentences]


# -- 1. no sentence starts with continuing or closing punctuation --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "„Wer hat geschossen?“, fragte der Reporter.",
        'He shouted "Stop!", then fled.',
        "He lives in San Diego, Calif., near the base.",
        'said: "No comment." — and left.',
        "Who fired first?; nobody knows.",
    ],
)
def test_review_no_sentence_starts_with_continuing_punctuation(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Slava Ukraini!", riep hij. De menigte juichte.',
            ['"Slava Ukraini!", riep hij.', "De menigte juichte."],
        ),
        ("He left. The army stayed.", ["He left.", "The army stayed."]),
    ],
)
def test_review_sentences_around_continuing_punctuation_still_end(text, expected):
    assert sentences(text) == expected


# -- 2. list numbers: after a real sentence end or a colon, and counting up ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas attacked Israel on Oct. 7. Since then, talks failed.",
            ["Hamas attacked Israel on Oct. 7.", "Since then, talks failed."],
        ),
        (
            "The war began on Feb. 24. Russia denied it.",
            ["The war began on Feb. 24.", "Russia denied it."],
        ),
        ("NATO invoked Art. 5. The allies met.", ["NATO invoked Art. 5.", "The allies met."]),
        ("He lives at No. 10. The PM was out.", ["He lives at No. 10.", "The PM was out."]),
        ("Death toll: 12. Officials expect more.", ["Death toll: 12.", "Officials expect more."]),
    ],
)
def test_review_a_number_after_an_abbreviation_or_out_of_count_ends_the_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "demands: 1. The army must leave. 2. Prisoners go free.",
            ["demands: 1. The army must leave.", "2. Prisoners go free."],
        ),
        (
            "They made demands. 1. The army must leave! 2. Prisoners go free. 3. Talks begin.",
            [
                "They made demands.",
                "1. The army must leave!",
                "2. Prisoners go free.",
                "3. Talks begin.",
            ],
        ),
        (
            "1. The army advanced.\n2. The rebels retreated.\n10. Talks began.",
            ["1. The army advanced.", "2. The rebels retreated.", "10. Talks began."],
        ),
    ],
)
def test_review_list_numbers_keep_their_items_whole(text, expected):
    assert sentences(text) == expected


def test_review_list_numbers_count_per_text():
    texts = ["Demands: 1. The army must leave.", "It left. 2. Prisoners went free."]
    docs = Tokenizer().tokenize(texts)
    assert [len(d.sentences) for d in docs] == [1, 3]  # "2." counts on from nothing here


# -- 3. German ordinals, only in German texts -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die 3. Panzerdivision griff am 24. Februar Charkiw an.",
        "Zum 3. Mal griff Russland an.",
        "Das 14. Sanktionspaket kommt.",
        "Seit dem 2. Weltkrieg herrscht Frieden.",
    ],
)
def test_review_german_ordinals_do_not_end_sentences(text):
    assert sentences(text, "de") == [text]


def test_review_a_german_number_at_a_sentence_end_still_ends_it():
    text = "Die Zahl der Toten stieg auf 12. Die Behörden schweigen."
    assert sentences(text, "de") == ["Die Zahl der Toten stieg auf 12.", "Die Behörden schweigen."]


def test_review_the_ordinal_rule_needs_the_language():
    text = "Die 3. Panzerdivision griff an."
    assert sentences(text) == ["Die 3.", "Panzerdivision griff an."]  # no language: as before
    assert len(sentences(text, "en")) == 2
    assert sentences(text, "de-AT") == sentences(text, "de_DE") == [text]
    docs = Tokenizer().tokenize([text, text, text], ["en", "de", "nl"])
    assert [len(d.sentences) for d in docs] == [2, 1, 2]
    batch = Tokenizer().tokenize_batch([text, text], ["de", "en"])
    assert batch.doc_sentences.tolist() == [0, 1, 3]
    with pytest.raises(ValueError, match="1 languages for 2 texts"):
        Tokenizer().tokenize_batch([text, text], ["de"])


def test_review_a_build_passes_each_document_language_to_the_tokenizer(tmp_path):
    text = "Die 3. Panzerdivision griff Charkiw an."
    items = [
        find("t1", "trigger", text, "griff", "MilitaryOperation"),
        find("e1", "entity", text, "Die 3. Panzerdivision", "ArmedGroup"),
        find("e2", "entity", text, "Charkiw", "Location"),
        relation("t1", "e1", "agent"),
        relation("t1", "e2", "target"),
    ]
    crossing = {}
    for lang in ("de", "en"):
        tasks = [task(1, "d", text, [annotation(1, 1, items)], lang=lang)]
        export = write_export(tmp_path / f"{lang}.json", tasks)
        tally = build_dataset(export, tmp_path / lang, splits="1").tally
        crossing[lang] = tally["cross_sentence_entities"]
    assert crossing == {"de": 0, "en": 1}


# -- 4. French closing guillemets after a space ---------------------------------------------------


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"], ids=["space", "nbsp", "nnbsp"])
def test_review_a_french_closing_guillemet_after_a_space_ends_the_quote(space):
    text = f"Le ministre a déclaré : « Nous ne céderons pas.{space}» Puis il est parti."
    assert sentences(text, "fr") == [
        f"Le ministre a déclaré : « Nous ne céderons pas.{space}»",
        "Puis il est parti.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Nous ne céderons pas ! » a-t-il dit.", ["« Nous ne céderons pas ! » a-t-il dit."]),
        ("Il a dit : « C'est fini. »", ["Il a dit : « C'est fini. »"]),
        ("Er sagte es. »Wir kommen.«", ["Er sagte es.", "»Wir kommen.«"]),
    ],
)
def test_review_guillemets_never_stand_alone_and_german_ones_still_open(text, expected):
    assert sentences(text) == expected


# -- 5. spaced abbreviations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Es kamen z. B. Deutschland und Frankreich.",
        "Die Staaten, d. h. Deutschland und Polen, stimmten zu.",
        "Los EE. UU. y Rusia firmaron un acuerdo.",
        "Gen. Dubois met J. R. Smith of the U.S. Army.",
    ],
)
def test_review_spaced_abbreviations_do_not_end_sentences(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan B. He said no.", ["Plan B.", "He said no."]),
        ("He flew to the U.S. The talks failed.", ["He flew to the U.S.", "The talks failed."]),
        ("Er war ok. Er ging.", ["Er war ok.", "Er ging."]),
    ],
)
def test_review_a_capital_or_short_word_that_abbreviates_nothing_ends_the_sentence(text, expected):
    assert sentences(text) == expected


# -- 6. more abbreviations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die Hilfe von 1,5 Mrd. Euro erreichte 3 Mio. Menschen und 5 Tsd. Soldaten.",
        "Er zijn 3 mln. Oekraïners gevlucht en 2 mld. Euro is toegezegd.",
        "El Gral. Pérez, el Tte. Gómez, el Cnel. Ruiz, el Sgto. Díaz y Dña. Ana llegaron.",
        "Amb. Taylor met Sec. Blinken, Pte. Jones and the Rt. Hon. Ben Wallace.",
        "Lt. Gen. (ret.) Ben Hodges disagreed.",
    ],
)
def test_review_new_abbreviations_do_not_end_sentences(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le temps est sec. Il fait beau.", ["Le temps est sec.", "Il fait beau."]),
        ("He spoke to RT. The Kremlin agreed.", ["He spoke to RT.", "The Kremlin agreed."]),
        ("The clip ran 10 sec. The host left.", ["The clip ran 10 sec.", "The host left."]),
        ("Thanks, hon. She left.", ["Thanks, hon.", "She left."]),
        ("La ville est à l'est. Les troupes avancent.", 2),
    ],
)
def test_review_words_like_the_new_abbreviations_still_end_sentences(text, expected):
    found = sentences(text)
    assert (len(found) if isinstance(expected, int) else found) == expected


# -- 7. a quote ending in ! or ? followed by a name and a speech verb -----------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"We will retake Kherson!" Zelensky said on Monday.', "en"),
        ('"Where is the justice?" Zelensky asked.', "en"),
        ('"We will retake Kherson!" Volodymyr Zelensky said on Monday.', "en"),
        ("“Waar blijft de hulp?” Rutte vroeg het opnieuw.", "nl"),
        ('"We geven niet op!" Mark Rutte zei dat maandag.', "nl"),
        ("„Wo bleibt die Hilfe?“ Selenskyj fragte erneut.", "de"),
        ("« Nous tiendrons ! » Emmanuel Macron a dit cela lundi.", "fr"),
        ('"¡No pasarán!" Zelenski dijo el lunes.', "es"),
    ],
)
def test_review_a_quote_with_a_name_and_speech_verb_after_it_is_one_sentence(text, lang):
    assert sentences(text, lang) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We won!" The crowd cheered.', ['"We won!"', "The crowd cheered."]),
        ('"We won!" Zelensky smiled.', ['"We won!"', "Zelensky smiled."]),
        ("We won! Zelensky said so.", ["We won!", "Zelensky said so."]),
        ('"We won." Zelensky said so.', ['"We won."', "Zelensky said so."]),
    ],
)
def test_review_other_quotes_still_end_sentences(text, expected):
    assert sentences(text) == expected


# -- 8. elisions in brackets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said […] Ukraine would never give up.",
        "Poetin zei dat (...) Rusland nooit zou opgeven.",
        "He said [...] Kyiv would hold.",
    ],
)
def test_review_an_elision_in_brackets_does_not_end_the_sentence(text):
    assert sentences(text) == [text]


def test_review_a_sentence_in_brackets_still_ends():
    text = "They fled. (The army followed.) Then calm."
    assert sentences(text) == ["They fled.", "(The army followed.)", "Then calm."]


# -- 9. etc. ---------------------------------------------------------------------------------------


def test_review_etc_before_a_capitalised_word_ends_the_sentence():
    text = "They sent artillery, drones, etc. The Kremlin protested."
    assert sentences(text) == ["They sent artillery, drones, etc.", "The Kremlin protested."]
    text = "They sent artillery, drones, etc. and more tanks."
    assert sentences(text) == [text]
