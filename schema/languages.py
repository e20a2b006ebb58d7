"""Language codes: ISO 639-1 for the spellings people give (pure).

Documents' languages and ontologies' lexicon keys both go through ``language_code``, so a lexicon
keyed ``"french"`` or ``"fra"`` is the lexicon of documents in ``fr``, and its guidelines say
``fr``.
"""

from __future__ import annotations

# Other spellings of languages -> ISO 639-1: ISO 639-2/T and /B and 639-3 codes, English and
# native names (lower case, as typed; also without accents).
_NAMES = {
    "en": "eng english",
    "nl": "nld dut dutch nederlands flemish vlaams",
    "de": "deu ger german deutsch",
    "fr": "fra fre french français francais",
    "es": "spa spanish español espanol castellano castilian",
    "it": "ita italian italiano",
    "pt": "por portuguese português portugues",
    "ru": "rus russian русский",
    "uk": "ukr ukrainian українська",
    "pl": "pol polish polski",
    "ar": "ara arabic العربية",
    "zh": "zho chi chinese 中文",
    "ja": "jpn japanese 日本語",
    "ko": "kor korean 한국어",
    "tr": "tur turkish türkçe",
    "fa": "fas per persian farsi",
    "he": "heb hebrew",
    "hi": "hin hindi",
    "th": "tha thai",
    "sw": "swa swahili kiswahili",
}
CODES = {name: code for code, names in _NAMES.items() for name in names.split()}


def language_code(given: str | None) -> str | None:
    """The ISO 639-1 code of a given language, or the value itself (lower case, primary subtag)
    when it is unknown; None for nothing.

    Example:
        >>> [language_code(v) for v in ("EN", " en-GB", "nl_BE", "eng", "English", "dut")]
        ['en', 'en', 'nl', 'en', 'en', 'nl']
        >>> [language_code(v) for v in ("Deutsch", "français", "x-klingon", "", None)]
        ['de', 'fr', 'x', None, None]
    """
    code = (given or "").strip().lower().replace("_", "-").split("-")[0].strip()
    return CODES.get(code, code) or None
