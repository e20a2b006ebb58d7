"""A deliberately small language guess for news in the lexicons' languages, and language codes.

``detect_language`` only decides which lexicon the pre-annotator uses (Dutch, English, German,
French, Spanish); give ``lang`` in the input or ``--lang`` for anything else. It counts
*distinctive* words in the first ``sample`` characters: short lists of function words (and a
few frequent news words) of the five languages. A word on two lists (``in``, ``is``, ``over``,
``was``, ``die``, ``de``, ``en``, ...) counts for no language. A capitalised word counts only
for Dutch and English (``NAMES_ARE_WORDS``: in their news a capitalised German, French or
Spanish function word is mostly a name). The rule:

- it needs at least half as many words again as any other language, and two more than the
  runner-up when that one has any (so a mixed ``Deze week: fighting in the east`` gets None);
- one distinctive word decides only a short text (fewer than 15 words: a headline such as
  ``Ceasefire agreed in Gaza``); a longer text needs two;
- otherwise None ("not clearly one language"): such a document gets no pre-annotation.

Frequent news words (``NEWS_WORDS``: ``kill``, ``hostages``, ``kabinet``, ``eist`` ...) are
weaker evidence: they are counted, by the same rule, only where the lists above find no
distinctive word at all (headlines such as ``Putin, Xi meet in Beijing``).

Quotations are set aside first when the text around them decides: double quotes and
guillemets, and single quotes (``‘...’``, ``'...'``) that open after a space or punctuation
and close before one, so apostrophes (``F-35's``, ``Ajax's``, ``’s ochtends``, ``'s avonds``)
are no quotes.

``language_code`` (from ``eventset.schema.languages``, which ontologies' lexicon keys go through
too) reduces a given language (``EN``, ``en-GB``, ``eng``, ``English``, ``Nederlands``, ``deu``,
``français``) to its ISO 639-1 code; values it does not know are kept (lower case, primary
subtag): they are data.
"""

from __future__ import annotations

import re
from collections import Counter

from eventset.schema.languages import language_code

__all__ = ["DISTINCTIVE", "NEWS_WORDS", "detect_language", "language_code"]

# Space-separated so the lists stay readable; split once at import. Words on more than one
# list are dropped from all of them below (they are evidence for no language).
_WORDS = {
    "nl": (
        "de het een en van in op voor dat die niet is zijn werd worden naar bij ook maar om als "
        "door zij hij wordt heeft hebben nog uit tegen deze dit tot zal zullen hun zich er geen "
        "wel kan moet omdat toen volgens tussen sinds waar wat wie ze werden was had of over "
        "leger troepen rebellen soldaten strijdkrachten aanval aangevallen gedood doden "
        "gewonden gevechten wapenstilstand akkoord overeengekomen gesprekken politie regering "
        "stad hoofdstad zei zegt veroverd rukt oprukken aan tijdens"
    ),
    "en": (
        "the a an and of in on with for that this not is are was were to at also but by as "
        "from over they he she has have had will would its their which who been it be said "
        "says after against than into about there these those while when where what "
        "army troops rebels soldiers attacked attack killed wounded fighting ceasefire "
        "agreed talks government town advanced seized"
    ),
    "de": (
        "der die das den dem des und ist nicht sich auch mit von zu auf ein eine einer einem "
        "eines im wird wurde wurden haben hat sind bei aus nach für über unter gegen noch "
        "schon wie oder aber dass wenn als er sie es wir in an zum zur vom beim seit bis durch "
        "ohne um einen diese dieser diesem diesen dieses seine ihre ihren hatte hatten kann "
        "können soll sollen muss sowie jedoch bereits während nachdem mehr rund etwa "
        "dabei damit heute gestern zwei drei mehrere gibt"
    ),
    "fr": (
        "le la les des du de et est une un pour dans qui que sur pas par avec au aux ont été "
        "sont il elle ils ce cette mais plus se en a on l d à était étaient avait avaient leur "
        "leurs ses sa ces aussi après avant depuis très où lors ainsi sans sous vers chez nous "
        "vous lui ne dont comme deux trois qu"
    ),
    "es": (
        "el la los las del de y que en un una por con para es se no su sus al lo como más "
        "pero fue ha han este esta entre sobre a también después hasta sin tras muy ya hay "
        "fueron había dijo donde cuando otros tres hacia"
    ),
}
# Weaker evidence: counted only where the lists above find nothing (mostly in headlines).
_NEWS = {
    "nl": (
        "kabinet navo defensie oorlog vrede doden gewond gewonden minister premier dorp valt "
        "neemt stuurt eist ruilen gevangenen ingegaan vredesgesprekken oekraïne rusland "
        "israël uitgaven hogere verkiezingen gijzelaars raketten"
    ),
    "en": (
        "kill kills killed strikes strike hostages releases prisoner prisoners swap meet meets "
        "shells shelling war peace deal agree agrees claim claims collapses missile warns "
        "vows urges election truce arrest arrests"
    ),
    "de": "krieg frieden truppen waffenruhe angriff getötet verletzte regierung schickt",
    "fr": "guerre paix selon contre attaque tués blessés gouvernement armée",
    "es": "guerra paz según contra ataque muertos heridos gobierno ejército",
}
_LISTS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_SEEN = Counter(word for words in _LISTS.values() for word in words)
# word -> the one language whose list holds it
DISTINCTIVE = {word: lang for lang, words in _LISTS.items() for word in words if _SEEN[word] == 1}
_NEWS_LISTS = {lang: frozenset(words.split()) for lang, words in _NEWS.items()}
_NEWS_SEEN = Counter(word for words in _NEWS_LISTS.values() for word in words)
NEWS_WORDS = {
    word: lang
    for lang, words in _NEWS_LISTS.items()
    for word in words
    if _NEWS_SEEN[word] == 1 and word not in _SEEN
}
# Capitalised words count only for these: German, French and Spanish capitalised words in English
# or Dutch news are mostly names ("Los Angeles", "Le Monde", "Der Spiegel"). German nouns are
# capitalised too, so German is decided by its lower-case function words.
NAMES_ARE_WORDS = ("nl", "en")
SHORT = 15  # texts with fewer words may be decided by a single distinctive word
QUOTED_RE = re.compile(
    r'"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|»[^«\n]*«'
    # single quotes: open after no word character and not as Dutch 's 't 'n, close before none
    r"|(?<!\w)['‘](?![stnSTN]\b)(?=\S)[^\n]*?(?<=\S)['’](?!\w)"
)
WORD_RE = re.compile(r"\w+")  # digits and "_" are in no list: they count for nothing


