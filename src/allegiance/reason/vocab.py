"""Names the reasoning layer writes: its three named graphs, tier IRIs and tier-node properties.

The inferred actor edges, the tier assignments and the relation summaries live in named graphs
of their own, apart from the document graphs, so a query can take them or leave them.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import URIRef

from allegiance.model.vocab import notations, ontology_graph
from allegiance.namespaces import ALG, RDFS

ID_BASE = "https://w3id.org/allegiance/id/"
ACTOR_BASE = f"{ID_BASE}actor/"
DOCUMENT_BASE = f"{ID_BASE}document/"
INFERRED_GRAPH = f"{ID_BASE}graph/inferred"
TIERS_GRAPH = f"{ID_BASE}graph/tiers"
SUMMARY_GRAPH = f"{ID_BASE}graph/relations"
DERIVED_GRAPHS = (INFERRED_GRAPH, TIERS_GRAPH, SUMMARY_GRAPH)
"""The graphs ``reason`` writes; a build recomputes them when one is missing."""
REFERENCE_GRAPH = f"{ID_BASE}graph/reference"
ONTOLOGY_GRAPH = f"{ID_BASE}graph/ontology"

RANK = ALG.rank
MIXED = ALG.mixed
TIER_DIMENSION = ALG.tierDimension
SOURCE_COUNT = ALG.sourceCount


def actor_id(iri: str) -> str:
    """The actor id (last IRI segment) of an actor IRI."""
    return iri.removeprefix(ACTOR_BASE)


def is_actor(iri: object) -> bool:
    return isinstance(iri, URIRef) and str(iri).startswith(ACTOR_BASE)


def ox_node(iri: object) -> ox.NamedNode:
    """A term (a closed-namespace member, so a misspelt one fails) as a pyoxigraph node: the
    derived graphs are built as pyoxigraph triples, too many for an rdflib graph at scale."""
    return ox.NamedNode(str(iri))


def tier_iri(focal: str, partner: str) -> URIRef:
    """``id/tier/{focal}/{partner}``: one assignment per ordered pair, stable across runs."""
    return URIRef(f"{ID_BASE}tier/{focal}/{partner}")


@cache
def concept_notation(kind: str) -> dict[str, str]:
    """``{concept IRI: notation}`` for a scheme ("dimension", "formality", ...)."""
    return {str(iri): notation for notation, iri in notations(kind).items()}


@cache
def edge_properties() -> dict[tuple[str | None, str], URIRef]:
    """``{(dimension, polarity): actor-level property}`` read from the ontology's annotations.

    The dimension is None for the polarity-only properties (``alg:cooperatesWith``).
    """
    graph = ontology_graph()
    dims = concept_notation("dimension")
    pols = concept_notation("polarity")
    table: dict[tuple[str | None, str], URIRef] = {}
    for prop, polarity in graph.subject_objects(ALG.forPolarity):
        if not isinstance(prop, URIRef):
            continue
        dimension = graph.value(prop, ALG.forDimension)
        key = (dims[str(dimension)] if dimension is not None else None, pols[str(polarity)])
        table[key] = prop
    return dict(sorted(table.items(), key=lambda item: (item[0][0] or "", item[0][1])))


KIND_CLASSES: dict[str, URIRef] = {
    "state": ALG.State,
    "non-state": ALG.NonStateActor,
    "igo": ALG.IntergovernmentalOrganisation,
}
"""The ``ActorRef.kind`` strings of ``allegiance.records`` and the ontology classes they name."""


@cache
def _superclasses(cls: str) -> frozenset[str]:
    graph = ontology_graph()
    seen: set[str] = set()
    todo = [URIRef(cls)]
    while todo:
        current = todo.pop()
        if str(current) in seen:
            continue
        seen.add(str(current))
        todo.extend(o for o in graph.objects(current, RDFS.subClassOf) if isinstance(o, URIRef))
    return frozenset(seen)


def kind_of(types: frozenset[str]) -> str | None:
    """The actor kind its rdf:types imply through the ontology's class hierarchy."""
    implied = set().union(*(_superclasses(t) for t in types)) if types else set()
    for kind, cls in KIND_CLASSES.items():
        if str(cls) in implied:
            return kind
    return None
