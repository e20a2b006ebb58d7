"""The only module that talks to Label Studio (through ``label_studio_sdk``, imported lazily).

A thin wrapper: projects by title, task doc ids, batched import, annotations as a given user,
drafts, users, the raw JSON export as a byte stream, project deletion. Every SDK or network
failure becomes a ``LabelStudioError`` naming the call; the API key never appears in messages.

Example:
    >>> from eventset.annotate.connection import Connection
    >>> client = LabelStudioClient(Connection("http://127.0.0.1:8080", "key"))  # doctest: +SKIP
    >>> client.find_project("demo")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from eventset.annotate.configrefusal import LabelConfigRefused, config_reasons
from eventset.annotate.connection import KEY_ENV, KEY_FLAG, Connection, start_command
from eventset.annotate.serverfiles import ServerPaths
from eventset.annotate.tasks import content_key
from eventset.errors import InputError, LabelStudioError

IMPORT_BATCH_SIZE = 1000
# Bytes of JSON per import request: Label Studio 1.23 refuses a body over its
# DATA_UPLOAD_MAX_MEMORY_SIZE (250 MiB) with a bare HTTP 500; a quarter of it leaves room.
IMPORT_BATCH_BYTES = 64 * 1024 * 1024
TASK_PAGE_SIZE = 1000
DOC_ID_KEY = "doc_id"
TASK_COLUMNS = "id,data,total_annotations,cancelled_annotations,total_predictions"


TITLE_LENGTH = (3, 50)  # Label Studio 1.23's PROJECT_TITLE_MIN_LEN / MAX_LEN, in characters


def check_title(title: str) -> None:
    """Refuse a project title Label Studio would answer with a bare HTTP 400."""
    shortest, longest = TITLE_LENGTH
    if not shortest <= len(title) <= longest:
        raise InputError(
            f"project title {title!r} has {len(title)} character(s); Label Studio takes "
            f"{shortest} to {longest}",
            remedy="choose another --title",
        )


@dataclass(frozen=True)
class ProjectInfo:
    """The parts of a Label Studio project that eventset uses."""

    id: int
    title: str
    description: str
    label_config: str
    model_version: str = ""  # whose predictions annotators see ("" when none is set)


class LabelStudioClient:
    """Wraps one SDK client; construct it once per command."""

    def __init__(self, connection: Connection, timeout: float = 300.0) -> None:
        from label_studio_sdk import LabelStudio  # 2 s import: only when a server is needed

        self.connection = connection
        self._sdk = LabelStudio(
            base_url=connection.url, api_key=connection.api_key, timeout=timeout
        )

    def __repr__(self) -> str:
        return f"LabelStudioClient({self.connection.url!r})"

    # --- projects -----------------------------------------------------------------------
    def find_project(self, title: str) -> ProjectInfo | None:
        """The project with exactly this title, or None; several with that title is an error."""
        with self._call(f"list projects titled {title!r}"):
            listed: Any = self._sdk.projects.list(title=title)
            found = [p for p in listed if p.title == title]
        if len(found) > 1:
            ids = ", ".join(str(p.id) for p in found)
            raise LabelStudioError(
                f"{len(found)} projects are titled {title!r} (ids {ids})",
                remedy="rename or delete the extra ones in Label Studio so the title is unique",
            )
        return self.get_project(found[0].id) if found else None

    def require_project(self, title: str) -> ProjectInfo:
        """``find_project``, or an error naming the closest existing titles."""
        project = self.find_project(title)
        if project is None:
            titles = [p.title for p in self.list_projects()]
            raise unknown_project(title, self.connection.url, titles)
        return project

    def get_project(self, project_id: int) -> ProjectInfo:
        with self._call(f"read project {project_id}"):
            p: Any = self._sdk.projects.get(id=project_id)
        return ProjectInfo(
            int(p.id or 0),
            p.title or "",
            p.description or "",
            p.label_config or "",
            str(getattr(p, "model_version", None) or ""),
        )

    def list_projects(self) -> list[ProjectInfo]:
        with self._call("list projects"):
            listed: Any = self._sdk.projects.list()
            return [
                ProjectInfo(int(p.id or 0), p.title or "", p.description or "", "") for p in listed
            ]

    def create_project(self, title: str, label_config: str, description: str) -> ProjectInfo:
        check_title(title)
        with self._call(f"create project {title!r}"):
            p: Any = self._sdk.projects.create(
                title=title, label_config=label_config, description=description
            )
        return self.get_project(int(p.id or 0))

    def update_project(
        self, project_id: int, *, label_config: str | None = None, description: str | None = None
    ) -> ProjectInfo:
        changes: dict[str, Any] = {}
        if label_config is not None:
            changes["label_config"] = label_config
        if description is not None:
            changes["description"] = description
        with self._call(f"update project {project_id}"):
            self._sdk.projects.update(id=project_id, **changes)
        return self.get_project(project_id)

    def set_model_version(self, project_id: int, model_version: str) -> None:
        """Show predictions of ``model_version`` to annotators as pre-annotations."""
        with self._call(f"set the model version of project {project_id}"):
            self._sdk.projects.update(
                id=project_id, model_version=model_version, show_collab_predictions=True
            )

    def delete_project(self, project_id: int) -> None:
        with self._call(f"delete project {project_id}"):
            self._sdk.projects.delete(id=project_id)

    # --- tasks --------------------------------------------------------------------------
    def iter_tasks(self, project_id: int) -> Iterator[dict[str, Any]]:
        """Every task of the project (id, data and counts), one page of 1000 at a time."""
        page = 1
        while True:
            body = self._request(
                "GET",
                "api/tasks/",
                f"list tasks of project {project_id}",
                params={
                    "project": project_id,
                    "fields": "task_only",
                    # Only these columns: 3-7x faster than all of them on 1000 tasks.
                    "include": TASK_COLUMNS,
                    "page_size": TASK_PAGE_SIZE,
                    "page": page,
                },
            )
            tasks = body.get("tasks", [])
            yield from tasks
            if not tasks or page * TASK_PAGE_SIZE >= int(body.get("total", 0)):
                return
            page += 1

    def task_doc_ids(self, project_id: int) -> dict[str, int]:
        """``doc_id`` -> task id for every task that has a doc id (for idempotent import)."""
        return {
            str(t["data"][DOC_ID_KEY]): int(t["id"])
            for t in self.iter_tasks(project_id)
            if DOC_ID_KEY in (t.get("data") or {})
        }

    def task_text_keys(self, project_id: int) -> dict[str, str]:
        """``doc_id`` -> content hash of the stored text (to tell a re-import from a clash).

        Example:
            >>> client.task_text_keys(3)  # doctest: +SKIP
            {'nl-001': 'sha256-5f0c2d8e1a7b9c3d'}
        """
        return {
            str(t["data"][DOC_ID_KEY]): content_key(str(t["data"].get("text", "")))
            for t in self.iter_tasks(project_id)
            if DOC_ID_KEY in (t.get("data") or {})
        }

    def import_tasks(
        self,
        project_id: int,
        tasks: Iterable[dict[str, Any]],
        batch_size: int = IMPORT_BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
        batch_bytes: int | None = None,
    ) -> list[int]:
        """Import task payloads in batches, in order; returns the new task ids.

        A batch holds at most ``batch_size`` tasks (1000 is ~3x faster than 100) and at most
        ``batch_bytes`` (default ``IMPORT_BATCH_BYTES``) of JSON; ``on_batch`` gets the size of
        each batch once it is imported. A task that alone exceeds ``batch_bytes`` is an
        ``InputError`` raised before anything is sent.
        """
        limit = IMPORT_BATCH_BYTES if batch_bytes is None else batch_bytes
        sized = _sized(tasks)
        _refuse_oversized(sized, limit)
        ids: list[int] = []
        for batch in _batches(sized, batch_size, limit):
            with self._call(f"import {len(batch)} tasks into project {project_id}"):
                response = self._sdk.projects.import_tasks(
                    id=project_id, request=cast(Any, batch), return_task_ids=True
                )
            ids.extend(int(i) for i in (getattr(response, "task_ids", None) or []))
            if on_batch:
                on_batch(len(batch))
        return ids

    def list_predictions(self, task_id: int) -> list[dict[str, Any]]:
        """The predictions of one task (model_version, result, score)."""
        found = self._request(
            "GET",
            "api/predictions/",
            f"list predictions of task {task_id}",
            params={"task": task_id},
        )
        return list(found if isinstance(found, list) else found.get("results", []))

    # --- annotations, drafts, users -----------------------------------------------------
    def create_annotation(
        self,
        task_id: int,
        result: Sequence[dict[str, Any]],
        *,
        completed_by: int | None = None,
        ground_truth: bool = False,
        was_cancelled: bool = False,
        lead_time: float | None = None,
    ) -> int:
        """Create an annotation on ``task_id`` credited to user ``completed_by``; returns its id.

        ``was_cancelled=True`` records a skip (Label Studio takes that as a query parameter).
        """
        body: dict[str, Any] = {"result": list(result), "ground_truth": ground_truth}
        if completed_by is not None:
            body["completed_by"] = completed_by
        if lead_time is not None:
            body["lead_time"] = lead_time
        params = {"was_cancelled": 1} if was_cancelled else None
        created = self._request(
            "POST",
            f"api/tasks/{task_id}/annotations/",
            f"create an annotation on task {task_id}",
            json=body,
            params=params,
        )
        return int(created["id"])

    def create_draft(
        self, task_id: int, result: Sequence[dict[str, Any]], lead_time: float = 1.0
    ) -> int:
        """Save a draft (unsubmitted work) on ``task_id`` for the calling user."""
        created = self._request(
            "POST",
            f"api/tasks/{task_id}/drafts",
            f"create a draft on task {task_id}",
            json={"result": list(result), "lead_time": lead_time},
        )
        return int(created["id"])

    def ensure_user(self, email: str, password: str | None = None) -> int:
        """Id of the user with this email, creating the user if needed."""
        with self._call("list users"):
            for user in self._sdk.users.list():
                if (user.email or "").lower() == email.lower():
                    return int(user.id or 0)
        extra = {"password": password} if password else {}
        with self._call(f"create user {email}"):
            user = self._sdk.users.create(username=email, email=email, **extra)
        return int(user.id or 0)

    # --- export -------------------------------------------------------------------------
    def prediction_results(self, project_id: int) -> list[list[Any]]:
        """The result lists of every prediction of a project (the JSON export has only ids)."""
        with self._call(f"list the predictions of project {project_id}"):
            listed: Any = self._sdk.predictions.list(project=project_id)
        return [list(getattr(p, "result", None) or []) for p in listed]

    def export_raw(self, project_id: int, chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """The full JSON export (all tasks, region ids, relations, drafts) as a byte stream.

        Never JSON_MIN: that format drops region ids and relations.
        """
        with self._call(f"export project {project_id}"):
            yield from self._sdk.projects.exports.download_sync(
                project_id,
                export_type="JSON",
                download_all_tasks=True,
                download_resources=False,
                request_options={"chunk_size": chunk_size},
            )

    # --- plumbing -----------------------------------------------------------------------
    def _request(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        # The SDK's own httpx client (base URL, auth header, timeout); private API, hence the
        # label-studio-sdk pin in pyproject.toml.
        with self._call(what):
            response = self._sdk._client_wrapper.httpx_client.request(path, method=method, **kwargs)
        if response.status_code >= 400:
            raise LabelStudioError(
                f"Label Studio refused to {what}: HTTP {response.status_code} "
                f"{_short(response.text, self.connection.api_key)}",
                remedy=_remedy(response.status_code, self.connection),
            )
        return response.json() if response.content else {}

    @contextmanager
    def _call(self, what: str) -> Iterator[None]:
        from label_studio_sdk.core.api_error import ApiError

        try:
            yield
        except ApiError as exc:
            message = (
                f"Label Studio refused to {what}: HTTP {exc.status_code} "
                f"{_short(exc.body, self.connection.api_key)}"
            )
            remedy = _remedy(exc.status_code, self.connection)
            reasons = config_reasons(exc.body) if exc.status_code == 400 else []
            if reasons:
                raise LabelConfigRefused(message, remedy=remedy, reasons=reasons) from None
            raise LabelStudioError(message, remedy=remedy) from None
        except OSError as exc:
            raise _unreachable(self.connection, what, exc) from None
        except Exception as exc:
            if type(exc).__module__.startswith("httpx"):
                raise _unreachable(self.connection, what, exc) from None
            raise


def _unreachable(connection: Connection, what: str, exc: Exception) -> LabelStudioError:
    # A local server's key comes from its data dir's credentials: start that one, on its port.
    source = Path(connection.key_source)
    local = source == ServerPaths(source.parent).credentials and source.is_file()
    start = start_command(source.parent, connection.url) if local else "eventset server start"
    return LabelStudioError(
        f"cannot reach Label Studio at {connection.url} to {what} ({type(exc).__name__})",
        remedy=f"start it with `{start}` or check LABEL_STUDIO_URL",
    )


def _remedy(status: int | None, connection: Connection | None = None) -> str:
    if status == 401:
        return _refused_key(connection.key_source if connection else "")
    if status == 404:
        return "the project or task does not exist (any more); check the title or id"
    return "read the message above; the server log has details"


def _refused_key(source: str) -> str:
    """The hint for HTTP 401, naming where the refused key came from.

    Example:
        >>> _refused_key("--api-key").split(":")[0]
        'the API key given with --api-key was refused'
    """
    tokens = "and that legacy tokens are enabled for the organisation"
    if source == KEY_FLAG:
        return f"the API key given with {KEY_FLAG} was refused: check it, {tokens}"
    if source == KEY_ENV:
        return f"the API key in the environment variable {KEY_ENV} was refused: check it, {tokens}"
    if source:
        return (
            f"the API key from {source} was refused: check that the URL is the server started "
            f"from that data dir (else give its key with {KEY_FLAG} or {KEY_ENV}), {tokens}"
        )
    return f"the API key was refused: check it, {tokens}"


def _short(body: object, secret: str, limit: int = 600) -> str:
    """An error body for a message: the API key hidden (servers and proxies may echo the
    Authorization header), then cut to ``limit`` characters."""
    text = str(body).replace(secret, "***") if secret else str(body)
    return text if len(text) <= limit else text[:limit] + " ..."


def _sized(tasks: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each task with the bytes it adds to a request body, as httpx encodes it (compact UTF-8
    JSON) plus one byte for the comma or bracket that separates it."""
    return [(task, _json_bytes(task) + 1) for task in tasks]


