"""An embedded Oxigraph store on disk holding one named graph per document.

Transactions. pyoxigraph 0.5 has no transaction object; ``Store.update`` (one SPARQL Update
request, several operations separated by ``;``), ``Store.extend`` and ``Store.load`` are each
applied atomically, while ``remove_graph`` + ``extend`` would be two commits. A replacement is
therefore a single update: ``DROP SILENT GRAPH <g>``, delete the catalogue entry, ``INSERT DATA``
of the new triples and the new entry, ``CREATE SILENT GRAPH <g>``. Measured on this machine for
1,000 graphs of 300 triples, the update path took 10.6 s to fill an empty store and 17.3 s to
replace everything, against 11.2 s and 17.7 s for ``remove_graph`` + ``extend``: building the
query text is cheap (about 0.3 s) and RocksDB writes dominate, so atomicity costs nothing.
Graphs new to the store (the common case in a build) are written without query text
(``replace_graphs``, then ``fresh.write_fresh``): several documents' N-Quads at once as RocksDB
table files (``Store.bulk_load`` of fewer quads than one bulk batch: one atomic ingestion; see
``fresh`` for why, and the measurements), a small write as one ``Store.load`` transaction.
One write of more than one bulk batch (in practice only a derived graph of a large store, the
first time it is written) goes in several ingestions, the catalogue entry last: until the last
one, readers can see part of that new graph, and a kill leaves a graph without an entry, which
the next build rewrites. Everything already stored stays whole.

Reading, and opening a store read-only beside a writer, are in ``allegiance.store.reading``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import pyoxigraph as ox
import rdflib

from allegiance.store.canonical import content_hash, serialize
from allegiance.store.catalogue import (
    CATALOGUE,
    CATALOGUE_IRI,
    DROP_TABLES,
    CatalogueEntry,
    check_meta,
    delete_entry,
    entry_triples,
    has_table,
    stored_hash,
    stored_triples,
)
from allegiance.store.claimindex import (
    UNTRACKED_UPDATE,
    Refresh,
    clear_stamp,
    index_path,
    mark_untracked,
    refresh_index,
)
from allegiance.store.claimtable import claim_table
from allegiance.store.errors import StoreError, one_line
from allegiance.store.files import parse_file
from allegiance.store.fresh import (
    fresh_nquads,
    needs_parts,
    remove_orphan_tables,
    write_big_graph,
    write_fresh,
)
from allegiance.store.reading import StoreReading, open_read_only
from allegiance.store.terms import to_triples
from allegiance.store.updates import (
    Replacement,
    current_lines,
    has_blank,
    patch_update,
    replace_update,
    table_update,
)
from allegiance.store.writes import GraphWrite, parse_ntriples, triples_write

DERIVED_GRAPH_BASE = "https://w3id.org/allegiance/id/graph/"
"""Graph IRIs for loaded files that name no graph: this base + 16 hex of the content hash."""


class GraphStore(StoreReading):
    """The project's store; use ``GraphStore.open`` and close it (or use ``with``)."""

    def __init__(self, store: ox.Store, path: Path, read_only: bool) -> None:
        self._store: ox.Store | None = store
        self.path = path
        self.read_only = read_only
        self.quads_written = 0
        """Quads this handle's writes added or removed (not a raw update's): in the build's
        report, with its compaction (``store.compaction``)."""
        self._stamped = True
        """Whether the store may still hold the claim index's stamp (``store.claimindex``)."""

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> GraphStore:
        folder = Path(path)
        try:
            if read_only:
                if not (folder / "CURRENT").is_file():
                    raise StoreError(f"no store at {folder} (nothing has been built there yet)")
                return cls(open_read_only(folder), folder, True)
            folder.mkdir(parents=True, exist_ok=True)
            store = cls(ox.Store(str(folder)), folder, False)
            remove_orphan_tables(folder)  # safe now: the write lock is ours
            return store
        except (OSError, RuntimeError) as error:
            message = one_line(error)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {folder} is locked by another process (a build is probably running); "
                    "open it read-only to query it"
                ) from None
            raise StoreError(f"cannot open store {folder}: {message}") from None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def flush(self) -> None:
        if not self.read_only:
            self._db.flush()

    def compact(self) -> None:
        """Merge all the store's table files (RocksDB's full compaction, ``Store.optimize``);
        ``store.compaction`` says when this pays."""
        db = self._writable("compact")
        try:
            db.optimize()
        except (OSError, RuntimeError) as error:
            raise StoreError(f"compacting store {self.path} failed: {one_line(error)}") from None

    def close(self) -> None:
        """Flush and drop the handle; RocksDB releases its lock when the handle is freed."""
        if self._store is not None:
            self.flush()
            self._store = None

    # -- writing -----------------------------------------------------------------------------

    def _writable(self, action: str) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot {action}")
        return self._db

    def _before_change(self, tracked: bool = True) -> None:
        """Called right before a write changes the store (not before one that finds nothing
        to do): the claim index's stamp goes first, so no state of the store on the way can
        pass for the indexed one; before a write the catalogue does not follow, the index
        is told to re-read every graph."""
        if not tracked and index_path(self.path).exists():
            mark_untracked(self._db)
            self._stamped = False
        if self._stamped:
            clear_stamp(self._db)
            self._stamped = False

    def refresh_claim_index(self) -> Refresh:
        """Bring the claim index up to date and stamp it (``store.claimindex``)."""
        self._writable("refresh the claim index")
        done = refresh_index(self._db, self.path)
        self._stamped = True
        return done

    def _update(self, sparql: str) -> None:
        try:
            self._writable("write")
            self._before_change()
            self._db.update(sparql)
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"write to store {self.path} failed: {one_line(error)}") from None

    def raw_update(self, sparql: str) -> None:
        """Apply a SPARQL Update as written (the endpoint's ``/update``), and in the same
        transaction drop every claim table (nobody knows which graphs the update touched, and
        a table must never disagree with its graph; the next build writes them again) and,
        when there is a claim index, its stamp (the next refresh re-reads every graph).

        These are appended as more operations; the update's own text may end with ``;``
        or be only a prologue, so a second join is tried before reporting the update's error.
        """
        self._writable("update")
        tail = DROP_TABLES
        if index_path(self.path).exists():
            tail, self._stamped = f"{DROP_TABLES} ;\n{UNTRACKED_UPDATE}", False
        for joined in (f"{sparql}\n;\n{tail}", f"{sparql}\n{tail}"):
            try:
                self._db.update(joined)
                return
            except SyntaxError:
                continue
        self._db.update(sparql)  # raises the update's own syntax error (or applies it)
        self._db.update(tail)

    def _unchanged(self, graph: ox.NamedNode, digest: str) -> bool:
        return self._db.contains_named_graph(graph) and stored_hash(self._db, graph) == digest

    def _holds(self, graph: ox.NamedNode, triples: list[ox.Triple]) -> bool:
        """Whether the stored graph is exactly ``triples``: before an unchanged graph's entry
        gets its missing claim table (written before tables existed, or dropped by a raw
        update), since a raw update may have edited the graph without the catalogue knowing;
        such a graph keeps no table, so reasoning reads its triples. Compared as Oxigraph
        stores triples (typed values, not their lexical forms: "0.80" comes back as "0.8"),
        through an in-memory store; a blank node makes them differ, which only costs the table."""
        memory = ox.Store()
        memory.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        wanted = set(memory.quads_for_pattern(None, None, None, graph))
        return set(self._db.quads_for_pattern(None, None, None, graph)) == wanted

    def replace_graph(
        self,
        graph_iri: str,
        triples: rdflib.Graph | Iterable[Any],
        *,
        meta: Mapping[str, object] | None = None,
        drop: Iterable[str] = (),
    ) -> bool:
        """Atomically make the graph hold exactly ``triples``; False if it already did.

        ``drop`` names graphs that the same transaction removes: the previous version of a
        changed document, so readers never see both versions or neither.

        ``triples`` may be an rdflib graph, pyoxigraph triples or rdflib 3-tuples; everything is
        converted before anything is written, so a failing input leaves the store untouched.
        ``meta`` may carry ``{"path": source path}`` for the catalogue.
        """
        self._writable("replace a graph")
        path, retired = check_meta(meta), tuple(map(str, drop))
        listed = triples if isinstance(triples, list) else list(triples)
        if listed and all(type(triple) is ox.Triple for triple in listed):
            write = triples_write(graph_iri, listed, path=path, drop=retired)
        else:  # converted once, by replace_graphs, before it writes anything
            write = GraphWrite(graph_iri, listed, path, retired)
        return self.replace_graphs([write])[0]

    def replace_graphs(self, writes: Sequence[GraphWrite]) -> list[bool]:
        """``replace_graph`` for many graphs in few transactions; one bool per write (False:
        the graph already held exactly those triples).

        The result is the store that one ``replace_graph`` per write, in order, would leave;
        only the grouping into transactions differs, and every transaction holds whole graphs
        with their catalogue entries, so a crash still leaves each graph as it was or fully
        replaced. Graphs new to the store (no graph, no catalogue entry, nothing to retire) go
        in one atomic write (``fresh.write_fresh``: table-file ingestion for many quads);
        replacements in one SPARQL Update as in ``replace_graph``. Measured for 300 document
        graphs (165k quads): one update per graph ran at 0.28x ``Store.bulk_load``'s quads/s,
        one ``extend`` per graph at about 0.5x; 32 graphs per ingestion beat ``bulk_load``.
        A write naming a graph an earlier write of the call touched starts a new group, so its
        checks see that earlier write.
        """
        self._writable("replace graphs")
        changed: list[bool] = []
        fresh: list[bytes] = []
        fresh_quads = 0
        replacements: list[Replacement] = []
        patches: list[str] = []
        retired: list[ox.NamedNode] = []
        touched: set[str] = set()

        def commit() -> None:
            nonlocal fresh_quads
            if fresh:
                self._write_fresh(b"".join(fresh), fresh_quads)
            if replacements or retired or patches:
                whole = [replace_update(replacements, retired)] if replacements or retired else []
                self._update(" ;\n".join([*patches, *whole]))
            fresh.clear()
            fresh_quads = 0
            replacements.clear()
            patches.clear()
            retired.clear()
            touched.clear()

        for write in writes:
            graph = self._graph(write.iri)
            drops = [self._graph(str(iri)) for iri in write.drop if str(iri) != write.iri]
            names = {write.iri, *(g.value for g in drops)}
            if names & touched:
                commit()
            converted = write.converted()
            # the N-Triples of the graph, serialised at most once (to hash it, then to write it)
            text = write.ntriples if converted is None else None
            if write.content_hash:
                digest = write.content_hash
            else:
                if converted is None:
                    converted = parse_ntriples(write.ntriples)
                text = serialize(converted)
                digest = content_hash(converted, text)
            count = write.count if converted is None else len(converted)
            table = write.claim_table if converted is None else claim_table(converted)
            entry = CatalogueEntry(write.path, digest, count, table)
            old = [g for g in drops if self._db.contains_named_graph(g)]
            if self._unchanged(graph, digest) and not old:
                if (
                    table is not None
                    and not has_table(self._db, graph)
                    and self._holds(graph, converted or parse_ntriples(write.ntriples))
                ):
                    patches.append(table_update(graph, table))
                    touched |= names
                changed.append(False)
                continue
            touched |= names
            changed.append(True)
            stale = old or any(stored_hash(self._db, g) is not None for g in drops)
            if (
                count
                and not stale
                and not self._db.contains_named_graph(graph)
                and stored_hash(self._db, graph) is None
                and (converted is None or not has_blank(converted))
            ):
                if text is None:  # converted, hash given: not serialised yet
                    text = serialize(converted)
                listed = entry_triples(graph, entry)
                entry_quads = fresh_nquads(CATALOGUE, serialize(listed))
                size = count + len(listed)
                self.quads_written += size
                if needs_parts(fresh_quads + size):
                    commit()  # whole graphs per ingestion: each stays atomic
                if needs_parts(size):  # one graph over an ingestion: in parts, entry last
                    self._guarded_write(write_big_graph, self._db, graph, text, entry_quads)
                    continue
                fresh.append(fresh_nquads(graph, text))
                fresh.append(entry_quads)
                fresh_quads += size
                continue
            if (
                not drops
                and self._db.contains_named_graph(graph)
                and (converted is None or not has_blank(converted))
            ):
                # Both sides as sorted N-Triples lines: no Python triple or statement string
                # per line of the graph (4.1M lines for the relations graph at 1M claims).
                current = current_lines(self._db, graph)
                if current is not None:
                    if text is None:
                        text = serialize(converted)
                    update, changes = patch_update(graph, text, entry, current)
                    patches.append(update)
                    self.quads_written += changes
                    continue
            if converted is None:
                converted = parse_ntriples(write.ntriples)
            replacements.append((graph, converted, entry))
            retired.extend(drops)
            self.quads_written += len(converted) + sum(
                stored_triples(self._db, g) for g in [graph, *drops])
        commit()
        return changed

    def _write_fresh(self, nquads: bytes, quads: int) -> None:
        self._guarded_write(write_fresh, self._db, nquads, quads)

    def _guarded_write(self, write: Callable[..., None], *args: Any) -> None:
        """Run a store write; an error of Oxigraph's becomes a one-line ``StoreError``."""
        try:
            self._before_change()
            write(*args)
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"write to store {self.path} failed: {one_line(error)}") from None

    def drop_graph(self, graph_iri: str) -> bool:
        """Remove a graph and its catalogue entry in one update; False if there was neither."""
        self._writable("drop a graph")
        graph = self._graph(graph_iri)
        if not self._db.contains_named_graph(graph) and stored_hash(self._db, graph) is None:
            return False
        self.quads_written += stored_triples(self._db, graph)
        self._update(f"DROP SILENT GRAPH {graph} ;\n{delete_entry(graph)}")
        return True

    def load_file(
        self, path: str | Path, *, graph_iri: str | None = None, format: str | None = None
    ) -> int:
        """Bring an RDF file into the store in one transaction; return the triples it holds.

        Named graphs of a quads format keep their names; default-graph triples go to
        ``graph_iri`` or, without one, to a graph named after their content hash, so loading
        the same data twice is a no-op. Each graph is replaced whole and catalogued with the
        file as its source; graphs whose content is unchanged are not rewritten. A catalogue
        graph inside the file (e.g. from ``dump_nquads``) is skipped: ours is recomputed.
        """
        self._writable("load a file")
        source = Path(path)
        parsed = parse_file(source, format)
        replacements: list[Replacement] = []
        patches: list[str] = []
        parsed.pop(CATALOGUE_IRI, None)
        for name in sorted(parsed, key=lambda key: (key is not None, key or "")):
            triples = to_triples(parsed[name])
            digest = content_hash(triples)
            iri = name or graph_iri or DERIVED_GRAPH_BASE + digest.removeprefix("sha256:")[:16]
            graph = self._graph(iri)
            if not self._unchanged(graph, digest):
                entry = CatalogueEntry(str(path), digest, len(triples), claim_table(triples))
                replacements.append((graph, triples, entry))
                self.quads_written += len(triples) + stored_triples(self._db, graph)
            elif (
                not has_table(self._db, graph)
                and (table := claim_table(triples)) is not None
                and self._holds(graph, triples)
            ):
                patches.append(table_update(graph, table))
        if replacements or patches:
            whole = [replace_update(replacements)] if replacements else []
            self._update(" ;\n".join([*patches, *whole]))
        return sum(len(set(triples)) for triples in parsed.values())

    def bulk_load_quads(self, source: str | Path | bytes) -> None:
        """Load an N-Quads file (a path) or N-Quads bytes with Oxigraph's bulk loader.

        For fresh stores and benchmarks only: ``Store.bulk_load`` is not transactional, keeps
        no catalogue entries and adds to whatever the store holds. ``load_file`` took 70 s for
        about 1M triples (it parses, hashes and writes through SPARQL Update); the bulk loader
        writes sorted table files. It leaves many small ones, hence the compaction: reading
        every claim IRI of 10M quads took 7.1 s of CPU before it and 2.2 s after (45 s).
        """
        db = self._writable("bulk-load quads")
        self._before_change(tracked=False)
        try:
            if isinstance(source, bytes):
                db.bulk_load(source, ox.RdfFormat.N_QUADS)
            else:
                db.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
            db.optimize()
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            message = one_line(error)
            raise StoreError(f"bulk load into store {self.path} failed: {message}") from None
