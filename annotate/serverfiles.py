"""The files of a local server's data dir: where they are, and ``server.json`` read and written.

Example:
    >>> ServerPaths(Path(".eventset/labelstudio")).credentials.name
    'credentials.json'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServerPaths:
    """Where the files of one local server live."""

    data_dir: Path

    @property
    def state(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def log(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def credentials(self) -> Path:
        return self.data_dir / "credentials.json"


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file ('' when it does not exist)."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def read_state(paths: ServerPaths) -> dict[str, object] | None:
    try:
        return json.loads(paths.state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_state(paths: ServerPaths, state: dict[str, object]) -> None:
    temp = paths.state.with_suffix(".json.tmp")
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, paths.state)
