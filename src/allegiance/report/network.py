"""The alliance map: the focal actor in the middle, partners on rings by tier, clients apart.

Placement is computed, not simulated: a partner's ring is its tier's place in the ranking order
of ``lexicon/tiers.toml`` and its angle its rank within the ring, so the same store always draws
the same map (no force layout, no random seed). Each relation (partner, dimension, polarity) is
one line coloured by dimension, dashed for tension, with a clickable marker near its middle
whose ``customdata`` is the edge key the page script looks up in the embedded edge table.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict

import plotly.graph_objects as go

from allegiance.reason import TierResult
from allegiance.reason.config import load_config
from allegiance.report.data import ActorData, Edge
from allegiance.report.style import palette

CLIENT_TIER = "client"
"""The tier name the reasoner gives clients (``allegiance.reason.rules``); drawn apart."""

EDGE_SPACING = 0.14
"""Distance between parallel lines of one partner's relations, in ring units."""
MIDPOINT_SPREAD = 0.09
"""Shift along the line between the click markers of one partner, so each can be hit."""
RING_START = 1.6
RING_STEP = 0.9
"""Radius of the innermost ring and the step between rings: the inner ring, where the closest
partners and most edges are, gets room for its click markers."""


def ring_radius(index: int) -> float:
    """Radius of the ring of the ``index``-th tier (1 = closest)."""
    return round(RING_START + (index - 1) * RING_STEP, 6)


def _esc(value: str) -> str:
    """Plotly reads its text as a small HTML subset; entities keep hostile labels inert."""
    return html.escape(value, quote=True)


def ring_tiers() -> list[str]:
    return [t for t in load_config().order if t != CLIENT_TIER]


def positions(tiers: tuple[TierResult, ...]) -> dict[str, tuple[float, float]]:
    """Where each partner sits: ring by tier, evenly spaced by rank; clients in a row below."""
    rings = ring_tiers()
    by_ring: dict[int, list[TierResult]] = defaultdict(list)
    clients: list[TierResult] = []
    for result in tiers:
        if result.tier == CLIENT_TIER:
            clients.append(result)
        else:
            index = rings.index(result.tier) + 1 if result.tier in rings else len(rings) + 1
            by_ring[index].append(result)
    placed: dict[str, tuple[float, float]] = {}
    for index, members in sorted(by_ring.items()):
        members.sort(key=lambda r: (r.rank, r.partner.id))
        radius = ring_radius(index)
        start = math.pi / 2 + 0.37 * index
        for i, result in enumerate(members):
            angle = start + 2 * math.pi * i / len(members)
            placed[result.partner.id] = (
                round(radius * math.cos(angle), 6),
                round(radius * math.sin(angle), 6),
            )
    outer = ring_radius(len(rings) + 1)
    clients.sort(key=lambda r: (r.rank, r.partner.id))
    for i, result in enumerate(clients):
        x = 0.0 if len(clients) == 1 else -outer + 2 * outer * i / (len(clients) - 1)
        placed[result.partner.id] = (round(x, 6), client_row())
    return placed


def client_row() -> float:
    """The y of the clients' row, below the outermost ring."""
    return -ring_radius(len(ring_tiers()) + 2)


def _edge_geometry(
    end: tuple[float, float], j: int, k: int
) -> tuple[list[float], list[float], tuple[float, float]]:
    """The j-th of k parallel lines from the centre to ``end``, and its click point."""
    length = math.hypot(*end) or 1.0
    ux, uy = end[0] / length, end[1] / length
    offset = (j - (k - 1) / 2) * EDGE_SPACING
    nx, ny = -uy * offset, ux * offset
    t = 0.5 + (j - (k - 1) / 2) * MIDPOINT_SPREAD
    xs = [round(nx, 6), round(end[0] + nx, 6)]
    ys = [round(ny, 6), round(end[1] + ny, 6)]
    middle = (round(nx + end[0] * t, 6), round(ny + end[1] * t, 6))
    return xs, ys, middle


