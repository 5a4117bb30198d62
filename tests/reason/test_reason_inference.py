"""The inferred graph: derived edges and their OWL 2 RL consequences, about actors only."""

from __future__ import annotations

import time

from rdflib import URIRef
from rdflib.compare import isomorphic
from reason_fixtures import Spec, add_document

from allegiance.namespaces import ALG, RDF
from allegiance.reason import INFERRED_GRAPH, derive_actor_edges, write_inferred
from allegiance.reason.vocab import ACTOR_BASE
from allegiance.store import GraphStore


def A(actor: str) -> URIRef:
    return URIRef(ACTOR_BASE + actor)


def test_symmetric_super_property_inverse_and_chain(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "RUS", "military", formality="F1"),
        Spec("IRN", "ISR", "diplomatic", polarity="tension"),
        Spec("IRN", "hezbollah", "military", formality="F1", directed=True),
    ])
    graph = derive_actor_edges(store)
    # one derived edge per relation, in claim order (IRN sorts before RUS) ...
    assert (A("IRN"), ALG.cooperatesMilitarilyWith, A("RUS")) in graph
    # ... and owlrl adds the symmetric form and the super-properties
    assert (A("RUS"), ALG.cooperatesMilitarilyWith, A("IRN")) in graph
    assert (A("RUS"), ALG.cooperatesWith, A("IRN")) in graph
    assert (A("ISR"), ALG.inDiplomaticTensionWith, A("IRN")) in graph
    assert (A("ISR"), ALG.relatedTo, A("IRN")) in graph
    assert (A("IRN"), ALG.cooperatesWith, A("ISR")) not in graph
    # patron -> client, its inverse, and the chain backs o activeIn (Hezbollah is active in LBN)
    assert (A("IRN"), ALG.backs, A("hezbollah")) in graph
    assert (A("hezbollah"), ALG.backedBy, A("IRN")) in graph
    assert (A("IRN"), ALG.hasInfluenceIn, A("LBN")) in graph
    assert (A("RUS"), ALG.backs, A("IRN")) not in graph


def test_only_new_triples_about_actors(store: GraphStore) -> None:
    add_document(store, [Spec("IRN", "hezbollah", "military", formality="F1", directed=True)])
    graph = derive_actor_edges(store)
    for s, p, o in graph:
        assert str(s).startswith(ACTOR_BASE)
        assert p == RDF.type or str(o).startswith(ACTOR_BASE)
    # reference facts fed to the reasoner are not repeated; the claim layer never enters
    assert (A("hezbollah"), ALG.activeIn, A("LBN")) not in graph
    assert (A("hezbollah"), RDF.type, ALG.NonStateActor) not in graph
    assert not any(p in (ALG.subjectActor, ALG.statedIn) for p in graph.predicates())
    # the chain's range (alg:State) holds for LBN already: the reference states it
    assert (A("IRN"), ALG.hasInfluenceIn, A("LBN")) in graph
    assert (A("LBN"), RDF.type, ALG.State) not in graph


def test_write_inferred_replaces_the_graph(store: GraphStore) -> None:
    add_document(store, [Spec("IRN", "RUS", "energy")], name="first")
    start = time.perf_counter()
    count = write_inferred(store)
    elapsed = time.perf_counter() - start
    assert count > 0 and elapsed < 10
    assert store.ask(f"""ASK {{ GRAPH <{INFERRED_GRAPH}> {{
        <{A("RUS")}> <{ALG.cooperatesOnEnergyWith}> <{A("IRN")}> }} }}""")
    add_document(store, [Spec("IRN", "ISR", "military", polarity="tension")], name="second")
    write_inferred(store)
    assert store.ask(f"""ASK {{ GRAPH <{INFERRED_GRAPH}> {{
        <{A("ISR")}> <{ALG.inMilitaryTensionWith}> <{A("IRN")}> }} }}""")
    assert store.ask(f"""ASK {{ GRAPH <{INFERRED_GRAPH}> {{
        <{A("RUS")}> <{ALG.cooperatesOnEnergyWith}> <{A("IRN")}> }} }}""")


def test_written_inferred_graph_is_the_derived_graph(store: GraphStore) -> None:
    # write_inferred takes a path without an rdflib graph; it must store the same triples
    add_document(store, [
        Spec("IRN", "RUS", "military", formality="F1"),
        Spec("IRN", "hezbollah", "military", formality="F1", directed=True),
        Spec("CHN", "IRN", "energy"),
    ])
    expected = derive_actor_edges(store)
    assert write_inferred(store) == len(expected) > 0
    assert isomorphic(store.graph(INFERRED_GRAPH), expected)
