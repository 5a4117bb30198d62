"""Conversion of rdflib terms and triples to pyoxigraph ones.

The model stage builds ``rdflib.Graph`` objects while the store is Oxigraph, so every triple
crosses this border. Conversion keeps the lexical form of literals exactly as rdflib holds it
(Oxigraph itself later normalises some numeric forms, e.g. ``"1.0"^^xsd:decimal`` is stored as
``"1"``), keeps language tags and datatypes, and maps each rdflib blank node to one pyoxigraph
blank node per conversion so that shared blank nodes stay shared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
import rdflib

from allegiance.store.errors import StoreError, one_line

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
Object = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class TermConverter:
    """Converts terms; one instance per graph so blank-node identity is kept within it."""

    def __init__(self) -> None:
        self._blank: dict[str, ox.BlankNode] = {}
        self._iris: dict[str, ox.NamedNode] = {}
        """IRIs converted so far: a document graph names the same predicates, classes and
        actors hundreds of times, and Oxigraph parses an IRI each time one is made."""

    def term(self, term: Any) -> Object:
        if type(term) is rdflib.URIRef:  # the common case first
            return self._iris.get(term) or self._named(term)
        if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
            return term
        if isinstance(term, rdflib.URIRef):
            return self._named(str(term))
        if isinstance(term, rdflib.BNode):
            return self._bnode(str(term))
        if isinstance(term, rdflib.Literal):
            return self._literal(term)
        raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")

    def triple(self, triple: Any) -> ox.Triple:
        if isinstance(triple, ox.Triple):
            return triple
        if isinstance(triple, ox.Quad):
            return triple.triple
        try:
            s, p, o = triple
        except (TypeError, ValueError):
            raise StoreError(f"not a triple: {triple!r}") from None
        subject, predicate, obj = self.term(s), self.term(p), self.term(o)
        if isinstance(subject, ox.Literal):
            raise StoreError(f"a literal cannot be a subject: {s!r}")
        if not isinstance(predicate, ox.NamedNode):
            raise StoreError(f"a predicate must be an IRI: {p!r}")
        return ox.Triple(subject, predicate, obj)

    def _named(self, iri: str) -> ox.NamedNode:
        try:
            node = self._iris[iri] = ox.NamedNode(iri)
        except ValueError as error:
            raise StoreError(f"invalid IRI <{iri}>: {one_line(error)}") from None
        return node

    def _bnode(self, label: str) -> ox.BlankNode:
        node = self._blank.get(label)
        if node is None:
            try:
                node = ox.BlankNode(label)
            except ValueError:
                # rdflib accepts any string as a blank node id; N-Triples labels are stricter.
                node = ox.BlankNode("b" + hashlib.sha256(label.encode()).hexdigest()[:24])
            self._blank[label] = node
        return node

    def _literal(self, literal: rdflib.Literal) -> ox.Literal:
        lexical = str(literal)
        try:
            if literal.language:
                return ox.Literal(lexical, language=literal.language)
            if literal.datatype is not None:
                return ox.Literal(lexical, datatype=self._named(str(literal.datatype)))
            return ox.Literal(lexical)
        except ValueError as error:
            raise StoreError(f"invalid literal {literal!r}: {one_line(error)}") from None


def to_triples(triples: rdflib.Graph | Iterable[Any]) -> list[ox.Triple]:
    """Convert everything first, de-duplicated, so that a failure happens before any write."""
    converter = TermConverter()
    seen: set[ox.Triple] = set()
    out: list[ox.Triple] = []
    for item in triples:
        triple = converter.triple(item)
        if triple not in seen:
            seen.add(triple)
            out.append(triple)
    return out
