"""``eventset server start|stop|status``: a local Label Studio for annotators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventset.annotate.server import DEFAULT_DATA_DIR, DEFAULT_PORT, ServerPaths
from eventset.cli import app

server_app = typer.Typer(
    help="Run a local Label Studio (127.0.0.1 only, SQLite in a data dir).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(server_app, name="server")

DataDirOption = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        help="Where the database, log and credentials live.",
        envvar="EVENTSET_DATA_DIR",
    ),
]


PORT_ENV = "EVENTSET_PORT"


@server_app.command("start")
def start(
    ctx: typer.Context,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (1-65535).", envvar=PORT_ENV)
    ] = DEFAULT_PORT,
) -> None:
    """Start Label Studio and wait until it answers (the first start takes about a minute)."""
    from eventset.annotate.credentials import read_credentials
    from eventset.annotate.server import check_port, start_server
    from eventset.annotate.serverfiles import check_data_dir

    # Both are refused before "Starting ..." is said (start_server checks them too).
    # by name: typer ships its own copy of click, whose enum is not click's
    from_env = getattr(ctx.get_parameter_source("port"), "name", "") == "ENVIRONMENT"
    check_port(port, PORT_ENV if from_env else "--port")
    check_data_dir(data_dir)
    _say_starting(data_dir, port)
    status = start_server(data_dir, port)
    paths = ServerPaths(status.data_dir)
    if status.started:
        typer.echo(f"Label Studio is running at {status.url} (pid {status.pid})")
    else:
        typer.echo(f"Label Studio was already running at {status.url} (pid {status.pid})")
        if status.port is not None and status.port != port:
            typer.echo(
                f"Note: it listens on port {status.port}, not the requested {port}; to move it, "
                f"run `eventset server stop --data-dir {data_dir}` and start it again"
            )
    credentials = read_credentials(paths.credentials)
    user = credentials.username if credentials else "the admin user"
    # The password stays in the file (mode 0600); the API key is never shown.
    typer.echo(f"Log in as {user}; the password is in {paths.credentials}")
    typer.echo(f"Log file: {paths.log}. Stop it with: eventset server stop --data-dir {data_dir}")


def _say_starting(data_dir: Path, port: int) -> None:
    """Say what ``start`` is about to do, only when it will launch a server."""
    from eventset.annotate.localnet import port_is_free
    from eventset.annotate.server import server_status

    current = server_status(data_dir)
    if current.running:
        if not current.healthy:
            typer.echo(
                f"Label Studio from {data_dir} is already running (pid {current.pid}) but does "
                "not answer yet; waiting ..."
            )
        return
    if not port_is_free(port):
        return  # start_server refuses it, with the remedy
    first = not ServerPaths(Path(data_dir)).database.exists()
    remark = " (first start: migrations take about a minute)" if first else ""
    typer.echo(f"Starting Label Studio from {data_dir}{remark} ...")


@server_app.command("stop")
def stop(data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Stop the server started from this data dir (only that process)."""
    from eventset.annotate.server import stop_server

    pid = stop_server(data_dir)
    typer.echo(f"Stopped Label Studio (pid {pid})" if pid else f"No server running from {data_dir}")


@server_app.command("status")
def status(data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Say whether the server of this data dir runs and answers /health; exit 1 if not."""
    from eventset.annotate.server import server_status

    current = server_status(data_dir)
    if not current.running:
        typer.echo(f"not running (data dir {data_dir})")
        raise typer.Exit(1)
    health = "healthy" if current.healthy else "NOT answering /health"
    typer.echo(f"running at {current.url} (pid {current.pid}), {health}")
    if not current.healthy:
        raise typer.Exit(1)
