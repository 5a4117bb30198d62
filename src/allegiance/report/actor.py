"""The actor report: one self-contained HTML page about one actor's alignments.

Picture first (the map), then the table (tiers), then the sentences (side panel, dimensions,
contradictions, sources): the order in which an analyst checks an answer. The page embeds
plotly.js and its data, so it can be mailed as one file and opened offline; ``allegiance serve``
mounts the same string at the actor's IRI.
"""

from __future__ import annotations

from allegiance.reason.contradictions import Contradiction
from allegiance.records import DIMENSIONS
from allegiance.report.charts import quantities_figure, timeline_figure
from allegiance.report.data import ActorData, Edge, load_actor_data
from allegiance.report.html import Html, figure, join, note, page, section, table, tag
from allegiance.report.network import map_figure, map_payload
from allegiance.store import GraphStore

MAP_ID = "map"


def map_block(data: ActorData, map_id: str, *, height: int = 680) -> Html:
    """The map with its side panel (the panel is filled by the page script on click)."""
    if not data.tiers:
        return note(f"No claims about {data.focal.label} count towards a tier.")
    panel = tag(
        "aside",
        join(
            [
                tag("h3", "Evidence"),
                note("Click an edge marker (or a partner) to read the sentences behind it."),
            ]
        ),
        id=f"{map_id}-panel",
        cls="panel",
        aria_live="polite",
    )
    return tag(
        "div",
        join([figure(map_figure(data, height=height), map_id, height=height), panel]),
        cls="map-row",
    )


def _sentence(data: ActorData, claim_iri: str) -> Html:
    ev = data.evidence.get(claim_iri)
    if ev is None:
        return Html("")
    where = ev.title or ev.path or ""
    return join([tag("q", ev.text), tag("div", f"{where} [{ev.start}:{ev.end}]", cls="meta")])


def tiers_table(data: ActorData) -> Html:
    rows = [
        [
            r.rank,
            f"{r.partner.label} ({r.partner.id})",
            r.tier,
            "yes" if r.mixed else "no",
            ", ".join(r.dimensions),
            r.sources,
            _sentence(data, r.strongest),
        ]
        for r in data.tiers
    ]
    headers = ["rank", "partner", "tier", "mixed", "dimensions", "sources", "strongest evidence"]
    return tag("div", table(headers, rows), id="tiers")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def amount(value: float) -> str:
    """Amounts as people write them: 15,000,000,000 rather than 1.5e+10."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _cell(edges: list[Edge]) -> str:
    return "; ".join(
        f"{e.polarity}: {plural(len(e.claims), 'claim')}, {plural(e.sources, 'source')}"
        for e in edges
    )


def dimensions_table(data: ActorData) -> Html:
    present = {e.dimension for e in data.edges}
    dims = [d for d in DIMENSIONS if d in present] + sorted(present - set(DIMENSIONS))
    rows = []
    for r in data.tiers:
        edges = data.edges_of(r.partner.id)
        rows.append(
            [f"{r.partner.label} ({r.partner.id})"]
            + [_cell([e for e in edges if e.dimension == d]) for d in dims]
        )
    return tag("div", table(["partner", *dims], rows), id="dimensions")


def quantities_block(data: ActorData) -> Html:
    fig = quantities_figure(data)
    if fig is None:
        return note("No claim involving this actor states an amount with a year.")
    labels = data.labels
    rows = [
        [
            p.year,
            labels.get(p.partner, p.partner),
            f"{p.comparator} {amount(p.amount)}",
            p.unit,
            f"{p.dimension} {p.polarity}",
            tag("q", p.sentence),
        ]
        for p in sorted(data.quantities, key=lambda p: (p.year, p.unit, p.partner, p.claim))
    ]
    return join(
        [
            figure(fig, "quantities", height=int(fig.layout.height)),
            tag(
                "div",
                table(["year", "partner", "amount", "unit", "relation", "sentence"], rows),
                id="quantity-table",
            ),
        ]
    )


def timeline_block(data: ActorData) -> Html:
    fig = timeline_figure(data)
    if fig is None:
        return note("No claim involving this actor states a year.")
    return figure(fig, "timeline", height=340)


def _first_sentence(data: ActorData, claims: tuple[str, ...]) -> Html:
    for iri in claims:
        if iri in data.evidence:
            return tag("q", data.evidence[iri].text)
    return Html("")


def contradictions_table(data: ActorData, found: tuple[Contradiction, ...]) -> Html:
    if not found:
        return note("No relation of this actor is stated both as cooperation and as tension.")
    labels = data.labels
    rows = [
        [
            " / ".join(labels.get(a, a) for a in c.actors),
            c.dimension,
            c.cooperation_sources,
            c.tension_sources,
            "yes" if c.sources_disagree else "no",
            _first_sentence(data, c.cooperation_claims),
            _first_sentence(data, c.tension_claims),
        ]
        for c in found
    ]
    headers = [
        "pair",
        "dimension",
        "cooperation sources",
        "tension sources",
        "sources disagree",
        "cooperation says",
        "tension says",
    ]
    return tag("div", table(headers, rows), id="contradictions")


def sources_table(data: ActorData) -> Html:
    if not data.documents:
        return note("No document states a claim about this actor.")
    rows = [
        [d.title or "(untitled)", d.path or d.iri, d.publisher or "", d.date or "", d.claims]
        for d in data.documents
    ]
    return tag("div", table(["title", "path", "publisher", "date", "claims"], rows), id="sources")


def actor_body(data: ActorData) -> Html:
    focal = data.focal
    when = f" as of {data.as_of}" if data.as_of is not None else ""
    subtitle = (
        f"{focal.id}, {focal.kind}: {plural(len(data.tiers), 'partner')}{when}, "
        f"{plural(len(data.claims), 'claim')} in {plural(len(data.documents), 'document')}"
    )
    return join(
        [
            tag("h1", f"Who stands with {focal.label}?"),
            tag("p", subtitle, cls="subtitle"),
            section("Alliance map", map_block(data, MAP_ID), element_id="alliance-map"),
            section("Partners by tier", tiers_table(data), element_id="tier-table"),
            section("Dimensions per partner", dimensions_table(data), element_id="dims"),
            section("Quantities over time", quantities_block(data), element_id="quantities-time"),
            section("Claims over time", timeline_block(data), element_id="claims-time"),
            section(
                "Contradictions",
                contradictions_table(data, data.contradictions),
                element_id="contradictions-list",
            ),
            section("Sources", sources_table(data), element_id="sources-list"),
        ]
    )


def render_actor_report(
    store: GraphStore,
    actor_id: str,
    *,
    as_of: int | None = None,
    generated_at: str | None = None,
) -> str:
    """The whole report page of ``actor_id`` (an actor id such as ``IRN``) as HTML text.

    ``generated_at`` (a date string) is printed in the footer when given; nothing else depends
    on the clock, so the same store and arguments give the same bytes.
    """
    data = load_actor_data(store, actor_id, as_of=as_of)
    when = f" as of {as_of}" if as_of is not None else ""
    title = f"{data.focal.label}: alliance report{when}"
    return page(
        title,
        actor_body(data),
        data={"maps": {MAP_ID: map_payload(data)}} if data.tiers else {"maps": {}},
        generated_at=generated_at,
    )
