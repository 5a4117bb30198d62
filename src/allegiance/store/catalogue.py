"""The catalogue graph: what the store knows about each document graph it holds.

It lives in its own named graph so that it is written in the same SPARQL Update as the graph it
describes (the store has no other multi-statement transaction), and it is what lets
``replace_graph`` skip identical content without reading the old triples back. Its subjects are
the graph IRIs, which are also the document IRIs; so that catalogue facts never show up as facts
about documents, ``GraphStore.query`` hides this graph unless asked, and its predicates live in
the catalogue's own namespace (plus ``void:triples``), not in the ontology.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from allegiance.store.errors import StoreError

CATALOGUE_IRI = "https://w3id.org/allegiance/id/graph/catalogue"
CATALOGUE = ox.NamedNode(CATALOGUE_IRI)
CONTENT_HASH = ox.NamedNode(CATALOGUE_IRI + "#contentHash")
SOURCE_PATH = ox.NamedNode(CATALOGUE_IRI + "#sourcePath")
TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

META_KEYS = ("path",)
"""Keys ``replace_graph(meta=...)`` accepts; anything else is a caller's mistake."""


@dataclass(frozen=True)
class CatalogueEntry:
    path: str | None
    content_hash: str
    triples: int


def check_meta(meta: Mapping[str, object] | None) -> str | None:
    """Return the source path from ``meta``, refusing keys the catalogue does not record."""
    if not meta:
        return None
    unknown = sorted(set(meta) - set(META_KEYS))
    if unknown:
        raise StoreError(f"unknown catalogue metadata {unknown}; accepted keys: {list(META_KEYS)}")
    path = meta.get("path")
    return None if path is None else str(path)


def entry_triples(graph: ox.NamedNode, entry: CatalogueEntry) -> list[ox.Triple]:
    triples = [
        ox.Triple(graph, CONTENT_HASH, ox.Literal(entry.content_hash)),
        ox.Triple(graph, TRIPLES, ox.Literal(str(entry.triples), datatype=XSD_INTEGER)),
    ]
    if entry.path is not None:
        triples.append(ox.Triple(graph, SOURCE_PATH, ox.Literal(entry.path)))
    return triples


def read_catalogue(store: ox.Store) -> dict[str, CatalogueEntry]:
    """All entries, keyed by graph IRI, in IRI order."""
    fields: dict[str, dict[str, str]] = {}
    for quad in store.quads_for_pattern(None, None, None, CATALOGUE):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            fields.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
    entries: dict[str, CatalogueEntry] = {}
    for iri in sorted(fields):
        values = fields[iri]
        if CONTENT_HASH.value not in values:
            continue
        entries[iri] = CatalogueEntry(
            path=values.get(SOURCE_PATH.value),
            content_hash=values[CONTENT_HASH.value],
            triples=int(values.get(TRIPLES.value, "0")),
        )
    return entries


def stored_hash(store: ox.Store, graph: ox.NamedNode) -> str | None:
    for quad in store.quads_for_pattern(graph, CONTENT_HASH, None, CATALOGUE):
        return quad.object.value
    return None
