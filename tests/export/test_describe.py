"""The VoID/DCAT description counts what the store holds, and only it carries a timestamp."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCAT, DCTERMS, VOID

from allegiance.export import DESCRIPTION_GRAPH, export
from allegiance.export.describe import DATASET, describe
from allegiance.namespaces import ALG
from allegiance.store import GraphStore


def _int(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> int:
    value = graph.value(subject, predicate)
    assert value is not None, predicate
    return int(value)


def test_void_triples_equals_the_statements_exported(store: GraphStore) -> None:
    graph = describe(store)
    buffer = io.BytesIO()
    export(store, buffer, "nq")
    assert _int(graph, DATASET, VOID.triples) == len(buffer.getvalue().splitlines())
    subsets = list(graph.objects(DATASET, VOID.subset))
    assert sum(_int(graph, s, VOID.triples) for s in subsets) == _int(graph, DATASET, VOID.triples)
    named = {str(graph.value(s, rdflib.URIRef(
        "http://www.w3.org/ns/sparql-service-description#name"))) for s in subsets}
    assert named == set(store.graphs())


def test_class_partition_counts_the_claims(store: GraphStore) -> None:
    graph = describe(store)
    claims = len(store.select_rows(f"SELECT DISTINCT ?c WHERE {{ ?c a <{ALG.RelationClaim}> }}")[1])
    partition = next(p for p in graph.objects(DATASET, VOID.classPartition)
                     if graph.value(p, VOID["class"]) == rdflib.URIRef(str(ALG.RelationClaim)))
    assert _int(graph, partition, VOID.entities) == claims > 0
    assert _int(graph, DATASET, VOID.classes) == len(list(graph.objects(DATASET,
                                                                        VOID.classPartition)))


def test_examples_licence_time_and_version(store: GraphStore) -> None:
    moment = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    graph = describe(store, created=moment)
    assert graph.value(DATASET, DCTERMS.created).toPython() == moment
    assert graph.value(DATASET, DCTERMS.license) is not None
    examples = set(graph.objects(DATASET, VOID.exampleResource))
    assert examples and all(store.ask(f"ASK {{ <{e}> ?p ?o }}") for e in examples)
    assert (None, VOID.sparqlEndpoint, None) not in graph


def test_base_url_adds_endpoint_and_distributions(store: GraphStore) -> None:
    graph = describe(store, "https://example.org/allegiance/")
    endpoint = rdflib.URIRef("https://example.org/allegiance/sparql")
    assert graph.value(DATASET, VOID.sparqlEndpoint) == endpoint
    assert (None, DCAT.endpointURL, endpoint) in graph
    assert len(list(graph.objects(DATASET, DCAT.distribution))) >= 1


def test_creation_time_never_enters_data_graphs(store: GraphStore) -> None:
    buffer = io.BytesIO()
    export(store, buffer, "nq", description=describe(store))
    quads = list(ox.parse(buffer.getvalue(), format=ox.RdfFormat.N_QUADS))
    created = [q for q in quads if q.predicate.value == str(DCTERMS.created)]
    assert {q.graph_name.value for q in created if q.subject.value == str(DATASET)} == {
        DESCRIPTION_GRAPH}
    assert not [q for q in created if "/id/document/" in q.graph_name.value]
    stamps = [q for q in quads if isinstance(q.object, ox.Literal)
              and q.object.datatype.value.endswith("#dateTime")]
    assert {q.graph_name.value for q in stamps} == {DESCRIPTION_GRAPH}
