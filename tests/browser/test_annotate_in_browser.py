"""A person-like annotation session in a real browser, from a fresh project to the built dataset.

Headless Chromium (Debian's package, driven by Playwright) logs in to the real Label Studio of
the test session, opens a Dutch article, marks a trigger and two arguments with the mouse, draws
role relations, ticks a modality and submits. Then ``eventset pull`` and ``eventset build`` must
turn that into exactly one event with exactly those arguments. A passing run with
``EVENTSET_REFRESH_SCREENSHOT=1`` refreshes the README's screenshot of the labeling page; other
runs leave the working tree alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ls_browser import artifacts_on_failure, chromium_page, require_chromium
from ls_labeling_page import LabelingPage
from support.labelstudio import LabelStudioServer

from eventset.annotate.client import LabelStudioClient
from eventset.annotate.importer import import_documents
from eventset.annotate.sync import sync_project
from eventset.schema import load_ontology

# ls_project deletes every project whose title came from unique_title() in the test.
pytestmark = [pytest.mark.browser, pytest.mark.labelstudio, pytest.mark.usefixtures("ls_project")]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-labeling.png"
REFRESH_ENV = "EVENTSET_REFRESH_SCREENSHOT"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DOC_ID = "nl-browser-offensief"
# Written for this test. The accented É before the spans and the „…” quotes after them check
# that offsets survive non-ASCII text. The two spaces in the name (as pasted from a PDF) are
# shown as one by the page, which then stores the span's text with one space.
ARTICLE = (
    "Vanuit het legerkamp bij Sint-Éloi beval generaal Joris  Dekker woensdag een offensief "
    "richting de hoofdstad Veldrecht. „De opmars begint vóór het weekend”, zei een woordvoerder."
)
TRIGGER = ("MilitaryOperation", "offensief")
ARGUMENTS = (("commander", "Person", "Joris  Dekker"), ("destination", "Location", "Veldrecht"))
SHOWN_NAME = "Joris Dekker"  # the text the page stores for the span of "Joris  Dekker"
MODALITY = "planned"
# The single keys Label Studio 1.23 gives the "planned" modality and the "negative" polarity
# choices of the conflict-news config. With an entity selected they must do nothing: the
# attribute choices are offered only for triggers.
ATTRIBUTE_KEYS = ("d", "x")
# A role picked by mistake and then corrected: relations take one role, so the correction
# replaces it (with several roles the build would drop the argument).
WRONG_ROLE = "agent"


def span(needle: str) -> tuple[int, int]:
    """Code-point offsets of the only occurrence of ``needle`` in the article."""
    assert ARTICLE.count(needle) == 1, needle
    start = ARTICLE.index(needle)
    return start, start + len(needle)


def test_annotation_made_in_the_browser_becomes_exactly_that_event(
    labelstudio_server: LabelStudioServer, tmp_path: Path
) -> None:
    require_chromium()
    title = labelstudio_server.unique_title("browser")
    project_id, task_id = _project_with_article(labelstudio_server.client(), title, tmp_path)

    shot = tmp_path / "labeling.png"
    # Everything runs inside the browser block so that any failure, even in the build, saves
    # the labeling page as it was.
    with (
        chromium_page(tmp_path / "chromium-profile") as page,
        artifacts_on_failure(page, tmp_path / "failure"),
    ):
        ui = LabelingPage(page, labelstudio_server.url)
        ui.log_in(labelstudio_server.username, labelstudio_server.password)
        ui.open_task(project_id, task_id, ARTICLE)
        _annotate(ui)
        ui.submit()
        _take_screenshot(ui, shot)
        dataset = _pull_and_build(labelstudio_server, title, tmp_path)
        _assert_only_the_trigger_has_attributes(tmp_path / "export.json")
        _assert_dataset_has_exactly_the_event(dataset)
    assert shot.read_bytes().startswith(PNG_SIGNATURE), "the screenshot is not a PNG"
    if os.environ.get(REFRESH_ENV) == "1":
        _publish_screenshot(shot)


def _project_with_article(client: LabelStudioClient, title: str, tmp_path: Path) -> tuple[int, int]:
    """Create the project through project sync and import the article without pre-annotations."""
    ontology = load_ontology("conflict-news")
    project = sync_project(client, title, ontology).project
    source = tmp_path / "article.jsonl"
    record = {"doc_id": DOC_ID, "lang": "nl", "text": ARTICLE}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    # No predictions: Label Studio would pre-fill the annotation with them.
    summary = import_documents(client, title, [source], ontology, preannotators=())
    assert summary.imported == 1, summary.describe()
    return project.id, client.task_doc_ids(project.id)[DOC_ID]


def _annotate(ui: LabelingPage) -> None:
    """Everything a person does for one event: spans, modality, relations with roles; also
    attribute keys pressed on an entity, and a role corrected after a wrong pick."""
    event_type, trigger_text = TRIGGER
    trigger = ui.label_span(event_type, ARTICLE, *span(trigger_text))
    arguments = [
        (role, entity_type, ui.label_span(entity_type, ARTICLE, *span(text)))
        for role, entity_type, text in ARGUMENTS
    ]
    ui.select_region(trigger)  # the attribute choices are shown only for a selected trigger
    ui.tick_choice(MODALITY)
    for _, _, region in arguments:
        ui.create_relation(trigger, region)
    for index, (role, entity_type, _) in enumerate(arguments):
        if index == 0:
            ui.label_relation(entity_type, WRONG_ROLE)
        ui.label_relation(entity_type, role)
        ui.expect_relation_role(entity_type, role)
    _, _, entity = arguments[0]
    ui.select_region(entity)
    for key in ATTRIBUTE_KEYS:
        ui.page.keyboard.press(key)


def _take_screenshot(ui: LabelingPage, path: Path) -> None:
    """The submitted annotation with the trigger selected, so its modality shows too."""
    ui.select_region(ui.region(TRIGGER[0], *span(TRIGGER[1])))
    ui.show_relations()
    ui.dismiss_notifications()
    ui.page.screenshot(path=str(path))


def _pull_and_build(server: LabelStudioServer, title: str, tmp_path: Path) -> Path:
    """``eventset pull`` then ``eventset build``, as a user runs them after annotating."""
    export, dataset = tmp_path / "export.json", tmp_path / "dataset"
    env = {"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": server.api_key}
    _eventset(["pull", "--project", title, "--out", str(export)], env)
    _eventset(["build", str(export), "--out", str(dataset)], env)
    return dataset


def _eventset(args: list[str], env: dict[str, str]) -> str:
    """Run the real ``eventset`` command line; its output is shown when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "eventset", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"eventset {args[0]} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def _assert_only_the_trigger_has_attributes(export: Path) -> None:
    """The pulled export: the one attribute value is the trigger's; the keys pressed on the
    entity set nothing."""
    (task,) = json.loads(export.read_text(encoding="utf-8"))
    (annotation,) = task["annotations"]
    result = annotation["result"]
    (trigger,) = [item for item in result if item.get("from_name") == "trigger"]
    choices = [item for item in result if item.get("type") == "choices"]
    assert [(c["id"], c["from_name"], c["value"]["choices"]) for c in choices] == [
        (trigger["id"], "modality", [MODALITY])
    ], choices
    relations = [item for item in result if item.get("type") == "relation"]
    assert sorted(tuple(r["labels"]) for r in relations) == sorted((r,) for r, _, _ in ARGUMENTS)
    # the page stores the name as it shows it; the build must still keep it (span_text_as_shown)
    (person,) = [item for item in result if item.get("value", {}).get("labels") == ["Person"]]
    assert person["value"]["text"] == SHOWN_NAME
    assert (person["value"]["start"], person["value"]["end"]) == span(ARGUMENTS[0][2])


def _assert_dataset_has_exactly_the_event(dataset: Path) -> None:
    from datasets import load_dataset

    splits = load_dataset(str(dataset), "documents")
    rows = [row for split in splits.values() for row in split]
    assert [row["doc_id"] for row in rows] == [DOC_ID]
    (row,) = rows
    assert row["text"] == ARTICLE
    assert len(row["events"]) == 1, row["events"]
    (event,) = row["events"]
    start, end = span(TRIGGER[1])
    assert event["type"] == TRIGGER[0]
    assert (event["trigger"]["text"], event["trigger"]["start"], event["trigger"]["end"]) == (
        TRIGGER[1],
        start,
        end,
    )
    assert event["modality"] == MODALITY
    found = sorted(
        (a["role"], a["entity_type"], a["text"], a["start"], a["end"]) for a in event["arguments"]
    )
    expected = sorted((role, kind, text, *span(text)) for role, kind, text in ARGUMENTS)
    assert found == expected


def _publish_screenshot(shot: Path) -> None:
    """Replace the README's screenshot atomically; only reached when everything passed."""
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    temp = SCREENSHOT.with_name(f".{SCREENSHOT.name}.tmp")
    temp.write_bytes(shot.read_bytes())
    os.replace(temp, SCREENSHOT)
