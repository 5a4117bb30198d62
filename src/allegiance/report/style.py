"""The report's presentation assets: palette, stylesheet, page script, and plotly.js itself.

They live as files under ``templates/`` beside this module (shipped inside the package), so a
designer changes a colour or the side panel without touching Python. plotly.js is read from the
installed ``plotly`` package, which is what makes every page work offline: nothing is fetched
from a CDN, at build time or when the page is opened.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().with_name("templates")


def asset(name: str) -> str:
    """The text of one asset under ``templates/``."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Palette:
    dimension: dict[str, str]
    polarity_dash: dict[str, str]
    tier: dict[str, str]
    focal: str
    mixed_outline: str
    ring: str

    def dimension_colour(self, dimension: str) -> str:
        return self.dimension.get(dimension, self.dimension["other"])

    def tier_colour(self, tier: str) -> str:
        return self.tier.get(tier, self.tier["other"])

    def dash(self, polarity: str) -> str:
        return self.polarity_dash.get(polarity, "dot")


@cache
def palette() -> Palette:
    data = tomllib.loads(asset("palette.toml"))
    return Palette(
        dimension=dict(data["dimension"]),
        polarity_dash=dict(data["polarity"]),
        tier=dict(data["tier"]),
        focal=data["map"]["focal"],
        mixed_outline=data["map"]["mixed_outline"],
        ring=data["map"]["ring"],
    )


@cache
def plotly_js() -> str:
    """plotly.js as the installed ``plotly`` package ships it (minified, no network access)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def plotly_version() -> str:
    import plotly

    return str(plotly.__version__)
