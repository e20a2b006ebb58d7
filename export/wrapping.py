"""Line breaks that a hard wrap put into a text (they do not end sentences).

Text from wire services, e-mail and PDFs often comes wrapped at a fixed width: every line of a
paragraph is cut near the same column, so a sentence runs on across several lines. A text is
taken for wrapped prose when

- its width (the longest line of at most ``WIDEST`` characters between two non-blank lines) is
  at least ``NARROWEST``;
- at least ``MIN_WRAPS`` long lines (``LONG`` of the width or more) run on into the next line,
  and at least ``EVIDENT_SHARE`` of them evidently do: the next line opens with a lower-case
  letter, or the line ends in an article, preposition or conjunction (``NEVER_LAST``; German
  nouns open many continued lines with a capital);
- some line holds a sentence end and the capital of the next sentence (``SENTENCE_INSIDE``):
  prose cut at a width nearly always does, while chat logs, lyrics, captions and ``key: value``
  lines, one item per line, do not.

In such a text a line break is soft, and read as a space, when the line before is long and at
most ``WIDEST`` characters, and the next line is not blank, not indented and does not open a
list item (a bullet, ``1.``, ``2)``, ``(a)``) after a line that ends a sentence or clause or is
an item itself (``at least\\n12. Rescue workers`` runs on). A break stays hard

- after the first line of the text or of a paragraph when that is a headline or subheading
  above its story: it has no closing punctuation and the next line opens with a dateline
  (``KYIV, March 3``), a byline (``By``, ``Von``, ``Door``, ``Par``, ``Por``) or a capitalised
  word that would have fitted on the first line (a headline nearly as wide as the story's lines
  and right above it is not told apart);
- inside a paragraph (between blank lines) that is a list: at least two of its breaks follow a
  line without closing punctuation, no line of it evidently runs on and none holds a sentence
  end (a list of headlines under a wrapped story).

The sentence rules then treat the soft break as a space: a terminator before it still ends the
sentence ("...overnight.\\nTalks resumed"), an abbreviation does not ("Gen.\\nSyrskyi").

Example:
    >>> soft_breaks(
    ...     "Troops moved two brigades to the south of the country. Officials in\\n"
    ...     "the capital said nothing more about the move, and the ministry gave\\n"
    ...     "no figures. Talks on a ceasefire are due to resume in Geneva next\\n"
    ...     "week, according to two diplomats."
    ... )
    [67, 135, 201]
"""

from __future__ import annotations

import math
import re

NARROWEST, WIDEST = 30, 100  # the range of wrap widths taken for a wrap
LONG = 0.6  # a line this share of the width or longer was cut by the wrap
SHORTEST_LONG = math.ceil(LONG * NARROWEST)  # no line shorter than this can be long (18)
MIN_WRAPS = 3
EVIDENT_SHARE = 0.3  # of the long lines that run on, those that evidently do (``_evidently_on``)
# Articles, prepositions and conjunctions of the lexicons' languages: a line ending in one goes on
_NEVER_LAST = (
    "the a an of to in on at by for from with into over under after before since against "
    "between during without about than and or but that",
    "de het een van in op aan met voor door naar bij uit tot om over tegen zonder tijdens sinds "
    "en of maar dat die omdat",
    "der die das den dem des ein eine einer einem eines von zu zum zur vom mit auf im am beim "
    "vor nach für seit gegen über unter bei aus durch ohne um und oder aber dass weil",
    "le la les un une des du au aux à de en par pour avec sur dans entre contre sans sous vers "
    "depuis pendant chez et ou mais que",
    "el la los las un una del al a de en por para con sobre entre contra sin bajo hacia desde "
    "durante y o pero que",
)
NEVER_LAST = frozenset(word for words in _NEVER_LAST for word in words.split())
BULLETS = frozenset("-*•‣◦▪■●►→✓✔○·–—>")
LIST_ITEM = re.compile(r"(?:\d{1,3}[.)]|\(?[a-zA-Z]\))\s")
CLAUSE_END = tuple(".!?…:;")  # a line ending so may be followed by a list item
BYLINE = ("By ", "Von ", "Door ", "Par ", "Por ")
DATELINE = re.compile(r"([^,(–—]{2,40}?)\s*(?:,|\(|-\s|–|—)")  # "KYIV, March 3", "GAZA (Wire) -"
# a terminator after a word, closing marks, a space and the next word's first letter (a capital:
# ``_sentence_inside``)
SENTENCE_INSIDE = re.compile(r"\w[.!?…][\"'”’»)\]]*[ \t]+[\"'“‘«„(¿¡]?[^\W\d_]")


