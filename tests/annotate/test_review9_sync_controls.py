"""Review 9: a sync that drops a whole control annotations use (an attribute's choices) is
refused without suggesting --force, and Label Studio's own refusal of a config is explained."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Literal

import pytest
from typer.testing import CliRunner

from eventset.annotate.client import LabelStudioClient, ProjectInfo
from eventset.annotate.config import build_label_config
from eventset.annotate.configrefusal import LabelConfigRefused, controls_in_use
from eventset.annotate.connection import Connection
from eventset.annotate.sync import sync_project, vanished_controls, with_stamp
from eventset.cli import app
from eventset.errors import LabelStudioError, OntologyError
from eventset.schema import Entity, Event, Ontology, Role

KEY = "ls-key-0123456789abcdef0123456789"
TEXT = "Ann met Bob in Paris."
# What Label Studio 1.23.2 answers (recorded): annotations, then only a draft, use `tense`.
INCOMPATIBLE = {
    "status_code": 400,
    "detail": "Validation error",
    "validation_errors": {
        "label_config": [
            "Created annotations are incompatible with provided labeling schema, we found:\n"
            "1 with from_name=tense, to_name=text, type=choices"
        ]
    },
}
DRAFT_ONLY = 'There are 1 annotation(s) created with tag "tense", you can\'t remove it'


class Person(Entity):
    """A human being."""


class Meeting(Event):
    """People meet."""

    participant: list[Person] = Role("Who meets.")
    tense: Literal["past", "future"] = "past"
    modality: Literal["asserted", "planned"] = "asserted"


class Travel(Event):
    """Someone travels."""

    traveller: list[Person] = Role("Who travels.")
    tense: Literal["past", "future"] = "past"


class MeetingNoTense(Event):
    """People meet (no tense any more)."""

    participant: list[Person] = Role("Who meets.")
    modality: Literal["asserted", "planned"] = "asserted"


class TravelNoTense(Event):
    """Someone travels (no tense any more)."""

    traveller: list[Person] = Role("Who travels.")


MeetingNoTense.__name__ = "Meeting"
TravelNoTense.__name__ = "Travel"
V1 = Ontology(name="meet", version=1, entities=[Person], events=[Meeting, Travel])
V2 = Ontology(name="meet", version=2, entities=[Person], events=[MeetingNoTense, TravelNoTense])
# Travel keeps tense: the control stays, only Meeting loses it (that --force can take away)
V3 = Ontology(name="meet", version=3, entities=[Person], events=[MeetingNoTense, Travel])


def _annotation(tense: str = "past", modality: str | None = None) -> dict[str, Any]:
    region = {"start": 4, "end": 7, "text": "met"}
    result: list[dict[str, Any]] = [
        {"id": "t1", "type": "labels", "from_name": "trigger", "to_name": "text",
         "value": {**region, "labels": ["Meeting"]}},
        {"id": "t1", "type": "choices", "from_name": "tense", "to_name": "text",
         "value": {**region, "choices": [tense]}},
    ]  # fmt: skip
    if modality:
        result.append(
            {"id": "t1", "type": "choices", "from_name": "modality", "to_name": "text",
             "value": {**region, "choices": [modality]}}
        )  # fmt: skip
    return {"result": result}


class FakeClient:
    """What ``sync_project`` calls: one project synced from V1 whose tasks use ``tense``."""

    def __init__(self, tasks: list[dict[str, Any]], refuse: list[str] | None = None) -> None:
        self.project = ProjectInfo(3, "meetings", with_stamp("", V1), build_label_config(V1))
        self.tasks = tasks
        self.refuse = refuse
        self.updates: list[dict[str, Any]] = []

    def find_project(self, title: str) -> ProjectInfo:
        return self.project

    def export_raw(self, project_id: int) -> Iterator[bytes]:
        yield json.dumps(self.tasks).encode()

    def prediction_results(self, project_id: int) -> list[list[Any]]:
        return []

    def update_project(self, project_id: int, **changes: Any) -> ProjectInfo:
        if self.refuse:
            raise LabelConfigRefused("HTTP 400", reasons=self.refuse)
        self.updates.append(changes)
        return self.project


def _task(task_id: int, doc_id: str, kind: str = "annotations", **choices: Any):
    return {"id": task_id, "data": {"text": TEXT, "doc_id": doc_id}, kind: [_annotation(**choices)]}


@pytest.mark.parametrize("force", [False, True])
def test_removing_an_attribute_in_use_is_refused_without_suggesting_force(force):
    client = FakeClient([_task(12, "a"), _task(13, "b", "drafts", tense="future")])
    with pytest.raises(OntologyError) as refused:
        sync_project(client, "meetings", V2, force=force)  # type: ignore[arg-type]
    message, remedy = refused.value.message, str(refused.value.remedy)
    assert "attribute 'tense': 'future' (used 1 time), 'past' (used 1 time)" in message
    assert "in task 12 (doc id 'a'), task 13 (doc id 'b')" in message
    assert "Label Studio refuses a labeling config without a control" in message
    assert "--force cannot update it either" in message
    assert "--force" not in remedy
    assert "keep the attribute 'tense' in the ontology" in remedy
    assert "delete those choices" in remedy
    assert client.updates == []  # nothing was sent


def test_other_values_in_use_are_listed_beside_the_control():
    client = FakeClient([_task(12, "a", modality="planned")])
    drops_planned = Ontology(name="meet", version=4, entities=[Person], events=[TravelNoTense])
    with pytest.raises(OntologyError) as refused:
        sync_project(client, "meetings", drops_planned)  # type: ignore[arg-type]
    message = refused.value.message
    assert "attribute 'tense': 'past' (used 1 time)" in message
    assert "attribute 'modality': 'planned' (used 1 time)" in message  # a control too
    assert "also in use and no longer offered (--force can take these away):" in message
    assert "trigger 'Meeting' (used 1 time)" in message


def test_a_control_that_stays_is_still_a_force_matter():
    client = FakeClient([_task(12, "a")])
    with pytest.raises(OntologyError, match="pass --force to update anyway"):
        sync_project(client, "meetings", V3)  # type: ignore[arg-type]
    forced = sync_project(client, "meetings", V3, force=True)  # type: ignore[arg-type]
    assert forced.action == "updated" and len(client.updates) == 1


def test_an_unused_control_may_go():
    client = FakeClient([{"id": 1, "data": {"text": TEXT}, "annotations": []}])
    assert sync_project(client, "meetings", V2).action == "updated"  # type: ignore[arg-type]


def test_vanished_controls_ignore_relations_and_kept_controls():
    usage = {("relation", "venue"): 1, ("tense", "past"): 2, ("trigger", "Meeting"): 3}
    [gone] = vanished_controls(usage, build_label_config(V2))  # type: ignore[arg-type]
    assert (gone.tag, gone.value, gone.count) == ("tense", "past", 2)


@pytest.mark.parametrize(
    "reasons", [INCOMPATIBLE["validation_errors"]["label_config"], [DRAFT_ONLY]]
)
def test_label_studios_refusal_names_the_control_it_says_is_in_use(reasons):
    # Should the check above miss something, Label Studio's 400 is explained, not passed on
    # with "read the message above".
    client = FakeClient([], refuse=reasons)
    with pytest.raises(LabelStudioError) as refused:
        sync_project(client, "meetings", V2, force=True)  # type: ignore[arg-type]
    message, remedy = refused.value.message, str(refused.value.remedy)
    assert "Label Studio refused the new labeling config of project 'meetings'" in message
    assert "- attribute 'tense': 1 " in message
    assert "keep the attribute 'tense' in the ontology" in remedy
    assert "read the message above" not in remedy


def test_the_labels_label_studio_names_are_read_too():
    reasons = [
        "These labels still exist in annotations or drafts:\nMeeting (2 annotations)\n"
        'Please add labels to tag with name="trigger".'
    ]
    assert controls_in_use(reasons) == [("trigger", "labels Meeting (2 annotations)")]
    assert controls_in_use(["something else"]) == []


class _Refusing(BaseHTTPRequestHandler):
    """Answers every PATCH as Label Studio 1.23 does to a config without a control in use."""

    body: ClassVar[bytes] = json.dumps(INCOMPATIBLE).encode()

    def do_PATCH(self) -> None:
        self.send_response(400)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def test_the_client_raises_a_config_refusal_with_label_studios_reasons():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = LabelStudioClient(Connection(f"http://127.0.0.1:{server.server_port}", KEY))
        with pytest.raises(LabelConfigRefused) as refused:
            client.update_project(3, label_config="<View/>")
    finally:
        server.shutdown()
    assert refused.value.reasons == tuple(INCOMPATIBLE["validation_errors"]["label_config"])
    assert "HTTP 400" in refused.value.message


def test_the_cli_prints_the_refusal_and_exits_1(monkeypatch):
    import eventset.cli.project as project_cli
    import eventset.schema as schema

    client = FakeClient([_task(12, "a")])
    monkeypatch.setattr(project_cli, "connect", lambda *args: client)
    monkeypatch.setattr(schema, "load_ontology", lambda _: V2)  # imported by the command
    result = CliRunner().invoke(app, ["project", "sync", "--title", "meetings", "--force"])
    assert result.exit_code == 1
    assert "Error: syncing project 'meetings' from meet v1 to meet v2" in result.output
    assert "--force cannot update it either" in result.output
