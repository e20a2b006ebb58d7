"""Review 10: German, French and Spanish trigger lexicons of ``conflict-news`` (version 4).

Which spans and event types are pre-annotated in each language and which near misses are not;
a document imported without ``lang`` gets its language and its pre-annotations; accented first
words and ``ß`` keep the matcher's fast path, with the same matches as the reference pattern.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventset.annotate import textfold
from eventset.annotate.documents import read_documents
from eventset.annotate.lexmatch import LexiconMatcher, _by_first_word
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.annotate.tasks import Document
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
LEX = LexiconPreAnnotator(ONTO)
NEW = ("de", "fr", "es")
MO, AC, CONF, AGR = "MilitaryOperation", "ArmedClash", "Conference", "Agreement"
APP, GOV, ARMS, SUP = "Appointment", "GovernmentFormation", "ArmsTransfer", "Support"
TRAIN, DEP, TC = "Training", "Deployment", "TerritorialControl"


def _marked(text: str, lang: str) -> list[tuple[str, str]]:
    [prediction] = LEX.predictions(Document(text, lang=lang)) or [{"result": []}]
    return [(r["value"]["text"], r["value"]["labels"][0]) for r in prediction["result"]]


# -- 1. what each language marks ------------------------------------------------------------

GERMAN = [
    (
        "Ukrainische Truppen haben bei Kursk eine Gegenoffensive gestartet; russische "
        "Drohnenangriffe trafen in der Nacht Odessa.",
        [("Gegenoffensive", MO), ("Drohnenangriffe", MO)],  # "trafen" alone is no meeting
    ),
    # a separable verb: its particle ends the clause before "und"
    ("Die Armee griff das Dorf am frühen Morgen an und zog sich danach zurück.", [("griff", MO)]),
    (
        "Im Kongo kam es erneut zu schweren Kämpfen zwischen der Armee und der M23.",
        [("Kämpfen", AC)],
    ),
    (
        "Die Außenminister trafen sich in Genf; die Friedensgespräche sollen im Mai weitergehen.",
        [("trafen sich", CONF), ("Friedensgespräche", CONF)],
    ),
    (
        "Beide Seiten unterzeichneten einen Waffenstillstand.",
        [("unterzeichneten", AGR), ("Waffenstillstand", AGR)],
    ),
    ("Der Präsident ernannte einen neuen Verteidigungsminister.", [("ernannte", APP)]),
    (
        "Die Parteien einigten sich auf die Bildung einer Übergangsregierung.",
        [("einigten sich", AGR), ("Bildung einer Übergangsregierung", GOV)],
    ),
    ("Frankreich liefert der Ukraine weitere Waffen und Munition.", [("liefert", ARMS)]),
    (
        "Die Miliz wird vom Iran unterstützt und von russischen Ausbildern ausgebildet.",
        [("unterstützt", SUP), ("ausgebildet", TRAIN)],
    ),
    ("Die Nato hat zusätzliche Truppen in Polen stationiert.", [("stationiert", DEP)]),
    (
        "Die Rebellen haben den Flughafen erobert; die Stadt steht unter ihrer Kontrolle.",
        [("erobert", TC), ("unter ihrer Kontrolle", TC)],
    ),
    ("Rebellen nahmen die Hafenstadt ein.", [("nahmen", TC)]),
    # capital sharp s and "SS" both fold to "ss"
    (
        "Der GROẞANGRIFF begann; die STRASSENKÄMPFE dauern an.",
        [("GROẞANGRIFF", MO), ("STRASSENKÄMPFE", AC)],
    ),
]
FRENCH = [
    (
        "L'armée a lancé une contre-offensive ; des frappes aériennes ont visé le port.",
        [("contre-offensive", MO), ("frappes aériennes", MO)],
    ),
    ("Les deux camps se sont affrontés près de la frontière.", [("se sont affrontés", AC)]),
    (
        "Des négociations ont eu lieu à Doha ; les parties se sont mis d'accord sur une trêve.",
        [("négociations", CONF), ("mis d'accord", AGR), ("trêve", AGR)],
    ),
    ("Le général a été nommé chef d'état-major.", [("nommé", APP)]),
    (
        "Les partis veulent former un gouvernement d'union nationale.",
        [("gouvernement d'union nationale", GOV)],  # the longer of two overlapping phrases
    ),
    (
        "Washington a annoncé de nouvelles livraisons d’armes à Kiev.",  # ’ matches '
        [("livraisons d’armes", ARMS)],
    ),
    (
        "Des instructeurs européens forment des soldats ukrainiens ; ils sont formés en Pologne.",
        [("forment des soldats", TRAIN), ("formés", TRAIN)],
    ),
    ("La France a déployé 1 000 soldats en Estonie.", [("déployé", DEP)]),
    (
        "Les rebelles se sont emparés de l'aéroport, désormais sous le contrôle du groupe.",
        [("se sont emparés", TC), ("sous le contrôle", TC)],
    ),
    (
        "ATTAQUÉE PAR DES DRONES, LA VILLE A ÉTÉ BOMBARDÉE.",
        [("ATTAQUÉE", MO), ("BOMBARDÉE", MO)],
    ),
    ("Le Rwanda soutient les rebelles.", [("soutient", SUP)]),
    # "soutien" inside the name of the RSF is no support
    ("Les Forces de soutien rapide ont pris le contrôle de la ville.", [("pris le contrôle", TC)]),
]
SPANISH = [
    (
        "El ejército lanzó una contraofensiva y bombardeó las posiciones rebeldes.",
        [("contraofensiva", MO), ("bombardeó", MO)],
    ),
    ("Hubo intensos enfrentamientos en Darfur.", [("enfrentamientos", AC)]),
    (
        "Los cancilleres se reunieron en Madrid y acordaron un alto el fuego.",
        [("se reunieron", CONF), ("acordaron", AGR), ("alto el fuego", AGR)],
    ),
    ("El presidente nombró a un nuevo jefe del ejército.", [("nombró", APP)]),
    (
        "Las facciones quieren formar un gobierno de unidad nacional.",
        [("gobierno de unidad nacional", GOV)],
    ),
    ("Irán es acusado de enviarles armas a los hutíes.", [("enviarles armas", ARMS)]),
    ("Rusia apoya al régimen y entrena a sus soldados.", [("apoya", SUP), ("entrena", TRAIN)]),
    ("La OTAN desplegó tropas en Rumanía.", [("desplegó", DEP)]),
    ("Los rebeldes tomaron el control de la ciudad.", [("tomaron el control", TC)]),
    ("EL EJÉRCITO ATACÓ LA BASE.", [("ATACÓ", MO)]),
    ("Las Fuerzas de Apoyo Rápido atacaron El Fasher.", [("atacaron", MO)]),
]
MARKED = [("de", t, e) for t, e in GERMAN] + [("fr", t, e) for t, e in FRENCH]
MARKED += [("es", t, e) for t, e in SPANISH]


@pytest.mark.parametrize(("lang", "text", "expected"), MARKED)
def test_triggers_and_their_types_are_marked(lang: str, text: str, expected: list) -> None:
    assert _marked(text, lang) == expected


NEAR_MISSES = [
    ("de", "Der Stürmer spielte im Angriff stark und traf zweimal."),
    ("de", "Nach einer Operation am Herzen erholt sich der Sänger."),
    ("de", "Die Regierung muss bald eine Entscheidung treffen."),
    ("de", "Mit Hilfe einer App finden Pendler freie Parkplätze."),
    ("de", "Die Bergsteiger erreichten den Gipfel nach acht Stunden."),
    ("de", "Er hat eine Ausbildung zum Mechaniker abgeschlossen."),
    # the particle is more than six words away: missed, not guessed
    ("de", "Die Armee griff die Stadt von Norden, Süden und Osten mit Panzern und Artillerie an."),
    ("fr", "La campagne électorale commence lundi."),
    ("fr", "Il a subi une opération chirurgicale au genou."),
    ("fr", "Je suis d'accord avec vous."),
    ("fr", "Le ministre soutient que la réforme est nécessaire."),
    ("fr", "Le président tiendra une conférence de presse demain."),
    ("fr", "Le club joue en attaque avec trois joueurs."),
    ("es", "El ministro se sometió a una operación quirúrgica."),
    ("es", "Sufrió un ataque al corazón."),
    ("es", "De acuerdo con la policía, no hubo heridos."),
    ("es", "La campaña electoral empieza hoy."),
    ("es", "El entrenador del equipo habló con la prensa."),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_near_misses_are_not_marked(lang: str, text: str) -> None:
    assert _marked(text, lang) == []
    assert LEX.predictions(Document(text, lang=lang)) == []


def test_a_lexicon_is_used_only_for_its_own_language() -> None:
    # the French sentence read as Spanish or German marks nothing of French
    text = "Les deux camps se sont affrontés près de la frontière."
    assert _marked(text, "es") == _marked(text, "de") == []
    assert _marked("Beide Seiten unterzeichneten einen Waffenstillstand.", "nl") == []


def test_every_event_type_has_triggers_in_every_new_language() -> None:
    for event in ONTO.event_types.values():
        assert {lang for lang, words in event.lexicon.items() if words} >= set(NEW), event.name
    assert {"de", "fr", "es"} <= set(ONTO.lexicon_stop)
    assert ONTO.version == 4
    assert LEX.languages == ("de", "en", "es", "fr", "nl")
    assert LEX.model_version == "lexicon-conflict-news"  # the version shown stays the same


# -- 2. imported without lang ---------------------------------------------------------------

IMPORTED = {
    "d-de": (
        "Die russische Armee hat in der Nacht die Stadt Sumy mit Raketen beschossen. Nach "
        "Angaben der Behörden wurden bei dem Angriff mindestens fünf Menschen getötet, die Lage "
        "ist weiter angespannt.",
        "de",
        [("beschossen", MO), ("Angriff", MO)],
    ),
    "d-fr": (
        "Les rebelles ont lancé une offensive contre la ville de Goma et se sont emparés de "
        "l'aéroport après deux jours de combats dans les faubourgs.",
        "fr",
        [("offensive", MO), ("se sont emparés", TC), ("combats", AC)],
    ),
    "d-es": (
        "Las tropas del gobierno y los rebeldes firmaron un acuerdo de paz en Bogotá tras dos "
        "años de negociaciones con la mediación de Cuba y de Noruega.",
        "es",
        [("firmaron", AGR), ("acuerdo", AGR), ("negociaciones", CONF)],
    ),
}


def test_documents_imported_without_lang_get_language_and_pre_annotations(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        "".join(
            json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n"
            for doc_id, (text, _, _) in IMPORTED.items()
        ),
        encoding="utf-8",
    )
    docs = list(read_documents([path]))  # as the import reads them: lang detected
    assert [doc.doc_id for doc in docs] == list(IMPORTED)
    for doc in docs:
        _, lang, expected = IMPORTED[doc.doc_id or ""]
        assert doc.lang == lang
        [prediction] = LEX.predictions(doc)
        assert prediction["model_version"] == "lexicon-conflict-news"
        found = [(r["value"]["text"], r["value"]["labels"][0]) for r in prediction["result"]]
        assert found == expected, doc.doc_id


# -- 3. the fast path -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", NEW)
def test_every_new_language_keeps_the_fast_path_with_its_stop_phrases(lang: str) -> None:
    matcher = LEX._matchers[lang]  # triggers, stop phrases and separable verbs' first parts
    assert matcher._prefilter is not None
    for text in ("Die Außenminister trafen sich.", "Négociations à Genève.", "Atacó Kyiv."):
        assert matcher._lowered(text) is not None  # ß and accents stay on it
    assert matcher._lowered("Der Angriff auf Charkiw \u017f") is None  # long s: reference


def test_accented_first_words_are_keys_only_of_the_matcher() -> None:
    # the module's own helper keeps ASCII-only keys by default; the matcher asks for more
    assert _by_first_word(["kämpfe", "took"]) is None
    assert _by_first_word(["kämpfe", "took"], wide=True) == {"kämpfe": ["kämpfe"], "took": ["took"]}
    for phrases in (["σύνοδος"], ["ne\u0301gociations"], ["袭击"]):  # σ, a combining accent, Han
        assert _by_first_word(phrases, wide=True) is None
        assert LexiconMatcher(phrases)._prefilter is None


ALL_CHARS = [chr(c) for c in range(sys.maxunicode + 1)]


def test_facts_behind_accented_keys_and_sharp_s() -> None:
    """What ``lowers_as_folded`` claims holds for every character of the running Python."""
    below = ALL_CHARS[: textfold._FOLDED_BELOW]
    # lower() and casefold() change nothing from U+20000 on (the table stops there)
    assert all(c.lower() == c == c.casefold() for c in ALL_CHARS[textfold._FOLDED_BELOW :])
    folds_to: dict[str, set[str]] = {}
    in_longer_folds = set()
    for char in below:
        folded = char.casefold()
        if len(folded) == 1:
            folds_to.setdefault(folded, set()).add(char)
        else:
            in_longer_folds.update(folded)
    word = re.compile(r"\w")
    for char in below:
        if char.isascii() or not word.match(char):
            continue
        expected = (
            char.casefold() == char
            and char.lower() == char
            and all(x.lower() == char for x in folds_to.get(char, ()))
            and char not in in_longer_folds
        )
        assert textfold.lowers_as_folded(char) == expected, hex(ord(char))
    # the letters the new lexicons need are among them; final sigma's context is not
    assert all(textfold.lowers_as_folded(c) for c in "äöüéèêëàâçîïôûùœæñáíóú")
    assert not any(textfold.lowers_as_folded(c) for c in "σςΣ")
    # exactly ß and ẞ fold to "ss", and both lower-case to ß
    assert {c for c in below if c.casefold() == "ss"} == set(textfold.SHARP_S)
    assert {c.lower() for c in textfold.SHARP_S} == {"\u00df"}
    assert [c for c in below if c.lower() == "\u00df"] == list(textfold.SHARP_S)


def _reference(matcher: LexiconMatcher, text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in matcher.pattern.finditer(text)]


def _slow(matcher: LexiconMatcher) -> LexiconMatcher:
    slow = copy.copy(matcher)
    slow._prefilter = None  # every text takes the reference pattern
    return slow


# every phrase of a language's matcher: triggers, separable verbs' first parts, stop phrases
LEXICONS = {
    lang: sorted(
        {p.split(" ... ")[0] for e in ONTO.event_types.values() for p in e.lexicon[lang]}
        | set(ONTO.lexicon_stop[lang])
    )
    for lang in NEW
}
TRICKY = [
    *"ßẞſ\u212aİıΣσςﬁ’'-_0 \u00a0\t.",
    "SS", "ss", "É", "é", "e\u0301", "Ü", "ü", "u\u0308", "Ñ", "ñ", "Œ", "œ", "Ó", "ó",
    "\u0345", "😀", "a", "s",
]  # fmt: skip


def _vary(draw: st.DrawFn, phrase: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(phrase), max_size=len(phrase)))
    return "".join(c.upper() if flip else c for c, flip in zip(phrase, flips, strict=True))


@st.composite
def _texts(draw: st.DrawFn, lang: str) -> str:
    """Phrases of one lexicon in any case, ß for "ss", glued to tricky characters, cut open."""
    parts = []
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["phrase", "phrase", "tricky", "cut"]))
        if kind == "tricky":
            parts.append(draw(st.sampled_from(TRICKY)))
            continue
        phrase = _vary(draw, draw(st.sampled_from(LEXICONS[lang])))
        if draw(st.booleans()):
            phrase = phrase.replace("ss", "ß").replace("SS", "ẞ")
        if kind == "cut":
            at = draw(st.integers(0, len(phrase)))
            phrase = phrase[:at] + draw(st.sampled_from(TRICKY)) + phrase[at:]
        parts.append(phrase)
    return "".join(parts)


@pytest.mark.parametrize("lang", NEW)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_fast_path_equals_the_reference_pattern(lang: str, data: st.DataObject) -> None:
    matcher = LEX._matchers[lang]
    text = data.draw(_texts(lang))
    assert matcher.candidates(text) == _reference(matcher, text)
    assert matcher.spans(text) == _slow(matcher).spans(text)


# accented first words, "ss" in first and second words, a one-letter key with an apostrophe
PHRASES = ["négociations", "kämpfe", "großangriff", "se réunissent", "s'est emparé", "atacó"]
PHRASES += ["au sommet de l'état", "tirs", "tirs au but", "in strasse", "é"]
MATCHER = LexiconMatcher(PHRASES)
PIECES = [*PHRASES, "NÉGOCIATIONS", "Kämpfe", "GROẞANGRIFF", "grossangriff", "in straße"]
PIECES += ["SE RÉUNISSENT", "S’EST EMPARÉ", "ATACÓ", "ſ", "É", "e\u0301", " ", "  ", "\u00a0"]
PIECES += ["-", "'", "’", "σ", "x", "ss", "ß"]


def _brute_force(text: str) -> list[tuple[int, int]]:
    """Every stretch whose fold is a phrase, bounded by no word character or mark."""
    fold, edge = textfold.fold, re.compile(rf"[\w{textfold.MARKS}]")
    wanted = {" ".join(fold(p).split()) for p in PHRASES}
    found = []
    for start in range(len(text)):
        if start and edge.match(text, start - 1):
            continue
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece != piece.strip() or edge.match(text, end):
                continue
            words = fold(piece).split()
            if " ".join(words) in wanted and len(words) == len(piece.split()):
                found.append((start, end))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example("GROẞANGRIFF, in straße: S’EST EMPARÉ atacó")
@example("kämpfe\u0301 négociations é")
def test_accented_and_sharp_s_keys_find_every_match(text: str) -> None:
    assert MATCHER._prefilter is not None
    assert MATCHER.spans(text) == _slow(MATCHER).spans(text) == _brute_force(text)
    assert MATCHER.candidates(text) == _reference(MATCHER, text)
