"""Text folding for lexicon matching: case folding, scripts without spaces, combining marks.

Phrases and texts are compared by ``fold``; ``word_regex`` matches exactly the stretches of a
text that fold to a word, so match offsets always point into the original text. The Unicode
tables (``MARKS``, ``ASCII_FOLD_LOOKALIKES``) are computed from the running Python's Unicode
database when this module is imported (about 30 ms), the one behind ``lowers_as_folded`` on
its first call; the tests check the facts they rely on.

Example:
    >>> fold("Coup d’État")
    "coup d'état"
    >>> [no_space_script(c) for c in "袭A"]
    [True, False]
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Non-ASCII characters that re.IGNORECASE matches with an ASCII letter: İ, ı, ſ, Kelvin sign.
# (Matching no longer uses re.IGNORECASE; see ``ASCII_FOLD_LOOKALIKES`` for what folding does.)
ASCII_CASE_LOOKALIKES = "\u0130\u0131\u017f\u212a"
# Case folding changes characters only below U+20000 (a test checks it); combining marks are
# below U+20000 or among the variation selectors U+E0100-U+E01EF.
_FOLDED_BELOW = 0x20000
_MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def fold(text: str) -> str:
    """``text`` as phrases and texts are compared: case-folded, ``’`` as ``'``, the Dutch
    ligature ``ĳ`` as ``ij``.

    Example:
        >>> fold("Coup d’État GROẞANGRIFF ĲSVRIJ")
        "coup d'état grossangriff ijsvrij"
    """
    return text.casefold().replace("\u2019", "'").replace("\u0133", "ij")


@cache
def _folded_by() -> dict[str, str]:
    """Every fold of a character other than itself -> the characters that fold to it."""
    by: dict[str, str] = {"'": "\u2019", "ij": "\u0132\u0133"}
    for code in range(_FOLDED_BELOW):
        char = chr(code)
        folded = char.casefold()
        if folded != char and char not in "\u0132\u0133":
            by[folded] = by.get(folded, "") + char
    return by


def _ascii_fold_lookalikes() -> str:
    ascii_word = re.compile(r"[a-z0-9_]")
    return "".join(
        char
        for chars in _folded_by().values()
        for char in chars
        if not char.isascii() and ascii_word.search(fold(char))
    )


def _mark_class() -> str:
    """A character class body of the combining marks that continue a word (category M, but not
    those of scripts written without spaces, which have no word boundaries of their own)."""
    ranges: list[list[int]] = []
    for plane in _MARK_PLANES:
        for code in plane:
            char = chr(code)
            if unicodedata.category(char)[0] == "M" and not no_space_script(char):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    return "".join(
        f"\\U{first:08x}" + (f"-\\U{last:08x}" if last > first else "") for first, last in ranges
    )


# Scripts written without spaces between words, as inclusive code point ranges (whole Unicode
# blocks, plus the Han marks 々〆〇): Thai, Lao, Myanmar, Khmer, Hiragana, Katakana, Han.
# Hangul is not among them: Korean puts spaces between words.
NO_SPACE_RANGES = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer Symbols
    (0x3005, 0x3007),  # 々 〆 〇 (Han iteration and closing marks, ideographic zero)
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana (with the prolonged sound mark ー)
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA9E0, 0xA9FF),  # Myanmar Extended-B
    (0xAA60, 0xAA7F),  # Myanmar Extended-A
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),  # halfwidth Katakana
    (0x1B000, 0x1B16F),  # Kana Supplement, Kana Extended-A, Small Kana Extension
    (0x20000, 0x323AF),  # CJK Unified Ideographs Extensions B-H, Compatibility Supplement
)


def no_space_script(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words.

    Example:
        >>> [no_space_script(c) for c in "袭かカไaＡ한"]
        [True, True, True, True, False, False, False]
    """
    code = ord(char)
    return any(first <= code <= last for first, last in NO_SPACE_RANGES)


ASCII_FOLD_LOOKALIKES = _ascii_fold_lookalikes()
# The characters that fold to "ss"; both lower-case to ``ß`` (one character), so the lexicon
# matcher's prefilter can look for ``ß`` where a first word has ``ss`` (a test checks it).
SHARP_S = "\u00df\u1e9e"
# Combining marks that continue the word before them (see ``_mark_class``), as a class body.
MARKS = _mark_class()


def lowers_as_folded(char: str) -> bool:
    """Whether ``str.lower`` gives ``char`` wherever ``fold`` does: ``char`` folds and
    lower-cases to itself, every character that folds to it lower-cases to it, and it is part of
    no fold longer than one character.

    Such characters may be in the words the lexicon matcher's prefilter looks for in the
    lower-cased text (``é``, ``ü``, ``ñ``, ``œ``, ...; not ``σ``: ``ς`` folds to it), as ASCII
    letters are. ``str.lower`` depends on context only for ``Σ`` (final sigma), which neither
    folds nor lower-cases to such a character. The table is computed on the first call (about
    40 ms; case mappings change nothing from U+20000 on, a test checks it).

    Example:
        >>> [lowers_as_folded(c) for c in "éüñœσςßÉ"]
        [True, True, True, True, False, False, False, False]
    """
    return char not in _not_lowered_as_folded()


@cache
def _not_lowered_as_folded() -> frozenset[str]:
    out: set[str] = set()
    for code in range(_FOLDED_BELOW):
        char = chr(code)
        folded, lowered = char.casefold(), char.lower()
        if folded == char and lowered == char:
            continue
        out.add(char)
        if len(folded) > 1:
            out.update(folded)
        elif lowered != folded:  # ``char`` folds to ``folded`` but lower-cases to another
            out.add(folded)
    return frozenset(out)


def word_regex(word: str) -> str:
    """A regex matching exactly the stretches of text whose ``fold`` is ``word`` (folded).

    Example:
        >>> word_regex("st") == "(?:[sS\u017f][tT]|[\ufb05\ufb06])"
        True
    """
    by = _folded_by()

    @cache
    def rest(at: int) -> str:
        if at == len(word):
            return ""
        options = [_class(word[at] + by.get(word[at], "")) + rest(at + 1)]
        for size in (2, 3):
            piece = word[at : at + size]
            if len(piece) == size and piece in by:
                options.append(_class(by[piece]) + rest(at + size))
        return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"

    return rest(0)


def _class(chars: str) -> str:
    escaped = "".join(map(re.escape, chars))
    return escaped if len(chars) == 1 else f"[{escaped}]"
