"""Hard-wrapped texts (``eventset.export.wrapping``): a soft line break does not end a sentence.

Wire copy, e-mail and PDF text cut every paragraph into lines of about one width. Those breaks
used to end a sentence each, so a sentence row held half a sentence and an argument on the next
line was "crossing". Headlines, blank lines, list items and lists of headlines still break.
"""

from __future__ import annotations

import textwrap

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from eventset.export import segment as seg
from eventset.export.tokens import Tokenizer
from eventset.export.wrapping import soft_breaks


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
        "The ministry said on Monday that the new aid package is ready. It\n"
        "lists what the army will receive, and the parliament is expected to\n"
        "vote on it before the end of the month, as the committee asked for:\n"
        "- artillery shells and spare barrels for the howitzers delivered in\n"
        "spring\n"
        "1. training for two brigades\n"
        "  indented line that opens a new paragraph of the text"
    )
    assert sentences(items) == [
        "The ministry said on Monday that the new aid package is ready.",
        "It\nlists what the army will receive, and the parliament is expected to\n"
        "vote on it before the end of the month, as the committee asked for:",
        "- artillery shells and spare barrels for the howitzers delivered in\nspring",  # wrapped
        "1. training for two brigades",
        "indented line that opens a new paragraph of the text",
    ]


def test_too_wide_or_too_few_lines_are_not_taken_for_a_wrap():
    wide = ("Word " * 30 + "went on. and so\n") * 5  # 165 characters a line: paragraphs
    assert soft_breaks(wide) == []
    three = "the army moved two brigades to the southern\nfront. It then went on to\nthe west"
    assert soft_breaks(three) == []


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


# -- review: what is not wrapped prose, headlines, lists, German, widths, batches ---------------

CHAT = (
    "anna_k: did you hear the explosions near the station last night around two\n"
    "mykola: yes the whole building shook and the lights went out for an hour\n"
    "anna_k: my sister says the power station in saltivka was hit again\n"
    "oksana77: they say twelve people were killed, the governor posted it\n"
    "mykola: stay safe everyone and go to the shelter when the sirens start"
)
CAPTIONS = (
    "soldiers unload crates of shells from a truck near the front line at dawn\n"
    "a woman walks past a building damaged by shelling in the city centre\n"
    "rescue workers search the rubble of an apartment block after the strike\n"
    "the foreign ministers shake hands before the talks in the capital"
)


def test_lines_of_one_item_each_without_a_sentence_end_inside_stay_apart():
    for text in (CHAT, CAPTIONS):
        assert soft_breaks(text) == []
        assert sentences(text) == text.splitlines()


HEADLINED = (
    "Russia shells Kharkiv as talks stall\n"
    "Russian forces shelled the outskirts of Kharkiv overnight, killing at\n"
    "least 12 people, the governor said. The strikes hit a power station and\n"
    "two apartment blocks in the Saltivka district, and the army moved two\n"
    "brigades to the area, officials said on Sunday."
)


def test_a_headline_right_above_its_story_stays_a_sentence_of_its_own():
    assert sentences(HEADLINED) == [
        "Russia shells Kharkiv as talks stall",
        "Russian forces shelled the outskirts of Kharkiv overnight, killing at\n"
        "least 12 people, the governor said.",
        "The strikes hit a power station and\ntwo apartment blocks in the Saltivka district, "
        "and the army moved two\nbrigades to the area, officials said on Sunday.",
    ]


def test_a_headline_above_a_dateline_or_byline_stays_a_sentence_of_its_own():
    body = HEADLINED.split("\n", 1)[1]
    for head, first in [
        ("Russian forces shell outskirts of Kharkiv as ceasefire talks stall", "KYIV, March 3 -"),
        ("Russian forces shell outskirts of Kharkiv as ceasefire talks stall", "By Olena Marchuk"),
    ]:
        text = f"{head}\n{first} {body}"
        got = sentences(text)
        assert got[0] == head and got[1].startswith(first)


def test_a_subheading_inside_a_story_stays_a_sentence_of_its_own():
    paragraph = HEADLINED.split("\n", 1)[1]
    text = (
        f"{HEADLINED}\n\nKyiv says its troops pushed back Russian units near Vovchansk\n{paragraph}"
    )
    got = sentences(text)
    assert "Kyiv says its troops pushed back Russian units near Vovchansk" in got
    assert got.count(sentences(HEADLINED)[1]) == 2  # the paragraph's first sentence, twice


