"""Review 10 against a real Label Studio: a mistyped port or path prefix points at the server
that runs, no HTML page is printed, the unknown-project hint keeps the ontology (and, run as
given, makes the next import work), sync and import print the project URL, and pull replaces
only an earlier export."""

from __future__ import annotations

import shlex

import pytest
from support.cli import LABEL_STUDIO_ENV
from support.cli import run_cli as run

from eventset.annotate.localnet import free_port

pytestmark = pytest.mark.labelstudio

ONTOLOGY = '''"""Sieges, as in the README."""
from eventset import Entity, Event, Ontology, Role


class City(Entity):
    """A city or town."""


class Siege(Event):
    """Forces surround a city to force its surrender."""

    lexicon = {"en": ["siege", "besieged"]}

    city: list[City] = Role("The city under siege.", max=1)


ONTOLOGY = Ontology(name="review10-sieges", version=1, entities=[City], events=[Siege])
'''


@pytest.fixture(autouse=True)
def _no_label_studio_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LABEL_STUDIO_ENV:
        monkeypatch.delenv(name, raising=False)


def _wrong_port() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there


def test_a_wrong_port_without_a_key_names_the_running_server(labelstudio_server):
    server, wrong = labelstudio_server, _wrong_port()
    result = run("project", "list", "--url", wrong, "--data-dir", server.data_dir)
    assert result.exit_code == 1
    assert f"no API key for the Label Studio server at {wrong} (from --url)" in result.output
    assert f"the local server of {server.data_dir} runs at {server.url}" in result.output
    assert f"give --url {server.url}" in result.output
    assert "has no server recorded" not in result.output
    # the advice works
    right = run("project", "list", "--url", server.url, "--data-dir", server.data_dir)
    assert right.exit_code == 0, right.output
    for shown in (result, right):
        assert server.api_key not in shown.output


def test_a_wrong_port_with_a_key_names_its_source_and_the_running_server(labelstudio_server):
    server, wrong = labelstudio_server, _wrong_port()
    env = {"LABEL_STUDIO_API_KEY": server.api_key}
    result = run("project", "list", "--url", wrong, "--data-dir", server.data_dir, **env)
    assert result.exit_code == 1 and f"cannot reach Label Studio at {wrong}" in result.output
    assert f"the local server of {server.data_dir} runs at {server.url}" in result.output
    assert "check the URL given with --url" in result.output
    assert "check LABEL_STUDIO_URL" not in result.output
    assert server.api_key not in result.output


def test_a_wrong_path_prefix_shows_no_html_and_says_nothing_answers_there(
    labelstudio_server, tmp_path
):
    server, out = labelstudio_server, tmp_path / "unused.json"
    prefixed = f"{server.url}/labelstudio"
    env = {"LABEL_STUDIO_API_KEY": server.api_key}
    results = [
        run("project", "list", "--url", prefixed, **env),
        run("pull", "--project", "x" * 5, "--out", out, "--url", prefixed, **env),
    ]
    for result in results:
        assert result.exit_code == 1, result.output
        assert "HTTP 404 (an HTML page of " in result.output, result.output
        assert "<" not in result.output, "no markup of the page"
        assert f"nothing answers at {prefixed}/api/..." in result.output
        assert "check the URL's path" in result.output
        assert f"Label Studio answers at {server.url}, without /labelstudio" in result.output
        assert "the project or task does not exist" not in result.output
        assert server.api_key not in result.output
    assert not out.exists()


def test_a_missing_project_id_on_the_right_server_keeps_its_hint(labelstudio_server):
    from eventset.errors import LabelStudioError

    with pytest.raises(LabelStudioError) as caught:
        labelstudio_server.client().get_project(987654)
    assert "HTTP 404" in caught.value.message
    assert "the project or task does not exist (any more)" in str(caught.value.remedy)


def test_the_suggested_sync_uses_the_imports_ontology_and_the_next_import_works(
    labelstudio_server, ls_title, tmp_path
):
    server = labelstudio_server
    conn = {"LABEL_STUDIO_URL": server.url, "LABEL_STUDIO_API_KEY": server.api_key}
    folder = tmp_path / "my ontologies"
    folder.mkdir()
    (folder / "sieges.py").write_text(ONTOLOGY)
    news = tmp_path / "news.txt"
    news.write_text("The rebels besieged the city for a month.")
    given = str(folder / "sieges.py")
    refused = run("import", news, "--project", ls_title, "--ontology", given, **conn)
    assert refused.exit_code == 1 and f"no project titled {ls_title!r}" in refused.output
    suggested = refused.output.split("create it first: ", 1)[1].strip()
    argv = shlex.split(suggested)
    assert argv[:3] == ["eventset", "project", "sync"]
    assert argv[3:] == ["--title", ls_title, "--ontology", given]
    # the same with the ontology from EVENTSET_ONTOLOGY
    from_env = run("import", news, "--project", ls_title, EVENTSET_ONTOLOGY=given, **conn)
    assert f"--ontology {shlex.quote(given)}" in from_env.output
    # run as suggested, the sync makes the project the import needs
    synced = run(*argv[1:], **conn)
    assert synced.exit_code == 0 and " created: review10-sieges v1 " in synced.output
    project = server.client().find_project(ls_title)
    assert project is not None
    url = f"{server.url}/projects/{project.id}"
    assert f"open the project: {url}\n" in synced.output
    imported = run("import", news, "--project", ls_title, "--ontology", given, **conn)
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith("read 1, imported 1, already present 0")
    assert "languages: en=1" in imported.output and f"open the project: {url}\n" in imported.output
    again = run("import", news, "--project", ls_title, "--ontology", given, **conn)
    assert again.exit_code == 0, again.output
    assert "languages" not in again.output and "; no new documents" in again.output
    for result in (refused, from_env, synced, imported, again):
        assert server.api_key not in result.output


def test_pull_replaces_an_earlier_export_but_not_another_file(
    labelstudio_server, ls_title, tmp_path
):
    server = labelstudio_server
    conn = ["--url", server.url, "--api-key", server.api_key]
    assert run("project", "sync", "--title", ls_title, *conn).exit_code == 0
    out = tmp_path / "export.json"
    first = run("pull", "--project", ls_title, "--out", out, *conn)
    second = run("pull", "--project", ls_title, "--out", out, *conn)  # over the first export
    assert first.exit_code == second.exit_code == 0, second.output
    ontology = tmp_path / "my_ontology.py"
    ontology.write_text(ONTOLOGY)
    refused = run("pull", "--project", ls_title, "--out", ontology, *conn)
    assert refused.exit_code == 1
    assert f"will not write the export to {ontology}" in refused.output
    assert ontology.read_text() == ONTOLOGY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "my_ontology.py"]
