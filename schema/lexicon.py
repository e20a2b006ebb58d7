"""Event types' ``lexicon`` (trigger words per language, for pre-annotation) and ``examples``
(sentences for the guidelines): checked when an ontology loads, read from each class's own
body (a subclass does not inherit its parent's), keys reduced to the language code documents
are matched by.
"""

from __future__ import annotations

from eventset.schema.dsl import Event

_LEXICON_HINT = 'write e.g. `lexicon = {"en": ["flood", "flooding"]}`'
_EXAMPLES_HINT = 'write e.g. `examples = ["The river flooded the town."]`'


def _language_code(key: str) -> str:
    """A lexicon key as documents' languages are matched: the primary subtag, lower case.

    Example:
        >>> [_language_code(key) for key in (" EN", "en-GB", "nl_BE", "")]
        ['en', 'en', 'nl', '']
    """
    return key.strip().lower().replace("_", "-").split("-")[0]


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
