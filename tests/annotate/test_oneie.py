"""The OneIE/WikiEvents reader: token -> char offsets, mapping, sentence records, errors."""

from __future__ import annotations

import json

import pytest

from eventset.annotate.oneie import Mapping, OneIEPreAnnotator, token_offsets
from eventset.annotate.tasks import Document
from eventset.errors import InputError
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
DOC = "Rebels attacked Goma. Kinshasa sent troops."


def _sentence(tokens, entities, events, sent_id):
    return {
        "doc_id": "d1",
        "sent_id": sent_id,
        "tokens": tokens,
        "entity_mentions": entities,
        "event_mentions": events,
    }


RECORDS = [
    _sentence(
        ["Rebels", "attacked", "Goma", "."],
        [
            {"id": "e1", "entity_type": "REB", "start": 0, "end": 1},
            {"id": "e2", "entity_type": "GPE", "start": 2, "end": 3},
        ],
        [
            {
                "id": "v1",
                "event_type": "Conflict:Attack",
                "trigger": {"start": 1, "end": 2},
                "arguments": [
                    {"entity_id": "e1", "role": "Attacker"},
                    {"entity_id": "e2", "role": "Place"},
                    {"entity_id": "e2", "role": "Victim"},
                ],
            }
        ],
        "s0",
    ),
    _sentence(
        ["Kinshasa", "sent", "troops", "."],
        [{"id": "e1", "entity_type": "GPE", "start": 0, "end": 1}],
        [
            {
                "id": "v1",
                "event_type": "Movement:Transport",
                "trigger": {"start": 1, "end": 2},
                "arguments": [],
            }
        ],
        "s1",
    ),
]
MAPPING = Mapping(
    event_types={"Conflict:Attack": "MilitaryOperation", "Movement:Transport": None},
    entity_types={"REB": "ArmedGroup", "GPE": "Location"},
    roles={"Attacker": "agent", "Conflict:Attack/Place": "place"},
)


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    return OneIEPreAnnotator(path, ONTO, MAPPING)


def test_token_offsets_follow_the_text():
    assert token_offsets(["Goma", "fell", "."], "Goma  fell.") == ((0, 4), (6, 10), (10, 11))
    assert token_offsets(["a"], "a b a", cursor=1) == ((4, 5),)
    with pytest.raises(InputError, match="token 1 'x'"):
        token_offsets(["Goma", "x"], "Goma fell.")


def test_sentence_records_are_placed_in_the_document(corpus):
    results = corpus.results(Document(DOC, doc_id="d1"))
    spans = {
        r["id"]: (r["value"]["text"], r["from_name"], r["value"]["labels"][0])
        for r in results
        if r["type"] == "labels"
    }
    assert sorted(spans.values()) == [
        ("Goma", "entity", "Location"),
        ("Kinshasa", "entity", "Location"),
        ("Rebels", "entity", "ArmedGroup"),
        ("attacked", "trigger", "MilitaryOperation"),
    ]
    for item in results:
        if item["type"] == "labels":
            assert DOC[item["value"]["start"] : item["value"]["end"]] == item["value"]["text"]
    relations = {
        (spans[r["from_id"]][0], spans[r["to_id"]][0], r["labels"][0])
        for r in results
        if r["type"] == "relation"
    }
    assert relations == {("attacked", "Rebels", "agent"), ("attacked", "Goma", "place")}
    # Entity ids repeat across sentences ("e1"): region ids must not.
    assert len({r["id"] for r in results if r["type"] == "labels"}) == 4


def test_dropped_items_are_counted(corpus):
    corpus.results(Document(DOC, doc_id="d1"))
    assert corpus.dropped == {
        "event type Movement:Transport": 1,
        "argument Conflict:Attack/Victim": 1,
    }


def test_predictions_and_annotations_shapes(corpus):
    doc = Document(DOC, doc_id="d1")
    [pred] = corpus.predictions(doc)
    [ann] = corpus.annotations(doc)
    assert pred["model_version"] == "oneie-corpus"
    assert pred["result"] == ann["result"]
    assert corpus.predictions(Document("other", doc_id="zz")) == []


def test_tokens_must_occur_in_the_document(corpus):
    with pytest.raises(InputError, match=r"corpus\.jsonl:1: token 0 'Rebels' is not in the text"):
        corpus.results(Document("A different text.", doc_id="d1"))


def test_document_level_record_with_text(tmp_path):
    text = "Rebels  attacked\nGoma."
    record = {
        "doc_id": "w1",
        "text": text,
        "tokens": ["Rebels", "attacked", "Goma", "."],
        "entity_mentions": [],
        "event_mentions": [
            {
                "id": "v",
                "event_type": "MilitaryOperation",
                "trigger": {"start": 1, "end": 2},
                "arguments": [],
            }
        ],
    }
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps(record) + "\n")
    [trigger] = OneIEPreAnnotator(path, ONTO).results(Document(text, doc_id="w1"))
    assert (trigger["value"]["start"], trigger["value"]["end"]) == (8, 16)


def test_bad_lines_and_mapping_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "tokens": []}\n{"tokens": ["x"]}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl:2: a record needs 'doc_id'"):
        OneIEPreAnnotator(bad, ONTO)
    mapping = tmp_path / "m.json"
    mapping.write_text('{"events": {}}')
    with pytest.raises(InputError, match="unexpected keys"):
        Mapping.load(mapping)
    mapping.write_text('{"roles": {"A": "agent"}, "event_types": {"X": "Support"}}')
    loaded = Mapping.load(mapping)
    assert loaded.role("X", "A") == "agent" and loaded.event_types == {"X": "Support"}


