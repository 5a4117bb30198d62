"""Build one document's named graph from the document and its claims (docs/design.md).

The graph holds the document node, the extraction run and its software agent, and for each claim
the claim node, its Web Annotation evidence (quote and position selectors) and its quantity.
Actors are referred to by IRI only: their types and labels live in the reference graph.

Everything written is a function of the inputs: no timestamps, no blank nodes, fixed literal
forms, so the same input gives the same graph byte for byte (see ``canonical_nquads``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from allegiance import EXTRACTOR_VERSION
from allegiance.model import iris
from allegiance.model.literals import (
    AMOUNT_PLACES,
    CONFIDENCE_PLACES,
    date_literal,
    decimal_literal,
    offset_literal,
    year_literal,
)
from allegiance.model.vocab import concept
from allegiance.namespaces import ALG, DCTERMS, OA, PROV, RDF, RDFS, bind_prefixes
from allegiance.records import Claim, Document

CONTEXT_CHARS = 32
"""Length of the prefix/suffix taken from the text when the extractor gave none."""

CLAIM_STATUS = "extracted"

Triple = tuple[Node, Node, Node]


class _Sink(Protocol):
    """Where the ``_add_*`` helpers put triples: an rdflib ``Graph`` or a ``_TripleList``."""

    def add(self, triple: Triple, /) -> object: ...


class _TripleList(list[Triple]):
    """A plain list with ``Graph.add``'s name, so the helpers fill it as they fill a graph."""

    def add(self, triple: Triple, /) -> None:
        self.append(triple)


def document_graph(
    document: Document,
    claims: Sequence[Claim],
    *,
    config_hash: str,
    extractor_version: str = EXTRACTOR_VERSION,
) -> Graph:
    """The named graph of ``document`` (identifier = the document IRI) with its claims.

    Raises ValueError when a claim belongs to another document or its evidence offsets do not
    select its evidence text: such a claim would be unverifiable, so it is refused, not stored.
    """
    doc = iris.document_iri(document.sha256)
    graph = Graph(identifier=doc, bind_namespaces="none")
    bind_prefixes(graph)
    _fill(graph, document, claims, config_hash, extractor_version)
    return graph


def document_triples(
    document: Document,
    claims: Sequence[Claim],
    *,
    config_hash: str,
    extractor_version: str = EXTRACTOR_VERSION,
) -> list[Triple]:
    """The triples of ``document_graph`` as a list (same checks, same triples).

    For the build, which hands the triples on to the validator and the store and never needs
    an rdflib ``Graph``: filling one cost 12.7 ms of CPU per corpus document (its indexes),
    filling this list 2.5 ms.
    """
    triples = _TripleList()
    _fill(triples, document, claims, config_hash, extractor_version)
    return triples


def _fill(
    sink: _Sink,
    document: Document,
    claims: Sequence[Claim],
    config_hash: str,
    extractor_version: str,
) -> None:
    doc = iris.document_iri(document.sha256)
    _add_document(sink, doc, document)
    run = _add_run(sink, extractor_version, config_hash)
    for claim in unique_claims(claims):
        _add_claim(sink, document, doc, run, claim)


