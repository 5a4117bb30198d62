"""Tier assignments as RDF: one ``alg:TierAssignment`` node per (focal, partner).

"Why is Syria T1 for Iran?" is then one SPARQL query over ``prov:wasDerivedFrom``. The graph is
rebuilt whole and swapped in one atomic replacement; the store skips the write when nothing
changed, so a rebuild after an unchanged build costs one computation and no write.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import XSD

from allegiance.model.iris import actor_iri
from allegiance.model.literals import CONFIDENCE_PLACES, decimal_literal
from allegiance.model.vocab import concept
from allegiance.namespaces import ALG, PROV, RDF, RDFS
from allegiance.reason.claims import ClaimRow, load_claims
from allegiance.reason.tiers import TierResult, compute_tiers
from allegiance.reason.vocab import (
    MIXED,
    RANK,
    SOURCE_COUNT,
    TIER_DIMENSION,
    TIERS_GRAPH,
    ox_node,
    tier_iri,
)
from allegiance.store import GraphStore, GraphWrite
from allegiance.store.writes import triples_write

_RDF_TYPE = ox_node(RDF.type)
_POSITIVE = ox_node(XSD.positiveInteger)
_NON_NEGATIVE = ox_node(XSD.nonNegativeInteger)
_BOOLEAN = ox_node(XSD.boolean)
_DECIMAL = ox_node(XSD.decimal)


def tier_triples(results: Iterable[TierResult]) -> list[ox.Triple]:
    """The tiers named graph's triples for ``results``, as pyoxigraph terms.

    Not an rdflib graph: each assignment links every claim that met its rule, so at 1,000,000
    claims the graph has millions of triples, and an rdflib graph of 418,000 of them (100,000
    claims) already took 290 MB and 13 s to build."""
    out: list[ox.Triple] = []
    tier_type = ox_node(ALG.TierAssignment)
    focal_p, partner_p, tier_p = ox_node(ALG.focalActor), ox_node(ALG.partner), ox_node(ALG.tier)
    rank_p, mixed_p, sources_p = ox_node(RANK), ox_node(MIXED), ox_node(SOURCE_COUNT)
    confidence_p, comment_p = ox_node(ALG.confidence), ox_node(RDFS.comment)
    dimension_p, derived_p = ox_node(TIER_DIMENSION), ox_node(PROV.wasDerivedFrom)
    for r in results:
        node = ox_node(tier_iri(r.focal.id, r.partner.id))
        confidence = decimal_literal(r.confidence, CONFIDENCE_PLACES)
        out += (
            ox.Triple(node, _RDF_TYPE, tier_type),
            ox.Triple(node, focal_p, ox_node(actor_iri(r.focal.id))),
            ox.Triple(node, partner_p, ox_node(actor_iri(r.partner.id))),
            ox.Triple(node, tier_p, ox.Literal(r.tier)),
            ox.Triple(node, rank_p, ox.Literal(str(r.rank), datatype=_POSITIVE)),
            ox.Triple(node, mixed_p, ox.Literal(str(r.mixed).lower(), datatype=_BOOLEAN)),
            ox.Triple(node, sources_p, ox.Literal(str(r.sources), datatype=_NON_NEGATIVE)),
            ox.Triple(node, confidence_p, ox.Literal(str(confidence), datatype=_DECIMAL)),
            ox.Triple(node, comment_p, ox.Literal(r.rule, language="en")),
        )
        out += (
            ox.Triple(node, dimension_p, ox_node(concept("dimension", d))) for d in r.dimensions
        )
        out += (ox.Triple(node, derived_p, ox.NamedNode(claim)) for claim in r.claims)
    return out


def tiers_write(store: GraphStore, claims: list[ClaimRow]) -> tuple[GraphWrite, int]:
    """The tiers graph's write for ``claims``, and the number of assignments."""
    results = compute_tiers(store, claims=claims)
    return triples_write(TIERS_GRAPH, tier_triples(results), path="reason/tiers"), len(results)


def write_tiers(store: GraphStore, claims: list[ClaimRow] | None = None) -> int:
    """Recompute every tier and replace the tiers graph atomically; the number of assignments.

    ``claims`` are ``load_claims(store)`` when the caller has read them already."""
    write, assignments = tiers_write(store, load_claims(store) if claims is None else claims)
    store.replace_graphs([write])
    return assignments
