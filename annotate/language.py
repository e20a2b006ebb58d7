"""A deliberately small language guess for Dutch and English news (stopword counts).

It only decides which lexicon the pre-annotator uses; give ``lang`` in the input or ``--lang``
for anything else. Returns None when neither language is clearly ahead.
"""

from __future__ import annotations

import re

# Space-separated so the lists stay readable; split once at import.
_NL = (
    "de het een en van in op met voor dat die niet is zijn werd worden naar bij ook maar om als "
    "door over zij hij wordt heeft hebben nog uit tegen deze dit tot zal"
)
_EN = (
    "the a an and of in on with for that this not is are was were to at also but by as from "
    "over they he she has have had will would its their which"
)
STOPWORDS = {"nl": frozenset(_NL.split(" ")), "en": frozenset(_EN.split(" "))}
WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str, sample: int = 5000) -> str | None:
    """``"nl"``, ``"en"`` or None, from stopword counts in the first ``sample`` characters.

    Example:
        >>> detect_language("De troepen van het leger rukten op naar de hoofdstad.")
        'nl'
        >>> detect_language("The army advanced on the capital.")
        'en'
        >>> detect_language("12345") is None
        True
    """
    words = [w.lower() for w in WORD_RE.findall(text[:sample])]
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    others = [score for lang, score in scores.items() if lang != best]
    if scores[best] == 0 or scores[best] <= max(others, default=0):
        return None
    return best
