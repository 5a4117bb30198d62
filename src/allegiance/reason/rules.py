"""The tier rules of docs tiers.md for one (focal, partner) pair, first match wins.

Each rule returns the claims that met it, so that the tier can be explained by exactly those
claims (``prov:wasDerivedFrom``). Thresholds come from ``lexicon/tiers.toml``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from allegiance.reason.claims import ClaimRow
from allegiance.reason.config import TierConfig
from allegiance.reason.corroboration import backs, counting, dimension_order, source_count
from allegiance.records import FORMALITIES


@dataclass(frozen=True)
class Assignment:
    """A tier for one pair before ranking; ``claims`` are the ones that met the rule."""

    tier: str
    rule: str
    mixed: bool
    dimensions: tuple[str, ...]
    sources: int
    confidence: float
    claims: tuple[str, ...]
    strongest: str


def _weighted(claim: ClaimRow, config: TierConfig) -> float:
    return claim.confidence * config.weight(claim.modality)


def _strongest(claims: Sequence[ClaimRow], config: TierConfig) -> ClaimRow:
    """The best evidence: most confident (by modality weight), then most formal, then IRI."""
    return min(
        claims, key=lambda c: (-_weighted(c, config), -FORMALITIES.index(c.formality), c.iri)
    )


def _cooperative(
    coop: list[ClaimRow], tension: list[ClaimRow], config: TierConfig
) -> tuple[str, str, list[ClaimRow]]:
    dims = {c.dimension for c in coop}
    material = [c for c in coop if config.material(c.formality)]
    material_dims = {c.dimension for c in material}
    material_tension = [c for c in tension if config.material(c.formality)]
    f3 = [c for c in coop if config.at_least(c.formality, config.t1_instrument)]
    if f3:
        return "T1", f"{config.t1_instrument} instrument", f3
    if (
        len(dims) >= config.t1_min_dimensions
        and config.t1_required_material in material_dims
        and not material_tension
    ):
        return (
            "T1",
            f"cooperation in {len(dims)} dimensions with material "
            f"{config.t1_required_material} cooperation, no material tension",
            coop,
        )
    f2 = [c for c in coop if config.at_least(c.formality, config.t2_instrument)]
    if f2 and len(dims) >= config.t2_instrument_min_dimensions:
        return (
            "T2",
            f"{config.t2_instrument} instrument with cooperation in {len(dims)} dimensions",
            coop,
        )
    if len(dims) >= config.t2_min_dimensions:
        return "T2", f"cooperation in {len(dims)} dimensions", coop
    if len(material_dims) >= config.t3_min_material_dimensions:
        return "T3", f"material cooperation in {len(material_dims)} dimensions", material
    by_dim: dict[str, list[ClaimRow]] = defaultdict(list)
    for claim in material:
        by_dim[claim.dimension].append(claim)
    corroborated = [d for d in sorted(by_dim) if source_count(by_dim[d]) >= config.t3_min_sources]
    if corroborated:
        met = [c for d in corroborated for c in by_dim[d]]
        return (
            "T3",
            f"material {corroborated[0]} cooperation stated by "
            f"{source_count(by_dim[corroborated[0]])} independent sources",
            met,
        )
    words = "" if material else ", words only"
    return "T4", f"cooperation in {len(dims)} dimension{'s' if len(dims) > 1 else ''}{words}", coop


@dataclass(frozen=True)
class PairFacts:
    """What the rules decide for an unordered pair, whichever of the two is the focal actor.

    Only the client rule depends on direction (who backs whom), so a pair is evaluated once and
    its assignment reused for both focal actors unless one of them backs the other.
    """

    coop: tuple[ClaimRow, ...]
    tension: tuple[ClaimRow, ...]
    material: tuple[ClaimRow, ...]
    mixed: bool
    backing: dict[str, list[ClaimRow]]
    """Backing claims by patron: cooperation claims whose subject backs the object."""
    shared: Assignment


def pair_facts(
    claims: Sequence[ClaimRow], kinds: Mapping[str, str | None], config: TierConfig
) -> PairFacts | None:
    """Evaluate one pair's claims once; None if none of them counts."""
    usable = counting(claims, config)
    if not usable:
        return None
    coop = [c for c in usable if c.polarity == "cooperation"]
    tension = [c for c in usable if c.polarity == "tension"]
    material = [c for c in coop if config.material(c.formality)]
    mixed = bool(material) and bool(tension)
    backing: dict[str, list[ClaimRow]] = defaultdict(list)
    for claim in coop:
        if backs(claim, kinds, config):
            backing[claim.subject].append(claim)
    if not coop:
        shared = _finish(
            "rival", "tension only", tension, tension, material, tension, False, config
        )
    else:
        tier, rule, met = _cooperative(coop, tension, config)
        shared = _finish(tier, rule, met, coop, material, tension, mixed, config)
    return PairFacts(tuple(coop), tuple(tension), tuple(material), mixed, dict(backing), shared)


def _finish(
    tier: str,
    rule: str,
    met: list[ClaimRow],
    basis: Sequence[ClaimRow],
    material: Sequence[ClaimRow],
    tension: Sequence[ClaimRow],
    mixed: bool,
    config: TierConfig,
) -> Assignment:
    strongest = _strongest(met, config)
    if mixed:
        rule += "; mixed: material cooperation and tension"
        met = [*met, *material, *tension]
    return Assignment(
        tier=tier,
        rule=rule,
        mixed=mixed,
        dimensions=dimension_order(c.dimension for c in basis),
        sources=source_count(basis),
        confidence=round(max(_weighted(c, config) for c in basis), 3),
        claims=tuple(sorted({c.iri for c in met})),
        strongest=strongest.iri,
    )


def assign_from(focal: str, partner: str, facts: PairFacts, config: TierConfig) -> Assignment:
    """The tier of ``partner`` for ``focal``: the pair's shared tier unless ``focal`` backs it."""
    backing = facts.backing.get(focal)
    if not backing:
        return facts.shared
    return _finish(
        "client",
        f"{focal} backs {partner}",
        backing,
        backing,
        facts.material,
        facts.tension,
        facts.mixed,
        config,
    )


def assign(
    focal: str,
    partner: str,
    claims: Sequence[ClaimRow],
    kinds: Mapping[str, str | None],
    config: TierConfig,
) -> Assignment | None:
    """The tier of ``partner`` for ``focal`` from the claims between them; None if none count."""
    facts = pair_facts(claims, kinds, config)
    return None if facts is None else assign_from(focal, partner, facts, config)
