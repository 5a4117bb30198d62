"""`allegiance serve`: the SPARQL endpoint, template API, linked data and browser page."""

from __future__ import annotations

from pathlib import Path

import click

from allegiance.cli.common import err, fail, store_option
from allegiance.serve.config import (
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_REFRESH_S,
    DEFAULT_TIMEOUT_S,
    TOKEN_VARIABLE,
    ServeConfig,
    default_workers,
)


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--base-url",
    default=None,
    help="Public URL of the server, for the service description and VoID.",
)
@click.option(
    "--token",
    envvar=TOKEN_VARIABLE,
    default=None,
    show_envvar=True,
    help="Bearer token enabling /update and Graph Store writes (holds the store "
    "lock: builds must then go through the server).",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Origin allowed by CORS (repeatable; '*' for any).",
)
@click.option(
    "--timeout",
    "timeout_s",
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Time limit per query, in seconds.",
)
@click.option(
    "--max-rows",
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most rows (or triples) in one answer.",
)
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest serialized answer, in bytes.",
)
@click.option(
    "--max-body",
    default=DEFAULT_MAX_BODY,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest request body, in bytes.",
)
@click.option(
    "--workers",
    default=default_workers,
    show_default="cores, at least 2",
    type=click.IntRange(min=1),
    help="Query processes.",
)
@click.option(
    "--refresh",
    "refresh_s",
    default=DEFAULT_REFRESH_S,
    show_default=True,
    type=click.FloatRange(min=0.0),
    help="Seconds after which a query process reopens its snapshot of the store.",
)
def serve_command(
    store_path: Path,
    host: str,
    port: int,
    base_url: str | None,
    token: str | None,
    cors: tuple[str, ...],
    timeout_s: float,
    max_rows: int,
    max_bytes: int,
    max_body: int,
    workers: int,
    refresh_s: float,
) -> None:
    """Serve the store over HTTP: SPARQL 1.1 Protocol, template API, linked data, web page."""
    if not token and not (store_path / "CURRENT").is_file():
        fail(f"no store at {store_path}; run `allegiance build` first")
    config = ServeConfig(
        store=store_path,
        host=host,
        port=port,
        base_url=base_url,
        token=token or None,
        cors=cors,
        timeout_s=timeout_s,
        max_rows=max_rows,
        max_bytes=max_bytes,
        max_body=max_body,
        workers=workers,
        refresh_s=refresh_s,
    )
    from allegiance.serve import run

    mode = "read-write (token set)" if config.writable else "read-only"
    err.print(
        f"serving {store_path} {mode} at {config.public_url}/ (SPARQL: {config.public_url}/sparql)"
    )
    run(config)
