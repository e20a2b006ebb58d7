"""Event types' ``lexicon`` (trigger words per language, for pre-annotation) and ``examples``
(sentences for the guidelines): checked when an ontology loads, read from each class's own
body (a subclass does not inherit its parent's), keys reduced to the language code documents
are matched by. Also the ontology's ``lexicon_stop``: phrases never pre-annotated.

A phrase ``"valt ... aan"`` (`` ... `` between words: a separable verb) marks its first part
when the rest follows later in the same clause and ends it (see
``eventset.annotate.preannotate``).
"""

from __future__ import annotations

from eventset.schema.dsl import Event
from eventset.schema.languages import language_code

_LEXICON_HINT = 'write e.g. `lexicon = {"en": ["flood", "flooding"]}`'
_EXAMPLES_HINT = 'write e.g. `examples = ["The river flooded the town."]`'
_STOP_HINT = 'write e.g. `lexicon_stop={"en": ["heart attack", "in advance"]}`'
GAP = " ... "  # in a phrase: the words after it may follow later in the clause


def _language_code(key: str) -> str:
    """A lexicon key as documents' languages are matched (``schema.languages.language_code``):
    the ISO 639-1 code of a language name or code, else the primary subtag in lower case.

    Example:
        >>> [_language_code(key) for key in (" EN", "en-GB", "nl_BE", "french", "deu", "")]
        ['en', 'en', 'nl', 'fr', 'de', '']
    """
    return language_code(key) or ""


def own_lexicon(event: type[Event]) -> dict[str, tuple[str, ...]]:
    """The class's own lexicon (never its parent's) by language code, sorted; the phrases of keys
    with the same code ("EN", "en-GB") are merged in order, without repeats."""
    merged: dict[str, dict[str, None]] = {}
    for key, words in event.__dict__.get("lexicon", {}).items():
        merged.setdefault(_language_code(key), {}).update(dict.fromkeys(words))
    return {code: tuple(words) for code, words in sorted(merged.items())}


def lexicon_problems(event: type[Event]) -> list[str]:
    """The class's own ``lexicon`` must map language codes to lists of non-empty strings."""
    owner, lexicon = event.__name__, event.__dict__.get("lexicon", {})
    if not isinstance(lexicon, dict):
        return [
            f"{owner}.lexicon: a {type(lexicon).__name__}, not a mapping of language code to "
            f"trigger words; {_LEXICON_HINT}"
        ]
    problems = []
    for key, words in lexicon.items():
        code = _language_code(key) if isinstance(key, str) else ""
        if not (code.isascii() and code.isalpha()):
            problems.append(
                f"{owner}.lexicon: the key {key!r} is not a language code (ASCII letters such as "
                f"'en', or with a region: 'en-GB'); {_LEXICON_HINT}"
            )
        if not isinstance(words, list | tuple):
            problems.append(
                f"{owner}.lexicon[{key!r}]: a {type(words).__name__}, not a list of trigger "
                f"words; {_LEXICON_HINT}"
            )
            continue
        problems += [
            f"{owner}.lexicon[{key!r}]: {word!r} is not a non-empty string (a trigger word or "
            f"phrase); {_LEXICON_HINT}"
            for word in words
            if not isinstance(word, str) or not word.strip()
        ]
        problems += [
            f"{owner}.lexicon[{key!r}]: {word!r} has words on both sides of one ' ... ' at "
            f"most (a separable verb: 'valt ... aan'); {_LEXICON_HINT}"
            for word in words
            if isinstance(word, str) and GAP.strip() in word and not _good_gap(word)
        ]
    return problems


def _good_gap(phrase: str) -> bool:
    parts = " ".join(phrase.split()).split(GAP)
    return len(parts) == 2 and all(part and "..." not in part for part in parts)


def norm_phrase(phrase: str) -> str:
    """A phrase as lexicon phrases are compared here: case-folded, single spaces."""
    return " ".join(phrase.casefold().split())


def own_stop(stop: object) -> dict[str, tuple[str, ...]]:
    """``lexicon_stop`` by language code, sorted, merged as ``own_lexicon`` merges lexicons."""
    merged: dict[str, dict[str, None]] = {}
    for key, words in stop.items() if isinstance(stop, dict) else ():
        merged.setdefault(_language_code(key), {}).update(dict.fromkeys(words))
    return {code: tuple(words) for code, words in sorted(merged.items())}


def stop_problems(stop: object, events: list[type[Event]]) -> list[str]:
    """``lexicon_stop`` maps language codes to lists of phrases, none of them also a trigger
    phrase of an event type (it would silently switch that trigger off) nor gapped."""
    if not isinstance(stop, dict):
        return [
            f"lexicon_stop: a {type(stop).__name__}, not a mapping of language code to "
            f"phrases; {_STOP_HINT}"
        ]
    triggers = {
        (code, norm_phrase(word)): event.__name__
        for event in events
        if not lexicon_problems(event)
        for code, words in own_lexicon(event).items()
        for word in words
        if isinstance(word, str)
    }
    problems = []
    for key, words in stop.items():
        code = _language_code(key) if isinstance(key, str) else ""
        if not (code.isascii() and code.isalpha()):
            problems.append(f"lexicon_stop: the key {key!r} is not a language code; {_STOP_HINT}")
        if not isinstance(words, list | tuple):
            problems.append(
                f"lexicon_stop[{key!r}]: a {type(words).__name__}, not a list of phrases; "
                f"{_STOP_HINT}"
            )
            continue
        for word in words:
            if not isinstance(word, str) or not word.strip() or GAP.strip() in word:
                problems.append(
                    f"lexicon_stop[{key!r}]: {word!r} is not a phrase (a non-empty string "
                    f"without ' ... '); {_STOP_HINT}"
                )
            elif owner := triggers.get((code, norm_phrase(word))):
                problems.append(
                    f"lexicon_stop[{key!r}]: {word!r} is also a trigger phrase of {owner}; "
                    "remove it from one of the two lists"
                )
    return problems


def examples_problems(event: type[Event]) -> list[str]:
    """The class's own ``examples`` must be a list of sentences (strings)."""
    owner, examples = event.__name__, event.__dict__.get("examples", [])
    if not isinstance(examples, list | tuple):
        return [
            f"{owner}.examples: a {type(examples).__name__}, not a list of example sentences; "
            f"{_EXAMPLES_HINT}"
        ]
    return [
        f"{owner}.examples: {example!r} is not a string (one example sentence); {_EXAMPLES_HINT}"
        for example in examples
        if not isinstance(example, str)
    ]
