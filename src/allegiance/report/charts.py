"""Time charts of an actor report: stated amounts by year, and claims by year and dimension.

Amounts in different units (US dollars, barrels per day, troops) cannot share an axis, so each
unit gets its own panel; each partner is one line within it. The claims chart is there because
most relations state no figure at all: it shows when the sources say something happened.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from allegiance.records import DIMENSIONS
from allegiance.report.data import ActorData, QuantityPoint
from allegiance.report.style import palette

MAX_UNITS = 6
"""Panels in the quantities chart; further units are listed in the table only."""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def units(points: tuple[QuantityPoint, ...]) -> list[str]:
    """Units by how many points state them (most first), then by name."""
    counts = Counter(p.unit for p in points)
    return sorted(counts, key=lambda u: (-counts[u], u))[:MAX_UNITS]


def quantities_figure(data: ActorData) -> go.Figure | None:
    """One panel per unit, one line per partner; None when no claim states an amount."""
    shown = units(data.quantities)
    if not shown:
        return None
    fig = make_subplots(
        rows=len(shown), cols=1, subplot_titles=[_esc(u) for u in shown], vertical_spacing=0.12
    )
    labels = data.labels
    for row, unit in enumerate(shown, start=1):
        by_partner: dict[str, list[QuantityPoint]] = defaultdict(list)
        for point in data.quantities:
            if point.unit == unit:
                by_partner[point.partner].append(point)
        for partner in sorted(by_partner):
            points = sorted(by_partner[partner], key=lambda p: (p.year, p.amount, p.claim))
            fig.add_trace(
                go.Scatter(
                    x=[p.year for p in points],
                    y=[p.amount for p in points],
                    mode="lines+markers",
                    name=_esc(f"{labels.get(partner, partner)} ({unit})"),
                    hovertext=[
                        _esc(
                            f"{p.year}: {p.comparator} {p.amount:g} {unit} "
                            f"({p.dimension} {p.polarity}) — {_short(p.sentence)}"
                        )
                        for p in points
                    ],
                    hoverinfo="text",
                    meta={"role": "quantity", "unit": unit, "partner": partner},
                ),
                row=row,
                col=1,
            )
        fig.update_xaxes(dtick=1, tickformat="d", row=row, col=1)
    fig.update_layout(
        template="plotly_white",
        height=220 + 200 * len(shown),
        margin={"l": 60, "r": 10, "t": 40, "b": 30},
        hovermode="closest",
    )
    return fig


def claims_by_year(data: ActorData) -> dict[tuple[int, str, str], int]:
    """``{(year, dimension, polarity): claims}`` over the actor's claims that state a year."""
    counts: dict[tuple[int, str, str], int] = Counter()
    for claim in data.claims:
        if claim.year is not None:
            counts[(claim.year, claim.dimension, claim.polarity)] += 1
    return dict(sorted(counts.items()))


def timeline_figure(data: ActorData) -> go.Figure | None:
    """Claims per year stacked by dimension: cooperation above the axis, tension below."""
    counts = claims_by_year(data)
    if not counts:
        return None
    years = sorted({year for year, _, _ in counts})
    found = {d for _, d, _ in counts}
    dimensions = [d for d in DIMENSIONS if d in found] + sorted(found - set(DIMENSIONS))
    colours = palette()
    fig = go.Figure()
    for polarity, sign in (("cooperation", 1), ("tension", -1)):
        for dimension in dimensions:
            values = [sign * counts.get((y, dimension, polarity), 0) for y in years]
            if not any(values):
                continue
            fig.add_trace(
                go.Bar(
                    x=years,
                    y=values,
                    name=_esc(f"{dimension} {polarity}"),
                    marker={
                        "color": colours.dimension_colour(dimension),
                        "pattern": {"shape": "" if sign > 0 else "/"},
                    },
                    meta={"role": "timeline"},
                )
            )
    fig.update_layout(
        template="plotly_white",
        barmode="relative",
        height=340,
        margin={"l": 50, "r": 10, "t": 30, "b": 30},
        xaxis={"dtick": 1, "tickformat": "d", "title": {"text": "year"}},
        yaxis={"title": {"text": "claims (tension below 0)"}},
    )
    return fig
