"""Settings of the Label Studio side's offline tests."""

from __future__ import annotations

import pytest
from support.cli import LABEL_STUDIO_ENV


@pytest.fixture(autouse=True)
def _no_label_studio_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LABEL_STUDIO_ENV:
        monkeypatch.delenv(name, raising=False)
