"""What ``GraphStore.replace_graphs`` is given: one graph to write, as triples or as bytes.

A build worker hands the writing process a document graph already converted, de-duplicated,
hashed and serialised as N-Triples; the bytes form lets a graph new to the store reach Oxigraph
without one Python object per triple (``store.fresh``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from allegiance.store.canonical import ntriples_digest, serialize
from allegiance.store.claimtable import claim_table, may_hold_claims
from allegiance.store.terms import to_triples


@dataclass(frozen=True)
class GraphWrite:
    """One graph for ``GraphStore.replace_graphs``: its IRI, its complete triples, the source
    path for the catalogue and the graphs the same write retires (an earlier version).

    ``content_hash`` may carry ``content_hash(triples)`` worked out elsewhere (a build worker
    process), so the writing process does not hash every document again."""

    iri: str
    triples: Sequence[Any] = ()
    path: str | None = None
    drop: tuple[str, ...] = ()
    content_hash: str | None = None
    ntriples: bytes | None = None
    count: int = 0
    claim_table: str | None = None
    """For a write given as ``ntriples``: ``claimtable.claim_table`` of its triples, worked out
    by whoever serialised them (None: no claims, or none that a table can hold). Writes given
    as triples get theirs in ``replace_graphs``."""

    @classmethod
    def from_ntriples(
        cls, iri: str, ntriples: bytes, count: int, content_hash: str, **rest: Any
    ) -> GraphWrite:
        """A graph already converted, de-duplicated and hashed elsewhere (a build worker), as
        Oxigraph's N-Triples: ``count`` distinct triples, one a line, no blank nodes. A graph
        new to the store then goes to Oxigraph as bytes, never as Python objects (which cost
        the writing process about 12 ms per document graph, a third of its time)."""
        return cls(iri, (), content_hash=content_hash, ntriples=ntriples, count=count, **rest)

    def converted(self) -> list[ox.Triple] | None:
        """The triples, converted and de-duplicated (None: given as ``ntriples``, to be sent
        as they are). N-Triples that may name a blank node are parsed: the bytes path never
        relabels them, so two graphs could share one."""
        if self.ntriples is None:
            return to_triples(self.triples)
        return parse_ntriples(self.ntriples) if b"_:" in self.ntriples else None


def parse_ntriples(data: bytes | None) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(data or b"", format=ox.RdfFormat.N_TRIPLES)]


def triples_write(
    iri: str, triples: list[ox.Triple], *, path: str | None = None, drop: tuple[str, ...] = ()
) -> GraphWrite:
    """A write of pyoxigraph triples in the N-Triples form a build worker sends: serialised,
    counted and hashed from the text, with no Python pass over the triples. For the derived
    graphs (3.1 million triples at 10,000 documents), whose conversion and de-duplication as
    objects took 13 s of a reasoning pass. Blank nodes take the general path."""
    text = serialize(triples)
    if b"_:" in text:
        return GraphWrite(iri, triples, path, drop)
    digest, count = ntriples_digest(text)
    table = claim_table(triples) if may_hold_claims(text) else None
    return GraphWrite.from_ntriples(
        iri, text, count, digest, path=path, drop=drop, claim_table=table
    )
