"""``eventset demo``: the whole loop on the bundled example corpus."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from eventset.cli import app
from eventset.demo import DEMO_TITLE, EXAMPLES_DIR, OUT_DIR, DemoResult


@app.command("demo")
def demo(
    examples: Annotated[
        Path, typer.Option("--examples", help="Folder with the example articles and gold export.")
    ] = EXAMPLES_DIR,
    out: Annotated[Path, typer.Option("--out", help="Dataset folder to write.")] = OUT_DIR,
    no_server: Annotated[
        bool, typer.Option("--no-server", help="Only build the dataset; do not touch Label Studio.")
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", help="Data dir of the local Label Studio.", envvar="EVENTSET_DATA_DIR"
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            help="Port on 127.0.0.1 (default: 8080, or where the data dir's server runs).",
            envvar="EVENTSET_PORT",
        ),
    ] = None,
) -> None:
    """Start Label Studio, sync the demo project, import the examples, build the dataset."""
    from eventset.cli.dataset import print_build_summary, print_stats
    from eventset.demo import run_demo

    result = run_demo(
        examples, out, server=not no_server, data_dir=data_dir, port=port, say=typer.echo
    )
    print_build_summary(result.build, out)
    typer.echo("")
    print_stats(out)
    typer.echo(
        "Load it in Python:\n"
        "    from datasets import load_dataset\n"
        f'    docs = load_dataset("{out}")                 # train / validation / test\n'
        f'    sentences = load_dataset("{out}", "sentences")\n'
    )
    if result.server is not None:
        _print_next_steps(result, out)


def _print_next_steps(result: DemoResult, out: Path) -> None:
    from eventset.annotate.credentials import read_credentials
    from eventset.annotate.server import ServerPaths

    status = result.server
    assert status is not None
    paths = ServerPaths(status.data_dir)
    credentials = read_credentials(paths.credentials)
    username = credentials.username if credentials else "the admin user"
    mine = out.with_name(out.name + "-mine")
    # the commands below find the server through its data dir: name it unless it is the default
    quoted = shlex.quote(str(status.data_dir))  # pasted into a shell: spaces stay one argument
    where = "" if _is_default(status.data_dir) else f" --data-dir {quoted}"
    typer.echo(
        f"Label Studio keeps running at {status.url} with the project {DEMO_TITLE!r}.\n"
        f"Log in as {username}; the password is in {paths.credentials} (readable only by you).\n"
        "The project holds the articles with lexicon pre-annotations, not the gold annotations "
        f"that {out} was built from.\n"
        "Annotate there, then build a second dataset from your own annotations (a new folder, "
        "so the gold one stays):\n"
        f'    .venv/bin/eventset pull --project "{DEMO_TITLE}" --out build/demo-export.json'
        f"{where}\n"
        f"    .venv/bin/eventset build build/demo-export.json --out {shlex.quote(str(mine))}\n"
        f"Stop the server with: .venv/bin/eventset server stop --data-dir {quoted}"
    )


def _is_default(data_dir: Path) -> bool:
    from eventset.annotate.server import DEFAULT_DATA_DIR

    return Path(data_dir).resolve() == DEFAULT_DATA_DIR.resolve()
