"""Upload a built dataset folder to the Hugging Face Hub with the user's own token.

The token comes from ``HF_TOKEN`` or ``huggingface-cli login`` (``huggingface_hub.get_token``);
it is passed to the client and never printed, logged or written anywhere.

Example:
    >>> push_to_hub("dataset", "me/conflict-news-events", private=True)  # doctest: +SKIP
    'https://huggingface.co/datasets/me/conflict-news-events'
"""

from __future__ import annotations

import shlex
from pathlib import Path

from eventset.errors import EventsetError, InputError


def push_to_hub(
    folder: str | Path, repo_id: str, *, private: bool = False, token: str | None = None
) -> str:
    """Create (if needed) the dataset repo ``repo_id`` and upload ``folder``; returns its URL."""
    from huggingface_hub import HfApi

    source = Path(folder)
    if not source.is_dir():
        raise InputError(
            f"dataset folder {source} does not exist",
            remedy="check the path: it is the --out folder of `eventset build`",
        )
    written = _built_files(source)
    check_repo_id(repo_id)
    secret = hub_token(token, retry=f"`{push_command(source, repo_id, private)}`")
    api = HfApi(token=secret)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        api.upload_folder(
            folder_path=str(source),
            repo_id=repo_id,
            repo_type="dataset",
            commit_message="Upload dataset built by eventset",
            allow_patterns=written,  # what the build wrote: never a file put beside it
            delete_patterns=stale_patterns(source),
        )
    except Exception as exc:  # the hub client raises many types; the message is what matters
        raise EventsetError(
            f"uploading to {repo_id} failed: {type(exc).__name__}: {_without(str(exc), secret)}",
            remedy="check the repo name, your network and that the token may write to it, then "
            f"push the folder (unchanged) again with `{push_command(source, repo_id, private)}`",
        ) from None
    return f"https://huggingface.co/datasets/{repo_id}"


def _built_files(folder: Path) -> list[str]:
    """The files ``eventset build`` wrote into ``folder`` (its marker lists them).

    Only those are uploaded: a folder that is no dataset (a project root by mistake, holding a
    Label Studio data dir with its API key) is refused, and anything added to a dataset folder
    since (notes, a convert output) stays local.
    """
    from eventset.export.marker import output_kind, read_marker

    files = (read_marker(folder) or {}).get("files")
    if output_kind(folder) != "dataset" or not isinstance(files, dict) or "README.md" not in files:
        raise InputError(
            f"{folder} is not a dataset folder written by `eventset build` (it has no dataset "
            "marker .eventset-output.json listing its files), so nothing was uploaded",
            remedy="run `eventset build EXPORT --out FOLDER` and push that FOLDER",
        )
    return sorted(str(path) for path in files)


def check_repo_id(repo_id: str) -> None:
    """Refuse a Hub repo id that is not ``owner/name`` or that the Hub's own rules refuse
    (``huggingface_hub``'s check: its characters, no ``--`` or ``..``, no ``.git`` ending)."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    why = "is not of the form owner/name"
    if repo_id.count("/") == 1:
        try:
            validate_repo_id(repo_id)
            return
        except HFValidationError as exc:
            why = f"is refused: {exc}"
    raise InputError(
        f"Hugging Face repo id {repo_id!r} {why}",
        remedy="write e.g. my-user/conflict-news-events (your user or organisation, a slash, "
        "the dataset's name)",
    )


def hub_token(token: str | None = None, *, retry: str = "the command") -> str:
    """The token to push with: ``token``, else ``HF_TOKEN`` or the one ``huggingface-cli login``
    stored. Returned to be handed to the client only: never print, log or write it."""
    from huggingface_hub import get_token

    secret = token or get_token()
    if not secret:
        raise InputError(
            "no Hugging Face token found to push with (HF_TOKEN is not set and no "
            "`huggingface-cli login` token is stored)",
            remedy=f"run `huggingface-cli login` or set HF_TOKEN, then run {retry} again",
        )
    return secret


def push_command(folder: Path, repo_id: str, private: bool = False) -> str:
    """The ``eventset push`` command line that uploads ``folder`` to ``repo_id``."""
    words = ["eventset", "push", str(folder), repo_id, *(["--private"] if private else [])]
    return " ".join(shlex.quote(w) for w in words)


CONFIG_FOLDERS = ("documents", "sentences", "raw")  # every config a build writes


def stale_patterns(source: Path) -> list[str]:
    """Patterns of the Parquet files of ``source``'s configs, to delete on the Hub before upload.

    The Hub keeps files an upload does not replace; a rebuild with fewer shards would leave old
    ones beside the new (unread, since the card names its files, but confusing and heavy). Files
    this upload writes are replaced, not deleted; anything outside the config folders is kept.
    """
    folders = {d.name for d in source.iterdir() if d.is_dir() and any(d.glob("*.parquet"))}
    # A config without rows this time (no sentences in blank texts) still loses an earlier
    # push's files: its card entry is gone, and stale rows would contradict it.
    return sorted(f"{name}/*.parquet" for name in folders | set(CONFIG_FOLDERS))


def _without(message: str, secret: str) -> str:
    # Some HTTP errors echo request headers; never let the token through.
    return message.replace(secret, "***")
