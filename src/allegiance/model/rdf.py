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

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from allegiance import EXTRACTOR_VERSION, namespaces
from allegiance.model import iris
from allegiance.model.literals import (
    AMOUNT_PLACES,
    CONFIDENCE_PLACES,
    date_literal,
    decimal_literal,
    year_literal,
)
from allegiance.model.vocab import concept
from allegiance.namespaces import bind_prefixes
from allegiance.records import Claim, Document


class _Memo:
    """A namespace whose terms are each made once: rdflib's namespaces make (and check) a new
    ``URIRef`` on every attribute access, 88,000 of them to model 200 documents. A closed
    namespace still fails on a misspelt term, at its first use."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term: URIRef = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


ALG, DCTERMS, OA, PROV, RDF, RDFS = (
    _Memo(getattr(namespaces, name)) for name in ("ALG", "DCTERMS", "OA", "PROV", "RDF", "RDFS")
)

CONTEXT_CHARS = 32
"""Length of the prefix/suffix taken from the text when the extractor gave none."""

CLAIM_STATUS = "extracted"

Term = Node | ox.Literal
"""What the helpers put in triples: rdflib terms, or pyoxigraph literals from ``_OxTriples``."""
Triple = tuple[Term, Term, Term]


class _Sink(Protocol):
    """Where the ``_add_*`` helpers put triples, and how they make the literals they hold:
    ``_GraphSink`` fills an rdflib ``Graph``, ``_OxTriples`` a list of pyoxigraph triples."""

    def add(self, triple: Triple, /) -> object: ...

    def literal(self, text: str, datatype: URIRef | None = None) -> Term: ...


class _GraphSink:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def add(self, triple: Triple, /) -> None:
        self.graph.add(triple)

    def literal(self, text: str, datatype: URIRef | None = None) -> Term:
        return Literal(text, datatype=datatype)


class _OxTriples(list[ox.Triple]):
    """The graph as pyoxigraph triples, made directly: an rdflib literal cost about 19 us to
    make, and converting every rdflib term afterwards (``store.to_triples``) 14 % of a build
    worker's time. IRIs (constants, actors, the document) are converted once per document;
    the cached typed literals of ``model.literals`` (confidences, years) likewise."""

    def __init__(self) -> None:
        super().__init__()
        self._iris: dict[Node, ox.NamedNode] = {}
        self._literals: dict[Literal, ox.Literal] = {}

    def add(self, triple: Triple, /) -> None:
        s, p, o = triple
        known = self._iris  # the common cases inline: this runs once per triple
        subject = known.get(s) or self._iri(s)  # type: ignore[arg-type]
        predicate = known.get(p) or self._iri(p)  # type: ignore[arg-type]
        obj = o if type(o) is ox.Literal else known.get(o) or self._object(o)  # type: ignore[arg-type]
        self.append(ox.Triple(subject, predicate, obj))

    def literal(self, text: str, datatype: URIRef | None = None) -> Term:
        if datatype is None:
            return ox.Literal(text)
        return ox.Literal(text, datatype=self._iri(datatype))

    def _iri(self, term: Term) -> ox.NamedNode:
        found = self._iris.get(term)  # type: ignore[arg-type]
        if found is None:
            if not isinstance(term, URIRef):
                raise TypeError(f"an IRI was expected, not {term!r}")
            found = self._iris[term] = ox.NamedNode(str(term))
        return found

    def _object(self, term: Term) -> ox.NamedNode | ox.Literal:
        if isinstance(term, ox.Literal):
            return term
        if not isinstance(term, Literal):
            return self._iri(term)
        found = self._literals.get(term)
        if found is None:
            lexical, datatype = str(term), term.datatype
            if term.language:
                found = ox.Literal(lexical, language=term.language)
            elif datatype is not None:
                found = ox.Literal(lexical, datatype=self._iri(datatype))
            else:
                found = ox.Literal(lexical)
            self._literals[term] = found
        return found


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
    _fill(_GraphSink(graph), document, claims, config_hash, extractor_version)
    return graph


def document_triples(
    document: Document,
    claims: Sequence[Claim],
    *,
    config_hash: str,
    extractor_version: str = EXTRACTOR_VERSION,
) -> list[ox.Triple]:
    """The triples of ``document_graph`` as pyoxigraph triples (same checks, same triples).

    For the build, which hands the triples on to the validator and the store and never needs
    an rdflib ``Graph``: filling one cost 12.7 ms of CPU per corpus document (its indexes),
    filling a list of rdflib triples 2.5 ms, and converting them 2 ms more.
    """
    triples = _OxTriples()
    _fill(triples, document, claims, config_hash, extractor_version)
    return list(triples)


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
    graph.add((doc, ALG.contentHash, graph.literal(f"sha256:{document.sha256}")))
    graph.add((doc, ALG.sourcePath, graph.literal(document.path)))
    graph.add((doc, DCTERMS.format, graph.literal(document.media_type)))
    graph.add(
        (doc, ALG.characterCount, graph.literal(str(len(document.text)), XSD.nonNegativeInteger))
    )
    if document.title:
        graph.add((doc, DCTERMS.title, graph.literal(document.title)))
    if document.publisher:
        graph.add((doc, DCTERMS.publisher, graph.literal(document.publisher)))
    if document.author:
        graph.add((doc, DCTERMS.creator, graph.literal(document.author)))
    if document.date:
        graph.add((doc, DCTERMS.date, date_literal(document.date)))


def _add_run(graph: _Sink, version: str, config_hash: str) -> URIRef:
    run = iris.run_iri(version, config_hash)
    software = iris.software_iri(version)
    graph.add((run, RDF.type, ALG.ExtractionRun))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, PROV.wasAssociatedWith, software))
    graph.add((run, ALG.extractorVersion, graph.literal(version)))
    graph.add((run, ALG.configurationHash, graph.literal(config_hash)))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, RDFS.label, graph.literal(f"allegiance {version}")))
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
    nodes = iris.claim_nodes(claim)
    node = nodes.claim
    subject_id, object_id = iris.oriented_pair(claim)
    graph.add((node, RDF.type, ALG.RelationClaim))
    graph.add((node, ALG.subjectActor, iris.actor_iri(subject_id)))
    graph.add((node, ALG.objectActor, iris.actor_iri(object_id)))
    graph.add((node, ALG.dimension, concept("dimension", claim.dimension)))
    graph.add((node, ALG.polarity, concept("polarity", claim.polarity)))
    graph.add((node, ALG.formality, concept("formality", claim.formality)))
    graph.add((node, ALG.modality, concept("modality", claim.modality)))
    graph.add(
        (node, ALG.directed, graph.literal("true" if claim.directed else "false", XSD.boolean))
    )
    graph.add((node, ALG.confidence, decimal_literal(claim.confidence, CONFIDENCE_PLACES)))
    graph.add((node, ALG.statedIn, doc))
    graph.add((node, ALG.status, graph.literal(CLAIM_STATUS)))
    graph.add((node, PROV.wasGeneratedBy, run))
    if claim.cue:
        graph.add((node, ALG.cue, graph.literal(claim.cue)))
    if claim.year is not None:
        graph.add((node, ALG.referenceYear, year_literal(claim.year)))
    graph.add((node, ALG.hasEvidence, nodes.evidence))
    _add_evidence(graph, document, doc, claim, nodes)
    if claim.quantity is not None:
        _add_quantity(graph, nodes, claim)


def _add_evidence(
    graph: _Sink, document: Document, doc: URIRef, claim: Claim, nodes: iris.ClaimNodes
) -> None:
    ev = claim.evidence
    annotation, target, quote, position = nodes.evidence, nodes.target, nodes.quote, nodes.position
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
    graph.add((quote, OA.exact, graph.literal(ev.text)))
    if prefix:
        graph.add((quote, OA.prefix, graph.literal(prefix)))
    if suffix:
        graph.add((quote, OA.suffix, graph.literal(suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, graph.literal(str(ev.start), XSD.nonNegativeInteger)))
    graph.add((position, OA.end, graph.literal(str(ev.end), XSD.nonNegativeInteger)))


def _add_quantity(graph: _Sink, nodes: iris.ClaimNodes, claim: Claim) -> None:
    quantity = claim.quantity
    assert quantity is not None
    qnode = nodes.quantity
    graph.add((nodes.claim, ALG.quantity, qnode))
    graph.add((qnode, RDF.type, ALG.Quantity))
    graph.add((qnode, ALG.amount, decimal_literal(quantity.value, AMOUNT_PLACES)))
    graph.add((qnode, ALG.unit, graph.literal(quantity.unit)))
    graph.add((qnode, ALG.comparator, graph.literal(quantity.comparator)))
    if quantity.year is not None:
        graph.add((qnode, ALG.referenceYear, year_literal(quantity.year)))
