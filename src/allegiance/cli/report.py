"""`allegiance report` and `allegiance compare`: write the HTML pages of ``allegiance.report``.

Thin commands: resolve the actor names with the gazetteer, open the store read-only, render,
write one file. The pages need nothing beside themselves, so the file can be mailed as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import click

from allegiance.cli.common import err, fail, open_store, resolve_actor, store_option
from allegiance.report import render_actor_report, render_comparison
from allegiance.store import GraphStore

output_option = click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
date_option = click.option(
    "--generated-at",
    "generated_at",
    default=None,
    help="Date printed in the footer (default: today; pass '' for none, e.g. for diffs).",
)


def _render(store_path: Path, output: Path, render: Callable[[GraphStore], str]) -> None:
    with open_store(store_path) as store:
        text = render(store)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    err.print(f"wrote {output} ({len(text.encode('utf-8')) // 1024} KiB)", markup=False)


def _date(given: str | None) -> str | None:
    if given is None:
        return datetime.date.today().isoformat()
    return given or None


@click.command("report")
@click.argument("actor")
@output_option
@click.option(
    "--as-of",
    "as_of",
    type=int,
    default=None,
    help="Count only claims of this year or earlier (claims without a year count).",
)
@date_option
@store_option
def report_command(
    actor: str, output: Path, as_of: int | None, generated_at: str | None, store_path: Path
) -> None:
    """Write the report of ACTOR (map, tiers, dimensions, figures, sources) as one HTML file."""
    focal = resolve_actor(actor)
    _render(
        store_path,
        output,
        lambda store: render_actor_report(
            store, focal.id, as_of=as_of, generated_at=_date(generated_at)
        ),
    )


@click.command("compare")
@click.argument("actor_a")
@click.argument("actor_b")
@output_option
@click.option(
    "--as-of", "as_of", type=int, default=None, help="Only claims of this year or earlier."
)
@date_option
@store_option
def compare_command(
    actor_a: str,
    actor_b: str,
    output: Path,
    as_of: int | None,
    generated_at: str | None,
    store_path: Path,
) -> None:
    """Write ACTOR_A and ACTOR_B side by side (shared partners and rivals) as one HTML file."""
    a, b = resolve_actor(actor_a), resolve_actor(actor_b)
    if a.id == b.id:
        fail(f"{actor_a!r} and {actor_b!r} are the same actor ({a.id})")
    _render(
        store_path,
        output,
        lambda store: render_comparison(
            store, a.id, b.id, as_of=as_of, generated_at=_date(generated_at)
        ),
    )
