"""Two actors side by side: whom they share as partners and as rivals, and where they differ.

"Does Russia stand with the same people as Iran?" is answered from the two tier lists alone:
a partner both rank in a cooperative tier is shared, one both rank as rival is a shared rival,
one they rank differently is listed with both tiers. Each actor's map is drawn beside the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from allegiance.reason import TierResult
from allegiance.report.actor import map_block, plural
from allegiance.report.data import ActorData, load_actor_data
from allegiance.report.html import Html, join, note, page, section, table, tag
from allegiance.report.network import map_payload
from allegiance.store import GraphStore

RIVAL_TIER = "rival"
"""The tier name the reasoner gives tension-only partners (``allegiance.reason.rules``)."""


@dataclass(frozen=True)
class SharedPartner:
    partner: str
    label: str
    tier_a: str | None
    tier_b: str | None


@dataclass(frozen=True)
class Comparison:
    shared_partners: tuple[SharedPartner, ...]
    shared_rivals: tuple[SharedPartner, ...]
    differing: tuple[SharedPartner, ...]
    only_a: tuple[SharedPartner, ...]
    only_b: tuple[SharedPartner, ...]


def compare_tiers(
    a: str, tiers_a: list[TierResult], b: str, tiers_b: list[TierResult]
) -> Comparison:
    """Sort the partners of ``a`` and ``b`` (each other excluded) into the comparison's lists."""
    by_a = {t.partner.id: t for t in tiers_a if t.partner.id != b}
    by_b = {t.partner.id: t for t in tiers_b if t.partner.id != a}
    labels = {t.partner.id: t.partner.label for t in [*tiers_a, *tiers_b]}

    def row(partner: str) -> SharedPartner:
        ta, tb = by_a.get(partner), by_b.get(partner)
        return SharedPartner(
            partner, labels[partner], ta.tier if ta else None, tb.tier if tb else None
        )

    def order(ids: set[str]) -> list[str]:
        return sorted(ids, key=lambda p: (labels[p].casefold(), p))

    both = order(set(by_a) & set(by_b))
    rows = [row(p) for p in both]
    return Comparison(
        shared_partners=tuple(r for r in rows if RIVAL_TIER not in (r.tier_a, r.tier_b)),
        shared_rivals=tuple(r for r in rows if r.tier_a == r.tier_b == RIVAL_TIER),
        differing=tuple(r for r in rows if r.tier_a != r.tier_b),
        only_a=tuple(row(p) for p in order(set(by_a) - set(by_b))),
        only_b=tuple(row(p) for p in order(set(by_b) - set(by_a))),
    )


def _partner_table(
    rows: tuple[SharedPartner, ...], a: ActorData, b: ActorData, empty: str, element_id: str
) -> Html:
    if not rows:
        return note(empty)
    body = [[f"{r.label} ({r.partner})", r.tier_a or "", r.tier_b or ""] for r in rows]
    headers = ["partner", f"tier for {a.focal.label}", f"tier for {b.focal.label}"]
    return tag("div", table(headers, body), id=element_id)


def _between(a: ActorData, b: ActorData) -> Html:
    mine = next((t for t in a.tiers if t.partner.id == b.focal.id), None)
    theirs = next((t for t in b.tiers if t.partner.id == a.focal.id), None)
    if mine is None and theirs is None:
        return note(f"No claim relates {a.focal.label} and {b.focal.label} directly.")
    found = mine or theirs
    assert found is not None
    edges = a.edges_of(b.focal.id)
    rows = [
        [e.dimension, e.polarity, plural(len(e.claims), "claim"), plural(e.sources, "source")]
        for e in edges
    ]
    summary = tag(
        "p",
        f"{b.focal.label} is {found.tier}{' (mixed)' if found.mixed else ''} "
        f"for {a.focal.label}: {found.rule}.",
    )
    return join([summary, table(["dimension", "polarity", "claims", "sources"], rows)])


def comparison_body(a: ActorData, b: ActorData) -> Html:
    found = compare_tiers(a.focal.id, list(a.tiers), b.focal.id, list(b.tiers))
    maps = tag(
        "div",
        join(
            [
                tag("div", join([tag("h3", a.focal.label), map_block(a, "map-a", height=560)])),
                tag("div", join([tag("h3", b.focal.label), map_block(b, "map-b", height=560)])),
            ]
        ),
        cls="side-by-side",
    )
    la, lb = a.focal.label, b.focal.label
    return join(
        [
            tag("h1", f"{la} and {lb} compared"),
            tag(
                "p",
                f"{la}: {plural(len(a.tiers), 'partner')}; {lb}: {plural(len(b.tiers), 'partner')}"
                + (f"; as of {a.as_of}" if a.as_of is not None else ""),
                cls="subtitle",
            ),
            section("Between the two", _between(a, b), element_id="between"),
            section("Alliance maps", maps, element_id="maps"),
            section(
                "Shared partners",
                _partner_table(found.shared_partners, a, b, "No shared partner.", "shared"),
                element_id="shared-partners",
            ),
            section(
                "Shared rivals",
                _partner_table(found.shared_rivals, a, b, "No shared rival.", "rivals"),
                element_id="shared-rivals",
            ),
            section(
                "Differing tiers",
                _partner_table(found.differing, a, b, "Shared partners share tiers.", "differ"),
                element_id="differing-tiers",
            ),
            section(
                f"Only {la}'s",
                _partner_table(found.only_a, a, b, "None.", "only-a"),
                element_id="only-a-partners",
            ),
            section(
                f"Only {lb}'s",
                _partner_table(found.only_b, a, b, "None.", "only-b"),
                element_id="only-b-partners",
            ),
        ]
    )


def render_comparison(
    store: GraphStore,
    a: str,
    b: str,
    *,
    as_of: int | None = None,
    generated_at: str | None = None,
) -> str:
    """The comparison page of actors ``a`` and ``b`` (actor ids) as self-contained HTML text."""
    data_a = load_actor_data(store, a, as_of=as_of)
    data_b = load_actor_data(store, b, as_of=as_of)
    maps = {
        key: map_payload(data) for key, data in (("map-a", data_a), ("map-b", data_b)) if data.tiers
    }
    return page(
        f"{data_a.focal.label} and {data_b.focal.label}: alliances compared",
        comparison_body(data_a, data_b),
        data={"maps": maps},
        generated_at=generated_at,
    )
