"""The document graph built from hand-made records: content, validity, determinism."""

from __future__ import annotations

import dataclasses
import random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from allegiance.model import canonical_nquads, document_graph, iris
from allegiance.namespaces import ALG, DCTERMS, OA, PROV, RDF
from allegiance.records import Claim, Document, Evidence
from allegiance.validate import validate

CONFIG = "cfg-test-1"


def build(document: Document, claims: list[Claim]) -> Graph:
    return document_graph(document, claims, config_hash=CONFIG)


def test_graph_conforms_to_the_shapes(document: Document, claims: list[Claim]) -> None:
    report = validate(build(document, claims))
    assert report.conforms, report.messages


def test_graph_is_named_by_the_document_iri(document: Document, claims: list[Claim]) -> None:
    graph = build(document, claims)
    doc = iris.document_iri(document.sha256)
    assert graph.identifier == doc
    assert (doc, RDF.type, ALG.Document) in graph
    assert graph.value(doc, ALG.contentHash) == Literal(f"sha256:{document.sha256}")
    assert graph.value(doc, DCTERMS.title) == Literal("Harbour Talks")
    assert graph.value(doc, DCTERMS.date) == Literal("2024-03-05", datatype=XSD.date)
    count = graph.value(doc, ALG.characterCount)
    assert count == Literal(len(document.text), datatype=XSD.nonNegativeInteger)


def test_claim_nodes(document: Document, claims: list[Claim]) -> None:
    graph = build(document, claims)
    assert len(set(graph.subjects(RDF.type, ALG.RelationClaim))) == 3
    treaty = iris.claim_iri(claims[0])
    assert graph.value(treaty, ALG.subjectActor) == iris.actor_iri("DEU")
    assert graph.value(treaty, ALG.objectActor) == iris.actor_iri("FRA")
    assert graph.value(treaty, ALG.dimension) == ALG.Military
    assert graph.value(treaty, ALG.formality) == ALG.F3TreatyObligation
    assert graph.value(treaty, ALG.directed) == Literal(False)
    assert graph.value(treaty, ALG.referenceYear) == Literal("2021", datatype=XSD.gYear)
    run = graph.value(treaty, PROV.wasGeneratedBy)
    assert run == iris.run_iri("0.1.0", CONFIG)
    assert graph.value(run, ALG.configurationHash) == Literal(CONFIG)
    oil = iris.claim_iri(claims[1])
    assert graph.value(oil, ALG.modality) == ALG.Hedged
    assert graph.value(oil, ALG.confidence) == Literal("0.3", datatype=XSD.decimal)
    quantity = graph.value(oil, ALG.quantity)
    assert quantity == iris.quantity_iri(claims[1])
    assert graph.value(quantity, ALG.amount) == Literal("1500000.0", datatype=XSD.decimal)
    assert graph.value(quantity, ALG.unit) == Literal("barrels_per_day")
    assert graph.value(quantity, ALG.comparator) == Literal("~")


def test_evidence_selects_the_sentence(document: Document, claims: list[Claim]) -> None:
    graph = build(document, claims)
    claim = claims[2]
    annotation = graph.value(iris.claim_iri(claim), ALG.hasEvidence)
    assert annotation == iris.evidence_iri(claim)
    target = graph.value(annotation, OA.hasTarget)
    assert graph.value(target, OA.hasSource) == iris.document_iri(document.sha256)
    quote = iris.quote_selector_iri(claim)
    position = iris.position_selector_iri(claim)
    assert set(graph.objects(target, OA.hasSelector)) == {quote, position}
    start = int(graph.value(position, OA.start))
    end = int(graph.value(position, OA.end))
    exact = str(graph.value(quote, OA.exact))
    assert document.text[start:end] == exact == claim.evidence.text
    prefix = str(graph.value(quote, OA.prefix))
    assert document.text[:start].endswith(prefix) and prefix
    assert graph.value(quote, OA.suffix) is None  # the sentence ends the text


def test_extractor_prefix_and_suffix_are_kept(document: Document, claims: list[Claim]) -> None:
    ev = claims[1].evidence
    given = dataclasses.replace(ev, prefix="2021. ", suffix=" Officials")
    claim = dataclasses.replace(claims[1], evidence=given)
    graph = build(document, [claim])
    quote = iris.quote_selector_iri(claim)
    assert graph.value(quote, OA.prefix) == Literal("2021. ")
    assert graph.value(quote, OA.suffix) == Literal(" Officials")


def test_output_is_deterministic(document: Document, claims: list[Claim]) -> None:
    first = build(document, claims)
    shuffled = list(claims)
    random.Random(7).shuffle(shuffled)
    second = build(document, shuffled + shuffled[:1])  # order and repeats do not matter
    assert isomorphic(first, second)
    assert canonical_nquads(first) == canonical_nquads(second)
    assert canonical_nquads(first).encode() == canonical_nquads(build(document, claims)).encode()


def test_duplicate_claims_keep_the_most_confident(document: Document, claims: list[Claim]) -> None:
    weaker = dataclasses.replace(claims[2], confidence=0.2, formality="F1")
    graph = build(document, [weaker, claims[2]])
    node = iris.claim_iri(claims[2])
    assert list(graph.objects(node, ALG.confidence)) == [Literal("0.55", datatype=XSD.decimal)]
    assert validate(graph).conforms


def test_a_document_without_claims_still_conforms(document: Document) -> None:
    graph = build(document, [])
    assert len(set(graph.subjects(RDF.type, ALG.RelationClaim))) == 0
    assert validate(graph).conforms


def test_bad_values_are_refused_or_caught(document: Document, claims: list[Claim]) -> None:
    with pytest.raises(ValueError, match="not a dimension"):
        build(document, [dataclasses.replace(claims[0], dimension="cultural")])
    shifted = Evidence(claims[0].evidence.start + 1, claims[0].evidence.end + 1, "x")
    with pytest.raises(ValueError, match="does not match"):
        build(document, [dataclasses.replace(claims[0], evidence=shifted)])
    with pytest.raises(ValueError, match="claim of document"):
        build(document, [dataclasses.replace(claims[0], document_sha256="0" * 64)])
    too_sure = build(document, [dataclasses.replace(claims[0], confidence=1.5)])
    report = validate(too_sure)
    assert not report.conforms
    assert any("alg:confidence" in m for m in report.messages)
    same = dataclasses.replace(claims[2], object=claims[2].subject)
    report = validate(build(document, [same]))
    assert any("must be different actors" in m for m in report.messages)


def test_turtle_round_trip(document: Document, claims: list[Claim]) -> None:
    graph = build(document, claims)
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, again)
    assert isinstance(graph.identifier, URIRef)
