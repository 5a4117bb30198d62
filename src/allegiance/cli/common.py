"""Options and output helpers shared by the CLI commands (a thin layer over the library)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

DEFAULT_STORE = ".allegiance/store"
"""The store folder, relative to the working directory, when neither --store nor
ALLEGIANCE_STORE says otherwise."""

out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def wide() -> Console:
    """A console at least 140 columns wide, for tables whose columns must not be cut."""
    return Console(highlight=False, soft_wrap=True, emoji=False, width=max(out.width, 140))


def default_store() -> str:
    return os.environ.get("ALLEGIANCE_STORE") or DEFAULT_STORE


store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=default_store,
    show_default=f"$ALLEGIANCE_STORE or {DEFAULT_STORE}",
    help="Folder of the embedded Oxigraph store.",
)


def format_option(*choices: str, default: str = "table"):  # type: ignore[no-untyped-def]
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format: tables for people, json for scripts.",
    )


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True)
    sys.exit(code)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    out.print(table)