def unique_claims(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per claim IRI, in IRI order.

    Two claims with the same IRI (same span, pair, dimension, polarity) would merge into one node
    with conflicting values; the most confident one is kept, ties broken on its other fields.
    """
    best: dict[URIRef, Claim] = {}
    for claim in claims:
        key = iris.claim_iri(claim)
        held = best.get(key)
        if held is None or _rank(claim) > _rank(held):
            best[key] = claim
    return [best[key] for key in sorted(best)]


def _rank(claim: Claim) -> tuple[float, str, str, str, str, int]:
    return (
        claim.confidence,
        claim.formality,
        claim.modality,
        claim.cue,
        repr(claim.quantity),
        claim.year or 0,
    )


def _add_document(graph: _Sink, doc: URIRef, document: Document) -> None:
    graph.add((doc, RDF.type, ALG.Document))
    graph.add((doc, ALG.contentHash, Literal(f"sha256:{document.sha256}")))
    graph.add((doc, ALG.sourcePath, Literal(document.path)))
    graph.add((doc, DCTERMS.format, Literal(document.media_type)))
    graph.add((doc, ALG.characterCount, offset_literal(len(document.text))))
    if document.title:
        graph.add((doc, DCTERMS.title, Literal(document.title)))
    if document.publisher:
        graph.add((doc, DCTERMS.publisher, Literal(document.publisher)))
    if document.author:
        graph.add((doc, DCTERMS.creator, Literal(document.author)))
    if document.date:
        graph.add((doc, DCTERMS.date, date_literal(document.date)))


def _add_run(graph: _Sink, version: str, config_hash: str) -> URIRef:
    run = iris.run_iri(version, config_hash)
    software = iris.software_iri(version)
    graph.add((run, RDF.type, ALG.ExtractionRun))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, PROV.wasAssociatedWith, software))
    graph.add((run, ALG.extractorVersion, Literal(version)))
    graph.add((run, ALG.configurationHash, Literal(config_hash)))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, RDFS.label, Literal(f"allegiance {version}")))
    return run


def _check_claim(document: Document, claim: Claim) -> None:
    if claim.document_sha256 != document.sha256:
        raise ValueError(
            f"claim of document {claim.document_sha256[:16]} given for {document.short_hash}"
        )
    ev = claim.evidence
    if not 0 <= ev.start < ev.end <= len(document.text):
        raise ValueError(f"evidence offsets [{ev.start}, {ev.end}) outside the document text")
    if document.text[ev.start : ev.end] != ev.text:
        raise ValueError(
            f"evidence text does not match the document at [{ev.start}, {ev.end}): {ev.text!r}"
        )


def _add_claim(graph: _Sink, document: Document, doc: URIRef, run: URIRef, claim: Claim) -> None:
    _check_claim(document, claim)
    node = iris.claim_iri(claim)
    subject_id, object_id = iris.oriented_pair(claim)
    graph.add((node, RDF.type, ALG.RelationClaim))
    graph.add((node, ALG.subjectActor, iris.actor_iri(subject_id)))
    graph.add((node, ALG.objectActor, iris.actor_iri(object_id)))
    graph.add((node, ALG.dimension, concept("dimension", claim.dimension)))
    graph.add((node, ALG.polarity, concept("polarity", claim.polarity)))
    graph.add((node, ALG.formality, concept("formality", claim.formality)))
    graph.add((node, ALG.modality, concept("modality", claim.modality)))
    graph.add((node, ALG.directed, Literal(bool(claim.directed))))
    graph.add((node, ALG.confidence, decimal_literal(claim.confidence, CONFIDENCE_PLACES)))
    graph.add((node, ALG.statedIn, doc))
    graph.add((node, ALG.status, Literal(CLAIM_STATUS)))
    graph.add((node, PROV.wasGeneratedBy, run))
    if claim.cue:
        graph.add((node, ALG.cue, Literal(claim.cue)))
    if claim.year is not None:
        graph.add((node, ALG.referenceYear, year_literal(claim.year)))
    graph.add((node, ALG.hasEvidence, iris.evidence_iri(claim)))
    _add_evidence(graph, document, doc, claim)
    if claim.quantity is not None:
        _add_quantity(graph, node, claim)


def _add_evidence(graph: _Sink, document: Document, doc: URIRef, claim: Claim) -> None:
    ev = claim.evidence
    annotation = iris.evidence_iri(claim)
    target = iris.target_iri(claim)
    quote = iris.quote_selector_iri(claim)
    position = iris.position_selector_iri(claim)
    graph.add((annotation, RDF.type, ALG.Evidence))
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, OA.describing))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, doc))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    prefix = ev.prefix or document.text[max(0, ev.start - CONTEXT_CHARS) : ev.start]
    suffix = ev.suffix or document.text[ev.end : ev.end + CONTEXT_CHARS]
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(ev.text)))
    if prefix:
        graph.add((quote, OA.prefix, Literal(prefix)))
    if suffix:
        graph.add((quote, OA.suffix, Literal(suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, offset_literal(ev.start)))
    graph.add((position, OA.end, offset_literal(ev.end)))


def _add_quantity(graph: _Sink, node: URIRef, claim: Claim) -> None:
    quantity = claim.quantity
    assert quantity is not None
    qnode = iris.quantity_iri(claim)
    graph.add((node, ALG.quantity, qnode))
    graph.add((qnode, RDF.type, ALG.Quantity))
    graph.add((qnode, ALG.amount, decimal_literal(quantity.value, AMOUNT_PLACES)))
    graph.add((qnode, ALG.unit, Literal(quantity.unit)))
    graph.add((qnode, ALG.comparator, Literal(quantity.comparator)))
    if quantity.year is not None:
        graph.add((qnode, ALG.referenceYear, year_literal(quantity.year)))
