"""Pure sync logic: stamps, offered values, usage counts, orphans."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eventset.annotate.config import build_label_config
from eventset.annotate.sync import (
    config_values,
    find_orphans,
    label_usage,
    parse_stamp,
    stamp,
    with_stamp,
)
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
RECORDED = Path(__file__).parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"


def test_stamp_round_trip_and_replacement_keeps_other_text():
    described = with_stamp("Team notes\nline two", ONTO)
    assert described.splitlines()[:2] == ["Team notes", "line two"]
    assert parse_stamp(described) == ("conflict-news", str(ONTO.version), ONTO.content_hash)
    again = with_stamp(described, ONTO)
    assert again == described and again.count("eventset ontology:") == 1
    assert parse_stamp("no stamp here") is None
    assert stamp(ONTO).endswith(ONTO.content_hash)


def test_config_values_of_the_generated_config():
    values = config_values(build_label_config(ONTO))
    assert values["trigger"] == set(ONTO.event_types)
    assert values["entity"] == set(ONTO.entity_types)
    assert values["relation"] == {*ONTO.role_names, "same_as"}
    assert values["modality"] == {"asserted", "planned", "hypothetical", "uncertain"}


def test_usage_counts_annotations_and_drafts_not_predictions():
    tasks = [
        {
            "annotations": [
                {
                    "result": [
                        {
                            "id": "a",
                            "type": "labels",
                            "from_name": "trigger",
                            "value": {"labels": ["X"]},
                        },
                        {
                            "id": "a",
                            "type": "choices",
                            "from_name": "modality",
                            "value": {"choices": ["planned"]},
                        },
                        {
                            "type": "relation",
                            "from_id": "a",
                            "to_id": "b",
                            "labels": ["agent", "target"],
                        },
                        {"type": "relation", "from_id": "a", "to_id": "b", "labels": []},
                    ]
                }
            ],
            "drafts": [
                {
                    "result": [
                        {
                            "id": "d",
                            "type": "labels",
                            "from_name": "trigger",
                            "value": {"labels": ["X"]},
                        }
                    ]
                }
            ],
            "predictions": [
                {
                    "result": [
                        {
                            "id": "p",
                            "type": "labels",
                            "from_name": "trigger",
                            "value": {"labels": ["P"]},
                        }
                    ]
                }
            ],
        }
    ]
    assert label_usage(tasks) == Counter(
        {
            ("trigger", "X"): 2,
            ("modality", "planned"): 1,
            ("relation", "agent"): 1,
            ("relation", "target"): 1,
        }
    )


def test_orphans_of_the_recorded_export_against_the_current_config():
    tasks = json.loads(RECORDED.read_text(encoding="utf-8"))
    orphans = find_orphans(label_usage(tasks), build_label_config(ONTO))
    # The fixture deliberately uses one unknown trigger label.
    assert [(o.tag, o.value, o.count) for o in orphans] == [("trigger", "Bombing", 1)]


def test_removing_a_type_orphans_it():
    usage = Counter({("trigger", "Support"): 3, ("relation", "supporter"): 2})
    xml = (
        '<View><Labels name="trigger"><Label value="Training"/></Labels><Relations>'
        '<Relation value="trainer"/></Relations></View>'
    )
    assert [o.describe() for o in find_orphans(usage, xml)] == [
        "relation 'supporter' (used 2 times)",
        "trigger 'Support' (used 3 times)",
    ]


def test_a_stamp_of_an_ontology_whose_name_has_spaces_round_trips():
    from eventset.schema import Ontology

    spaced = Ontology(
        name="conflict news v2 draft",
        version=3,
        entities=ONTO.entities,
        events=ONTO.events,
    )
    described = with_stamp("Team notes", spaced)
    assert parse_stamp(described) == ("conflict news v2 draft", "3", spaced.content_hash)
    again = with_stamp(described, spaced)
    assert again == described and again.count("eventset ontology:") == 1


def _region(rid, control, label):
    return {"id": rid, "type": "labels", "from_name": control, "value": {"labels": [label]}}


def test_role_usage_reads_arguments_either_way_round_and_skips_same_as():
    from eventset.annotate.sync import role_usage

    result = [
        _region("t", "trigger", "MilitaryOperation"),
        _region("a", "entity", "ArmedGroup"),
        _region("b", "entity", "Location"),
        {"type": "relation", "from_id": "t", "to_id": "a", "labels": ["agent"]},
        {"type": "relation", "from_id": "b", "to_id": "t", "labels": ["target"]},  # drawn back
        {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["same_as"]},
        {"type": "relation", "from_id": "t", "to_id": "gone", "labels": ["place"]},
    ]
    tasks = [{"annotations": [{"result": result}], "drafts": [{"result": result[:4]}]}]
    assert role_usage(tasks) == Counter(
        {
            ("MilitaryOperation", "agent", "ArmedGroup"): 2,
            ("MilitaryOperation", "target", "Location"): 1,
        }
    )


def test_role_orphans_are_arguments_the_new_ontology_refuses_where_names_survive():
    from eventset.annotate.sync import role_orphans

    operation = ONTO.event_type("MilitaryOperation")
    role = operation.roles[0]
    other = next(name for name in ONTO.entity_types if name not in role.allowed)
    usage = Counter(
        {
            ("MilitaryOperation", role.name, role.allowed[0]): 3,  # allowed: no orphan
            ("MilitaryOperation", role.name, other): 2,  # a type the role does not take
            ("MilitaryOperation", "participant", role.allowed[0]): 1,  # a role of other types
            ("Vanished", role.name, role.allowed[0]): 4,  # event type gone: a label orphan
            ("MilitaryOperation", "nosuchrole", role.allowed[0]): 5,  # role gone: label orphan
        }
    )
    assert "participant" in ONTO.role_names and "participant" not in [
        r.name for r in operation.roles
    ]
    found = {(o.tag, o.value, o.count) for o in role_orphans(usage, ONTO)}
    assert found == {
        ("role filler", f"MilitaryOperation.{role.name} <- {other}", 2),
        ("role", "MilitaryOperation.participant", 1),
    }


def test_a_refusal_between_two_contents_of_one_version_shows_both_hashes():
    from eventset.annotate.client import ProjectInfo
    from eventset.annotate.sync import Orphan, _refusal

    project = ProjectInfo(1, "T", with_stamp("", ONTO).replace(ONTO.content_hash, "ab" * 32), "")
    message = str(_refusal("T", project, ONTO, [Orphan("trigger", "Old", 2)]))
    version = f"conflict-news v{ONTO.version}"
    assert f"from {version} ({'ab' * 6}) to {version} ({ONTO.short_hash};" in message


def _vote(choice_id: str = "t") -> list[dict]:
    return [
        {"id": "t", "type": "labels", "from_name": "trigger", "value": {"labels": ["Vote"]}},
        {"id": choice_id, "type": "choices", "from_name": "modality", "value": {"choices": ["p"]}},
        {"id": "e", "type": "labels", "from_name": "entity", "value": {"labels": ["City"]}},
        {"id": "e", "type": "choices", "from_name": "modality", "value": {"choices": ["x"]}},
    ]


def test_attribute_usage_counts_choices_on_triggers_by_event_type():
    from eventset.annotate.sync import attribute_usage

    tasks = [{"annotations": [{"result": _vote()}], "drafts": [{"result": _vote()}]}]
    assert attribute_usage(tasks) == {("Vote", "modality", "p"): 2}  # not the entity's choice
    assert attribute_usage([{"annotations": [{"result": _vote("other")}]}]) == {}


def test_attribute_orphans_name_a_value_its_event_type_lost_while_another_keeps_it():
    from typing import Literal

    from eventset.annotate.sync import attribute_orphans
    from eventset.schema import Event, Ontology

    class Vote(Event):
        """A vote."""

    class Recount(Event):
        """A recount."""

        modality: Literal["p", "q"] = "p"

    usage = Counter({("Vote", "modality", "p"): 3, ("Recount", "modality", "p"): 1})
    lost = Ontology(name="v", version=1, entities=[], events=[Vote, Recount])
    assert [o.describe() for o in attribute_orphans(usage, lost)] == [
        "attribute 'Vote.modality=p' (used 3 times)"
    ]
    kept = Ontology(name="v", version=3, entities=[], events=[Recount])
    assert attribute_orphans(usage, kept) == []  # Vote is gone: a label orphan, not this


def test_only_values_the_current_config_offers_can_be_orphaned_by_an_update():
    from eventset.annotate.sync import find_orphans

    usage = Counter({("trigger", "Gone"): 2, ("trigger", "Kept"): 1, ("trigger", "Dropped"): 3})
    current = (
        '<View><Labels name="trigger"><Label value="Kept"/><Label value="Dropped"/></Labels></View>'
    )
    new = '<View><Labels name="trigger"><Label value="Kept"/></Labels></View>'
    assert [o.value for o in find_orphans(usage, new, current)] == ["Dropped"]
    assert [o.value for o in find_orphans(usage, new)] == ["Dropped", "Gone"]  # no config known


def test_attribute_types_read_when_label_value_or_every_trigger():
    from eventset.annotate.typediff import attribute_types

    config = (
        '<View><Labels name="trigger"><Label value="A"/><Label value="B"/></Labels>'
        '<Choices name="modality" whenLabelValue="A"/><Choices name="polarity"/></View>'
    )
    assert attribute_types(config) == {"modality": {"A"}, "polarity": {"A", "B"}}


def test_a_role_missing_from_an_event_type_is_one_warning_whatever_its_fillers():
    from eventset.annotate.sync import role_orphans

    usage = Counter({("Meeting", "venue", "Place"): 1, ("Meeting", "venue", "Person"): 2})
    from eventset.schema import load_ontology

    onto = load_ontology("conflict-news")
    assert role_orphans(usage, onto) == []  # no such event type here
    usage = Counter(
        {("Appointment", "weapon", "Weapon"): 1, ("Appointment", "weapon", "Person"): 2}
    )
    assert [o.describe() for o in role_orphans(usage, onto)] == [
        "role 'Appointment.weapon' (used 3 times)"
    ]


def test_a_current_config_that_is_not_xml_counts_as_offering_everything():
    from eventset.annotate.sync import find_orphans

    usage = Counter({("trigger", "Gone"): 1})
    new = '<View><Labels name="trigger"><Label value="Kept"/></Labels></View>'
    for current in ("<View>", "not xml"):
        assert [o.value for o in find_orphans(usage, new, current)] == ["Gone"]


def test_an_update_to_another_ontology_or_an_older_version_is_named():
    from eventset.annotate.sync import _step
    from eventset.schema import load_ontology

    onto = load_ontology("conflict-news")
    newer = str(int(onto.version) + 1)
    assert _step(("conflict-news", newer, "h"), onto) == (
        f"the project was synced from conflict-news v{newer}, newer than v{onto.version}"
    )
    assert _step(("sieges", "1", "h"), onto).startswith(
        "the project was synced from ontology 'sieges'"
    )
    assert _step(("conflict-news", "1", "h"), onto) == ""  # an ordinary update
    assert _step(("conflict-news", "draft", "h"), onto) == ""  # versions that are not numbers
    assert _step(None, onto) == ""
