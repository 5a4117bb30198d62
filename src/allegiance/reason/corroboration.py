"""Corroboration: many claims, one relation; and the independent sources behind it.

A relation is an unordered pair of actors, a dimension and a polarity. The same relation stated
by three documents is one relation with three documents; if two of the documents come from one
publisher (syndicated copies, a wire story reprinted) they are one independent source. Documents
that state no publisher count as a source each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from allegiance.reason.claims import ClaimRow
from allegiance.reason.config import TierConfig
from allegiance.records import DIMENSIONS


@dataclass(frozen=True)
class Relation:
    actors: tuple[str, str]
    dimension: str
    polarity: str
    claims: tuple[str, ...]
    documents: tuple[str, ...]
    sources: int
    """Independent sources: distinct publishers, else distinct documents."""


def pair_key(claim: ClaimRow) -> tuple[str, str]:
    first, second = sorted((claim.subject, claim.object))
    return first, second


def source_count(claims: Iterable[ClaimRow]) -> int:
    return len({claim.source for claim in claims})


def dimension_order(dimensions: Iterable[str]) -> tuple[str, ...]:
    """Dimensions in the fixed order of ``allegiance.records.DIMENSIONS``."""
    found = set(dimensions)
    return tuple(d for d in DIMENSIONS if d in found) + tuple(sorted(found - set(DIMENSIONS)))


def counting(claims: Iterable[ClaimRow], config: TierConfig) -> list[ClaimRow]:
    """Claims that count for tiers and edges (planned acts only as signed instruments)."""
    return [c for c in claims if config.counts(c.formality, c.modality)]


def relations(claims: Iterable[ClaimRow], config: TierConfig) -> list[Relation]:
    """The counting claims grouped into relations, sorted by actors, dimension, polarity."""
    groups: dict[tuple[str, str, str, str], list[ClaimRow]] = defaultdict(list)
    for claim in counting(claims, config):
        groups[(*pair_key(claim), claim.dimension, claim.polarity)].append(claim)
    out = []
    for (a, b, dimension, polarity), members in sorted(groups.items()):
        out.append(
            Relation(
                actors=(a, b),
                dimension=dimension,
                polarity=polarity,
                claims=tuple(sorted(c.iri for c in members)),
                documents=tuple(sorted({c.document for c in members})),
                sources=source_count(members),
            )
        )
    return out


def backs(claim: ClaimRow, kinds: Mapping[str, str | None], config: TierConfig) -> bool:
    """Whether the claim states that its subject backs its object (patron -> client).

    A directed cooperation claim in a backing dimension (military or financial support) from an
    actor of a patron kind (a state) to an actor of a client kind (a non-state actor).
    """
    return (
        claim.directed
        and claim.polarity == "cooperation"
        and claim.dimension in config.client_dimensions
        and kinds.get(claim.subject) in config.patron_kinds
        and kinds.get(claim.object) in config.client_kinds
        and config.counts(claim.formality, claim.modality)
    )
