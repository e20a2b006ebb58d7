"""Sentence breaks, review 10 (eventset.export.sentencebreaks, word lists in sentencewords).

1. An abbreviation that may close a sentence (an amount, "St.", "Inc.", "Jr." ...) before a
   capitalised sentence-opening function word ("The", "Die", "De", "Les" ...) ends it; titles,
   words that abbreviate only before numbers and dotted abbreviations keep their behaviour. In
   German texts an initial before a German article ends the sentence too ("Anlage B. Die").
2. German: a number after an article, with a full stop and a word after it that never follows an
   ordinal (an article, pronoun, adverb, conjunction or preposition: "am 3. Die Truppen"), ends
   the sentence; "am 3. Oktober", "Die 3. Panzerdivision" stay whole.
3. A hard-wrapped paragraph of three lines on its own is too little to tell a wrap from short
   lines, so it still breaks at every line (longer wrapped texts: ``test_wrapped_lines.py``).
"""

from __future__ import annotations

import pytest

from eventset.export.segment import segment
from eventset.export.tokens import Tokenizer


def sentences(text: str, lang: str | None = None) -> list[str]:
    (doc,) = Tokenizer().tokenize([text], None if lang is None else [lang])
    return [text[a:b] for a, b, _, _ in doc.sentences]


# -- 1. an abbreviation that ends a sentence ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "He lives on Main St. The army left.",
            "en",
            ["He lives on Main St.", "The army left."],
        ),
        (
            "The contract went to Acme Inc. It denied any wrongdoing.",
            "en",
            ["The contract went to Acme Inc.", "It denied any wrongdoing."],
        ),
        (
            "The speech was given by Martin Luther King Jr. He was 34.",
            "en",
            ["The speech was given by Martin Luther King Jr.", "He was 34."],
        ),
        (
            "Die Armee erhielt 3 Mio. Die Regierung schwieg.",
            "de",
            ["Die Armee erhielt 3 Mio.", "Die Regierung schwieg."],
        ),
        (
            "Die Ukraine bekam 5 Mrd. Sie wartet auf mehr.",
            "de",
            ["Die Ukraine bekam 5 Mrd.", "Sie wartet auf mehr."],
        ),
        (
            "Die Kosten betrugen ca. 3 Mio. Das ist viel.",  # "ca." goes on, "Mio." ends
            "de",
            ["Die Kosten betrugen ca. 3 Mio.", "Das ist viel."],
        ),
        (
            "Het leger kreeg 3 mln. De regering zweeg.",
            "nl",
            ["Het leger kreeg 3 mln.", "De regering zweeg."],
        ),
        (
            "De steun bedroeg 2 mld. Het kabinet wil meer.",
            "nl",
            ["De steun bedroeg 2 mld.", "Het kabinet wil meer."],
        ),
        (
            "De aanval was op 3 maart jl. Het leger ontkent.",
            "nl",
            ["De aanval was op 3 maart jl.", "Het leger ontkent."],
        ),
        (
            "Le contrat a été signé avec Lockheed Martin Corp. Les livraisons commencent en mai.",
            "fr",
            [
                "Le contrat a été signé avec Lockheed Martin Corp.",
                "Les livraisons commencent en mai.",
            ],
        ),
        (
            "La commande revient à Naval Group Co. Elle porte sur quatre frégates.",
            "fr",
            ["La commande revient à Naval Group Co.", "Elle porte sur quatre frégates."],
        ),
    ],
)
def test_review10_an_abbreviation_before_a_sentence_opening_word_ends_the_sentence(
    text, lang, expected
):
    assert sentences(text, lang) == expected
    assert sentences(text) == expected  # the rule does not need the language