def _edge_hover(data: ActorData, edge: Edge) -> str:
    partner = data.labels.get(edge.partner, edge.partner)
    n = len(edge.claims)
    return (
        f"{_esc(data.focal.label)} – {_esc(partner)}<br>{_esc(edge.dimension)} "
        f"{_esc(edge.polarity)}<br>{n} claim{'s' if n != 1 else ''}, {edge.sources} "
        f"source{'s' if edge.sources != 1 else ''}<br>click for the sentences"
    )


def _edge_traces(data: ActorData, placed: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    colours = palette()
    lines: list[go.Scatter] = []
    markers: dict[tuple[str, str], dict[str, list]] = defaultdict(
        lambda: {"x": [], "y": [], "key": [], "hover": []}
    )
    by_partner: dict[str, list[Edge]] = defaultdict(list)
    for edge in data.edges:
        by_partner[edge.partner].append(edge)
    seen_groups: set[tuple[str, str]] = set()
    for partner in sorted(by_partner):
        if partner not in placed:
            continue
        edges = by_partner[partner]
        for j, edge in enumerate(edges):
            xs, ys, middle = _edge_geometry(placed[partner], j, len(edges))
            group = (edge.dimension, edge.polarity)
            lines.append(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={
                        "color": colours.dimension_colour(edge.dimension),
                        "width": 1.5 + min(edge.sources, 5),
                        "dash": colours.dash(edge.polarity),
                    },
                    hoverinfo="skip",
                    name=_esc(f"{edge.dimension} {edge.polarity}"),
                    legendgroup=f"{edge.dimension}-{edge.polarity}",
                    showlegend=group not in seen_groups,
                    meta={"role": "edge-line"},
                )
            )
            seen_groups.add(group)
            bucket = markers[group]
            bucket["x"].append(middle[0])
            bucket["y"].append(middle[1])
            bucket["key"].append(edge.key)
            bucket["hover"].append(_edge_hover(data, edge))
    clickable = [
        go.Scatter(
            x=bucket["x"],
            y=bucket["y"],
            mode="markers",
            marker={
                "size": 11,
                "color": colours.dimension_colour(dimension),
                "symbol": "circle" if polarity == "cooperation" else "circle-open",
                "line": {"width": 2, "color": colours.dimension_colour(dimension)},
            },
            customdata=bucket["key"],
            hovertext=bucket["hover"],
            hoverinfo="text",
            name=_esc(f"{dimension} {polarity}"),
            legendgroup=f"{dimension}-{polarity}",
            showlegend=False,
            meta={"role": "edge"},
        )
        for (dimension, polarity), bucket in sorted(markers.items())
    ]
    return [*lines, *clickable]


def _node_size(sources: int) -> float:
    return round(14 + 7 * math.sqrt(max(sources, 0)), 3)


def _node_traces(data: ActorData, placed: dict[str, tuple[float, float]]) -> list[go.Scatter]:
    colours = palette()
    by_tier: dict[str, list[TierResult]] = defaultdict(list)
    for result in data.tiers:
        by_tier[result.tier].append(result)
    order = list(load_config().order)
    traces = []
    for tier in sorted(by_tier, key=lambda t: (order.index(t) if t in order else len(order), t)):
        members = sorted(by_tier[tier], key=lambda r: (r.rank, r.partner.id))
        traces.append(
            go.Scatter(
                x=[placed[r.partner.id][0] for r in members],
                y=[placed[r.partner.id][1] for r in members],
                mode="markers+text",
                text=[_esc(r.partner.label) for r in members],
                textposition="top center",
                customdata=[r.partner.id for r in members],
                hovertext=[
                    _esc(
                        f"{r.partner.label} ({r.partner.id}): {r.tier}"
                        f"{', mixed' if r.mixed else ''}, rank {r.rank}, "
                        f"{', '.join(r.dimensions)}; {r.sources} sources"
                    )
                    for r in members
                ],
                hoverinfo="text",
                marker={
                    "size": [_node_size(r.sources) for r in members],
                    "color": colours.tier_colour(tier),
                    "symbol": "diamond" if tier == CLIENT_TIER else "circle",
                    "line": {
                        "width": [3 if r.mixed else 1 for r in members],
                        "color": [colours.mixed_outline if r.mixed else "#FFFFFF" for r in members],
                    },
                },
                name=_esc(tier),
                meta={"role": "partners", "tier": tier},
            )
        )
    return traces


