"""Upload a built dataset folder to the Hugging Face Hub with the user's own token.

The token comes from ``HF_TOKEN`` or ``huggingface-cli login`` (``huggingface_hub.get_token``);
it is passed to the client and never printed, logged or written anywhere.

Example:
    >>> push_to_hub("dataset", "me/conflict-news-events", private=True)  # doctest: +SKIP
    'https://huggingface.co/datasets/me/conflict-news-events'
"""

from __future__ import annotations

from pathlib import Path

from eventset.errors import EventsetError, InputError


def push_to_hub(
    folder: str | Path, repo_id: str, *, private: bool = False, token: str | None = None
) -> str:
    """Create (if needed) the dataset repo ``repo_id`` and upload ``folder``; returns its URL."""
    from huggingface_hub import HfApi, get_token

    source = Path(folder)
    if not (source / "README.md").is_file():
        raise InputError(
            f"{source} is not a dataset folder (no README.md)",
            remedy="run `eventset build` first and push its --out folder",
        )
    if "/" not in repo_id:
        raise InputError(
            f"--push-to-hub {repo_id!r} is not of the form owner/name",
            remedy="write e.g. --push-to-hub my-user/conflict-news-events",
        )
    secret = token or get_token()
    if not secret:
        raise InputError(
            "no Hugging Face token found to push with",
            remedy="run `huggingface-cli login` or set HF_TOKEN, then push again",
        )
    api = HfApi(token=secret)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        api.upload_folder(
            folder_path=str(source),
            repo_id=repo_id,
            repo_type="dataset",
            commit_message="Upload dataset built by eventset",
            delete_patterns=stale_patterns(source),
        )
    except Exception as exc:  # the hub client raises many types; the message is what matters
        raise EventsetError(
            f"uploading to {repo_id} failed: {type(exc).__name__}: {_without(str(exc), secret)}",
            remedy="check the repo name, your network and that the token may write to it",
        ) from None
    return f"https://huggingface.co/datasets/{repo_id}"


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
