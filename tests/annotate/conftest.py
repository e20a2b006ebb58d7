"""Settings of the Label Studio side's offline tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support.cli import LABEL_STUDIO_ENV


@pytest.fixture(autouse=True)
def _no_label_studio_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LABEL_STUDIO_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def exiting_label_studio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a start let through a check, a stand-in that exits at once (code 3) would run
    instead of Label Studio."""
    import eventset.annotate.launch as launch

    fake = tmp_path / "fake-label-studio"
    fake.write_text(f"#!{sys.executable}\nimport sys; sys.exit(3)\n")
    fake.chmod(0o755)
    monkeypatch.setattr(launch, "find_label_studio", lambda: str(fake))
