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

from allegiance.records import ActorRef
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore, StoreError
from allegiance.store.compaction import MODES as COMPACTION_MODES

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


compact_option = click.option(
    "--compact",
    "compaction",
    type=click.Choice(list(COMPACTION_MODES)),
    default="auto",
    show_default=True,
    help="Merge the store's table files after writing, so queries search fewer (its time "
    "grows with the store): auto after any write; never, to add documents one build at a "
    "time and run `allegiance compact` once at the end.",
)


gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file of your own actors and aliases (.tsv or .ttl); repeatable.",
)
cues_option = click.option(
    "--cues",
    "cue_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file of your own cue phrases (TOML, the format of lexicon/cues.toml); repeatable.",
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


def open_store(store_path: Path, *, read_only: bool = True) -> GraphStore:
    """Open the store for a command, or exit with one line saying why not."""
    if read_only and not store_path.exists():
        fail(f"{store_path}: no store here; run `allegiance build` first or pass --store")
    try:
        return GraphStore.open(store_path, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def resolve_actor(name: str) -> ActorRef:
    """The one actor a name, alias, demonym or code names; exits with suggestions otherwise."""
    gazetteer = load_gazetteer()
    found = gazetteer.resolve_all(name)
    if len(found) == 1:
        return found[0]
    if found:
        options = ", ".join(f"{a.label} ({a.id})" for a in found)
        fail(f"{name!r} names several actors: {options}; use an id")
    close = gazetteer.closest(name)
    hint = "; closest: " + ", ".join(f"{a.label} ({a.id})" for a in close) if close else ""
    fail(f"unknown actor {name!r}{hint}")
    raise AssertionError("unreachable")


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    out.print(table)
