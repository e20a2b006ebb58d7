"""Import batches split by request size, through a real Label Studio (the limit patched small)."""

from __future__ import annotations

import pytest

from eventset.annotate import client as client_module
from eventset.annotate.tasks import Document, task_payload
from eventset.errors import InputError

pytestmark = pytest.mark.labelstudio


def test_tasks_over_the_byte_limit_go_in_several_requests_in_order(
    labelstudio_server, ls_project, monkeypatch
):
    monkeypatch.setattr(client_module, "IMPORT_BATCH_BYTES", 4000)
    client = labelstudio_server.client()
    project = ls_project("bytes")
    texts = {f"b{i}": f"Bericht {i}: het leger rukte op naar Goma. " * 30 for i in range(5)}
    payloads = [task_payload(Document(t, doc_id=d, lang="nl")) for d, t in texts.items()]
    with pytest.raises(InputError, match="'too-big'"):
        client.import_tasks(project.id, [*payloads, task_payload(Document("x" * 5000, "too-big"))])
    assert list(client.iter_tasks(project.id)) == []  # nothing was sent
    seen: list[int] = []
    ids = client.import_tasks(project.id, payloads, on_batch=seen.append)
    assert len(seen) > 1 and sum(seen) == 5 and len(ids) == 5
    stored = {t["id"]: t["data"] for t in client.iter_tasks(project.id)}
    assert [stored[i]["doc_id"] for i in ids] == list(texts)
    assert all(stored[i]["text"] == texts[stored[i]["doc_id"]] for i in ids)
