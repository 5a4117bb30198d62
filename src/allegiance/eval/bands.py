"""Precision per confidence band: does a higher confidence mean a claim is more often right?

GOLD.md scores keys (one key may gather several found claims); a band report has to look at
claims one by one, so here every found claim counts: it is right when its key matches a
required gold claim, wrong when its key matches none, and left out when its key matches only an
optional gold claim (as the claim counts of GOLD.md leave it out).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from allegiance.eval.gold import ClaimKey, GoldKey

BAND_EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.85)
"""Lower edges of the bands; the last band runs to 1.0 inclusive."""


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    found: int
    right: int

    @property
    def precision(self) -> float | None:
        return self.right / self.found if self.found else None

    def as_json(self) -> dict[str, object]:
        precision = self.precision
        return {
            "confidence": f"[{self.low:.2f}, {self.high:.2f}{']' if self.high >= 1 else ')'}",
            "found": self.found,
            "right": self.right,
            "precision": None if precision is None else round(precision, 4),
        }


def _band_of(confidence: float) -> int:
    index = 0
    for i, edge in enumerate(BAND_EDGES):
        if confidence >= edge:
            index = i
    return index


def confidence_bands(
    documents: Iterable[tuple[Sequence[Mapping[str, Any]], GoldKey]],
) -> list[Band]:
    """Bands over every (found claims, answer key) pair given."""
    found = [0] * len(BAND_EDGES)
    right = [0] * len(BAND_EDGES)
    for claims, gold in documents:
        required = {c.key for c in gold.claims if not c.optional}
        optional = {c.key for c in gold.claims if c.optional} - required
        for claim in claims:
            key = ClaimKey.of(
                claim["subject"]["id"], claim["object"]["id"], claim["type"], claim["polarity"]
            )
            if key in optional:
                continue
            band = _band_of(float(claim["confidence"]))
            found[band] += 1
            right[band] += key in required
    highs = (*BAND_EDGES[1:], 1.0)
    return [
        Band(low, high, f, r)
        for low, high, f, r in zip(BAND_EDGES, highs, found, right, strict=True)
    ]