def detect_language(text: str, sample: int = 5000) -> str | None:
    """``"nl"``, ``"en"``, ``"de"``, ``"fr"``, ``"es"`` or None, from distinctive words in the
    first ``sample`` characters.

    Example:
        >>> detect_language("De troepen van het leger rukten op naar de hoofdstad.")
        'nl'
        >>> detect_language("The army advanced on the capital.")
        'en'
        >>> detect_language("Ceasefire agreed in Gaza")
        'en'
        >>> detect_language("Die Armee ist in Mali angekommen und die Lage ist ernst.")
        'de'
        >>> detect_language("12345") is None
        True
        >>> detect_language('Demonstranten riepen "Wir sind das Volk" terwijl de politie toekeek.')
        'nl'
        >>> detect_language("Schoof: 'We will stand with Ukraine', zei hij in Kyiv.")
        'nl'
        >>> detect_language("Putin, Xi meet in Beijing")
        'en'

    """
    head = text[:sample]
    # quotations may be in another language ("Wir sind das Volk" in a Dutch report): the text
    # around them decides when it says anything
    outside = _decide(WORD_RE.findall(QUOTED_RE.sub(" ", head)))
    return outside if outside is not None else _decide(WORD_RE.findall(head))


def _decide(words: list[str]) -> str | None:
    scores = _scores(words, DISTINCTIVE) or _scores(words, NEWS_WORDS)
    if not scores:
        return None
    [(best, top), *rest] = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    second = rest[0][1] if rest else 0
    # a clear lead: two words more than the runner-up and half as many again
    needed = max(second + 2, -(-3 * second // 2)) if second else (1 if len(words) < SHORT else 2)
    return best if top >= needed else None


def _scores(words: list[str], lists: dict[str, str]) -> Counter[str | None]:
    # a capitalised word of a language that is not decided here is most likely part of a name
    # ("Los Angeles", "Le Monde", "Der Spiegel"), not evidence
    found = ((lists.get(word.lower()), word) for word in words)
    scores = Counter(
        lang for lang, word in found if lang in NAMES_ARE_WORDS or not word[0].isupper()
    )
    scores.pop(None, None)
    return scores
