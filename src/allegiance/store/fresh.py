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

from pathlib import Path

import pyoxigraph as ox

BULK_MIN_QUADS = 4_000
"""Below this, one ``Store.load`` transaction is cheaper than ingesting a set of table files."""

BULK_MAX_QUADS = 900_000
"""Below Oxigraph's bulk batch (1,000,000 quads, the same in every 0.4 and 0.5 release), so
every call is one ingestion; a bigger write (a derived graph of a large store) goes through
``Store.load``, slower but one transaction whatever its size."""


def fresh_nquads(graph: ox.NamedNode, ntriples: bytes) -> bytes:
    """N-Triples as Oxigraph writes them (``s p o .`` and a newline, a line a triple; a newline
    inside a literal is escaped) turned into N-Quads of ``graph``."""
    return ntriples.replace(b" .\n", f" {graph} .\n".encode())


def write_fresh(db: ox.Store, nquads: bytes, quads: int) -> None:
    """Add ``quads`` N-Quads (graphs absent from the store, with their catalogue entries)
    atomically: parsed and written by Oxigraph, no Python object per quad."""
    if BULK_MIN_QUADS <= quads <= BULK_MAX_QUADS:
        db.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    else:
        db.load(nquads, ox.RdfFormat.N_QUADS)  # one transaction, whatever its size


def remove_orphan_tables(folder: Path) -> int:
    """Delete table files a killed bulk load wrote but never ingested; call only while
    holding the store's write lock (no other writer can be between writing and ingesting)."""
    removed = 0
    for table in folder.glob("bulk-*.sst"):
        table.unlink(missing_ok=True)
        removed += 1
    return removed
