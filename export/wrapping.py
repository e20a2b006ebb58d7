"""Line breaks that a hard wrap put into a text (they do not end sentences).

Text from wire services, e-mail and PDFs often comes wrapped at a fixed width: every line of a
paragraph is cut near the same column, so a sentence runs on across several lines. Such a break
is "soft" when all of these hold:

- the text is wrapped: its longest line is between ``NARROWEST`` and ``WIDEST`` characters, at
  least ``MIN_WRAPS`` long lines run on into the next line, and at least ``LOWER_SHARE`` of those
  next lines open with a lower-case letter (lists of headlines or of full sentences almost never
  do; prose cut mid-sentence mostly does);
- the line before it is long (at least ``LONG`` of the longest line: a short line ends a
  headline or a paragraph) and the next line is not blank, not indented and does not open a list
  item (a bullet, or a number with ``.`` or ``)``).

The sentence rules then treat the soft break as a space: a terminator before it still ends the
sentence ("...overnight.\\nTalks resumed"), an abbreviation does not ("Gen.\\nSyrskyi").

Example:
    >>> text = "a b c d e f g h i j k l m n o p q r s t u v w x y z\\n" * 4 + "end"
    >>> soft_breaks(text)
    [51, 103, 155, 207]
"""

from __future__ import annotations

import re

LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
NARROWEST, WIDEST = 30, 100  # the range of wrap widths (longest line) taken for a wrap
LONG = 0.6  # a line this share of the longest one or longer was cut by the wrap
MIN_WRAPS = 3
LOWER_SHARE = 0.3
BULLETS = frozenset("-*•‣◦▪·–—>")
LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")


def soft_breaks(text: str) -> list[int]:
    """Offsets of the line-break characters of ``text`` that a hard wrap put there, in order
    (both characters of a "\\r\\n"); none when the text is not hard-wrapped."""
    lines, breaks = _lines(text)
    widths = [len(line.rstrip()) for line in lines]
    widest = max(widths)
    if not NARROWEST <= widest <= WIDEST:
        return []
    wraps = [k for k in range(len(breaks)) if _runs_on(lines, widths, k, widest)]
    lower = sum(lines[k + 1][0].islower() for k in wraps)
    if len(wraps) < MIN_WRAPS or lower < LOWER_SHARE * len(wraps):
        return []
    return [at for k in wraps for at in range(*breaks[k])]


def may_be_wrapped(length: int, line_breaks: int) -> bool:
    """Whether a text of ``length`` characters and ``line_breaks`` line breaks can be wrapped at
    all (its lines are ``WIDEST`` characters or shorter on average): a cheap first test."""
    return line_breaks >= MIN_WRAPS and length <= WIDEST * (line_breaks + 1)


def _lines(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The lines of ``text`` and the (start, end) of the line break after each but the last."""
    lines, breaks, start = [], [], 0
    for found in LINE_BREAK.finditer(text):
        lines.append(text[start : found.start()])
        breaks.append(found.span())
        start = found.end()
    lines.append(text[start:])
    return lines, breaks


def _runs_on(lines: list[str], widths: list[int], k: int, widest: int) -> bool:
    """Whether line ``k`` is a long line whose sentence may go on in line ``k + 1``."""
    following = lines[k + 1]
    if widths[k] < LONG * widest or not following or following[0].isspace():
        return False
    return following[0] not in BULLETS and not LIST_NUMBER.match(following)
