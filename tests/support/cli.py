"""Running the ``eventset`` CLI in-process, as the tests of several folders do."""

from __future__ import annotations

from click.testing import Result
from typer.testing import CliRunner

from eventset.cli import app

# What the tests of the Label Studio side clear, so that a developer's own server settings
# never reach them (each test sets what it needs).
LABEL_STUDIO_ENV = (
    "LABEL_STUDIO_URL",
    "LABEL_STUDIO_API_KEY",
    "LABEL_STUDIO_USERNAME",
    "LABEL_STUDIO_PASSWORD",
    "EVENTSET_DATA_DIR",
)


def run_cli(*args: object, **env: str) -> Result:
    """``eventset ARGS...`` with ``env`` added to the environment; the result holds the output."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env or None)
