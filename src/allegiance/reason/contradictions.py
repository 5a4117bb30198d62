"""Contradictions: one pair, one dimension, both cooperation and tension.

That is not always an error (Turkey trades with a partner and quarrels with it in the same
dimension), but it is what a reader should check first: either the relation is genuinely mixed,
or the sources disagree. The two cases are told apart by who says what: when some source states
only cooperation and another only tension, the sources disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from allegiance.reason.claims import ClaimRow, load_claims
from allegiance.reason.config import load_config
from allegiance.reason.corroboration import counting, pair_key
from allegiance.store import GraphStore


@dataclass(frozen=True)
class Contradiction:
    actors: tuple[str, str]
    dimension: str
    cooperation_claims: tuple[str, ...]
    tension_claims: tuple[str, ...]
    cooperation_sources: int
    tension_sources: int
    sources_disagree: bool
    """Some source states only cooperation and another only tension."""

    def as_json(self) -> dict[str, object]:
        return {
            "actors": list(self.actors),
            "dimension": self.dimension,
            "cooperation": {
                "sources": self.cooperation_sources,
                "claims": list(self.cooperation_claims),
            },
            "tension": {"sources": self.tension_sources, "claims": list(self.tension_claims)},
            "sources_disagree": self.sources_disagree,
        }


def contradictions_in(claims: list[ClaimRow]) -> list[Contradiction]:
    groups: dict[tuple[str, str, str], dict[str, list[ClaimRow]]] = defaultdict(
        lambda: {"cooperation": [], "tension": []}
    )
    for claim in counting(claims, load_config()):
        groups[(*pair_key(claim), claim.dimension)].setdefault(claim.polarity, []).append(claim)
    found = []
    for (a, b, dimension), sides in sorted(groups.items()):
        coop, tension = sides.get("cooperation", []), sides.get("tension", [])
        if not coop or not tension:
            continue
        coop_sources = {c.source for c in coop}
        tension_sources = {c.source for c in tension}
        found.append(
            Contradiction(
                actors=(a, b),
                dimension=dimension,
                cooperation_claims=tuple(sorted(c.iri for c in coop)),
                tension_claims=tuple(sorted(c.iri for c in tension)),
                cooperation_sources=len(coop_sources),
                tension_sources=len(tension_sources),
                sources_disagree=bool(coop_sources - tension_sources)
                and bool(tension_sources - coop_sources),
            )
        )
    return found


def find_contradictions(store: GraphStore, *, as_of: int | None = None) -> list[Contradiction]:
    """Every (pair, dimension) with both cooperation and tension, sorted by pair and dimension."""
    return contradictions_in(load_claims(store, as_of=as_of))