def test_mentions_without_ids_get_distinct_region_ids(tmp_path):
    text = "Rebels attacked Goma and shelled Kinshasa ."
    record = {
        "doc_id": "n1",
        "tokens": text.split(),
        # No entity ids at all, and an event whose id equals nothing else's.
        "entity_mentions": [
            {"entity_type": "ArmedGroup", "start": 0, "end": 1},
            {"entity_type": "Location", "start": 2, "end": 3},
            {"entity_type": "Location", "start": 5, "end": 6},
        ],
        "event_mentions": [
            {"event_type": "MilitaryOperation", "trigger": {"start": 1, "end": 2}},
            {"id": "x", "event_type": "MilitaryOperation", "trigger": {"start": 4, "end": 5}},
        ],
    }
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps(record) + "\n")
    results = OneIEPreAnnotator(path, ONTO).results(Document(text, doc_id="n1"))
    regions = [(r["id"], r["value"]["text"]) for r in results if r["type"] == "labels"]
    assert len(regions) == 5
    assert len({rid for rid, _ in regions}) == 5, regions


@pytest.mark.parametrize(
    "tokens, text, expected",
    [
        # "a" is the word, not the letter in "Breaking"
        (["a", "convoy"], "Breaking news: a convoy", ((15, 16), (17, 23))),
        # "in" is the word, not the start of "interior"
        (["interior", "in", "Goma"], "the interior in Goma", ((4, 12), (13, 15), (16, 20))),
        # a word split into pieces keeps its pieces side by side
        (["anti", "war", "war"], "antiwar war", ((0, 4), (4, 7), (8, 11))),
        (["do", "n't", "go"], "don't go", ((0, 2), (2, 5), (6, 8))),
    ],
)
def test_tokens_are_found_as_whole_words_where_they_can_be(tokens, text, expected):
    assert token_offsets(tokens, text) == expected


def test_tokens_of_writing_without_spaces_take_the_first_occurrence():
    # Chinese has no spaces between words: no occurrence is "inside" a word there
    text = "新闻中国北京是首都。"
    assert token_offsets(["北京", "是", "首都", "。"], text, cursor=3) == (
        (4, 6),
        (6, 7),
        (7, 9),
        (9, 10),
    )


def test_event_attributes_become_choices_and_bad_values_are_counted(tmp_path):
    records = json.loads(json.dumps(RECORDS))
    event = records[0]["event_mentions"][0]
    event.update({"modality": "planned", "polarity": "sideways", "note": "not an attribute"})
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    reader = OneIEPreAnnotator(path, ONTO, MAPPING)
    results = reader.results(Document(DOC, doc_id="d1"))
    choices = [(r["from_name"], r["value"]["choices"]) for r in results if r["type"] == "choices"]
    assert choices == [("modality", ["planned"])]
    trigger = next(r for r in results if r["from_name"] == "trigger")
    modality = next(r for r in results if r["type"] == "choices")
    assert modality["id"] == trigger["id"]  # a per-region choice of that very trigger
    assert reader.dropped["attribute Conflict:Attack/polarity=sideways"] == 1


def test_events_whose_arguments_break_a_role_bound_are_counted(tmp_path):
    from eventset.schema import Entity, Event, Ontology, Role

    class Group(Entity):
        """An armed group."""

    class Place(Entity):
        """A place."""

    class Assault(Event):
        """An attack."""

        attacker: list[Group] = Role("Who attacks.", min=1)
        place: list[Place | Group] = Role("Where.", max=1)

    onto = Ontology(name="bounds", version=1, entities=[Group, Place], events=[Assault])
    mapping = Mapping(
        event_types={"Conflict:Attack": "Assault", "Movement:Transport": None},
        entity_types={"REB": "Group", "GPE": "Place"},
        roles={"Attacker": "attacker", "Place": "place", "Victim": "place"},
    )

    def counted(records):
        path = tmp_path / "corpus.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        corpus = OneIEPreAnnotator(path, onto, mapping)
        corpus.results(Document(DOC, doc_id="d1"))
        return corpus

    # Goma as Place and as Victim: two relations to one entity, which the build reads once
    assert counted(RECORDS).outside_bounds == {}
    two_places = json.loads(json.dumps(RECORDS))
    two_places[0]["event_mentions"][0]["arguments"][2]["entity_id"] = "e1"  # Victim: Rebels
    assert counted(two_places).outside_bounds == {"Assault.place (0..1)": 1}
    without_attacker = json.loads(json.dumps(RECORDS))
    without_attacker[0]["event_mentions"][0]["arguments"] = []
    corpus = counted(without_attacker)
    assert corpus.outside_bounds == {"Assault.attacker (1..n)": 1}
    from eventset.annotate.importer import ImportSummary, _account_sources

    summary = ImportSummary()
    _account_sources(summary, [corpus], {"d1"})
    [warning] = [w for w in summary.warnings if "outside its bounds" in w]
    assert warning.startswith(
        "1 event(s) of the corpus have a number of arguments of a role outside its bounds "
        "(Assault.attacker (1..n) x1): the build leaves such events out (cardinality)"
    )
