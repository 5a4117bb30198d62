"""Everything an actor report shows, read from the store once and kept as plain records.

The pages are rendered from this record only, so the HTML never runs a query of its own and the
same store always gives the same page. Tiers come from ``compute_tiers`` (the page shows exactly
what ``allegiance tiers`` prints); edges are the counting claims between the focal actor and each
partner, grouped by dimension and polarity, each with its sentences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from allegiance.reason import TierResult, compute_tiers
from allegiance.reason.claims import (
    ClaimRow,
    EvidenceRow,
    load_actor_types,
    load_claims,
    load_evidence,
)
from allegiance.reason.config import load_config
from allegiance.reason.contradictions import Contradiction, contradictions_in
from allegiance.reason.corroboration import counting, source_count
from allegiance.reason.explain import ExplainedClaim
from allegiance.reason.vocab import kind_of
from allegiance.records import DIMENSIONS, POLARITIES, ActorRef
from allegiance.store import GraphStore

DOCUMENTS_QUERY = """PREFIX alg: <https://w3id.org/allegiance/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title ?path ?publisher ?date WHERE {
  VALUES ?doc { %s }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc alg:sourcePath ?path }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc dcterms:date ?date }
}"""

QUANTITIES_QUERY = """PREFIX alg: <https://w3id.org/allegiance/ontology#>
SELECT ?c ?amount ?unit ?comparator ?year WHERE {
  VALUES ?c { %s }
  ?c alg:quantity ?q .
  ?q alg:amount ?amount ; alg:unit ?unit .
  OPTIONAL { ?q alg:comparator ?comparator }
  OPTIONAL { ?q alg:referenceYear ?year }
}"""




@dataclass(frozen=True)
class Edge:
    """A relation between the focal actor and one partner: one dimension, one polarity."""

    partner: str
    dimension: str
    polarity: str
    claims: tuple[ExplainedClaim, ...]
    sources: int

    @property
    def key(self) -> str:
        return f"{self.partner}|{self.dimension}|{self.polarity}"


@dataclass(frozen=True)
class SourceDocument:
    iri: str
    title: str | None
    path: str | None
    publisher: str | None
    date: str | None
    claims: int


@dataclass(frozen=True)
class QuantityPoint:
    """An amount a claim states (money, barrels, troops), placed in time."""

    year: int
    amount: float
    unit: str
    comparator: str
    partner: str
    dimension: str
    polarity: str
    claim: str
    sentence: str


@dataclass(frozen=True)
class ActorData:
    focal: ActorRef
    as_of: int | None
    tiers: tuple[TierResult, ...]
    edges: tuple[Edge, ...]
    evidence: dict[str, EvidenceRow]
    contradictions: tuple[Contradiction, ...]
    documents: tuple[SourceDocument, ...]
    quantities: tuple[QuantityPoint, ...]
    claims: tuple[ClaimRow, ...]

    @property
    def labels(self) -> dict[str, str]:
        found = {t.partner.id: t.partner.label for t in self.tiers}
        found[self.focal.id] = self.focal.label
        return found

    def edges_of(self, partner: str) -> list[Edge]:
        return [e for e in self.edges if e.partner == partner]


def actor_ref(store: GraphStore, actor_id: str) -> ActorRef:
    """The actor's label and kind as the store's reference graph states them."""
    label, types = load_actor_types(store, [actor_id]).get(actor_id, (actor_id, frozenset()))
    return ActorRef(actor_id, label, kind_of(types) or "unknown")


def _order(claim: ClaimRow, evidence: EvidenceRow | None) -> tuple:
    return (claim.document, evidence.start if evidence else -1, claim.iri)


def _edges(
    focal: str, claims: list[ClaimRow], evidence: dict[str, EvidenceRow], partners: set[str]
) -> tuple[Edge, ...]:
    groups: dict[tuple[str, str, str], list[ClaimRow]] = defaultdict(list)
    for claim in counting(claims, load_config()):
        partner = claim.partner_of(focal)
        if partner in partners and partner != focal:
            groups[(partner, claim.dimension, claim.polarity)].append(claim)

    def sort_key(key: tuple[str, str, str]) -> tuple:
        partner, dimension, polarity = key
        return (
            partner,
            DIMENSIONS.index(dimension) if dimension in DIMENSIONS else len(DIMENSIONS),
            dimension,
            POLARITIES.index(polarity) if polarity in POLARITIES else len(POLARITIES),
        )

    edges = []
    for key in sorted(groups, key=sort_key):
        members = groups[key]
        explained = sorted(
            (ExplainedClaim(c, evidence.get(c.iri)) for c in members),
            key=lambda e: _order(e.claim, e.evidence),
        )
        edges.append(Edge(*key, claims=tuple(explained), sources=source_count(members)))
    return tuple(edges)


def _values(iris: list[str]) -> str:
    return " ".join(str(ox.NamedNode(iri)) for iri in sorted(set(iris)))


def _documents(store: GraphStore, claims: list[ClaimRow]) -> tuple[SourceDocument, ...]:
    per_document: dict[str, int] = defaultdict(int)
    for claim in claims:
        per_document[claim.document] += 1
    if not per_document:
        return ()
    _, rows = store.select_rows(DOCUMENTS_QUERY % _values(list(per_document)))
    found: dict[str, SourceDocument] = {}
    for doc, title, path, publisher, date in sorted(rows, key=lambda r: [x or "" for x in r]):
        if doc is not None and doc not in found:
            found[doc] = SourceDocument(doc, title, path, publisher, date, per_document[doc])
    for doc, count in per_document.items():
        found.setdefault(doc, SourceDocument(doc, None, None, None, None, count))
    return tuple(sorted(found.values(), key=lambda d: (d.title or "", d.path or "", d.iri)))


def _quantities(
    store: GraphStore, focal: str, claims: list[ClaimRow], evidence: dict[str, EvidenceRow]
) -> tuple[QuantityPoint, ...]:
    by_iri = {c.iri: c for c in claims}
    if not by_iri:
        return ()
    _, rows = store.select_rows(QUANTITIES_QUERY % _values(list(by_iri)))
    points: set[QuantityPoint] = set()
    for iri, amount, unit, comparator, year in rows:
        if iri is None or amount is None or unit is None:
            continue
        claim = by_iri[iri]
        when = int(year[:4]) if year and year[:4].isdigit() else claim.year
        if when is None:
            continue
        ev = evidence.get(iri)
        points.add(
            QuantityPoint(
                year=when,
                amount=float(amount),
                unit=unit,
                comparator=comparator or "=",
                partner=claim.partner_of(focal),
                dimension=claim.dimension,
                polarity=claim.polarity,
                claim=iri,
                sentence=ev.text if ev else "",
            )
        )
    return tuple(sorted(points, key=lambda p: (p.unit, p.partner, p.year, p.amount, p.claim)))


def _mentions(contradiction: Contradiction, focal: str) -> bool:
    return focal in contradiction.actors


def load_actor_data(store: GraphStore, actor_id: str, *, as_of: int | None = None) -> ActorData:
    """Read everything the report of ``actor_id`` shows (one pass over its claims)."""
    tiers = compute_tiers(store, actor_id, as_of=as_of)
    claims = [c for c in load_claims(store, actor=actor_id, as_of=as_of) if c.subject != c.object]
    evidence = load_evidence(store, [c.iri for c in claims])
    partners = {t.partner.id for t in tiers}
    return ActorData(
        focal=actor_ref(store, actor_id),
        as_of=as_of,
        tiers=tuple(tiers),
        edges=_edges(actor_id, claims, evidence, partners),
        evidence=evidence,
        contradictions=tuple(c for c in contradictions_in(claims) if _mentions(c, actor_id)),
        documents=_documents(store, claims),
        quantities=_quantities(store, actor_id, claims, evidence),
        claims=tuple(claims),
    )
