"""Reusable event attribute types.

Attributes are per-trigger values chosen by the annotator. Any field of an event class whose type is
a ``Literal`` of strings or a string ``Enum``, and that has a default, is an attribute.
"""

from __future__ import annotations

from typing import Literal

Modality = Literal["asserted", "planned", "hypothetical", "uncertain"]
"""Whether the event happened (asserted), is intended (planned), is a condition (hypothetical)
or is reported without certainty (uncertain)."""

Polarity = Literal["positive", "negative"]
"""Whether the text says the event took place (positive) or explicitly did not (negative)."""
