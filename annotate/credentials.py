"""Admin login and API key of the local server, from the environment or generated once.

Generated values are stored in the data dir (``credentials.json``, mode 0600). The key is a
secret: ``Credentials`` never shows it in ``repr``.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from eventset.errors import LabelStudioError

DEFAULT_USERNAME = "admin@eventset.local"


@dataclass(frozen=True)
class Credentials:
    """Login of the local admin user; ``api_key`` is the legacy token for the API."""

    username: str
    password: str = field(repr=False)
    api_key: str = field(repr=False)


def load_or_create_credentials(path: Path) -> Credentials:
    """Read ``path``; create it (0600) the first time, taking values from env when set.

    ``LABEL_STUDIO_USERNAME``, ``LABEL_STUDIO_PASSWORD`` and ``LABEL_STUDIO_API_KEY`` win over
    generated values only when the file is first written: Label Studio applies them once, when it
    creates the admin user.

    Example:
        >>> import tempfile
        >>> creds = load_or_create_credentials(Path(tempfile.mkdtemp()) / "credentials.json")
        >>> len(creds.api_key) >= 40, "api_key" in repr(creds)
        (True, False)
    """
    if path.is_file():
        return _read(path)
    creds = Credentials(
        username=os.environ.get("LABEL_STUDIO_USERNAME") or DEFAULT_USERNAME,
        password=os.environ.get("LABEL_STUDIO_PASSWORD") or secrets.token_urlsafe(18),
        api_key=os.environ.get("LABEL_STUDIO_API_KEY") or secrets.token_hex(20),
    )
    if len(creds.api_key) <= 5:
        raise LabelStudioError(
            "LABEL_STUDIO_API_KEY is too short (Label Studio needs more than 5 characters)",
            remedy="unset it to get a generated key, or use a longer one",
        )
    _write_private(
        path, {"username": creds.username, "password": creds.password, "api_key": creds.api_key}
    )
    return creds


def read_credentials(path: Path) -> Credentials | None:
    """The stored credentials, or None when the file does not exist."""
    return _read(path) if path.is_file() else None


def _read(path: Path) -> Credentials:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Credentials(str(data["username"]), str(data["password"]), str(data["api_key"]))
    except (OSError, ValueError, KeyError) as exc:
        raise LabelStudioError(
            f"cannot read the server credentials in {path} ({type(exc).__name__})",
            remedy="restore the file, or stop the server and start over with a new data dir",
        ) from None


def _write_private(path: Path, data: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    # A fresh file, created 0600: an old temp file (or a link planted there) would keep its
    # looser mode, or carry the secret elsewhere, if it were opened and truncated instead.
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.chmod(temp, 0o600)
    os.replace(temp, path)