def soft_breaks(text: str) -> list[int]:
    """Offsets of the line-break characters of ``text`` that a hard wrap put there, in order
    (both characters of a "\\r\\n"); none when the text is not hard-wrapped prose."""
    lines = text.splitlines()
    if len(lines) <= MIN_WRAPS:
        return []
    widths = [len(line.rstrip()) for line in lines]
    width = _width(lines, widths)
    if width < NARROWEST:
        return []
    wraps = [k for k in range(len(lines) - 1) if _runs_on(lines, widths, k, width)]
    evident = sum(_evidently_on(lines, k) for k in wraps)
    if len(wraps) < MIN_WRAPS or evident < EVIDENT_SHARE * len(wraps):
        return []
    inside = [_sentence_inside(line) for line in lines]
    if not any(inside):
        return []
    wraps = _without_lists(lines, wraps, inside)
    breaks = _break_spans(text, lines)
    return [at for k in wraps for at in range(*breaks[k])]


def _width(lines: list[str], widths: list[int]) -> int:
    """The longest line of at most ``WIDEST`` characters inside a paragraph (non-blank lines on
    both sides), else of any; 0 when there is none. A headline or a URL does not set it."""
    inner = [
        widths[k]
        for k in range(1, len(lines) - 1)
        if widths[k] <= WIDEST and widths[k - 1] and widths[k + 1]
    ]
    return max(inner or [w for w in widths if w <= WIDEST] or [0])


def _runs_on(lines: list[str], widths: list[int], k: int, width: int) -> bool:
    """Whether line ``k`` is a long line whose sentence may go on in line ``k + 1``."""
    line, following = lines[k].rstrip(), lines[k + 1]
    if not LONG * width <= widths[k] <= WIDEST or not following or following[0].isspace():
        return False
    if _item(following) and (line.endswith(CLAUSE_END) or _item(line)):
        return False
    opens = k == 0 or not lines[k - 1].strip()  # the first line of the text or a paragraph
    return not (opens and _headline(line, following, width))


def _headline(line: str, following: str, width: int) -> bool:
    """Whether ``line``, the first of the text or of a paragraph, is a headline (or a subheading)
    above its story: no closing punctuation, a
    capitalised next line that opens with a dateline or byline, or whose first word would have
    fitted on ``line`` (a wrap would have put it there)."""
    if line.endswith((*CLAUSE_END, ",")) or not following[0].isupper():
        return False
    word = following.split(maxsplit=1)[0]
    if len(line) + 1 + len(word) <= width or following.startswith(BYLINE):
        return True
    place = DATELINE.match(following)
    return place is not None and place.group(1).isupper()


def _evidently_on(lines: list[str], k: int) -> bool:
    """Whether line ``k`` evidently runs on: the next opens with a lower-case letter, or it ends
    in an article, preposition or conjunction (``Die\\nBundesregierung``)."""
    if lines[k + 1][0].islower():
        return True
    words = lines[k].rsplit(maxsplit=1)
    return bool(words) and words[-1].lower() in NEVER_LAST


def _sentence_inside(line: str) -> bool:
    """Whether ``line`` holds the end of a sentence and the capital that opens the next."""
    return any(found[0][-1].isupper() for found in SENTENCE_INSIDE.finditer(line))


def _item(line: str) -> bool:
    """Whether ``line`` opens a list item: a bullet, a number with ``.`` or ``)``, or a letter
    with ``)`` (``a)``, ``(b)``)."""
    return bool(line) and (line[0] in BULLETS or LIST_ITEM.match(line) is not None)


def _without_lists(lines: list[str], wraps: list[int], inside: list[bool]) -> list[int]:
    """``wraps`` without those of paragraphs (between blank lines) that are lists: two or more
    of their wraps follow a line without closing punctuation, none evidently runs on
    (``_evidently_on``) and no line holds a sentence end (``inside``, per line)."""
    kept: list[int] = []
    for group in _paragraphs(lines, wraps):
        evident = any(_evidently_on(lines, k) for k in group)
        ends = any(inside[group[0] : group[-1] + 2])
        open_ = [k for k in group if not lines[k].rstrip().endswith(CLAUSE_END)]
        kept += group if evident or ends or len(open_) < 2 else []
    return kept


def _paragraphs(lines: list[str], wraps: list[int]) -> list[list[int]]:
    """``wraps`` grouped by paragraph: no blank line between two wraps of one group."""
    groups: list[list[int]] = []
    for k in wraps:
        if groups and all(lines[j].strip() for j in range(groups[-1][-1] + 1, k + 1)):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _break_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the line break after each line but the last (``str.splitlines``'s)."""
    spans, at = [], 0
    for line, whole in zip(lines, text.splitlines(keepends=True), strict=True):
        at += len(line)
        spans.append((at, at + len(whole) - len(line)))
        at += len(whole) - len(line)
    return spans[: len(lines) - 1]
