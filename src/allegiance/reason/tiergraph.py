"""Tier assignments as RDF: one ``alg:TierAssignment`` node per (focal, partner).

"Why is Syria T1 for Iran?" is then one SPARQL query over ``prov:wasDerivedFrom``. The graph is
rebuilt whole and swapped in one atomic replacement; the store skips the write when nothing
changed, so a rebuild after an unchanged build costs one computation and no write.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from allegiance.model.iris import actor_iri
from allegiance.model.literals import CONFIDENCE_PLACES, decimal_literal
from allegiance.model.vocab import concept
from allegiance.namespaces import ALG, PROV, RDF, RDFS, bind_prefixes
from allegiance.reason.claims import ClaimRow
from allegiance.reason.tiers import TierResult, compute_tiers
from allegiance.reason.vocab import MIXED, RANK, SOURCE_COUNT, TIER_DIMENSION, TIERS_GRAPH, tier_iri
from allegiance.store import GraphStore

CONFIDENCE = URIRef(str(ALG.confidence))


def tiers_graph(results: Iterable[TierResult]) -> Graph:
    """The tiers named graph for ``results``."""
    graph = Graph(identifier=URIRef(TIERS_GRAPH), bind_namespaces="none")
    bind_prefixes(graph)
    for r in results:
        node = tier_iri(r.focal.id, r.partner.id)
        graph.add((node, RDF.type, ALG.TierAssignment))
        graph.add((node, ALG.focalActor, actor_iri(r.focal.id)))
        graph.add((node, ALG.partner, actor_iri(r.partner.id)))
        graph.add((node, ALG.tier, Literal(r.tier)))
        graph.add((node, RANK, Literal(r.rank, datatype=XSD.positiveInteger)))
        graph.add((node, MIXED, Literal(r.mixed)))
        graph.add((node, SOURCE_COUNT, Literal(r.sources, datatype=XSD.nonNegativeInteger)))
        graph.add((node, CONFIDENCE, decimal_literal(r.confidence, CONFIDENCE_PLACES)))
        graph.add((node, RDFS.comment, Literal(r.rule, lang="en")))
        for dimension in r.dimensions:
            graph.add((node, TIER_DIMENSION, concept("dimension", dimension)))
        for claim in r.claims:
            graph.add((node, PROV.wasDerivedFrom, URIRef(claim)))
    return graph


def write_tiers(store: GraphStore, claims: list[ClaimRow] | None = None) -> int:
    """Recompute every tier and replace the tiers graph atomically; the number of assignments.

    ``claims`` are ``load_claims(store)`` when the caller has read them already."""
    results = compute_tiers(store, claims=claims)
    store.replace_graph(TIERS_GRAPH, tiers_graph(results), meta={"path": "reason/tiers"})
    return len(results)
