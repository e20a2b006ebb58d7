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

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from eventset.annotate.clienterrors import (
    export_timeout,
    http_error,
    interrupted_import,
    too_slow,
    unknown_project,
    unreachable,
)
from eventset.annotate.configrefusal import LabelConfigRefused, config_reasons
from eventset.annotate.connection import Connection
from eventset.annotate.importbatches import (
    DOC_ID_KEY,
    IMPORT_BATCH_BYTES,
    IMPORT_BATCH_SIZE,
    import_batches,
    refuse_oversized,
    sized_tasks,
)
from eventset.annotate.spool import TaskSpool
from eventset.annotate.tasks import content_key
from eventset.errors import InputError, LabelStudioError

# The SDK retries a request up to twice after a 5xx answer or a dropped connection: for a POST
# whose first try did arrive (a gateway timeout), that imported a batch twice.
NO_RETRY: Any = {"max_retries": 0}
CONNECT_TIMEOUT = 10.0  # seconds to open a connection (each request has ``timeout`` in all)
# The answers the SDK retries (a server starting, a proxy while it restarts, a rate limit).
RETRIED_STATUSES = frozenset({408, 409, 429})
TASK_PAGE_SIZE = 1000
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
        import httpx
        from label_studio_sdk import LabelStudio  # 2 s import: only when a server is needed

        self.connection = connection
        # ``timeout`` for each wait on an open connection (an answer's next bytes), a short one
        # to connect: a host that drops packets (a firewall, a machine that is off) is reported
        # after CONNECT_TIMEOUT, not after ``timeout``.
        self._connect_timeout = min(CONNECT_TIMEOUT, timeout)
        http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=self._connect_timeout), follow_redirects=True
        )
        self._sdk = LabelStudio(
            base_url=connection.url, api_key=connection.api_key, httpx_client=http
        )
        self._answered = False  # whether the server has answered any request yet

    def __repr__(self) -> str:
        return f"LabelStudioClient({self.connection.url!r})"

    # --- projects -----------------------------------------------------------------------
    def find_project(self, title: str) -> ProjectInfo | None:
        """The project with exactly this title, or None; several with that title is an error."""
        with self._call(f"list projects titled {title!r}"):
            found = [p for p in self._listed_projects(title=title) if p.title == title]
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
            listed = self._listed_projects()
            return [
                ProjectInfo(int(p.id or 0), p.title or "", p.description or "", "") for p in listed
            ]

    def create_project(self, title: str, label_config: str, description: str) -> ProjectInfo:
        check_title(title)
        try:
            with self._call(f"create project {title!r}"):
                p: Any = self._sdk.projects.create(
                    title=title,
                    label_config=label_config,
                    description=description,
                    request_options=NO_RETRY,
                )
        except LabelConfigRefused:
            raise
        except LabelStudioError:
            arrived = self._created_anyway(title)
            if arrived is None:
                raise
            return arrived
        return self.get_project(int(p.id or 0))

    def _created_anyway(self, title: str) -> ProjectInfo | None:
        """The project ``title`` when a create whose answer was lost (a gateway timeout after
        the server acted) did arrive; None when it did not or the server cannot tell now."""
        try:
            return self.find_project(title)
        except LabelStudioError:
            return None

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
            # once: a retry after a delete that arrived would answer 404
            self._sdk.projects.delete(id=project_id, request_options=NO_RETRY)

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
        tasks: Iterable[dict[str, Any]] | TaskSpool,
        batch_size: int = IMPORT_BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
        batch_bytes: int | None = None,
    ) -> list[int]:
        """Import task payloads in batches, in order; returns the new task ids.

        A batch holds at most ``batch_size`` tasks (1000 is ~3x faster than 100) and at most
        ``batch_bytes`` (default ``IMPORT_BATCH_BYTES``, or the spool's limit) of JSON;
        ``on_batch`` gets the size of each batch once it is imported. A task that alone exceeds
        that is an ``InputError`` raised before anything is sent. ``tasks`` may be a
        ``TaskSpool``: it is read back one batch at a time.
        """
        if isinstance(tasks, TaskSpool):
            limit = tasks.limit if batch_bytes is None else batch_bytes
            tasks.refuse_oversized(limit)
            total, batches = len(tasks), tasks.batches(batch_size, limit)
        else:
            limit = IMPORT_BATCH_BYTES if batch_bytes is None else batch_bytes
            sized = sized_tasks(tasks)
            refuse_oversized(sized, limit)
            total, batches = len(sized), import_batches(sized, batch_size, limit)
        ids: list[int] = []
        for batch in batches:
            try:
                with self._call(f"import {len(batch)} tasks into project {project_id}"):
                    response = self._sdk.projects.import_tasks(
                        id=project_id,
                        request=cast(Any, batch),
                        return_task_ids=True,
                        request_options=NO_RETRY,
                    )
            except LabelStudioError as exc:
                raise interrupted_import(exc, len(ids), total) from None
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
            user = self._sdk.users.create(
                username=email, email=email, request_options=NO_RETRY, **extra
            )
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
        # Label Studio builds the whole export before the first byte (about 3 ms per task). The
        # SDK sends a streamed download once, never retried.
        # The connect timeout stays short; the SDK would apply a plain number to connecting too.
        import httpx

        waited = httpx.Timeout(export_timeout(), connect=min(CONNECT_TIMEOUT, export_timeout()))
        options = {"chunk_size": chunk_size, "timeout": waited}
        with self._call(f"export project {project_id}"):
            yield from self._sdk.projects.exports.download_sync(
                project_id,
                export_type="JSON",
                download_all_tasks=True,
                download_resources=False,
                request_options=cast(Any, options),
            )

    # --- plumbing -----------------------------------------------------------------------
    def _listed_projects(self, **filters: Any) -> list[Any]:
        """The SDK's projects, every page. Listing projects is every command's first request:
        while the server has not answered yet, one project is asked first without retries
        (``_first_contact``), then the listing with them (the SDK's pager asks every later page
        with the options of the first)."""
        if not self._answered:
            self._first_contact(
                lambda options: (
                    self._sdk.projects.list(page_size=1, request_options=options, **filters).items
                )
            )
        return list(self._sdk.projects.list(**filters))

    def _first_contact(self, call: Callable[[Any], Any]) -> Any:
        """``call(request_options)`` for a server that has not answered any request yet, so
        without the SDK's retries: a URL where nothing listens is reported at once, not after
        about 3 s of retried connections that no work done so far needs. An answer the SDK
        would retry (HTTP 5xx, 408, 409, 429: a server still starting, a proxy while it
        restarts) is asked again, with the retries.
        """
        from label_studio_sdk.core.api_error import ApiError

        try:
            found = call(NO_RETRY)
        except ApiError as exc:
            self._answered = True
            status = exc.status_code or 0
            if status < 500 and status not in RETRIED_STATUSES:
                raise
            return call(None)
        self._answered = True
        return found

    def _request(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        # The SDK's own httpx client (base URL, auth header, timeout); private API, hence the
        # label-studio-sdk pin in pyproject.toml.
        if method != "GET":  # a retried POST whose first try did arrive would act twice
            kwargs.setdefault("request_options", NO_RETRY)
        with self._call(what):
            response = self._sdk._client_wrapper.httpx_client.request(path, method=method, **kwargs)
        if response.status_code >= 400:
            message, remedy = http_error(response.status_code, response.text, what, self.connection)
            raise LabelStudioError(message, remedy=remedy)
        return response.json() if response.content else {}

    @contextmanager
    def _call(self, what: str) -> Iterator[None]:
        from label_studio_sdk.core.api_error import ApiError

        try:
            yield
            self._answered = True
        except ApiError as exc:
            self._answered = True
            message, remedy = http_error(exc.status_code, exc.body, what, self.connection)
            reasons = config_reasons(exc.body) if exc.status_code == 400 else []
            if reasons:
                raise LabelConfigRefused(message, remedy=remedy, reasons=reasons) from None
            raise LabelStudioError(message, remedy=remedy) from None
        except OSError as exc:
            raise unreachable(self.connection, what, exc) from None
        except Exception as exc:
            if type(exc).__name__ == "ConnectTimeout":
                raise unreachable(self.connection, what, exc, self._connect_timeout) from None
            if type(exc).__name__ in ("ReadTimeout", "WriteTimeout", "PoolTimeout"):
                raise too_slow(self.connection, what) from None
            if type(exc).__module__.startswith("httpx"):
                raise unreachable(self.connection, what, exc) from None
            # Anything else is an answer the SDK could not read (a proxy's page, a token
            # refresh gone wrong); its text may hold the request, key included: only its type.
            raise LabelStudioError(
                f"the answer of {self.connection.url} to {what} could not be read "
                f"({type(exc).__name__})",
                remedy="check that the URL is the Label Studio server itself (not a proxy or "
                "login page) and that the API key is one of its access tokens",
            ) from None