def _json_bytes(task: dict[str, Any]) -> int:
    """The length of ``task`` as httpx sends it: compact JSON, non-ASCII kept, UTF-8 bytes."""
    text = json.dumps(task, ensure_ascii=False, separators=(",", ":"), default=str)
    return len(text.encode("utf-8", "surrogatepass"))


def _refuse_oversized(sized: list[tuple[dict[str, Any], int]], limit: int) -> None:
    """Name every task that cannot fit in one request on its own, before anything is sent."""
    big = [(task, size) for task, size in sized if size + 1 > limit]
    if not big:
        return
    # the request of that task alone: its opening bracket, then the task with its closing one
    shown = ", ".join(f"{_task_name(task)} ({size + 1:,} bytes)" for task, size in big[:5])
    more = f" and {len(big) - 5} more" if len(big) > 5 else ""
    raise InputError(
        f"{len(big)} document(s) are too large to import: {shown}{more}; one import request "
        f"carries at most {limit:,} bytes of JSON (text, metadata and pre-annotations), and "
        "nothing was imported",
        remedy="split those documents into smaller ones (e.g. one file per article or "
        "chapter) or leave them out, then import again",
    )


def _task_name(task: dict[str, Any]) -> str:
    """The document a task payload holds: its doc id (and file), else the start of its text."""
    data = _dict(task.get("data"))
    meta = _dict(data.get("meta"))
    where = f" from {meta['filename']}" if meta.get("filename") else ""
    if data.get(DOC_ID_KEY) not in (None, ""):
        return f"doc id {data[DOC_ID_KEY]!r}{where}"
    return f"the document{where} starting {str(data.get('text', ''))[:40]!r}"


