"""Ordinary French, German and Spanish news paragraphs get their language (a review found them
undetected, so they got no pre-annotation and an empty language), and English or Dutch news with
words the other languages share (police, forces, capital) stays English or Dutch."""

from __future__ import annotations

import pytest

from eventset.annotate.language import DISTINCTIVE, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Des milliers de manifestants ont défilé à Lyon samedi. La manifestation était "
            "organisée par la CGT. La police a interpellé trois personnes.",
            "fr",
        ),
        (
            "In Leipzig demonstrierten am Montag rund 5000 Menschen gegen die Regierung. Die "
            "Polizei sprach von einem friedlichen Verlauf.",
            "de",
        ),
        (
            "Nach dem Anschlag sagte der Minister, die Lage sei seit Tagen angespannt.",
            "de",
        ),
        (
            "Miles de personas marcharon el sábado en Madrid. La policía detuvo a tres "
            "manifestantes tras los disturbios.",
            "es",
        ),
        (
            "Le gouvernement a annoncé lundi que les négociations reprendraient après deux "
            "semaines de blocage.",
            "fr",
        ),
        ("Police said the capital was calm after the forces withdrew on Monday.", "en"),
        ("De politie zei dat de hoofdstad rustig was nadat de troepen zich terugtrokken.", "nl"),
    ],
)
def test_everyday_news_gets_its_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("word", ["police", "forces", "capital", "am", "man", "son"])
def test_words_that_other_languages_use_too_are_no_evidence(word: str) -> None:
    assert word not in DISTINCTIVE


@pytest.mark.parametrize(
    "text",
    [
        # Portuguese shares many function words with Spanish: no language, not Spanish
        "O governo anunciou nesta segunda-feira que as negociações com os sindicatos vão "
        "continuar durante toda a semana, desde que não haja novas greves.",
        "Milhares de pessoas protestaram no sábado em Lisboa contra o aumento dos preços. A "
        "polícia disse que todos os manifestantes foram embora depois das seis horas.",
        "O exército português enviou dois navios para a região, segundo o ministério da "
        "defesa, porque a situação tem sido tensa desde o início do mês.",
    ],
)
def test_portuguese_news_is_not_taken_for_spanish(text: str) -> None:
    assert detect_language(text) is None


def test_an_english_headline_with_a_news_word_keeps_its_language() -> None:
    assert detect_language("Police arrest 12 in capital") == "en"
