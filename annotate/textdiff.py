"""Say how two texts that should be one document differ (an import's doc id conflicts).

Two versions of an article often look the same and differ in something invisible; naming it
(and where the first visible difference is) tells the user whether to keep the project's
version or to give the new one its own doc id.

Example:
    >>> text_difference("Troops left.\\n", "Troops left.\\r\\n")
    "they differ only in line endings (the project's text has 1 \\\\n, the new one 1 \\\\r\\\\n)"
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from eventset.annotate.importbatches import DOC_ID_KEY
from eventset.errors import LabelStudioError

if TYPE_CHECKING:
    from eventset.annotate.client import LabelStudioClient

CONTEXT = 24  # characters shown on each side of the first difference
# A conflict with the project: doc id, its place in the list of its conflicts, the new text
Clash = tuple[str, int, str]


def explain_conflicts(
    client: LabelStudioClient,
    project_id: int,
    conflicts: dict[str, list[str]],
    clashes: list[Clash],
    notes: list[str],
) -> None:
    """Add to each conflict of ``clashes`` how its text differs from the project's.

    The import keeps only hashes of the project's texts, so the tasks are listed once more, and
    only when there is a conflict; the last task of a doc id counts, as in the hashes. Should
    that fail, the conflicts stay as they are and ``notes`` says why: the import itself is done.
    """
    wanted = {doc_id for doc_id, _, _ in clashes}
    if not wanted:
        return
    stored: dict[str, str] = {}
    try:
        for task in client.iter_tasks(project_id):
            data = task.get("data") or {}
            if DOC_ID_KEY in data and str(data[DOC_ID_KEY]) in wanted:
                stored[str(data[DOC_ID_KEY])] = str(data.get("text", ""))
    except LabelStudioError as exc:
        notes.append(f"the project's texts could not be read back to say how they differ: {exc}")
        return
    for doc_id, index, text in clashes:
        if doc_id in stored and stored[doc_id] != text:
            conflicts[doc_id][index] += f": {text_difference(stored[doc_id], text)}"


def text_difference(project: str, new: str) -> str:
    """One sentence naming how ``new`` differs from ``project`` (which must differ)."""
    kind = _invisible(project, new)
    if kind is not None:
        return f"they differ only in {kind}"
    at = _first_difference(project, new)
    return (
        f"they first differ at offset {at} (the project's text has {len(project)} characters, "
        f"the new one {len(new)}): project {_excerpt(project, at)}, new {_excerpt(new, at)}"
    )


def _invisible(project: str, new: str) -> str | None:
    """The kind of invisible difference that accounts for all of it, if one does."""
    if _line_ends(project) == _line_ends(new):
        ends = f"the project's text has {_endings(project)}, the new one {_endings(new)}"
        return f"line endings ({ends})"
    if unicodedata.normalize("NFC", project) == unicodedata.normalize("NFC", new):
        return (
            "Unicode normalisation (the same letters, composed differently: the project's text "
            f"is {_form(project)}, the new one {_form(new)})"
        )
    if project.strip() == new.strip():
        return "whitespace at the start or end"
    if project.split() == new.split():
        return "whitespace between words (spaces, tabs, non-breaking spaces or line breaks)"
    return None


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _endings(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {"\\r\\n": crlf, "\\r": text.count("\r") - crlf, "\\n": text.count("\n") - crlf}
    return ", ".join(f"{n} {name}" for name, n in counts.items() if n) or "none"


def _form(text: str) -> str:
    return "NFC" if unicodedata.is_normalized("NFC", text) else "not NFC (e.g. NFD)"


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _excerpt(text: str, at: int) -> str:
    """``repr`` of the text around ``at`` (so invisible characters show), with ellipses."""
    start, end = max(at - CONTEXT, 0), min(at + CONTEXT, len(text))
    shown = repr(text[start:end]) if end > start else "(end of text)"
    return f"{'...' if start else ''}{shown}{'...' if end < len(text) else ''}"
