"""brat conversion refuses rows that annotation.conf would not declare (a changed ontology)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventset.errors import InputError
from eventset.export.brat import undeclared_labels, write_brat
from eventset.schema import load_ontology

ROW = {
    "doc_id": "d1",
    "text": "Rebels attacked Goma.",
    "entities": [{"id": "e1", "type": "Port", "text": "Goma", "start": 16, "end": 20}],
    "events": [
        {
            "id": "t1",
            "type": "MilitaryOperation",
            "trigger": {"text": "attacked", "start": 7, "end": 15},
            "arguments": [{"role": "harbour", "entity_id": "e1", "entity_type": "Port"}],
            "modality": "rumoured",
            "polarity": "positive",
        },
        {
            "id": "t2",
            "type": "Blockade",
            "trigger": {"text": "Rebels", "start": 0, "end": 6},
            "arguments": [],
            "modality": "asserted",
            "polarity": "positive",
        },
    ],
}


def test_every_undeclared_kind_is_named():
    found = undeclared_labels(ROW, load_ontology("conflict-news"))
    assert found == [
        "entity type Port",
        "role MilitaryOperation.harbour",
        "MilitaryOperation.modality value rumoured",
        "event type Blockade",
    ]


def test_the_conversion_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "ds"
    (folder / "documents").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([ROW]), folder / "documents" / "train.parquet")
    with pytest.raises(InputError, match=r"4 label\(s\) that annotation.conf .* entity type Port"):
        write_brat(folder, tmp_path / "brat", load_ontology("conflict-news"))
    assert not (tmp_path / "brat").exists()