def _dict(value: object) -> dict[str, Any]:
    """``value`` when it is a dict, else an empty one (a payload built by hand may lack it)."""
    return value if isinstance(value, dict) else {}


def _batches(
    sized: Iterable[tuple[dict[str, Any], int]], size: int, max_bytes: int
) -> Iterator[list[dict[str, Any]]]:
    """The tasks in order, in batches of at most ``size`` tasks and ``max_bytes`` of JSON
    (the list's brackets and commas included); ``sized`` comes from ``_sized``."""
    batch: list[dict[str, Any]] = []
    used = 1  # the opening bracket
    for task, nbytes in sized:
        if batch and (len(batch) >= size or used + nbytes > max_bytes):
            yield batch
            batch, used = [], 1
        batch.append(task)
        used += nbytes
    if batch:
        yield batch


def unknown_project(title: str, url: str, titles: Sequence[str]) -> LabelStudioError:
    """The error for a missing project, naming the closest existing titles (or all of them).

    Example:
        >>> print(unknown_project("my projet", "http://ls", ["my project", "other"]).message)
        no project titled 'my projet' on http://ls; did you mean 'my project'?
    """
    close = difflib.get_close_matches(title, titles, n=3, cutoff=0.6)
    if close:
        hint = "; did you mean " + " or ".join(map(repr, close)) + "?"
    elif titles:
        listed = ", ".join(map(repr, sorted(titles)[:20]))
        more = f" and {len(titles) - 20} more" if len(titles) > 20 else ""
        hint = f"; the projects there are {listed}{more}"
    else:
        hint = "; the server has no projects yet"
    return LabelStudioError(
        f"no project titled {title!r} on {url}{hint}",
        remedy=f"check --project (titles are exact), or create it first: eventset project sync "
        f"--title {title!r}",
    )
