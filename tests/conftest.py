"""Suite-wide test settings: caches in tmp, progress bars off, no network for Hugging Face, no
time limit per hypothesis example."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes longer than 200 ms: a timing assertion, which on a loaded
# 2-CPU machine failed a correct test (its first example took 588 ms while other work ran). Speed
# is measured in bench/, not in unit tests.
settings.register_profile("eventset", deadline=None)
settings.load_profile("eventset")

pytest_plugins = ["support.labelstudio"]


@pytest.fixture(autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    cache = tmp_path_factory.getbasetemp() / "hf-cache"
    monkeypatch.setenv("HF_HOME", str(cache))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(cache / "datasets"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("EVENTSET_PROGRESS", "0")
    yield
