"""Pytest plugin: a REAL Label Studio server for the integration and browser tests.

The first run in a checkout initialises a template data dir (migrations, admin user, API key:
about a minute) under ``.eventset/test-template/ls-<version>``; every session copies it and
starts from the copy in a few seconds. If the server cannot start the tests FAIL with the
server log: they never skip.

Fixtures:
    labelstudio_server  (session) ``LabelStudioServer``: url, api_key, username, password,
                        ``client()``, ``unique_title()``.
    ls_project          (function) factory ``ls_project(prefix="t", ontology=None)`` creating a
                        uniquely named project with the generated config; every project created
                        by it, or whose title came from ``unique_title()`` in that test, is
                        deleted afterwards.
"""

from __future__ import annotations

import fcntl
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pytest

from eventset.annotate.client import LabelStudioClient, ProjectInfo
from eventset.annotate.connection import Connection
from eventset.annotate.credentials import read_credentials
from eventset.annotate.localnet import free_port
from eventset.annotate.server import ServerPaths, start_server, stop_server, tail
from eventset.errors import LabelStudioError

RUNTIME_FILES = ("server.json", "server.log", "last_url.json")


@dataclass
class LabelStudioServer:
    """A running test server; ``api_key`` and ``password`` stay out of ``repr``."""

    url: str
    data_dir: Path
    username: str
    password: str = field(repr=False)
    api_key: str = field(repr=False)
    _titles: list[str] = field(default_factory=list, repr=False)

    @property
    def connection(self) -> Connection:
        return Connection(self.url, self.api_key)

    def client(self) -> LabelStudioClient:
        return LabelStudioClient(self.connection)

    def unique_title(self, prefix: str = "t") -> str:
        """A fresh project title; the ``ls_project`` fixture deletes it after the test."""
        title = f"eventset-test-{prefix}-{uuid.uuid4().hex[:10]}"
        self._titles.append(title)
        return title


def _template_dir(root: Path) -> Path:
    return root / ".eventset" / "test-template" / f"ls-{version('label-studio')}"


def ensure_template(root: Path) -> Path:
    """The initialised template data dir, created once per checkout and Label Studio version."""
    template = _template_dir(root)
    template.parent.mkdir(parents=True, exist_ok=True)
    # Several engineers' test runs may share the checkout: one initialises, the others wait.
    with (template.parent / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (template / "label_studio.sqlite3").is_file():
            _initialise(template)
    return template


def _initialise(template: Path) -> None:
    building = template.with_name(template.name + f".building-{uuid.uuid4().hex[:6]}")
    try:
        start_server(building, port=free_port())
    except LabelStudioError as exc:
        shutil.rmtree(building, ignore_errors=True)
        pytest.fail(f"could not initialise the Label Studio template data dir:\n{exc}")
    stop_server(building)
    for name in RUNTIME_FILES:
        (building / name).unlink(missing_ok=True)
    shutil.rmtree(template, ignore_errors=True)
    building.rename(template)


@pytest.fixture(scope="session")
def labelstudio_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LabelStudioServer]:
    """Start a real Label Studio from a copy of the template; stop it at session end."""
    template = ensure_template(request.config.rootpath)
    data_dir = tmp_path_factory.mktemp("labelstudio") / "data"
    shutil.copytree(template, data_dir, ignore=shutil.ignore_patterns(*RUNTIME_FILES))
    try:
        status = start_server(data_dir, port=free_port(), timeout=180)
    except LabelStudioError as exc:
        stop_server(data_dir)
        log = tail(ServerPaths(data_dir).log, 80)
        pytest.fail(f"Label Studio did not start:\n{exc}\n--- server log ---\n{log}")
    credentials = read_credentials(ServerPaths(data_dir).credentials)
    assert credentials is not None, "the template has no credentials.json"
    server = LabelStudioServer(
        str(status.url), data_dir, credentials.username, credentials.password, credentials.api_key
    )
    try:
        yield server
    finally:
        stop_server(data_dir)


@pytest.fixture
def ls_project(
    labelstudio_server: LabelStudioServer,
) -> Iterator[Callable[..., ProjectInfo]]:
    """Factory of uniquely named projects (generated config); all are deleted afterwards."""
    from eventset.annotate.config import build_label_config
    from eventset.schema import load_ontology

    client = labelstudio_server.client()
    first_title = len(labelstudio_server._titles)

    def make(prefix: str = "t", ontology: str | None = None) -> ProjectInfo:
        onto = load_ontology(ontology)
        title = labelstudio_server.unique_title(prefix)
        return client.create_project(title, build_label_config(onto), "")

    yield make
    for title in labelstudio_server._titles[first_title:]:
        project = client.find_project(title)
        if project is not None:
            client.delete_project(project.id)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Anything that uses the server is an integration test, marked or not.
    for item in items:
        if "labelstudio_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.labelstudio)


@pytest.fixture
def ls_title(labelstudio_server: LabelStudioServer, ls_project: Callable[..., ProjectInfo]) -> str:
    """A unique project title (not created yet); the project is deleted after the test."""
    return labelstudio_server.unique_title("p")
