"""Hard-wrapped texts (``eventset.export.wrapping``): a soft line break does not end a sentence.

Wire copy, e-mail and PDF text cut every paragraph into lines of about one width. Those breaks
used to end a sentence each, so a sentence row held half a sentence and an argument on the next
line was "crossing". Headlines, blank lines, list items and lists of headlines still break.
"""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from eventset.export.tokens import Tokenizer
from eventset.export.wrapping import may_be_wrapped, soft_breaks


def sentences(text: str, lang: str = "en") -> list[str]:
    (doc,) = Tokenizer().tokenize([text], [lang])
    return [text[a:b] for a, b, _, _ in doc.sentences]


WIRE = (
    "Army pushes towards Mirsa\n"
    "\n"
    "Russian forces shelled the outskirts of the city on Tuesday, local\n"
    "officials said, and the army moved two brigades to the southern front\n"
    "overnight. The ministry in Kyiv confirmed the move and said that Gen.\n"
    "Syrskyi had ordered it after talks with the commanders in the east of\n"
    "the country.\n"
    "\n"
    "Talks on a ceasefire are due to resume in Geneva next week, according\n"
    "to two diplomats who asked not to be named."
)


def test_a_wire_story_keeps_its_sentences_whole_across_wrapped_lines():
    assert sentences(WIRE) == [
        "Army pushes towards Mirsa",
        "Russian forces shelled the outskirts of the city on Tuesday, local\n"
        "officials said, and the army moved two brigades to the southern front\n"
        "overnight.",
        "The ministry in Kyiv confirmed the move and said that Gen.\n"
        "Syrskyi had ordered it after talks with the commanders in the east of\n"
        "the country.",
        "Talks on a ceasefire are due to resume in Geneva next week, according\n"
        "to two diplomats who asked not to be named.",
    ]


def test_the_same_story_with_crlf_and_unwrapped_gives_the_same_token_ranges():
    (lf, crlf, flat) = Tokenizer().tokenize(
        [WIRE, WIRE.replace("\n", "\r\n"), _unwrapped(WIRE)], ["en"] * 3
    )
    assert lf.tokens == crlf.tokens == flat.tokens
    ranges = [[(a, b) for _, _, a, b in doc.sentences] for doc in (lf, crlf, flat)]
    assert ranges[0] == ranges[1] == ranges[2]
    assert len(soft_breaks(WIRE.replace("\n", "\r\n"))) == 2 * len(soft_breaks(WIRE))


def test_soft_breaks_are_the_breaks_inside_paragraphs_after_long_lines():
    starts = [i for i, c in enumerate(WIRE) if c == "\n"]
    # after "local", "front", "Gen.", "east of" and "according"; not after the headline, blank
    # lines or the short last lines of paragraphs
    assert soft_breaks(WIRE) == [starts[k] for k in (2, 3, 4, 5, 8)]


def test_a_list_of_headlines_is_not_wrapped_text():
    headlines = (
        "Army moves two brigades to the southern front after heavy shelling\n"
        "Talks on a ceasefire to resume in Geneva next week, diplomats say\n"
        "Ministry confirms new defence minister after cabinet reshuffle\n"
        "Drone strikes hit a power station near the border overnight\n"
        "Summit on humanitarian corridors postponed until further notice"
    )
    assert soft_breaks(headlines) == []
    assert sentences(headlines) == headlines.splitlines()


def test_full_sentences_one_per_line_and_list_items_still_break():
    one_per_line = (
        "The army moved two brigades to the southern front on Tuesday.\n"
        "Officials in Kyiv confirmed the move and gave no further details.\n"
        "Diplomats said talks on a ceasefire would resume in Geneva.\n"
        "Two drones struck a power station near the border overnight."
    )
    assert sentences(one_per_line) == one_per_line.splitlines()
    items = (
        "The ministry listed what the aid package for the army includes, and\n"
        "the parliament is expected to vote on it before the end of the month\n"
        "as the committee has asked for more time to study the details of it:\n"
        "- artillery shells and spare barrels for the howitzers delivered in\n"
        "spring\n"
        "1. training for two brigades\n"
        "  indented line that opens a new paragraph of the text"
    )
    got = sentences(items)
    assert got[1:] == [
        "- artillery shells and spare barrels for the howitzers delivered in\nspring",  # wrapped
        "1. training for two brigades",
        "indented line that opens a new paragraph of the text",
    ]
    assert got[0].count("\n") == 2  # the paragraph above the list runs on over its lines


def test_too_wide_or_too_few_lines_are_not_taken_for_a_wrap():
    wide = ("word " * 30 + "\n") * 5  # 150 characters a line: paragraphs, not a wrap
    assert soft_breaks(wide) == []
    assert not may_be_wrapped(len(wide), 5)
    two = "the army moved two brigades to the southern\nfront and then went on to\nthe west"
    assert soft_breaks(two) == []


def test_a_wrapped_text_in_a_batch_segments_as_alone():
    texts = ["Short text.\nAnother line.", WIRE, "Ein Satz.\nNoch einer."]
    langs = ["en", "en", "de"]
    together = Tokenizer().tokenize(texts, langs)
    alone = [Tokenizer().tokenize([t], [lang])[0] for t, lang in zip(texts, langs, strict=True)]
    assert [d.sentences for d in together] == [d.sentences for d in alone]


WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=9)


@st.composite
def wrapped_prose(draw):
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        sentences_ = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(st.lists(WORDS, min_size=8, max_size=25))
            sentences_.append(" ".join(words).capitalize() + draw(st.sampled_from(".!?")))
        paragraphs.append(" ".join(sentences_))
    width = draw(st.integers(40, 95))
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    return wrapped, "\n\n".join(paragraphs)


@settings(max_examples=150, deadline=None)
@given(wrapped_prose())
def test_wrapping_prose_changes_no_sentence_boundary(pair):
    wrapped, flat = pair
    assume(soft_breaks(wrapped))  # a text of four lines or more (most examples)
    a, b = Tokenizer().tokenize([wrapped, flat], ["en", "en"])
    assert a.tokens == b.tokens
    assert [(x, y) for _, _, x, y in a.sentences] == [(x, y) for _, _, x, y in b.sentences]


def _unwrapped(text: str) -> str:
    out = list(text)
    for at in soft_breaks(text):
        out[at] = " "
    return "".join(out)
