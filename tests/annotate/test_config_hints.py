"""A label's tooltip is the first text paragraph of its docstring, without Markdown markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from eventset import Entity, Event, Ontology, Role
from eventset.annotate.config import build_label_config, hint


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("A vote is held.\n\n# Scope\n\nOnly public votes.", "A vote is held."),
        ("# Definition\n\nA vote is held.", "A vote is held."),
        ("# Definition\nA vote\n  is held.", "A vote is held."),
        ("Definition\n==========\n\nA vote is held.", "A vote is held."),
        ("```\ncode\n```\n\nA vote is held.", "A vote is held."),
        ("    A vote is held\n    by citizens.\n\n    More.", "A vote is held by citizens."),
        ("#hashtag politics is text, not a heading.", "#hashtag politics is text, not a heading."),
        ("", ""),
        (None, ""),
        ("# Only a heading", ""),
        # setext headings inside a paragraph: the heading line goes with its underline
        ("Scope\n=====\nForces surround a city.", "Forces surround a city."),
        ("Scope\n-----\nForces surround a city.", "Forces surround a city."),
        ("Scope of\nthe type\n===\nForces surround a city.", "Forces surround a city."),
        ("Scope\n  ---  \n\nForces surround a city.", "Forces surround a city."),
        ("Forces surround a city.\n\nScope\n=====\nMore.", "Forces surround a city."),
        # fenced code blocks, also across blank lines, closed only by a matching fence
        ("```\ncode\n\nmore code\n```\n\nForces surround a city.", "Forces surround a city."),
        ("~~~\ncode\n\n```\nstill code\n~~~\nForces surround a city.", "Forces surround a city."),
        (
            "````\ncode\n```\n\nstill code\n````\n\nForces surround a city.",
            "Forces surround a city.",
        ),
        (
            "```python\nx = 1\n``` not a fence\n\ncode\n```\nForces surround a city.",
            "Forces surround a city.",
        ),
        ("```\nnever closed\n\nstill code", ""),
        # a heading or a fence ends the paragraph; a setext heading after text is left out
        ("Forces surround a city.\n# Scope\nOnly sieges.", "Forces surround a city."),
        ("Forces surround\na city.\n```\ncode\n```", "Forces surround a city."),
        ("# Scope\n\n## Definition\n\n---\n\nForces surround a city.", "Forces surround a city."),
    ],
)
def test_hint_is_the_first_text_paragraph(doc, expected):
    assert hint(doc) == expected


def test_the_config_hints_leave_markdown_headings_out():
    class Voter(Entity):
        """A person who votes.

        ## Includes
        Postal voters."""

    class Vote(Event):
        """People vote.

        # Scope
        Only public votes."""

        voter: list[Voter] = Role("Who votes.")

    root = ET.fromstring(
        build_label_config(Ontology(name="votes", version=1, entities=[Voter], events=[Vote]))
    )
    hints = {label.get("value"): label.get("hint") for label in root.iter("Label")}
    assert hints == {"Vote": "People vote.", "Voter": "A person who votes."}


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("An attack plan.\n- item one\n---\nmore", "An attack plan."),
        ("***\n\nPara", "Para"),
        ("A vote.\n1. first\n2. second", "A vote."),
        ("___\nA vote.", "A vote."),
    ],
)
def test_lists_and_thematic_breaks_end_or_precede_the_hint(doc, expected):
    assert hint(doc) == expected
