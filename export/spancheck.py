"""Whether a region's span can be used: inside the text, matching it, not blank, no whitespace at
its edges; a span stored as Label Studio's labeling page showed it is read from the document.

Each problem is named by an issue in the resolving context: an unusable span is left out
(``span_out_of_range``, ``span_blank``, ``span_text_mismatch``); a usable one that needed the
document's characters (``span_text_as_shown``) or lost whitespace at its edges (``span_trimmed``)
is kept with an info issue. ``resolve_annotation`` calls ``checked_span`` only for spans that
are not plainly usable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msgspec.structs import replace

from eventset.annotate.parsed import Region

if TYPE_CHECKING:
    from eventset.export.resolve import Context


def checked_span(ctx: Context, region: Region) -> Region | None:
    """``region`` with a usable span (corrected or trimmed, with an info issue), or None after
    reporting why its span is unusable."""
    text = ctx.task.text
    if not (
        0 <= region.start < region.end <= len(text)
        and text[region.start : region.end] == region.text
    ) or (region.text.isspace()):
        usable = _unusual_span(ctx, region)
        if usable is None:
            return None
        region = usable
    if region.text[0].isspace() or region.text[-1].isspace():
        region = _trimmed(ctx, region)
    return region


# Label Studio's labeling page stores a span's text as the page shows it: each line break as
# the two characters \ and n, runs of spaces and tabs as one space, sometimes a line break past
# the span's end. The offsets are right; such a text is compared with its whitespace evened out.
_SHOWN_BREAK = re.compile(r"\\[nr]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def _unusual_span(ctx: Context, region: Region) -> Region | None:
    """``region`` with the document's own text when its stored text is the labeling page's
    display of it (an info issue says so); otherwise None, after reporting why it is unusable."""
    text = ctx.task.text
    if 0 <= region.start < region.end <= len(text):
        actual = text[region.start : region.end]
        shown = _WHITESPACE.sub(" ", _SHOWN_BREAK.sub(" ", region.text)).strip()
        if shown and shown == _WHITESPACE.sub(" ", actual).strip():
            ctx.issue(
                "span_text_as_shown",
                f"span text {region.text!r} is how Label Studio showed text[{region.start}:"
                f"{region.end}] = {actual!r} (line breaks, tabs or repeated spaces shown "
                "differently); the document's characters at these offsets are used",
                region.id,
                "nothing",
                "info",
            )
            return replace(region, text=actual)
    _refuse_span(ctx, region)
    return None


def _refuse_span(ctx: Context, region: Region) -> None:
    """Report why ``region``'s span is unusable (its caller found it so)."""
    what = "event" if region.trigger else "entity" if region.entity else "nothing"
    text = ctx.task.text
    inside = 0 <= region.start < region.end <= len(text)
    # Its labels still tell whether the export fits the ontology (see ``Resolved.known``).
    is_event = any(label in ctx.ontology.event_types for label in region.trigger)
    ctx.known += is_event + any(label in ctx.ontology.entity_types for label in region.entity)
    ctx.known_events += is_event
    if not inside:
        ctx.issue(
            "span_out_of_range",
            f"offsets {region.start}..{region.end} are reversed, empty or outside the "
            f"text ({len(text)} characters)",
            region.id,
            what,
        )
    elif text[region.start : region.end].isspace():
        ctx.issue(
            "span_blank",
            f"span {region.start}..{region.end} holds only whitespace "
            f"({text[region.start : region.end]!r}); a "
            "mention needs at least one word or sign",
            region.id,
            what,
        )
    else:
        ctx.issue(
            "span_text_mismatch",
            f"span text {region.text!r} differs from text[{region.start}:{region.end}] = "
            f"{text[region.start : region.end]!r}",
            region.id,
            what,
        )


def _trimmed(ctx: Context, region: Region) -> Region:
    """``region`` without the whitespace at its edges (a selection that took the space after a
    word), named by an info issue; the ``raw`` config keeps the span as drawn."""
    kept = region.text.strip()
    start = region.start + len(region.text) - len(region.text.lstrip())
    end = start + len(kept)
    ctx.issue(
        "span_trimmed",
        f"span {region.text!r} at {region.start}..{region.end} has whitespace at its edge: "
        f"used as {kept!r} at {start}..{end}",
        region.id,
        "nothing",
        "info",
    )
    return replace(region, start=start, end=end, text=kept)
