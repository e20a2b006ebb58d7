"""--url as users type or copy it, and a project title typo that names the existing titles."""

from __future__ import annotations

import pytest

from eventset.annotate.client import unknown_project
from eventset.cli._connection import connect, server_url
from eventset.errors import LabelStudioError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("127.0.0.1:18342", "http://127.0.0.1:18342"),
        ("localhost:8080/", "http://localhost:8080"),
        ("http://127.0.0.1:18342/user/login", "http://127.0.0.1:18342"),
        ("https://ls.example/projects/3/data?tab=1#top", "https://ls.example"),
        ("https://ls.example/api/projects", "https://ls.example"),
        ("https://proxy.example/labelstudio/user/login", "https://proxy.example/labelstudio"),
        ("HTTPS://ls.example:8443/", "https://ls.example:8443"),
        (" http://127.0.0.1:8080 ", "http://127.0.0.1:8080"),
        # proxy prefixes with words that are also Label Studio routes stay whole
        (
            "https://hub.example.org/user/alice/proxy/8080/",
            "https://hub.example.org/user/alice/proxy/8080",
        ),
        (
            "https://tools.example.org/data/labelstudio/",
            "https://tools.example.org/data/labelstudio",
        ),
        ("https://ls.example/projects/3/data/upload/a.txt", "https://ls.example"),
        ("localhost:8080/user/login?next=http://x", "http://localhost:8080"),
        (None, None),
    ],
)
def test_urls_are_reduced_to_the_server_address(given, expected):
    assert server_url(given) == expected


@pytest.mark.parametrize("given", ["ftp://ls.example", "http://", "file:///tmp/x"])
def test_urls_that_are_no_server_address_are_refused(given):
    with pytest.raises(LabelStudioError, match="is not an http\\(s\\) address") as err:
        server_url(given)
    assert "http://127.0.0.1:8080" in str(err.value)


def test_connect_uses_the_normalised_url_from_flag_and_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    key = "k" * 40
    client = connect("127.0.0.1:18342/user/login", key, tmp_path)
    assert client.connection.url == "http://127.0.0.1:18342"
    monkeypatch.setenv("LABEL_STUDIO_URL", "ls.example:8080/projects/")
    assert connect(None, key, tmp_path).connection.url == "http://ls.example:8080"


def test_a_missing_project_names_the_closest_titles():
    error = unknown_project("my projet", "http://ls", ["my project", "other", "my projects"])
    assert error.message == (
        "no project titled 'my projet' on http://ls; did you mean 'my project' or 'my projects'?"
    )
    assert "eventset project sync --title 'my projet'" in str(error)


def test_a_missing_project_without_close_titles_lists_them_all():
    titles = [f"t{n:02}" for n in range(25)]
    message = unknown_project("news", "http://ls", ["b", "a"]).message
    assert message.endswith("; the projects there are 'a', 'b'")
    message = unknown_project("zzzzzz", "http://ls", titles).message
    assert message.endswith("'t19' and 5 more")
    assert unknown_project("x", "http://ls", []).message.endswith("the server has no projects yet")
