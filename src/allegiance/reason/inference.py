"""OWL 2 RL inference over the actor-level layer only, never over the claim layer.

Claims are turned into actor-to-actor edges (one per relation, with the property the ontology
annotates for that dimension and polarity via ``alg:forDimension`` / ``alg:forPolarity``), plus
``alg:backs`` for patron -> client support. These edges and the reference facts about the actors
involved (types, ``alg:activeIn``) are closed under the ontology's TBox: symmetric and inverse
forms, super-properties, domain and range types and the ``hasInfluenceIn`` chain come out. A full
closure of the claim layer took 82 s on 153k triples; this graph grows with the number of related
pairs, not with the number of claims. The closure is ``allegiance.reason.rl``'s small fixpoint
(owlrl closing the whole graph was most of a build's time); owlrl stays the reference
(:func:`derive_actor_edges_owlrl`) and the fallback when the TBox uses a rule the fixpoint lacks.
owlrl must run on an in-memory rdflib graph (it writes literal-subject triples, which Oxigraph
rejects).
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from allegiance.model.iris import actor_iri
from allegiance.model.vocab import ontology_graph
from allegiance.namespaces import ALG, bind_prefixes
from allegiance.reason.claims import ClaimRow, load_actor_types, load_claims
from allegiance.reason.config import TierConfig, load_config
from allegiance.reason.corroboration import backs, relations
from allegiance.reason.rl import fast_closure, owlrl_closure
from allegiance.reason.vocab import (
    ACTOR_BASE,
    INFERRED_GRAPH,
    actor_id,
    edge_properties,
    is_actor,
    kind_of,
)
from allegiance.store import GraphStore, GraphWrite
from allegiance.store.writes import triples_write

log = logging.getLogger(__name__)

_TBOX_NAMESPACES = (str(RDF), str(RDFS), str(OWL))
_NOISE_TYPES = {OWL.Thing, OWL.NamedIndividual, RDFS.Resource}

_TYPE = RDF.type
_SAME_AS = OWL.sameAs

# All activeIn triples (a few per non-state actor), filtered in Python: with the claims' actors
# as a VALUES block Oxigraph took 0.7 s on a 300-document store, this scan 0.01 s.
ACTIVE_IN_QUERY = """SELECT ?a ?place WHERE {
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


def actor_edges(
    claims: list[ClaimRow], kinds: dict[str, str | None], config: TierConfig
) -> set[tuple[URIRef, URIRef, URIRef]]:
    """One edge per relation (the closure adds the reverse), plus patron -> client ``backs``.

    A set, not an rdflib graph: at 10,000 documents (about 200,000 edges) filling a graph
    cost seconds of index upkeep that nothing reads."""
    table = edge_properties()
    actors: dict[str, URIRef] = {}

    def node(identifier: str) -> URIRef:
        found = actors.get(identifier)
        if found is None:
            found = actors[identifier] = actor_iri(identifier)
        return found

    edges: set[tuple[URIRef, URIRef, URIRef]] = set()
    for relation in relations(claims, config):
        prop = table.get((relation.dimension, relation.polarity))
        if prop is not None:
            a, b = relation.actors
            edges.add((node(a), prop, node(b)))
    backs_property = ALG.backs
    for claim in claims:
        if backs(claim, kinds, config):
            edges.add((node(claim.subject), backs_property, node(claim.object)))
    return edges


def _reference_facts(store: GraphStore, ids: list[str]) -> tuple[Graph, dict[str, str | None]]:
    """Types and ``activeIn`` of the actors in claims, and types of the places they act in."""
    facts = Graph()
    places: set[str] = set()
    wanted = {ACTOR_BASE + i for i in ids}
    if ids:
        for sol in store.query(ACTIVE_IN_QUERY):
            if not isinstance(sol["a"], ox.NamedNode) or sol["a"].value not in wanted:
                continue
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
    if p == _TYPE:
        return isinstance(o, URIRef) and o not in _NOISE_TYPES
    return is_actor(o) and p != _SAME_AS


def _inputs(
    store: GraphStore, as_of: int | None, claims: list[ClaimRow] | None = None
) -> tuple[Graph, set[tuple[URIRef, URIRef, URIRef]]]:
    """The reference facts about the claims' actors, and the actor edges the claims yield."""
    config = load_config()
    if claims is None:
        claims = load_claims(store, as_of=as_of)
    ids = sorted({c.subject for c in claims} | {c.object for c in claims})
    facts, kinds = _reference_facts(store, ids)
    return facts, actor_edges(claims, kinds, config)


def _inferred(closed: Iterable[tuple], given: Container[tuple]) -> list[tuple]:
    """The triples of a closure the actor layer keeps: about actors, and not already given."""
    return [triple for triple in closed if triple not in given and _keep(triple)]


def _inferred_graph(closed: Iterable[tuple], given: Container[tuple]) -> Graph:
    inferred = Graph(identifier=URIRef(INFERRED_GRAPH), bind_namespaces="none")
    bind_prefixes(inferred)
    for triple in _inferred(closed, given):
        inferred.add(triple)
    return inferred


def derive_actor_edges_owlrl(store: GraphStore, *, as_of: int | None = None) -> Graph:
    """The inferred graph by a full owlrl closure of TBox, facts and edges: the reference.

    Slow (it reruns every OWL 2 RL rule over the TBox too); kept so that tests and benches can
    check :func:`derive_actor_edges` against it.
    """
    facts, edges = _inputs(store, as_of)
    work = tbox()
    given = set(work) | set(facts)
    work += facts
    work += edges
    return _inferred_graph(owlrl_closure(work), given)


def _closure(
    store: GraphStore, as_of: int | None, claims: list[ClaimRow] | None
) -> tuple[Iterable[tuple], set[tuple]]:
    """The OWL 2 RL closure of the actor layer, and the reference facts it started from."""
    facts, edges = _inputs(store, as_of, claims)
    schema_box = tbox()
    given = set(facts)
    closed, reason = fast_closure(schema_box, [*given, *edges])
    if reason is None:
        return closed, given
    log.info("inferred graph: full owlrl closure (%s)", reason)
    schema_box += facts
    schema_box += edges
    return owlrl_closure(schema_box), given


def derive_actor_edges(
    store: GraphStore, *, as_of: int | None = None, claims: list[ClaimRow] | None = None
) -> Graph:
    """The inferred graph: derived actor edges and their OWL 2 RL consequences about actors.

    Reference facts fed to the reasoner (types, ``activeIn``) are left out of the result, since
    the reference graph already holds them; what remains is new. The closure is the fast one of
    ``allegiance.reason.rl`` (the same graph as owlrl's, tested), unless the TBox uses a construct
    it does not implement on this data, in which case owlrl computes it as before. ``claims``
    are ``load_claims(store, as_of=as_of)`` when the caller has read them already.
    """
    return _inferred_graph(*_closure(store, as_of, claims))


def inferred_triples(
    store: GraphStore, *, as_of: int | None = None, claims: list[ClaimRow] | None = None
) -> list[ox.Triple]:
    """``derive_actor_edges`` as pyoxigraph triples, for the store: no rdflib graph in between
    (filling one with the 387,000 inferred triples of 10,000 documents took 17 s, converting
    it for the store 9 s more)."""
    converted: dict[URIRef, ox.NamedNode] = {}

    def node(term: URIRef) -> ox.NamedNode:
        found = converted.get(term)
        if found is None:
            found = converted[term] = ox.NamedNode(str(term))
        return found

    return [
        ox.Triple(node(s), node(p), node(o))
        for s, p, o in _inferred(*_closure(store, as_of, claims))
    ]


def inferred_write(store: GraphStore, claims: list[ClaimRow]) -> tuple[GraphWrite, int]:
    """The inferred graph's write for ``claims``, and its number of triples."""
    triples = inferred_triples(store, claims=claims)
    return triples_write(INFERRED_GRAPH, triples, path="reason/inferred"), len(triples)


def write_inferred(store: GraphStore, claims: list[ClaimRow] | None = None) -> int:
    """Recompute the inferred graph and replace it atomically; the number of triples."""
    write, count = inferred_write(store, load_claims(store) if claims is None else claims)
    store.replace_graphs([write])
    return count