def test_a_list_of_headlines_under_a_wrapped_story_stays_a_list():
    related = (
        "Ukraine says it shot down 35 of 40 drones launched by Russia overnight\n"
        "EU prepares new sanctions package targeting liquefied natural gas\n"
        "Red Cross calls for safe access to areas hit by the fighting"
    )
    text = HEADLINED + "\n\nRelated coverage:\n" + related
    got = sentences(text)
    assert got[-4:] == ["Related coverage:", *related.splitlines()]
    assert got[:3] == sentences(HEADLINED)


def test_a_number_or_letter_at_a_line_start_inside_prose_is_no_list_item():
    text = (
        "The death toll in the city of Kharkiv rose overnight to at least\n"
        "12. Rescue workers were still searching the rubble of two apartment\n"
        "blocks on Sunday, and the regional governor said that more than\n"
        "thirty people had been taken to hospital, some of them children."
    )
    assert sentences(text) == [
        "The death toll in the city of Kharkiv rose overnight to at least\n12.",
        "Rescue workers were still searching the rubble of two apartment\n"
        "blocks on Sunday, and the regional governor said that more than\n"
        "thirty people had been taken to hospital, some of them children.",
    ]


def test_wrapped_german_with_capitalised_nouns_at_line_starts_is_recognised():
    text = (
        "Russische Truppen haben in der Nacht zum Sonntag die Außenbezirke von\n"
        "Charkiw beschossen. Nach Angaben des Gouverneurs wurden mindestens\n"
        "zwölf Menschen getötet. Die Angriffe trafen ein Kraftwerk und zwei\n"
        "Wohnblöcke im Bezirk Saltiwka, und die Armee verlegte zwei Brigaden\n"
        "in das Gebiet, wie Beamte am Sonntag mitteilten."
    )
    got = sentences(text, "de")
    assert [s.replace("\n", " ") for s in got] == [
        "Russische Truppen haben in der Nacht zum Sonntag die Außenbezirke von Charkiw beschossen.",
        "Nach Angaben des Gouverneurs wurden mindestens zwölf Menschen getötet.",
        "Die Angriffe trafen ein Kraftwerk und zwei Wohnblöcke im Bezirk Saltiwka, und die "
        "Armee verlegte zwei Brigaden in das Gebiet, wie Beamte am Sonntag mitteilten.",
    ]


def test_a_long_line_or_a_wide_headline_does_not_set_the_width():
    url = "Source: https://example.org/news/2024/03/03/" + "x" * 80
    for text in (WIRE + "\n" + url, "A" * 97 + "\n\n" + WIRE.split("\n\n", 1)[1]):
        got = sentences(text)
        assert "Russian forces shelled the outskirts of the city on Tuesday, local\n" in got[1]
    assert sentences(WIRE + "\n" + url)[-1] == url


def test_trailing_spaces_and_the_place_in_a_batch_change_nothing():
    padded = "\n".join(line.ljust(104) if line else line for line in WIRE.split("\n"))
    texts = [padded, "Short text.", padded]
    together = Tokenizer().tokenize(texts, ["en"] * 3)
    alone = Tokenizer().tokenize([padded], ["en"])[0]
    assert together[0].sentences == together[2].sentences == alone.sentences


def _every_text_looked_at(texts, kinds, doc_chars):
    """``segment._hard_breaks`` without its first cheap test: every text goes to soft_breaks."""
    line_break = kinds == seg.BREAK
    for number, text in enumerate(texts):
        for at in soft_breaks(text):
            line_break[int(doc_chars[number]) + at] = False
    return np.flatnonzero(line_break)


@st.composite
def padded_prose(draw):
    """Wrapped prose whose lines get trailing spaces (some past ``WIDEST``) and line ends of
    several kinds: the cheap first test's edge cases."""
    lines = draw(wrapped_prose())[0].split("\n")
    pads = draw(st.lists(st.integers(0, 60), min_size=len(lines), max_size=len(lines)))
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\u2028"]), min_size=len(lines)))
    rows = zip(lines, pads, ends[: len(lines)], strict=True)
    return "".join(line + " " * pad + end for line, pad, end in rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(padded_prose(), max_size=4))
def test_the_cheap_first_test_never_skips_a_wrapped_text(drawn):
    texts = [*drawn, WIRE]
    fast = seg.segment(texts)
    original = seg._hard_breaks
    seg._hard_breaks = _every_text_looked_at
    try:
        slow = seg.segment(texts)
    finally:
        seg._hard_breaks = original
    assert fast.sentence_first.tolist() == slow.sentence_first.tolist()
