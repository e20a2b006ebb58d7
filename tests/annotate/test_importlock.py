"""``import_lock``: a second import into the same project on this machine is refused at once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from eventset.annotate.importlock import import_lock
from eventset.errors import InputError

URL = "http://user:s3cret@127.0.0.1:8080"


def test_a_second_import_into_the_same_project_is_refused_with_the_way_out(tmp_path):
    with (
        import_lock(URL, 4, "news", tmp_path),
        pytest.raises(InputError) as refused,
        import_lock(URL + "/", 4, "news", tmp_path),
    ):
        pass
    error = refused.value
    assert f"project 'news' is running on this machine (pid {os.getpid()})" in error.message
    assert "run this import again" in error.remedy
    assert "s3cret" not in str(error) and "s3cret" not in error.remedy
    assert all("s3cret" not in p.name for p in tmp_path.iterdir())


def test_other_projects_and_servers_are_not_held_and_the_lock_is_released(tmp_path):
    with (
        import_lock(URL, 4, "news", tmp_path),
        import_lock(URL, 5, "other", tmp_path),
        import_lock("http://x:9", 4, "n", tmp_path),
    ):
        pass
    with import_lock(URL, 4, "news", tmp_path):  # released when the first one ended
        pass


def test_a_lock_held_by_another_process_refuses_and_dies_with_it(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from eventset.annotate.importlock import import_lock
                with import_lock({URL!r}, 4, "news", {str(tmp_path)!r}):
                    print("held", flush=True)
                    sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with (
            pytest.raises(InputError, match=f"pid {holder.pid}"),
            import_lock(URL, 4, "news", tmp_path),
        ):
            pass
    finally:
        holder.kill()  # killed, not finished: the system releases the lock
        holder.wait()
    with import_lock(URL, 4, "news", tmp_path):
        pass
