"""Word lists, word verdicts and character classes of ``eventset.export.sentencebreaks``.

The words are lower-cased, hand-written for English, Dutch, German, French and Spanish news;
each list says which rule uses it. A word that is also an ordinary word is kept out or limited
(``CAPITALISED``, ``BEFORE_NUMBERS``), since a full stop after it would never end a sentence.
``word_verdict`` says what the lists make of a word alone (cached); the character classes are
numpy lookups over code points.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# Words that a full stop does not end a sentence after: titles and abbreviations that lead
# into what follows ("Gen. Smith", "vs. De Wever", "ca. 3"). Not "etc" ("drones, etc. The
# Kremlin" ends; "etc. and" goes on, as any full stop before a lower-case word) and not "est"
# (a French word).
ABBREVIATIONS = _words(
    "mr mrs ms dr prof gen lt col maj sgt capt cpt adm gov sen rep pres brig cmdr cdr rev cpl",
    "pvt pte amb ret vs approx",  # English
    "kol kap dhr mevr mw drs ir ing bijv evt ca resp zgn",  # Dutch
    "bzw vgl ggf",  # German
    "mme mlle sra srta dra dña gral tte cnel sgto",  # French, Spanish
)
# Abbreviations that close what comes before them (an amount, a street, a firm, a name, a date:
# "3 Mio.", "Main St.", "Acme Inc.", "King Jr.", "3 maart jl.") and so may end a sentence: they
# do before a word of ``SENTENCE_OPENERS`` ("3 Mio. Die Regierung", "Main St. The army"), not
# before any other ("3 Mio. Euro", "St. Petersburg", "Inc. CEO").
CLOSING_ABBREVIATIONS = _words("st jr sr inc ltd co corp dept", "jl mln mld", "mrd mio tsd")
# Capitalised, these function words open sentences in the languages of the news (articles,
# pronouns, demonstratives); none is the unit, name or noun that follows a closing abbreviation.
# One list for all languages, since a text's language may not be known.
GERMAN_OPENERS = _words(
    "der die das dem den des ein eine einer er sie es wir ich man dies diese dieser dieses"
)
SENTENCE_OPENERS = GERMAN_OPENERS | _words(
    "the a an this that these those there he she it they we his her its their our",  # English
    "de het een dit dat deze die er hij zij ze wij we",  # Dutch
    "le la les un une des il elle ils elles on nous ce cette ces",  # French
    "el la los las un una él ella ellos ellas este esta estos estas",  # Spanish
)
# Titles that are also words or units ("10 ft.", "24 hr.", "le temps est sec.", "told RT."):
# abbreviations only when written with one capital ("Ft. Bragg", "Mt. Kenya", "Hr. Schulz",
# "Fr. Meyer", "Sec. Blinken", "Rt. Hon.").
CAPITALISED = _words("ft mt hr fr sec hon rt")
# Month abbreviations that are German (also after a day number: "am 3. Okt.") and the others.
GERMAN_MONTH_ABBREVIATIONS = _words("jan feb mrz apr jun jul aug sep sept okt nov dez")
MONTH_ABBREVIATIONS = GERMAN_MONTH_ABBREVIATIONS | {"mar", "oct", "dec", "febr", "mrt"}
# Words that are also ordinary words ("He said no.", "met Jan.", "el mar."): abbreviations only
# before a number ("No. 5", "Jan. 12", "Art. 5", "blz. 3", "p. 4", "pp. 4-5").
BEFORE_NUMBERS = MONTH_ABBREVIATIONS | _words("no nr blz art fig vol p pp pag pág")
# A day number with a full stop before a month is an ordinal ("am 24. Februar 2022").
MONTHS = GERMAN_MONTH_ABBREVIATIONS | _words(
    "januar februar märz april mai juni juli august september oktober november dezember"
)
# German: a number after one of these, with a full stop and a capitalised word after it, is an
# ordinal ("Die 3. Panzerdivision", "zum 3. Mal", "seit dem 2. Weltkrieg"), not "auf 12. Die".
GERMAN_ORDINAL_BEFORE = _words(
    "der die das dem den des ein eine einem einen einer eines am im zum zur vom beim ins ans",
    "sein seine seinem seinen seiner ihr ihre ihrem ihren ihrer jede jeder jedes",
)
# Words that do not follow an initial or the capital ending "U.S.": "Plan B. He said no." and
# "the U.S. The move" end there ("J. Smith", "U.S. Army" do not). Not "de", "le", "la", "el",
# "das", which begin names ("B. De Wever", "M. Le Pen", "S. Das"); in German texts the German
# articles too ("Anlage B. Die Regierung").
NOT_AFTER_INITIAL = _words(
    "he she it they we the this these those there hij zij het wij er sie es wir",
    "il elle ils elles nous ella ellos",
)
GERMAN_NOT_AFTER_INITIAL = NOT_AFTER_INITIAL | GERMAN_OPENERS
# German: capitalised words that never follow an ordinal (which a noun or a month follows), so a
# number before them ends the sentence ("am 3. Die Truppen", "am 15. Danach"): the openers and
# adverbs, conjunctions and prepositions that open sentences. Not "Morgen", "Laut", "Aus",
# which are nouns too ("am 3. Morgen").
GERMAN_NOT_AFTER_ORDINAL = GERMAN_OPENERS | _words(
    "dann danach daher deshalb doch aber und oder auch heute gestern inzwischen zudem",
    "außerdem seitdem bereits noch nun damit dabei später zuvor trotzdem allerdings jedoch",
    "als wie wenn während in im am an auf bei mit nach seit von vom vor zu zum zur für gegen",
    "über unter um",
)
# Speech verbs: after a quote ending in "!" or "?" a capitalised name (one or two words) and one
# of these keep the sentence whole ('"Where is the justice?" Zelensky asked.'). French past
# tenses are two words ("Macron a dit").
SPEECH_VERBS = _words(
    "said says asked asks told added adds shouted yelled cried wrote tweeted posted replied",
    "declared insisted warned exclaimed answered responded stressed explained recalled",
    "admitted noted urged vowed claimed argued",  # English
    "zei zegt zeiden vroeg vraagt vroegen riep roept schreef schrijft antwoordde verklaarde",
    "benadrukte waarschuwde reageerde tweette stelde beloofde aldus",  # Dutch
    "sagte sagt sagten fragte fragt rief ruft schrieb schreibt erklärte erklärt antwortete",
    "betonte warnte meinte twitterte versprach",  # German
    "dit déclare affirme lance ajoute demande répond écrit insiste assure martèle prévient",
    "explique",  # French, present tense
    "dijo dice preguntó pregunta afirmó afirma declaró gritó añadió agregó aseguró respondió",
    "contestó escribió explicó advirtió señaló insistió",  # Spanish
) | {
    "a " + participle  # French, past tense
    for participle in _words(
        "dit déclaré affirmé lancé ajouté demandé répondu écrit assuré martelé prévenu",
        "expliqué insisté",
    )
}

LONGEST_ABBREVIATION = max(
    map(len, ABBREVIATIONS | CLOSING_ABBREVIATIONS | BEFORE_NUMBERS | CAPITALISED)
)
NO, YES, DEPENDS = 0, 1, 2  # of ``word_verdict``: does a full stop after the word not end one?


@lru_cache(maxsize=1 << 16)
def word_verdict(word: str, flags: int) -> int:
    """Whether a full stop after ``word`` does not end a sentence (``YES``/``NO``), or
    ``DEPENDS`` on the tokens around it (``sentencebreaks._Words``).

    ``flags`` is 2 when the word is a part of a dotted or spaced abbreviation ("e.g", "a.m",
    "U.S", "EE.UU", "m.b.t", the "z" and "B" of "z. B.").
    """
    if word.isdecimal():
        return DEPENDS if len(word) <= 3 else NO  # maybe a list number or an ordinal
    if len(word) == 1 and word.isupper():
        return DEPENDS  # an initial, unless a word such as "He" follows
    if flags & 2 and len(word) <= 2 and word.isalpha():
        return YES  # a part of a dotted abbreviation
    folded = word.lower()
    if folded in BEFORE_NUMBERS or folded in CLOSING_ABBREVIATIONS:
        return DEPENDS
    if folded in CAPITALISED:
        return int(word[0].isupper() and word[1:].islower())
    return int(folded in ABBREVIATIONS)


def verdict_before(word: str, after: str, german: bool = False) -> bool:
    """An initial ("J. Smith", not "Plan B. He said no."; in German texts not "Anlage B. Die"),
    a closing abbreviation not before a sentence opener ("3 Mio. Euro", not "3 Mio. Die
    Regierung") or a word that abbreviates before a number ("No. 10", not "They said no. 10
    died.")."""
    if len(word) == 1:
        return after.lower() not in (GERMAN_NOT_AFTER_INITIAL if german else NOT_AFTER_INITIAL)
    if word.lower() in CLOSING_ABBREVIATIONS:
        return not (after[:1].isupper() and after.lower() in SENTENCE_OPENERS)
    return after[:1].isdigit() and word != "no"


TERMINATORS = frozenset(".!?…‽。！？؟۔।॥")
# Invisible format characters that stay tokens of their own (see ``_kind``): after a terminator
# they belong to the sentence it ends, like a closing quote.
INVISIBLE = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
# Closing quotes and brackets end a sentence with its terminator only when they touch it
# ("bereit.“ Dann"): after a space the same mark opens the next one (Dutch "’s Avonds", "He left.
# ”We won,”"). German and French closing quotes (“ ‘ «) are the English opening ones.
CLOSERS = frozenset("\"'”’»›)]}“‘«") | INVISIBLE
QUOTES = CLOSERS - INVISIBLE - frozenset(")]}")
# French closing guillemets also close after one space ("pas. » Puis", "pas.\u202f»"), unless a
# letter follows them (German "es. »Wir kommen.«" opens with one).
GUILLEMETS = frozenset("»›")
SPACES = frozenset(" \u00a0\u2009\u202f")
# Punctuation that goes on or closes a sentence never starts one ('"Stop!", then', 'first?;').
CONTINUERS = frozenset(",;:)]}—–‒،؛、，；：）］｝〕〉》」』】")

TERMINATOR, INVISIBLE_MARK, CLOSER, GUILLEMET, CONTINUER = 1, 2, 4, 8, 16


@cache
def char_kinds() -> npt.NDArray[np.uint8]:
    """Bits of ``TERMINATOR`` ... per code point below U+10000 (all these marks are below it)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for chars, bit in (
        (TERMINATORS, TERMINATOR),
        (INVISIBLE, INVISIBLE_MARK),
        (CLOSERS - INVISIBLE, CLOSER),
        (GUILLEMETS, GUILLEMET),
        (CONTINUERS, CONTINUER),
    ):
        table[codes_of(chars)] |= bit
    return table


@cache
def codes_of(chars: frozenset[str]) -> npt.NDArray[np.uint32]:
    return np.array(sorted(ord(c) for c in chars), dtype=np.uint32)


def letter(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    out = ((codes >= ord("a")) & (codes <= ord("z"))) | ((codes >= ord("A")) & (codes <= ord("Z")))
    fill_non_ascii(out, codes, lambda code: chr(code).isalpha())
    return out


def word_start(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Letters and digits (a token that goes on a word: "BBC" in "www.BBC")."""
    out = ((codes >= ord("a")) & (codes <= ord("z"))) | ((codes >= ord("A")) & (codes <= ord("Z")))
    out |= (codes >= ord("0")) & (codes <= ord("9"))
    fill_non_ascii(out, codes, lambda code: chr(code).isalnum())
    return out


def lower(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    out = (codes >= ord("a")) & (codes <= ord("z"))
    fill_non_ascii(out, codes, lambda code: chr(code).islower())
    return out


def fill_non_ascii(out: npt.NDArray[Any], codes: npt.NDArray[np.uint32], of: Any) -> None:
    """Set ``out`` at non-ASCII ``codes`` to ``of(code)``, computed once per distinct code."""
    others = np.flatnonzero(codes >= 128)
    if len(others):
        unique, inverse = np.unique(codes[others], return_inverse=True)
        out[others] = np.array([of(int(c)) for c in unique], dtype=out.dtype)[inverse.reshape(-1)]
