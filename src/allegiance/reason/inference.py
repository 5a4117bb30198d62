"""OWL 2 RL inference over the actor-level layer only, never over the claim layer.

Claims are turned into actor-to-actor edges (one per relation, with the property the ontology
annotates for that dimension and polarity via ``alg:forDimension`` / ``alg:forPolarity``), plus
``alg:backs`` for patron -> client support. owlrl then closes a small in-memory graph holding the
ontology's TBox, these edges and the reference facts about the actors involved (types,
``alg:activeIn``): symmetric and inverse forms, super-properties and the ``hasInfluenceIn``
chain come out. A full closure of the claim layer took 82 s on 153k triples; this graph grows
with the number of related pairs, not with the number of claims. owlrl must run on an in-memory
rdflib graph (it writes literal-subject triples, which Oxigraph rejects).
"""

from __future__ import annotations

import pyoxigraph as ox
from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from allegiance.model.iris import actor_iri
from allegiance.model.vocab import ontology_graph
from allegiance.namespaces import ALG, bind_prefixes
from allegiance.reason.claims import ClaimRow, load_actor_types, load_claims
from allegiance.reason.config import TierConfig, load_config
from allegiance.reason.corroboration import backs, relations
from allegiance.reason.vocab import (
    ACTOR_BASE,
    INFERRED_GRAPH,
    actor_id,
    edge_properties,
    is_actor,
    kind_of,
)
from allegiance.store import GraphStore

_TBOX_NAMESPACES = (str(RDF), str(RDFS), str(OWL))
_NOISE_TYPES = {OWL.Thing, OWL.NamedIndividual, RDFS.Resource}

ACTIVE_IN_QUERY = """SELECT ?a ?place WHERE {
  VALUES ?a { %s }
  GRAPH ?g { ?a <https://w3id.org/allegiance/ontology#activeIn> ?place }
  FILTER(?g != <https://w3id.org/allegiance/id/graph/inferred>)
}"""


def tbox() -> Graph:
    """The ontology's logical axioms (RDF/RDFS/OWL predicates only, no labels or definitions)."""
    graph = Graph()
    for triple in ontology_graph():
        if str(triple[1]).startswith(_TBOX_NAMESPACES):
            graph.add(triple)
    return graph


def actor_edges(claims: list[ClaimRow], kinds: dict[str, str | None], config: TierConfig) -> Graph:
    """One edge per relation (in both orders only via owlrl), plus patron -> client ``backs``."""
    table = edge_properties()
    graph = Graph()
    for relation in relations(claims, config):
        prop = table.get((relation.dimension, relation.polarity))
        if prop is not None:
            a, b = relation.actors
            graph.add((actor_iri(a), prop, actor_iri(b)))
    for claim in claims:
        if backs(claim, kinds, config):
            graph.add((actor_iri(claim.subject), ALG.backs, actor_iri(claim.object)))
    return graph


def _reference_facts(store: GraphStore, ids: list[str]) -> tuple[Graph, dict[str, str | None]]:
    """Types and ``activeIn`` of the actors in claims, and types of the places they act in."""
    facts = Graph()
    places: set[str] = set()
    if ids:
        values = " ".join(str(ox.NamedNode(ACTOR_BASE + i)) for i in ids)
        for sol in store.query(ACTIVE_IN_QUERY % values):
            place = sol["place"].value
            facts.add((URIRef(sol["a"].value), ALG.activeIn, URIRef(place)))
            if is_actor(URIRef(place)):
                places.add(actor_id(place))
    kinds: dict[str, str | None] = {}
    for key, (_, types) in load_actor_types(store, sorted(set(ids) | places)).items():
        kinds[key] = kind_of(types)
        for cls in sorted(types):
            facts.add((actor_iri(key), RDF.type, URIRef(cls)))
    return facts, kinds


def _keep(triple: tuple) -> bool:
    s, p, o = triple
    if not is_actor(s):
        return False
    if p == RDF.type:
        return isinstance(o, URIRef) and o not in _NOISE_TYPES
    return is_actor(o) and p != OWL.sameAs


def derive_actor_edges(store: GraphStore, *, as_of: int | None = None) -> Graph:
    """The inferred graph: derived actor edges and their OWL 2 RL consequences about actors.

    Reference facts fed to the reasoner (types, ``activeIn``) are left out of the result, since
    the reference graph already holds them; what remains is new.
    """
    config = load_config()
    claims = load_claims(store, as_of=as_of)
    ids = sorted({c.subject for c in claims} | {c.object for c in claims})
    facts, kinds = _reference_facts(store, ids)
    edges = actor_edges(claims, kinds, config)
    work = tbox()
    given = set(work) | set(facts)
    work += facts
    work += edges
    DeductiveClosure(OWLRL_Semantics).expand(work)
    inferred = Graph(identifier=URIRef(INFERRED_GRAPH), bind_namespaces="none")
    bind_prefixes(inferred)
    for triple in work:
        if triple not in given and _keep(triple):
            inferred.add(triple)
    return inferred


def write_inferred(store: GraphStore) -> int:
    """Recompute the inferred graph and replace it atomically; the number of triples."""
    graph = derive_actor_edges(store)
    store.replace_graph(INFERRED_GRAPH, graph, meta={"path": "reason/inferred"})
    return len(graph)
