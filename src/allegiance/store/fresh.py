"""Writing graphs that are new to the store: RocksDB transaction or table-file ingestion.

``Store.extend`` writes every quad through RocksDB's write path (log, memtable, later a
compaction), six index entries and the dictionary per quad; measured at about 0.5x
``Store.bulk_load`` of the same quads, and in a build its cost grew with the store (a
1,063,125-quad build of 2,100 document graphs: 35.8 s one ``extend`` per graph).
``Store.bulk_extend`` (and ``Store.bulk_load`` of N-Quads bytes, used here) sorts the quads
itself and hands RocksDB finished table files: the same
quads in calls of 32 graphs took 10.5 s, faster than ``bulk_load`` of the N-Quads file (16.7 s,
parsing included). For one small graph it is slower (a table file per index per call: 6.6 s
against 3.3 s for 300 graphs one by one), hence ``BULK_MIN_QUADS``.

Why the bulk loader keeps a write atomic here, although pyoxigraph documents it without
transactional guarantees: Oxigraph's bulk loader cuts its input into batches of 1,000,000
quads, builds the table files of one batch (the dictionary's and every index's) and ingests them
with one ``IngestExternalFiles`` call, which RocksDB records atomically in its manifest for all
column families. A call with fewer quads than one batch is therefore all or nothing; the
guarantee the docs decline is for inputs of many batches. ``BULK_MAX_QUADS`` keeps every call
below one batch, and the crash-safety test (SIGKILL during a build's writes) checks that a
killed build leaves only whole documents. (``Store.bulk_load`` of a big file, by contrast, is
several batches, hence not atomic.) A kill between writing the table files and ingesting
them leaves ``bulk-*.sst`` files in the store folder that RocksDB does not know;
``remove_orphan_tables`` deletes them when the store is next opened for writing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

BULK_MIN_QUADS = 4_000
"""Below this, one ``Store.load`` transaction is cheaper than ingesting a set of table files."""

BULK_MAX_QUADS = 900_000
"""Below Oxigraph's bulk batch (1,000,000 quads, the same in every 0.4 and 0.5 release), so
every call is one ingestion; a bigger write (a derived graph of a large store) is cut into
parts of this size (see ``write_fresh``)."""


def needs_parts(quads: int) -> bool:
    """Whether a write of ``quads`` is more than one ingestion (so not atomic)."""
    return quads > BULK_MAX_QUADS


def fresh_nquads(graph: ox.NamedNode, ntriples: bytes) -> bytes:
    """N-Triples as Oxigraph writes them (``s p o .`` and a newline, a line a triple; a newline
    inside a literal is escaped) turned into N-Quads of ``graph``."""
    return ntriples.replace(b" .\n", f" {graph} .\n".encode())


def write_fresh(db: ox.Store, nquads: bytes, quads: int) -> None:
    """Add ``quads`` N-Quads (graphs absent from the store, each followed by its catalogue
    entry): parsed and written by Oxigraph, no Python object per quad.

    Up to ``BULK_MAX_QUADS`` the write is atomic. ``GraphStore.replace_graphs`` never hands it
    more (it ingests several graphs as several writes of whole graphs, and one graph over the
    limit through ``write_big_graph``); a bigger write is ingested in parts of at most
    ``BULK_MAX_QUADS`` lines, in order, each part atomic: a graph can then be seen, or left by
    a kill, partly written, but never with its catalogue entry, which comes after its last
    triple. A graph without an entry is not taken as stored: the next build rewrites it
    (``GraphStore.replace_graphs`` compares the entry's hash) and recomputes a derived graph
    that lacks one. One ``Store.load`` transaction instead kept the whole write atomic but took
    111 s and most of a build's peak memory for the 1.7M-triple relations graph of 10,000
    documents.
    """
    if quads < BULK_MIN_QUADS:
        db.load(nquads, ox.RdfFormat.N_QUADS)  # one small transaction
    elif not needs_parts(quads):
        db.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    else:
        for part in line_parts(nquads, BULK_MAX_QUADS):
            db.bulk_load(part, ox.RdfFormat.N_QUADS)


def write_big_graph(
    db: ox.Store, graph: ox.NamedNode, ntriples: bytes, entry_nquads: bytes
) -> None:
    """One new graph of more than ``BULK_MAX_QUADS`` triples, then its catalogue entry.

    As ``write_fresh`` for such a write (parts of at most ``BULK_MAX_QUADS`` lines, each one
    ingestion, the entry last), but the N-Triples go in as they are, into ``graph``: no N-Quads
    copy of the text and no joined copy of that, which for the 1.7M-triple relations graph of
    10,000 documents were two copies of about 300 MB each, held while the next derived graph
    is computed (``reason.recompute``)."""
    for part in line_parts(ntriples, BULK_MAX_QUADS):
        db.bulk_load(part, ox.RdfFormat.N_TRIPLES, to_graph=graph)
    db.load(entry_nquads, ox.RdfFormat.N_QUADS)  # one small transaction


def line_parts(text: bytes, lines: int) -> Iterator[bytes]:
    """``text`` cut after every ``lines`` newlines (the last part may be shorter)."""
    start = 0
    while start < len(text):
        end = start
        for _ in range(lines):
            end = text.find(b"\n", end) + 1
            if end == 0:
                end = len(text)
                break
        yield text[start:end]
        start = end


def remove_orphan_tables(folder: Path) -> int:
    """Delete table files a killed bulk load wrote but never ingested; call only while
    holding the store's write lock (no other writer can be between writing and ingesting)."""
    removed = 0
    for table in folder.glob("bulk-*.sst"):
        table.unlink(missing_ok=True)
        removed += 1
    return removed
