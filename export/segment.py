"""Token and sentence boundaries of many texts at once, with numpy (pure, deterministic).

Rules, the same for every language but for German ordinals:

- A token is a run of word characters (letters, digits and combining marks, in any script) or a
  single other non-space character (punctuation, symbols, emoji each stand alone). So
  ``NAVO-top`` is ``NAVO``, ``-``, ``top`` and ``Kyiv's`` is ``Kyiv``, ``'``, ``s``: a name
  inside a compound still starts and ends on token boundaries. U+02BC, a letter to Unicode but
  the apostrophe of Ukrainian texts, is punctuation here too (``Kyivʼs`` as ``Kyiv’s``). A
  ``.``, ``,`` or ``:`` between two digits joins them (``1,200``, ``3.5``, ``14:30``).
- A combining mark (variation selectors too), a joiner (ZWJ, ZWNJ), a soft hyphen, an emoji
  tag character, a skin tone or the keycap mark right after a non-space character stays in that
  character's token, so no token is invisible. A word goes on across them (as in UAX #29:
  Persian ``mi`` ZWNJ ``khaham`` is one word) but not across a skin tone or a keycap (``1️⃣2️⃣``
  is two tokens). An emoji after a ZWJ that follows a symbol continues the symbol's token (an
  emoji ZWJ sequence such as woman, skin tone, ZWJ, rocket is one token), and regional
  indicators pair up into flags. At the start of a text or after whitespace such a character
  counts as before: a combining mark as a word character, the others as a token of their own.
  Other format characters (U+200B ZERO WIDTH SPACE, direction marks, U+2060, U+FEFF) are tokens
  of their own, so a name selected without them still starts and ends on token boundaries.
- A sentence starts at the first token of a text, at the first token after a line break (any
  that ``str.splitlines`` knows, as ``export/brat.py``: LF, CR, CR LF, VT, FF, U+001C-U+001E,
  U+0085, U+2028, U+2029) but a soft break of a hard-wrapped text (``eventset.export.wrapping``),
  and after a terminator (``. ! ? …`` and those of other scripts)
  followed by the closing quotes or brackets that touch it (or a French ``»`` one space after
  it), at the next token, unless that token begins with a lower-case letter or with continuing
  punctuation (``, ; : ) ] —``), a ``.`` has no space after it, the terminators are an elision
  in brackets (``[…]``), a quote ending in ``!``/``?`` is followed by a name and a speech verb
  (``"Why?" Zelensky asked``), or the ``.`` closes an abbreviation, a list number or (in texts
  whose language is German) an ordinal (see ``eventset.export.sentencebreaks``, which works
  sentence starts out). A terminator with attached characters (``!`` and a variation selector)
  still counts. A quote after a space begins the next sentence.

All offsets are code points into the joined text of a batch; ``TokenBatch`` holds them as
arrays, so a batch of hundreds of documents costs a few numpy passes and one short Python loop
over sentence terminators.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import numpy.typing as npt

from eventset.export.sentencebreaks import Ints, sentence_starts
from eventset.export.sentencewords import fill_non_ascii
from eventset.export.wrapping import MIN_WRAPS, SHORTEST_LONG, WIDEST, soft_breaks

# Character kinds. A kind from REGIONAL on only occurs in emoji sequences and around format
# characters and combining marks; a batch without them takes the plain path of ``_tokens``.
SPACE, BREAK, WORD, MARK, PICTO = 0, 1, 2, 3, 4  # BREAK: a line break (whitespace too)
REGIONAL, COMBINING, FORMAT, ZWJ, MODIFIER = 5, 6, 7, 8, 10
SEPARATOR = "\n"  # between the texts of a batch: whitespace, and a line break
# Everything Python's str.splitlines() breaks on (as export/brat.py); in "\r\n" nothing lies
# between the two, so it ends one line.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass
class TokenBatch:
    """Tokens and sentences of ``texts`` joined by ``SEPARATOR``; global offsets, ends exclusive.

    ``doc_chars[d]`` is where text ``d`` starts in ``joined``; ``doc_tokens[d]..doc_tokens[d+1]``
    are its tokens and ``doc_sentences[d]..doc_sentences[d+1]`` its sentences, whose first
    token is ``sentence_first`` (the next sentence's first token, or the batch end, ends it).
    """

    joined: str
    codes: npt.NDArray[np.uint32]
    doc_chars: Ints
    starts: Ints
    ends: Ints
    doc_tokens: Ints
    sentence_first: Ints
    doc_sentences: Ints

    @property
    def sentence_last(self) -> Ints:
        if not len(self.sentence_first):
            return self.sentence_first
        return np.append(self.sentence_first[1:], len(self.starts)).astype(np.int64)

    @cached_property
    def doc_of_sentence(self) -> Ints:
        """The number of the text each sentence belongs to."""
        return np.repeat(np.arange(len(self.doc_chars)), np.diff(self.doc_sentences))

    @cached_property
    def sentence_bounds(self) -> tuple[Ints, Ints, Ints, Ints]:
        """Per sentence: first and end character in ``joined``, first and end token in the batch."""
        first, last = self.sentence_first, self.sentence_last
        return self.starts[first], self.ends[last - 1], first, last

    @cached_property
    def sentence_offsets(self) -> tuple[Ints, Ints, Ints, Ints]:
        """Per sentence, relative to its text: char start, char end, first token, end token."""
        char_start, char_end, first, last = self.sentence_bounds
        doc_of = self.doc_of_sentence
        char_base, token_base = self.doc_chars[doc_of], self.doc_tokens[doc_of]
        return char_start - char_base, char_end - char_base, first - token_base, last - token_base

    @cached_property
    def encoded(self) -> bytes:
        """``joined`` in UTF-8 (a lone surrogate as three bytes: ``surrogatepass``)."""
        return self.joined.encode("utf-8", "surrogatepass")

    @cached_property
    def utf8(self) -> tuple[Ints, npt.NDArray[np.uint8]]:
        """Byte offset in UTF-8 of every character of ``joined`` (plus its end), and the bytes.

        Every byte but a continuation byte (``10xxxxxx``) starts a character, so the offsets
        are where those are: one pass over the bytes instead of a width per character.
        """
        data = np.frombuffer(self.encoded, dtype=np.uint8)
        if len(data) == len(self.codes):  # ASCII: a byte per character
            return np.arange(len(data) + 1, dtype=np.int64), data
        at = np.empty(len(self.codes) + 1, dtype=np.int64)
        at[:-1] = np.flatnonzero((data & 0xC0) != 0x80)
        at[-1] = len(data)
        return at, data


def segment(texts: list[str], langs: list[str] | None = None) -> TokenBatch:
    """Tokens and sentences of every text in ``texts`` (one pass over the joined text).

    ``langs``: the language of each text (ISO codes such as "de"; ``None``: not known). Only
    German changes anything: its ordinals ("Die 3. Panzerdivision") do not end sentences.
    """
    if langs is not None and len(langs) != len(texts):
        raise ValueError(f"{len(langs)} languages for {len(texts)} texts")
    joined = SEPARATOR.join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    doc_chars = np.concatenate(([0], np.cumsum(lengths + 1)))[: len(texts)].astype(np.int64)
    kinds, sequences = _classes(codes)
    starts, ends, single = (_sequence_tokens if sequences else _tokens)(kinds)
    doc_tokens = np.searchsorted(starts, np.append(doc_chars, len(codes))).astype(np.int64)
    german = None if langs is None else np.array([_german(lang) for lang in langs], dtype=bool)
    breaks = _hard_breaks(texts, kinds, doc_chars)
    first = sentence_starts(joined, codes, breaks, starts, ends, single, doc_tokens, german)
    doc_sentences = np.searchsorted(first, doc_tokens).astype(np.int64)
    return TokenBatch(joined, codes, doc_chars, starts, ends, doc_tokens, first, doc_sentences)


def _hard_breaks(texts: list[str], kinds: npt.NDArray[np.uint8], doc_chars: Ints) -> Ints:
    """Where the line-break characters of the batch are, but the soft breaks of hard-wrapped
    texts (``export/wrapping.py``), which are looked for only in texts with ``MIN_WRAPS`` lines
    that could be long wrapped lines (``SHORTEST_LONG`` to ``WIDEST`` characters, or more that
    end in a space)."""
    at = np.flatnonzero(kinds == BREAK)  # the texts' separators included: each ends a line
    if len(texts) == 0 or len(kinds) < SHORTEST_LONG:
        return at
    first = np.concatenate(([0], at + 1))
    end = np.append(at, len(kinds))
    length = end - first
    spaced = kinds[np.maximum(end - 1, 0)] == SPACE
    possible = (length >= SHORTEST_LONG) & ((length <= WIDEST) | spaced)
    doc_of_line = np.searchsorted(doc_chars, first[possible], "right") - 1
    counts = np.bincount(doc_of_line, minlength=len(texts))
    soft = [
        int(doc_chars[number]) + np.array(found, dtype=np.int64)
        for number in np.flatnonzero(counts >= MIN_WRAPS).tolist()
        if (found := soft_breaks(texts[number]))
    ]
    return np.setdiff1d(at, np.concatenate(soft), assume_unique=True) if soft else at


def _german(lang: str | None) -> bool:
    """Whether ``lang`` is German: "de", "deu", "ger" or one of them with a region ("de-AT")."""
    return (lang or "").lower().replace("_", "-").split("-")[0] in ("de", "deu", "ger")


def _classes(codes: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint8], bool]:
    """The kind of every character, and whether any has a kind from ``REGIONAL`` on."""
    low = codes.astype(np.uint8)  # an ASCII code as it is; the others wrap around
    kinds = _ascii_kinds(low)
    fill_non_ascii(kinds, codes, _kind)
    sequences = bool(len(kinds)) and int(kinds.max()) >= REGIONAL  # ASCII kinds are below it
    inner = low[1:-1]
    joiners = np.flatnonzero((inner == 46) | (inner == 44) | (inner == 58)) + 1  # . , :
    joiners = joiners[codes[joiners] < 128]  # not a code that wrapped around to one of them
    if len(joiners):
        before, after = codes[joiners - 1], codes[joiners + 1]
        digits = (before >= 48) & (before <= 57) & (after >= 48) & (after <= 57)
        kinds[joiners[digits]] = WORD
    return kinds, sequences


def _ascii_kinds(low: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """``_kind`` of ASCII codes (``low``: the codes as bytes; any kind for the other codes).

    A few comparisons on bytes cost far fewer instructions than a table lookup per character.
    """
    word = ((low - 48) < 10) | (((low | 32) - 97) < 26)  # digits, letters
    space = (low == 32) | ((low - 9) < 5) | ((low - 28) < 4)  # \t \n \v \f \r, \x1c-\x1f
    line = ((low - 10) < 4) | ((low - 28) < 3)  # \n \v \f \r, \x1c-\x1e (LINE_BREAKS)
    # MARK but WORD for a word character, SPACE for a space, BREAK for a line break
    kinds = np.full(len(low), MARK, dtype=np.uint8)
    kinds -= word.view(np.uint8) * np.uint8(MARK - WORD)
    kinds -= space.view(np.uint8) * np.uint8(MARK - SPACE)
    kinds += line.view(np.uint8) * np.uint8(BREAK - SPACE)
    return kinds


@cache
def ascii_spaces() -> bytes:
    """The ASCII characters that are whitespace (``SPACE`` or ``BREAK``), as bytes."""
    return bytes(c for c in range(128) if _kind(c) <= BREAK)


_ATTACHING_FORMAT = frozenset({0x00AD, 0x200C})  # soft hyphen, zero-width non-joiner
# Letters (Lm) that are apostrophes: U+02BC in Ukrainian texts ("Kyivʼs") splits words as U+2019.
_APOSTROPHE_LETTERS = frozenset({0x02BC})


@cache
def _kind(code: int) -> int:
    char = chr(code)
    if char in LINE_BREAKS:
        return BREAK
    if char.isspace():
        return SPACE
    if code in _APOSTROPHE_LETTERS:
        return MARK
    if char.isalnum():
        return WORD
    category = unicodedata.category(char)
    if 0x1F1E6 <= code <= 0x1F1FF:
        return REGIONAL
    if 0x1F3FB <= code <= 0x1F3FF or code == 0x20E3:  # skin tones (Sk), the keycap (Me)
        return MODIFIER  # attached, but a word does not go on across it (1️⃣2️⃣ are two)
    if category.startswith("M"):
        return COMBINING
    if code == 0x200D:
        return ZWJ
    if category == "Cf":
        # Only joiners and characters inside words or emoji tag sequences attach; invisible
        # separators and direction marks (U+200B, U+200E, U+202A-E, U+2060, U+FEFF ...) stay
        # tokens of their own, so a name selected without them still ends on a token boundary.
        return FORMAT if code in _ATTACHING_FORMAT or 0xE0020 <= code <= 0xE007F else MARK
    if category == "So" or code in (0x203C, 0x2049) or (category == "Cn" and code >= 0x1F000):
        return PICTO  # emoji (roughly Extended_Pictographic): may follow a ZWJ in a sequence
    return MARK


def _tokens(kinds: npt.NDArray[np.uint8]) -> tuple[Ints, Ints, None]:
    """Runs of word characters and single other non-space characters (no sequences present)."""
    word = kinds == WORD
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    mark = kinds >= MARK
    starts = np.flatnonzero(mark | (word & ~before))
    ends = np.flatnonzero(mark | (word & ~after)) + 1
    return starts.astype(np.int64), ends.astype(np.int64), None


def _sequence_tokens(kinds: npt.NDArray[np.uint8]) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    """``_tokens`` where combining marks, format characters or emoji sequences occur.

    A combining mark, format character or skin tone after a non-space character stays in that
    character's token (it is "attached"); after whitespace or at the start it counts as before
    (a combining mark as a word character, the others as a token of their own). A word goes on
    across attached marks and format characters (UAX #29), but not across a skin tone or keycap.
    An emoji after a ZWJ attached to a symbol continues that symbol's token, and regional
    indicators pair up into flags. Also returns, per token, whether it has one character apart
    from attached ones (what ``_after_terminators`` takes as a single mark).
    """
    space = kinds <= BREAK
    word = (kinds == WORD) | (kinds == COMBINING)
    start = ~space & ~(word & np.concatenate(([False], word[:-1])))  # as in ``_tokens``
    # Only a special character and the one after it can start a token or not otherwise: work
    # out those on the special characters with their neighbours (``at``), then write them back.
    special = np.flatnonzero(kinds >= REGIONAL)
    at = np.unique(np.concatenate((special - 1, special, special + 1)))
    at = at[(at >= 0) & (at < len(kinds))]
    kind = kinds[at]
    # The previous character of every special one and of the one after it is in ``at``.
    follows = np.concatenate(([False], at[1:] - at[:-1] == 1))
    before = np.where(follows, np.concatenate(([SPACE], kind[:-1])), SPACE)
    attached = (kind >= COMBINING) & (before > BREAK)
    index = np.arange(len(at))
    base = np.maximum.accumulate(np.where(attached, -1, index))  # what an attached one is on
    wordy = (kind == WORD) | ((kind == COMBINING) & ~attached)
    cuts = np.cumsum(kind == MODIFIER)
    carries = wordy[base] & (cuts == cuts[base])  # a word character after this one goes on
    zwj = (kind == ZWJ) & attached & ~wordy[base]
    glued = (kind == PICTO) & np.concatenate(([False], zwj[:-1]))
    regional = kind == REGIONAL
    run = regional & ~np.concatenate(([False], regional[:-1] & follows[1:]))
    run_start = np.maximum.accumulate(np.where(run, at, 0))
    second = regional & ((at - run_start) % 2 == 1)
    goes_on = attached | glued | second | (wordy & np.concatenate(([False], carries[:-1])))
    near = (kind >= REGIONAL) | np.concatenate(([False], (kind[:-1] >= REGIONAL) & follows[1:]))
    start[at[near]] = (kind > BREAK)[near] & ~goes_on[near]
    starts = np.flatnonzero(start).astype(np.int64)
    ends = np.flatnonzero(~space & np.concatenate((space[1:] | start[1:], [True]))) + 1
    single = ends - starts == 1
    inside = at[attached]  # tokens of one character and attached ones count as single
    if len(inside):
        tokens, counts = np.unique(np.searchsorted(starts, inside, "right") - 1, return_counts=True)
        single[tokens] = ends[tokens] - starts[tokens] - 1 == counts
    return starts, ends.astype(np.int64), single
