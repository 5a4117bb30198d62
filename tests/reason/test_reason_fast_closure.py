"""The fast actor-layer closure (``allegiance.reason.rl``) against owlrl, its reference.

The inferred graph must be the very graph a full owlrl closure gave: first on a store the real
pipeline built from documents, then on small hand-written TBoxes that use each construct the
fixpoint implements, and, for the constructs it does not, the guard must send the work to owlrl.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from reason_fixtures import Spec, add_document

from allegiance.namespaces import ALG
from allegiance.pipeline import build
from allegiance.reason.inference import (
    _inputs,
    derive_actor_edges,
    derive_actor_edges_owlrl,
    tbox,
)
from allegiance.reason.rl import fast_closure, owlrl_closure
from allegiance.store import GraphStore

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EX = Namespace("https://w3id.org/allegiance/id/actor/")
T = Namespace("urn:test:")


def ntriples(graph: Graph) -> list[str]:
    return sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def test_fast_graph_is_the_owlrl_graph_on_a_built_store(store: GraphStore) -> None:
    documents = sorted(CORPUS.glob("*.txt"))[:3] + sorted(CORPUS.glob("*.md"))[:2]
    report = build(documents, store, reasoning=False)
    assert report.count("stored") == len(documents)
    # a patron, its client and where the client acts, so that the chain has work to do
    add_document(store, [Spec("IRN", "hezbollah", "military", formality="F1", directed=True)])
    facts, edges = _inputs(store, None)
    _, reason = fast_closure(tbox(), [*facts, *edges])
    assert reason is None  # the ontology needs no owlrl fallback on this data
    fast = derive_actor_edges(store)
    assert ntriples(fast) == ntriples(derive_actor_edges_owlrl(store))
    predicates = set(fast.predicates())
    assert {ALG.hasInfluenceIn, ALG.backedBy, ALG.relatedTo, RDF.type} <= predicates
    assert len(fast) > 100


def _about_data(closed: set | Graph, data: Graph) -> set[tuple]:
    """What the closure says about the data's subjects (owlrl also closes the TBox itself)."""
    subjects = set(data.subjects()) | {o for _, p, o in data if p != RDF.type}
    return {t for t in closed if t[0] in subjects and t[1] != OWL.sameAs and t[2] != OWL.Thing}


def _schema() -> Graph:
    g = Graph()
    g.add((T.near, RDF.type, OWL.SymmetricProperty))
    g.add((T.near, RDF.type, OWL.ObjectProperty))
    g.add((T.near, RDFS.subPropertyOf, T.linked))
    g.add((T.linked, OWL.equivalentProperty, T.tied))
    g.add((T.tied, RDFS.domain, T.Agent))
    g.add((T.funds, OWL.inverseOf, T.fundedBy))
    g.add((T.fundedBy, RDFS.range, T.Patron))
    g.add((T.Patron, RDFS.subClassOf, T.Agent))
    g.add((T.Agent, OWL.equivalentClass, T.Party))
    union, union_list = BNode(), BNode()
    Collection(g, union_list, [T.Patron, T.Client])
    g.add((union, OWL.unionOf, union_list))
    g.add((T.hosts, RDFS.range, union))
    chain = BNode()
    Collection(g, chain, [T.funds, T.near, T.locatedIn])
    g.add((T.reaches, OWL.propertyChainAxiom, chain))
    restriction = BNode()
    g.add((restriction, RDF.type, OWL.Restriction))
    g.add((restriction, OWL.onProperty, T.unused))
    g.add((restriction, OWL.someValuesFrom, T.Agent))
    g.add((T.Client, RDFS.subClassOf, restriction))
    return g


def test_each_supported_construct_matches_owlrl() -> None:
    schema = _schema()
    data = Graph()
    data.add((EX.a, T.funds, EX.b))
    data.add((EX.c, T.near, EX.b))
    data.add((EX.c, T.locatedIn, EX.d))
    data.add((EX.d, T.hosts, EX.e))
    data.add((EX.e, RDF.type, T.Client))
    fast, reason = fast_closure(schema, list(data))
    assert reason is None
    reference = owlrl_closure(schema + data)
    assert _about_data(fast, data) == _about_data(reference, data)
    assert (EX.a, T.reaches, EX.d) in fast  # funds, near (the symmetric form), locatedIn
    assert (EX.b, T.fundedBy, EX.a) in fast and (EX.a, RDF.type, T.Party) in fast


def test_unsupported_constructs_send_the_work_to_owlrl() -> None:
    data = [(EX.a, T.p, EX.b), (EX.b, T.p, EX.c)]
    for characteristic in (OWL.TransitiveProperty, OWL.FunctionalProperty):
        schema = Graph()
        schema.add((T.p, RDF.type, characteristic))
        _, reason = fast_closure(schema, data)
        assert reason is not None and str(T.p) in reason
    restricted = Graph()
    restriction = BNode()
    restricted.add((restriction, OWL.onProperty, T.p))
    restricted.add((restriction, OWL.someValuesFrom, OWL.Thing))
    assert fast_closure(restricted, data)[1] is not None
    # a construct on a property the data never uses does not count
    unrelated = Graph()
    unrelated.add((T.q, RDF.type, OWL.TransitiveProperty))
    assert fast_closure(unrelated, data)[1] is None
    # a TBox term used as an individual would join data with axioms: owlrl then
    assert fast_closure(unrelated, [(EX.a, T.p, T.q)])[1] is not None
    # schema vocabulary among the data could add axioms: owlrl then
    assert fast_closure(unrelated, [(EX.a, RDFS.subClassOf, EX.b)])[1] is not None
