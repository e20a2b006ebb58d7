"""Connection options shared by the commands that talk to Label Studio."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from eventset.annotate.client import LabelStudioClient

UrlOption = Annotated[
    str | None,
    typer.Option(
        "--url", help="Label Studio URL (default: $LABEL_STUDIO_URL, else the local server)."
    ),
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        help="API key (default: $LABEL_STUDIO_API_KEY, else the local server's).",
        show_default=False,
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Data dir of the local server to use.", envvar="EVENTSET_DATA_DIR"
    ),
]


def connect(url: str | None, api_key: str | None, data_dir: Path | None) -> LabelStudioClient:
    """A client for the configured server (flags, then environment, then the local server)."""
    from eventset.annotate.client import LabelStudioClient
    from eventset.annotate.connection import resolve_connection

    return LabelStudioClient(resolve_connection(url, api_key, data_dir))
