"""Alliance tiers of every partner of a focal actor, ranked and explained.

Entry points: ``compute_tiers(store, focal_id=None, as_of=None)`` and, in
``allegiance.reason.tiergraph``, ``write_tiers(store)``. The claims are read once with SPARQL;
rules and ranking are plain Python (see ``rules``), which is what keeps tiers fast on large
stores where a full OWL RL closure would not finish.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from allegiance.reason.claims import ClaimRow, load_actor_types, load_claims
from allegiance.reason.config import TierConfig, load_config
from allegiance.reason.rules import Assignment, assign_from, pair_facts
from allegiance.reason.vocab import kind_of
from allegiance.records import ActorRef
from allegiance.store import GraphStore


@dataclass(frozen=True)
class TierResult:
    focal: ActorRef
    partner: ActorRef
    tier: str
    mixed: bool
    rank: int
    dimensions: tuple[str, ...]
    sources: int
    confidence: float
    claims: tuple[str, ...]
    """IRIs of the claims that met the tier's rule (and, when mixed, the mixing claims)."""
    rule: str
    strongest: str
    """IRI of the strongest claim behind the tier, whose sentence the table shows."""

    def as_json(self) -> dict[str, object]:
        """The `allegiance tiers --format json` contract (issue 4)."""
        return {
            "partner": self.partner.as_json(),
            "tier": self.tier,
            "mixed": self.mixed,
            "rank": self.rank,
            "dimensions": list(self.dimensions),
            "sources": self.sources,
            "claims": list(self.claims),
        }


def _sort_key(item: tuple[str, Assignment], config: TierConfig) -> tuple:
    partner, a = item
    return (*_rank_key(a, config), partner)


def _rank_key(a: Assignment, config: TierConfig) -> tuple[int, bool, int, int, float]:
    """Tier, un-mixed before mixed, then more dimensions, more sources, more confidence."""
    return (config.order.index(a.tier), a.mixed, -len(a.dimensions), -a.sources, -a.confidence)


def rank_assignments(
    assignments: Mapping[str, Assignment], config: TierConfig
) -> list[tuple[int, str, Assignment]]:
    """``(rank, partner, assignment)`` closest first; partners the rules cannot separate tie."""
    ordered = sorted(assignments.items(), key=lambda item: _sort_key(item, config))
    ranked: list[tuple[int, str, Assignment]] = []
    previous: tuple | None = None
    rank = 0
    for position, (partner, a) in enumerate(ordered, start=1):
        key = _rank_key(a, config)
        if key != previous:
            rank, previous = position, key
        ranked.append((rank, partner, a))
    return ranked


def _by_pair(claims: Iterable[ClaimRow]) -> dict[tuple[str, str], list[ClaimRow]]:
    """Claims by unordered pair (ids sorted), self-relations left out, input order kept."""
    pairs: dict[tuple[str, str], list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        s, o = claim.subject, claim.object
        if s != o:
            pairs[(s, o) if s < o else (o, s)].append(claim)
    return pairs


def tiers_from_claims(
    claims: list[ClaimRow],
    actors: Mapping[str, tuple[str, frozenset[str]]],
    *,
    focal_id: str | None = None,
    config: TierConfig | None = None,
) -> list[TierResult]:
    """Tiers for one focal actor (or all), from claim rows and ``{id: (label, types)}``.

    Each unordered pair is evaluated once (``rules.pair_facts``) and serves both its actors.
    """
    config = config or load_config()
    kinds = {i: kind_of(types) for i, (_, types) in actors.items()}
    refs: dict[str, ActorRef] = {}

    def ref(actor: str) -> ActorRef:
        if actor not in refs:
            label = actors.get(actor, (actor, frozenset()))[0]
            refs[actor] = ActorRef(actor, label, kinds.get(actor) or "unknown")
        return refs[actor]

    per_focal: dict[str, dict[str, Assignment]] = defaultdict(dict)
    for (a, b), between in _by_pair(claims).items():
        if focal_id is not None and focal_id not in (a, b):
            continue
        facts = pair_facts(between, kinds, config)
        if facts is None:
            continue
        for focal, partner in ((a, b), (b, a)):
            if focal_id is None or focal == focal_id:
                per_focal[focal][partner] = assign_from(focal, partner, facts, config)
    results: list[TierResult] = []
    for focal in sorted(per_focal):
        for rank, partner, a in rank_assignments(per_focal[focal], config):
            results.append(
                TierResult(
                    focal=ref(focal),
                    partner=ref(partner),
                    tier=a.tier,
                    mixed=a.mixed,
                    rank=rank,
                    dimensions=a.dimensions,
                    sources=a.sources,
                    confidence=a.confidence,
                    claims=a.claims,
                    rule=a.rule,
                    strongest=a.strongest,
                )
            )
    return results


def compute_tiers(
    store: GraphStore,
    focal_id: str | None = None,
    as_of: int | None = None,
    claims: list[ClaimRow] | None = None,
) -> list[TierResult]:
    """Ranked tiers of every partner of ``focal_id`` (None: of every actor with claims).

    Results are grouped by focal actor (sorted by id), closest partner first within each.
    ``as_of`` keeps only claims of that year or earlier (claims without a year always count).
    ``claims`` are the rows ``load_claims`` gives for these arguments, when already read.
    """
    if claims is None:
        claims = load_claims(store, actor=focal_id, as_of=as_of)
    ids = sorted({c.subject for c in claims} | {c.object for c in claims})
    actors = load_actor_types(store, ids)
    return tiers_from_claims(claims, actors, focal_id=focal_id)
