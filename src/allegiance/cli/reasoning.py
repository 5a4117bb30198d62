"""`allegiance tiers`, `explain`, `contradictions` and `reason`: thin commands over
``allegiance.reason``."""

from __future__ import annotations

from pathlib import Path

import click

from allegiance.cli.common import (
    compact_option,
    format_option,
    open_store,
    out,
    print_json,
    print_table,
    resolve_actor,
    store_option,
)
from allegiance.reason import (
    claims_between,
    compute_tiers,
    find_contradictions,
    reason,
)
from allegiance.reason.explain import evidence_sentences
from allegiance.store.compaction import compact_if_due


@click.command("tiers")
@click.argument("actor")
@click.option(
    "--as-of",
    "as_of",
    type=int,
    default=None,
    help="Count only claims of this year or earlier (claims without a year count).",
)
@store_option
@format_option("table", "json")
def tiers_command(actor: str, as_of: int | None, store_path: Path, fmt: str) -> None:
    """Partners of ACTOR (a name, alias or ISO code) by alliance tier, closest first."""
    focal = resolve_actor(actor)
    with open_store(store_path, read_only=True) as store:
        results = compute_tiers(store, focal.id, as_of=as_of)
        evidence = (
            {} if fmt == "json" else evidence_sentences(store, [r.strongest for r in results])
        )
    if fmt == "json":
        print_json([r.as_json() for r in results])
        return
    if not results:
        out.print(f"no claims involve {focal.label} ({focal.id})")
        return
    rows = []
    for r in results:
        ev = evidence.get(r.strongest)
        rows.append(
            [
                r.rank,
                f"{r.partner.label} ({r.partner.id})",
                r.tier + (", mixed" if r.mixed else ""),
                ", ".join(r.dimensions),
                r.sources,
                ev.text if ev else "",
            ]
        )
    title = f"Partners of {focal.label}" + (f" as of {as_of}" if as_of is not None else "")
    print_table(
        title, ["rank", "partner", "tier", "dimensions", "sources", "strongest evidence"], rows
    )


@click.command("explain")
@click.argument("actor_a")
@click.argument("actor_b")
@click.option(
    "--as-of", "as_of", type=int, default=None, help="Only claims of this year or earlier."
)
@store_option
@format_option("table", "json")
def explain_command(
    actor_a: str, actor_b: str, as_of: int | None, store_path: Path, fmt: str
) -> None:
    """Every claim between two actors with its sentence, document and offsets."""
    a, b = resolve_actor(actor_a), resolve_actor(actor_b)
    with open_store(store_path, read_only=True) as store:
        found = claims_between(store, a.id, b.id, as_of=as_of)
    if fmt == "json":
        print_json([item.as_json() for item in found])
        return
    if not found:
        out.print(f"no claims between {a.label} and {b.label}")
        return
    for item in found:
        c, ev = item.claim, item.evidence
        arrow = "->" if c.directed else "<->"
        out.print(
            f"{c.subject} {arrow} {c.object}  {c.dimension} {c.polarity} "
            f"{c.formality} {c.modality} confidence {c.confidence:g}",
            markup=False,
        )
        where = f"{ev.path or c.document} [{ev.start}:{ev.end}]" if ev else c.document
        out.print(f"  {where}", markup=False)
        out.print(f'  "{ev.text if ev else ""}"', markup=False)
        out.print(f"  {c.iri}", markup=False)


@click.command("contradictions")
@store_option
@format_option("table", "json")
def contradictions_command(store_path: Path, fmt: str) -> None:
    """Pairs with cooperation and tension in one dimension, and whether their sources disagree."""
    with open_store(store_path, read_only=True) as store:
        found = find_contradictions(store)
    if fmt == "json":
        print_json([c.as_json() for c in found])
        return
    rows = [
        [
            f"{c.actors[0]} / {c.actors[1]}",
            c.dimension,
            c.cooperation_sources,
            c.tension_sources,
            "yes" if c.sources_disagree else "no",
        ]
        for c in found
    ]
    print_table(
        "Contradictions",
        ["pair", "dimension", "cooperation sources", "tension sources", "sources disagree"],
        rows,
    )


@click.command("reason")
@store_option
@compact_option
def reason_command(store_path: Path, compaction: str) -> None:
    """Recompute the inferred actor edges, the tier assignments and the relation summaries."""
    with open_store(store_path, read_only=False) as store:
        report = reason(store)
        indexed = store.refresh_claim_index()  # reasoning's writes removed the index's stamp
        compacted = compact_if_due(store, compaction)  # as build does
    out.print(
        f"inferred: {report.inferred_triples} triples; tiers: {report.tier_assignments} "
        f"assignments; relations: {report.relation_summaries} summaries"
    )
    out.print(indexed.line())
    if line := compacted.line():
        out.print(line)
