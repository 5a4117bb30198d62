"""The catalogue graph: what the store knows about each document graph it holds.

It lives in its own named graph so that it is written in the same SPARQL Update as the graph it
describes (the store has no other multi-statement transaction), and it is what lets
``replace_graph`` skip identical content without reading the old triples back.

Each entry is a node of its own (``catalogue#entry-<hash of the graph IRI>``) pointing at its
graph with ``catalogue#graph``, not the graph IRI itself: graph IRIs are document IRIs, and
queries run over Oxigraph's native union of all graphs (6-8x faster than listing the graphs to
leave this one out), so catalogue facts must not read as facts about documents. Its predicates
live in the catalogue's own namespace (plus ``void:triples``), not in the ontology.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from allegiance.store.canonical import content_hash, serialize
from allegiance.store.claimtable import claim_table, may_hold_claims
from allegiance.store.errors import StoreError
from allegiance.store.fresh import fresh_nquads

CATALOGUE_IRI = "https://w3id.org/allegiance/id/graph/catalogue"
CATALOGUE = ox.NamedNode(CATALOGUE_IRI)
CONTENT_HASH = ox.NamedNode(CATALOGUE_IRI + "#contentHash")
SOURCE_PATH = ox.NamedNode(CATALOGUE_IRI + "#sourcePath")
GRAPH = ox.NamedNode(CATALOGUE_IRI + "#graph")
TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
CLAIM_TABLE = ox.NamedNode(CATALOGUE_IRI + "#claimTable")
"""The graph's claims as text (``allegiance.store.claimtable``)."""
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

META_KEYS = ("path",)
"""Keys ``replace_graph(meta=...)`` accepts; anything else is a caller's mistake."""


@dataclass(frozen=True)
class CatalogueEntry:
    path: str | None
    content_hash: str
    triples: int
    claim_table: str | None = field(default=None, compare=False, repr=False)
    """Written with the entry; ``read_catalogue`` leaves it out (the reasoning reads tables
    on its own, and a listing of entries should not carry every claim)."""


def check_meta(meta: Mapping[str, object] | None) -> str | None:
    """Return the source path from ``meta``, refusing keys the catalogue does not record."""
    if not meta:
        return None
    unknown = sorted(set(meta) - set(META_KEYS))
    if unknown:
        raise StoreError(f"unknown catalogue metadata {unknown}; accepted keys: {list(META_KEYS)}")
    path = meta.get("path")
    return None if path is None else str(path)


def entry_node(graph: ox.NamedNode) -> ox.NamedNode:
    digest = hashlib.sha256(graph.value.encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{CATALOGUE_IRI}#entry-{digest}")


def entry_triples(graph: ox.NamedNode, entry: CatalogueEntry) -> list[ox.Triple]:
    node = entry_node(graph)
    triples = [
        ox.Triple(node, GRAPH, graph),
        ox.Triple(node, CONTENT_HASH, ox.Literal(entry.content_hash)),
        ox.Triple(node, TRIPLES, ox.Literal(str(entry.triples), datatype=XSD_INTEGER)),
    ]
    if entry.path is not None:
        triples.append(ox.Triple(node, SOURCE_PATH, ox.Literal(entry.path)))
    if entry.claim_table is not None:
        triples.append(ox.Triple(node, CLAIM_TABLE, ox.Literal(entry.claim_table)))
    return triples


DROP_TABLES = f"DELETE WHERE {{ GRAPH {CATALOGUE} {{ ?entry {CLAIM_TABLE} ?table }} }}"
"""Removes every claim table: what a raw SPARQL Update does in its own transaction."""


def has_table(store: ox.Store, graph: ox.NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(entry_node(graph), CLAIM_TABLE, None,
                                                     CATALOGUE))


def delete_entry(graph: ox.NamedNode) -> str:
    """SPARQL Update text removing the catalogue entry of ``graph``."""
    return f"DELETE WHERE {{ GRAPH {CATALOGUE} {{ {entry_node(graph)} ?p ?o }} }}"


def read_catalogue(store: ox.Store) -> dict[str, CatalogueEntry]:
    """All entries, keyed by graph IRI, in IRI order."""
    fields: dict[str, dict[str, str]] = {}
    for quad in store.quads_for_pattern(None, None, None, CATALOGUE):
        if isinstance(quad.subject, ox.NamedNode) and quad.predicate != CLAIM_TABLE:
            fields.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
    entries: dict[str, CatalogueEntry] = {}
    for values in fields.values():
        if CONTENT_HASH.value not in values or GRAPH.value not in values:
            continue
        entries[values[GRAPH.value]] = CatalogueEntry(
            path=values.get(SOURCE_PATH.value),
            content_hash=values[CONTENT_HASH.value],
            triples=int(values.get(TRIPLES.value, "0")),
        )
    return dict(sorted(entries.items()))


def stored_hash(store: ox.Store, graph: ox.NamedNode) -> str | None:
    for quad in store.quads_for_pattern(entry_node(graph), CONTENT_HASH, None, CATALOGUE):
        return quad.object.value
    return None


def stored_triples(store: ox.Store, graph: ox.NamedNode) -> int:
    """The triples the graph's entry records (0 without an entry): what removing or replacing
    the graph deletes, known without reading the graph."""
    for quad in store.quads_for_pattern(entry_node(graph), TRIPLES, None, CATALOGUE):
        return int(quad.object.value)
    return 0


def entry_nquads(graph_iri: str, ntriples: bytes, path: str | None = None) -> bytes:
    """The catalogue entry a build would write for a graph of ``ntriples`` (no blank nodes),
    as N-Quads: for generators that bulk-load documents (``GraphStore.bulk_load_quads``) and
    want the store a build leaves, content hashes and claim tables included."""
    triples = [quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
    graph = ox.NamedNode(graph_iri)
    table = claim_table(triples) if may_hold_claims(ntriples) else None
    entry = CatalogueEntry(path, content_hash(triples), len(set(triples)), table)
    return fresh_nquads(CATALOGUE, serialize(entry_triples(graph, entry)))