def test_review10_a_german_initial_before_a_german_article_ends_the_sentence():
    text = "Das Papier heißt Anlage B. Die Regierung schwieg."
    assert sentences(text, "de") == ["Das Papier heißt Anlage B.", "Die Regierung schwieg."]
    assert sentences(text) == [text]  # "Die" after an initial: only German texts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gen. Smith said the army left.", "en"),
        ("Dr. Müller sagte, die Armee sei abgezogen.", "de"),
        ("Die Hilfe von 3 Mio. Euro kam an.", "de"),
        ("Es kamen 3 Mio. Menschen und 5 Tsd. Soldaten.", "de"),
        ("Er zijn 3 mln. Oekraïners gevlucht.", "nl"),
        ("He flew to St. Petersburg on Monday.", "en"),
        ("U.S. troops left Kabul.", "en"),
        ("Acme Inc. CEO Jane Doe spoke.", "en"),
        ("Smith & Co. Ltd. signed the deal.", "en"),
        ("Some outlets, e.g. The Guardian, refused.", "en"),
        ("Es kamen z. B. Die Grünen und die SPD.", "de"),
        ("Het gesprek met dhr. De Vries duurde lang.", "nl"),
        ("Het debat Rutte vs. De Wever duurde lang.", "nl"),
        ("Premier B. De Wever sprak.", "nl"),
        ("M. Le Pen a parlé.", "fr"),
        ("Lt. Gen. (ret.) Ben Hodges disagreed.", "en"),
    ],
)
def test_review10_titles_units_and_names_after_abbreviations_do_not_end_sentences(text, lang):
    assert sentences(text, lang) == [text]


# -- 2. German: what follows decides between an ordinal and a sentence end -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der Angriff begann am 3. Die Truppen zogen ab.",
            ["Der Angriff begann am 3.", "Die Truppen zogen ab."],
        ),
        (
            "Die Frist endete am 15. Danach griff die Armee an.",
            ["Die Frist endete am 15.", "Danach griff die Armee an."],
        ),
        (
            "Die Waffenruhe hielt bis zum 20. Er sprach von Verrat.",
            ["Die Waffenruhe hielt bis zum 20.", "Er sprach von Verrat."],
        ),
        (
            "Die Wahl ist am 9. In Kiew wird gewählt.",
            ["Die Wahl ist am 9.", "In Kiew wird gewählt."],
        ),
    ],
)
def test_review10_a_german_number_before_a_sentence_opening_word_ends_the_sentence(text, expected):
    assert sentences(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der Angriff begann am 3. Oktober.",
        "Die 3. Panzerdivision griff an.",
        "Zum 3. Mal griff Russland an.",
        "Am 3. Morgen der Offensive fiel die Stadt.",
        "Seit dem 2. Weltkrieg herrscht Frieden.",
        "Das 14. Sanktionspaket kommt.",
        "Am 24. Februar 2022 begann der Krieg.",
    ],
)
def test_review10_german_ordinals_stay_whole(text):
    assert sentences(text, "de") == [text]


def test_review10_the_ordinal_follower_rule_is_german_only():
    text = "Der Angriff begann am 3. Die Truppen zogen ab."
    # without a language there is no ordinal rule: the number ends the sentence as before
    assert sentences(text) == ["Der Angriff begann am 3.", "Die Truppen zogen ab."]
    assert sentences("Der Angriff begann am 3. Oktober.") == ["Der Angriff begann am 3. Oktober."]


# -- 3. hard-wrapped lines -------------------------------------------------------------------------

WRAPPED = (
    "Russian forces shelled the outskirts of the city on Tuesday, local\n"
    "officials said, and the army moved two brigades to the southern front\n"
    "overnight.\n"
    "\n"
    "Talks resumed in Geneva."
)


def test_review10_a_short_wrapped_paragraph_alone_still_breaks_at_every_line():
    assert sentences(WRAPPED, "en") == [line for line in WRAPPED.splitlines() if line]


# -- a batch of all of them: languages per text, the same as one at a time -----------------------


def test_review10_a_batch_with_languages_segments_each_text_as_alone():
    texts = [
        "Die Armee erhielt 3 Mio. Die Regierung schwieg.",
        "Der Angriff begann am 3. Die Truppen zogen ab.",
        "He lives on Main St. The army left.",
        "Die 3. Panzerdivision griff an.",
    ]
    langs = ["de", "de", "en", "de"]
    batch = segment(texts, langs)
    assert batch.doc_sentences.tolist() == [0, 2, 4, 6, 7]
    alone = [len(sentences(t, lang)) for t, lang in zip(texts, langs, strict=True)]
    assert alone == [2, 2, 2, 1]
