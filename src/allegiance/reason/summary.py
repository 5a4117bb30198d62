"""Relation summaries: the claim layer counted per (actor, counterpart, dimension, polarity).

Why they exist: a template such as actor-relations used to aggregate every claim of its actor at
query time, 5-10 index lookups a claim. At 1,000,000 claims the most popular actor is in about
400,000 of them, so one request took 20-60 s, and a handful of such requests kept every query
process of the server busy (bench/LOAD.md). The reasoning step already reads every claim as
plain rows for the tiers; counting them there costs a pass over those rows, and a template then
reads one node per counterpart.

Each summary is written twice, once from each side (``summarisedActor`` is the actor asked
about), so a template starts from the actor it is given with one index lookup. A claim counts in
exactly one summary per side, so summing ``claimCount`` over an actor's summaries gives its
number of claims. Like the tiers, the summaries are as of the last reasoning run: ``build``
runs it after every change, ``allegiance reason`` on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from allegiance.model.literals import CONFIDENCE_PLACES, decimal_literal
from allegiance.model.vocab import notations
from allegiance.namespaces import ALG, RDF, XSD
from allegiance.reason.claims import ClaimRow, load_claims
from allegiance.reason.vocab import ACTOR_BASE, ID_BASE, SUMMARY_GRAPH, ox_node
from allegiance.store import GraphStore

RDF_TYPE = ox.NamedNode(str(RDF.type))

SUMMARY_BASE = f"{ID_BASE}summary/"

Key = tuple[str, str, str, str]
"""(actor id, counterpart id, dimension notation, polarity notation)."""


@dataclass(slots=True)
class Tally:
    """What one summary counts, filled claim by claim."""

    claims: int = 0
    documents: set[str] = field(default_factory=set)
    max_confidence: float = 0.0

    def add(self, claim: ClaimRow) -> None:
        self.claims += 1
        self.documents.add(claim.document)
        self.max_confidence = max(self.max_confidence, claim.confidence)


def summary_iri(key: Key) -> str:
    """``id/summary/{actor}/{counterpart}/{dimension}/{polarity}``: readable and stable."""
    return SUMMARY_BASE + "/".join(key)


def tally(claims: Iterable[ClaimRow]) -> dict[Key, Tally]:
    """Every summary the claims give, from each side of each claim (once if both are one)."""
    tallies: dict[Key, Tally] = {}
    for claim in claims:
        sides = {(claim.subject, claim.object), (claim.object, claim.subject)}
        for actor, counterpart in sides:
            key = (actor, counterpart, claim.dimension, claim.polarity)
            found = tallies.get(key)
            if found is None:
                found = tallies[key] = Tally()
            found.add(claim)
    return tallies


def summary_triples(tallies: dict[Key, Tally]) -> list[ox.Triple]:
    """The relations graph's triples, in key order (pyoxigraph terms: at 1,000,000 claims there
    are millions of them, too many to go through an rdflib graph first)."""
    dimensions = {n: ox.NamedNode(str(iri)) for n, iri in notations("dimension").items()}
    polarities = {n: ox.NamedNode(str(iri)) for n, iri in notations("polarity").items()}
    kind = ox_node(ALG.RelationSummary)
    actor_p, counterpart_p = ox_node(ALG.summarisedActor), ox_node(ALG.counterpart)
    dimension_p, polarity_p = ox_node(ALG.summaryDimension), ox_node(ALG.summaryPolarity)
    claims_p, documents_p = ox_node(ALG.claimCount), ox_node(ALG.documentCount)
    confidence_p = ox_node(ALG.maxConfidence)
    integer = ox_node(XSD.integer)  # Oxigraph stores xsd:positiveInteger as this
    decimal = ox_node(XSD.decimal)
    actors: dict[str, ox.NamedNode] = {}

    def actor(identifier: str) -> ox.NamedNode:
        node = actors.get(identifier)
        if node is None:
            node = actors[identifier] = ox.NamedNode(ACTOR_BASE + identifier)
        return node

    triples: list[ox.Triple] = []
    for key in sorted(tallies):
        found = tallies[key]
        node = ox.NamedNode(summary_iri(key))
        confidence = decimal_literal(found.max_confidence, CONFIDENCE_PLACES)
        triples += (
            ox.Triple(node, RDF_TYPE, kind),
            ox.Triple(node, actor_p, actor(key[0])),
            ox.Triple(node, counterpart_p, actor(key[1])),
            ox.Triple(node, dimension_p, dimensions[key[2]]),
            ox.Triple(node, polarity_p, polarities[key[3]]),
            ox.Triple(node, claims_p, ox.Literal(str(found.claims), datatype=integer)),
            ox.Triple(node, documents_p, ox.Literal(str(len(found.documents)), datatype=integer)),
            ox.Triple(node, confidence_p, ox.Literal(str(confidence), datatype=decimal)),
        )
    return triples


def write_summaries(store: GraphStore, claims: list[ClaimRow] | None = None) -> int:
    """Recount every summary and replace the relations graph atomically; the number of summaries.

    ``claims`` are the rows ``load_claims(store)`` gives, when the caller has read them already.
    """
    tallies = tally(load_claims(store) if claims is None else claims)
    store.replace_graph(SUMMARY_GRAPH, summary_triples(tallies), meta={"path": "reason/relations"})
    return len(tallies)
