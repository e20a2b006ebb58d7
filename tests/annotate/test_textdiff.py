"""How two texts under one doc id differ, as an import's conflict message says it."""

from __future__ import annotations

import pytest

from eventset.annotate.importer import EXPLAINED_CONFLICTS, ImportSummary, _new_documents
from eventset.annotate.tasks import Document, content_key
from eventset.annotate.textdiff import text_difference


@pytest.mark.parametrize(
    ("project", "new", "expected"),
    [
        (
            "Troops left.\nTalks began.",
            "Troops left.\r\nTalks began.",
            "line endings (the project's text has 1 \\n, the new one 1 \\r\\n)",
        ),
        (
            "Talks in Bogot\u00e1.",
            "Talks in Bogota\u0301.",
            "Unicode normalisation (the same letters, composed differently: the project's "
            "text is NFC, the new one not NFC (e.g. NFD))",
        ),
        ("Talks began.", "Talks began.\n", "whitespace at the start or end"),
        ("Talks began.", " Talks began.", "whitespace at the start or end"),
        (
            "Talks\u00a0began in Oslo.",
            "Talks began in  Oslo.",
            "whitespace between words (spaces, tabs, non-breaking spaces or line breaks)",
        ),
    ],
)
def test_an_invisible_difference_is_named(project, new, expected):
    assert project != new
    assert text_difference(project, new) == f"they differ only in {expected}"


def test_a_visible_difference_is_shown_where_it_starts():
    project = "The army shelled Kharkiv on Monday, officials said, and a ceasefire failed."
    new = project.replace("Monday", "Tuesday")
    message = text_difference(project, new)
    at = project.index("Monday")
    assert message.startswith(
        f"they first differ at offset {at} (the project's text has {len(project)} characters, "
        f"the new one {len(new)})"
    )
    assert "project ...'army shelled Kharkiv on Monday, officials said, '..." in message
    assert "new ...'army shelled Kharkiv on Tuesday, officials said,'..." in message


def test_a_text_that_goes_on_is_shown_at_the_end_of_the_shorter_one():
    message = text_difference("Talks began.", "Talks began. They ended at noon.")
    assert message.startswith("they first differ at offset 12 ")
    assert "project 'Talks began.', new 'Talks began. They ended at noon.'" in message


def test_invisible_characters_show_in_the_excerpt():
    message = text_difference("Kyiv said no.", "Kyiv\u200b said no.")
    assert "offset 4" in message and "\\u200b" in message


def test_conflicts_with_the_project_keep_their_text_for_the_comparison():
    existing = {f"d{i}": content_key(f"old {i}") for i in range(EXPLAINED_CONFLICTS + 3)}
    docs = [Document(f"new {i}", f"d{i}") for i in range(EXPLAINED_CONFLICTS + 3)]
    docs.append(Document("new 0 again", "d0"))
    summary, clashes = ImportSummary(), []
    assert list(_new_documents(docs, existing, summary, None, clashes)) == []
    assert len(clashes) == EXPLAINED_CONFLICTS  # bounded: the texts are held in memory
    assert clashes[0] == ("d0", 0, "new 0")
    assert len(summary.conflicts["d0"]) == 2  # the second text of d0 is listed too
