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


def test_one_spelling_per_server_so_localhost_and_127_share_the_lock(tmp_path):
    with (
        import_lock("http://127.0.0.1:8080", 4, "news", tmp_path),
        pytest.raises(InputError, match="running on this machine"),
        import_lock("HTTP://LocalHost:8080/", 4, "news", tmp_path),
    ):
        pass
    with (
        import_lock("http://ls.example", 4, "news", tmp_path),
        pytest.raises(InputError, match="running on this machine"),
        import_lock("http://user:pw@ls.example:80", 4, "news", tmp_path),
    ):
        pass


def test_the_lock_file_goes_when_the_import_ends(tmp_path):
    with import_lock(URL, 4, "news", tmp_path):
        assert len(list(tmp_path.iterdir())) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_others_can_write_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "locks"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    with pytest.raises(InputError) as refused, import_lock(URL, 4, "news", folder):
        pass
    assert f"cannot use the import lock file {folder}" in refused.value.message
    assert "mode 700" in refused.value.remedy
    assert list(folder.iterdir()) == []


def test_a_planted_link_is_never_followed(tmp_path):
    folder = tmp_path / "locks"
    with import_lock(URL, 4, "news", folder):
        [lock] = folder.iterdir()
    victim = tmp_path / "notes.txt"
    victim.write_text("precious", encoding="utf-8")
    lock.symlink_to(victim)
    with (
        pytest.raises(InputError, match="cannot use the import lock file"),
        import_lock(URL, 4, "news", folder),
    ):
        pass
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_file_where_the_folder_should_be_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "locks").write_text("", encoding="utf-8")
    with (
        pytest.raises(InputError, match="cannot use the import lock file"),
        import_lock(URL, 4, "news", tmp_path / "locks"),
    ):
        pass


def test_a_forked_child_does_not_keep_the_lock_after_the_import(tmp_path):
    read, write = os.pipe()
    with import_lock(URL, 4, "news", tmp_path):
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only waits
            os.close(write)
            os.read(read, 1)
            os._exit(0)
    os.close(read)
    try:
        with import_lock(URL, 4, "news", tmp_path):  # the child still runs
            pass
    finally:
        os.close(write)
        os.waitpid(child, 0)
