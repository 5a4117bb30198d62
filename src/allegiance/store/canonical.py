"""Canonical forms: a content hash of a set of triples and a sorted N-Quads dump.

Both must not depend on insertion order, on duplicates or on blank-node labels, because they are
how the pipeline proves that building twice gives the same store. Order and duplicates are
handled by sorting unique N-Triples/N-Quads lines; blank-node labels by RDFC-1.0 canonicalisation
(``pyoxigraph.Dataset.canonicalize``), which is only run when blank nodes are present since our
own graphs have none and canonicalisation of 300k quads costs seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox


def serialize(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as Oxigraph's N-Triples (one ``s p o .`` line each)."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _has_blank(terms: Iterable[object]) -> bool:
    return any(isinstance(term, ox.BlankNode) for term in terms)


def quad_has_blank(quad: ox.Quad) -> bool:
    return _has_blank((quad.subject, quad.object, quad.graph_name))


def canonical_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads with canonical blank-node labels (unchanged when there are no blank nodes)."""
    listed = list(quads)
    if not any(quad_has_blank(quad) for quad in listed):
        return listed
    dataset = ox.Dataset(listed)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Unique N-Quads lines in code-point (= UTF-8 byte) order, each ending with a newline."""
    text = ox.serialize(canonical_quads(quads), format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted(set(text.decode("utf-8").splitlines()))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def content_hash(triples: Iterable[ox.Triple], ntriples: bytes | None = None) -> str:
    """``sha256:<hex>`` over the sorted canonical N-Triples of a graph's triples.

    ``ntriples``: the same triples already serialised by Oxigraph, when the caller needs that
    serialisation too (a build worker sends it on; a new graph is written as it), so they are
    not serialised twice.

    Without blank nodes the triples are serialised as they are (an N-Quads line in the default
    graph is the N-Triples line), skipping one ``Quad`` object per triple: that detour was 40 %
    of the hashing time, and every document graph is hashed once per build. Whether a blank
    node is present is read from the serialisation (no ``_:`` in it: none), not by testing
    every term in Python, which cost 3 s of the 6 s spent hashing a 2,000-document build's
    derived graphs."""
    listed = list(triples)
    text = ntriples if ntriples is not None else serialize(listed)
    if b"_:" in text and any(_has_blank((t.subject, t.object)) for t in listed):
        quads = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in listed)
        return "sha256:" + hashlib.sha256(sorted_nquads(quads)).hexdigest()
    return ntriples_digest(text)[0]


def ntriples_digest(ntriples: bytes) -> tuple[str, int]:
    """``content_hash`` of N-Triples without blank nodes, and the number of distinct triples:
    both from the text alone, so a big graph made as pyoxigraph triples needs no Python pass
    over its triples to be written."""
    # Bytes, not text: UTF-8 byte order is code-point order, and skipping the decoding and
    # encoding halves the time (3.1 million derived triples at 10,000 documents). Lines end at
    # "\n" only: Oxigraph escapes a newline inside a literal, and other line breaks Unicode
    # knows (U+2028, U+0085, ...) may stand in one.
    # Sorted in place and hashed line by line, equal neighbours skipped: a set of the lines and
    # the joined text were each another copy of a graph that reaches 4 million lines (700 MB)
    # at 1,000,000 claims, and made the reasoning step's peak memory pass 4 GB.
    lines = ntriples.split(b"\n")
    lines.sort()
    digest = hashlib.sha256()
    count, previous = 0, b""
    for line in lines:
        if line != previous:  # the empty line after the last "\n" sorts first and is skipped
            digest.update(line)
            digest.update(b"\n")
            count += 1
            previous = line
    return "sha256:" + digest.hexdigest(), count