def _rings(count: int) -> tuple[list[dict], list[dict]]:
    colours = palette()
    shapes, notes = [], []
    for i, tier in enumerate(ring_tiers()[:count], start=1):
        radius = ring_radius(i)
        shapes.append(
            {
                "type": "circle",
                "xref": "x",
                "yref": "y",
                "x0": -radius,
                "y0": -radius,
                "x1": radius,
                "y1": radius,
                "line": {"color": colours.ring, "width": 1, "dash": "dot"},
                "layer": "below",
            }
        )
        notes.append(
            {
                "x": 0,
                "y": radius,
                "text": _esc(tier),
                "showarrow": False,
                "yshift": 8,
                "font": {"size": 10, "color": "#9E9E9E"},
            }
        )
    return shapes, notes


def map_figure(data: ActorData, *, height: int = 680) -> go.Figure:
    """The interactive network of ``data.focal`` and its partners."""
    placed = positions(data.tiers)
    colours = palette()
    focal = go.Scatter(
        x=[0.0],
        y=[0.0],
        mode="markers+text",
        text=[_esc(data.focal.label)],
        textposition="bottom center",
        customdata=[data.focal.id],
        hovertext=[_esc(f"{data.focal.label} ({data.focal.id})")],
        hoverinfo="text",
        marker={"size": 30, "color": colours.focal, "symbol": "star"},
        name=_esc(data.focal.label),
        meta={"role": "focal"},
    )
    traces = [*_edge_traces(data, placed), *_node_traces(data, placed), focal]
    ring_count = len(ring_tiers())
    shapes, notes = _rings(ring_count)
    clients = [r for r in data.tiers if r.tier == CLIENT_TIER]
    if clients:
        notes.append(
            {
                "x": 0,
                "y": client_row(),
                "text": _esc(CLIENT_TIER + "s"),
                "showarrow": False,
                "yshift": -24,
                "font": {"size": 11, "color": colours.tier_colour(CLIENT_TIER)},
            }
        )
    extent = ring_radius(ring_count + 1)
    fig = go.Figure(data=traces)
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        clickmode="event",
        dragmode=False,
        showlegend=True,
        legend={"orientation": "h", "y": -0.02, "x": 0, "font": {"size": 11}},
        shapes=shapes,
        annotations=notes,
        xaxis={"visible": False, "range": [-extent, extent], "fixedrange": True},
        yaxis={
            "visible": False,
            "range": [client_row() - 0.8 if clients else -extent, extent],
            "scaleanchor": "x",
            "fixedrange": True,
        },
    )
    return fig


def map_payload(data: ActorData) -> dict[str, object]:
    """What the page script needs to fill the side panel: partners and edges with sentences."""
    edges = {
        edge.key: {
            "key": edge.key,
            "partner": edge.partner,
            "dimension": edge.dimension,
            "polarity": edge.polarity,
            "sources": edge.sources,
            "claims": [c.as_json() for c in edge.claims],
        }
        for edge in data.edges
    }
    partners = {
        r.partner.id: {
            "label": r.partner.label,
            "kind": r.partner.kind,
            "tier": r.tier,
            "mixed": r.mixed,
            "rank": r.rank,
            "sources": r.sources,
            "dimensions": list(r.dimensions),
            "edges": [e.key for e in data.edges_of(r.partner.id)],
        }
        for r in data.tiers
    }
    return {
        "focal": data.focal.as_json(),
        "partners": partners,
        "edges": edges,
        "colours": palette().dimension,
    }
