"""Synthetic news articles with known spans: the ground truth the export generator annotates.

Offsets are Python ``str`` indices (Unicode code points), as in Label Studio.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from bench.vocab import ENTITIES, FILLER, HEADLINES, TEMPLATES

EVENTS_PER_ARTICLE = 5
_SLOT = re.compile(r"\{([\w-]+):([^}]+)\}")


@dataclass(frozen=True)
class Span:
    """A labelled character span ``text[start:end]``."""

    start: int
    end: int
    text: str
    label: str


@dataclass
class GoldEvent:
    """A trigger plus (role, index into ``Article.entities``) arguments."""

    trigger: Span
    arguments: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Article:
    """A document with its gold entities and events."""

    doc_id: str
    lang: str
    title: str
    text: str
    entities: list[Span]
    events: list[GoldEvent]


class _Builder:
    """Appends text pieces while recording where each labelled piece lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[Span] = []
        self.events: list[GoldEvent] = []

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add_event(self, rng: random.Random, lang: str, event_type: str) -> None:
        template = rng.choice(TEMPLATES[lang][event_type])
        event = GoldEvent(trigger=Span(0, 0, "", event_type))
        cursor = 0
        for match in _SLOT.finditer(template):
            self.add(template[cursor : match.start()])
            cursor = match.end()
            slot, spec = match.groups()
            choice = rng.choice(spec.split("|"))
            if slot == "T":
                start = self.add(choice)
                event.trigger = Span(start, start + len(choice), choice, event_type)
                continue
            words = rng.choice(ENTITIES[lang][choice])
            start = self.add(words)
            self.entities.append(Span(start, start + len(words), words, choice))
            # Annotators leave about one argument in five unlinked.
            if slot != "-" and rng.random() >= 0.2:
                event.arguments.append((slot, len(self.entities) - 1))
        self.add(template[cursor:])
        self.events.append(event)


def make_article(rng: random.Random, index: int) -> Article:
    """One article of 1.5-5 KB (UTF-8) with ``EVENTS_PER_ARTICLE`` annotated event sentences.

    Example:
        >>> article = make_article(random.Random(7), 0)
        >>> all(article.text[s.start : s.end] == s.text for s in article.entities)
        True
    """
    lang = "nl" if rng.random() < 0.4 else "en"
    # Event sentences and the title take about 800 bytes; the rest is filler.
    target_bytes = rng.randint(1500, 4900)
    title = rng.choice(HEADLINES[lang])
    builder = _Builder()
    builder.add(title + "\n\n")
    event_types = list(TEMPLATES[lang])
    # Spread the event sentences over the article instead of bunching them at the top.
    filler_budget = max(0, target_bytes - 850)
    per_gap = filler_budget // (EVENTS_PER_ARTICLE + 1)
    for _ in range(EVENTS_PER_ARTICLE):
        _add_filler(rng, lang, builder, per_gap)
        builder.add_event(rng, lang, rng.choice(event_types))
        builder.add(" ")
    text = "".join(builder.parts)
    while len(text.encode("utf-8")) < target_bytes:
        text += rng.choice(FILLER[lang]) + " "
    return Article(
        doc_id=f"{lang}-{index:07d}",
        lang=lang,
        title=title,
        text=text.rstrip(" ") + "\n",
        entities=builder.entities,
        events=builder.events,
    )


def _add_filler(rng: random.Random, lang: str, builder: _Builder, budget: int) -> None:
    used = 0
    while used < budget:
        sentence = rng.choice(FILLER[lang])
        builder.add(sentence + (" " if rng.random() < 0.8 else "\n\n"))
        used += len(sentence.encode("utf-8")) + 1
