"""Reading a store, and opening one read-only beside a writer.

Concurrency (measured with pyoxigraph 0.5.13). RocksDB holds an exclusive lock on a store
folder: a second read-write opening, in this or another process, fails with "lock hold by
current process" / "While lock file: ... LOCK: Resource temporarily unavailable"; we turn that
into a ``StoreError`` saying the store is locked. ``Store.read_only(path)`` (there is no
"secondary" mode in 0.5) opens alongside a writer. pyoxigraph documents that combination as
undefined behaviour, but in a stress run (a writer replacing 1,800 graphs of 300 triples while
another process re-opened read-only and counted every 0.1 s) every opening succeeded and saw a
consistent snapshot: each graph complete, catalogue and graph in step. A read-only store is a
snapshot taken at opening (it replays the writer's log, which makes opening slower while a big
build runs); it never sees later writes, so reopen to refresh. Two races remain and are
handled here: right after the writer flushes, opening can fail on a table file that was just
replaced (retried, ``open_read_only``), and since table files are opened lazily, a read on an
open snapshot can hit a file the writer's compaction removed (the read is retried on a fresh
snapshot, ``StoreReading._reading``). This is what lets ``allegiance sparql``/``stats`` run during a
build; the concurrency tests exercise it with a real writer process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
import rdflib

from allegiance.store.canonical import sorted_nquads
from allegiance.store.catalogue import CATALOGUE, CATALOGUE_IRI, CatalogueEntry, read_catalogue
from allegiance.store.claimsearch import Limit, Wanted, candidates
from allegiance.store.errors import StoreError, one_line
from allegiance.store.results import Deadline, QueryResult, rows_of

READ_ONLY_ATTEMPTS = 20
"""Openings tried before giving up (about 2 s of waiting in all)."""

READ_RETRIES = 3
"""Fresh read-only snapshots tried for one read before giving up."""

T = TypeVar("T")


def open_read_only(folder: Path) -> ox.Store:
    """Open read-only, retrying while a concurrent writer swaps its files.

    Right after the writer flushes or compacts, the manifest can name a table file that is
    already gone ("Corruption: ... No such file"); measured, the next attempt 10 ms later works.
    """
    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return ox.Store.read_only(str(folder))
        except (OSError, RuntimeError) as error:
            transient = "no such file" in str(error).lower()
            if not transient or attempt == READ_ONLY_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


class StoreReading:
    """The reading half of ``GraphStore``: every read goes through ``_reading``, which retries
    on a fresh read-only snapshot when a writer removed a table file under it."""

    _store: ox.Store | None
    path: Path
    read_only: bool

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    @staticmethod
    def _graph(graph_iri: str) -> ox.NamedNode:
        if graph_iri == CATALOGUE_IRI:
            raise StoreError(f"<{graph_iri}> is the store's catalogue, not a document graph")
        try:
            return ox.NamedNode(graph_iri)
        except ValueError as error:
            raise StoreError(f"invalid graph IRI <{graph_iri}>: {one_line(error)}") from None

    def claim_candidates(self, wanted: Wanted, limit: Limit) -> list[str] | None:
        """The claims the claim index says may match (``store.claimindex.candidates``)."""
        return self._reading(lambda: candidates(self._db, self.path, wanted, limit))

    def _reading(self, action: Callable[[], T]) -> T:
        """Run a read; a read-only snapshot whose files a writer removed is reopened and retried.

        A read-only store opens RocksDB table files lazily, so after the writer compacts, a
        read can hit a deleted file ("No such file"); reads are idempotent, so retry on a fresh
        snapshot. Lazy results returned by ``query`` are not covered: use ``select_rows``.
        """
        for attempt in range(READ_RETRIES):
            try:
                return action()
            except (OSError, RuntimeError, ValueError) as error:
                vanished = "no such file" in str(error).lower()
                if self.read_only and vanished and attempt < READ_RETRIES - 1:
                    self._store = open_read_only(self.path)
                    continue
                raise StoreError(f"reading store {self.path} failed: {one_line(error)}") from None
        raise AssertionError("unreachable")

    def _graph_names(self) -> list[str]:
        names = (g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(name for name in names if name != CATALOGUE_IRI)

    def graphs(self) -> list[str]:
        """Named graph IRIs, sorted, without the catalogue."""
        return self._reading(self._graph_names)

    def catalogue(self) -> dict[str, CatalogueEntry]:
        return self._reading(lambda: read_catalogue(self._db))

    def quad_count(self, *, include_catalogue: bool = False) -> int:
        def count() -> int:
            total = len(self._db)
            if include_catalogue:
                return total
            return total - sum(1 for _ in self._db.quads_for_pattern(None, None, None, CATALOGUE))

        return self._reading(count)

    def _quads(self, include_catalogue: bool) -> Iterable[ox.Quad]:
        for quad in self._db.quads_for_pattern(None, None, None, None):
            if include_catalogue or quad.graph_name != CATALOGUE:
                yield quad

    def dump_nquads(self, *, include_catalogue: bool = True) -> bytes:
        """All quads as sorted N-Quads; identical contents give identical bytes."""
        return self._reading(lambda: sorted_nquads(self._quads(include_catalogue)))

    def graph(self, graph_iri: str) -> rdflib.Graph:
        """One named graph as an in-memory rdflib Graph (for validation and reasoning, which
        are slow on store-backed graphs)."""
        node = self._graph(graph_iri)
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self._db.quads_for_pattern(None, None, None, node)
        ]
        graph = rdflib.Graph(identifier=rdflib.URIRef(graph_iri))
        if triples:
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def dataset(self, *, include_catalogue: bool = False) -> rdflib.Dataset:
        """The store as an rdflib Dataset (via the N-Quads dump): for small stores only."""
        dataset = rdflib.Dataset()
        data = self.dump_nquads(include_catalogue=include_catalogue)
        if data:
            dataset.parse(data=data, format="nquads")
        return dataset

    def _raw_query(
        self,
        sparql: str,
        use_default_graph_as_union: bool,
        include_catalogue: bool,
        prefixes: Mapping[str, str] | None,
    ) -> QueryResult:
        options: dict[str, Any] = {"prefixes": dict(prefixes) if prefixes else None}
        options["use_default_graph_as_union"] = use_default_graph_as_union
        if not include_catalogue:
            # Hide the catalogue from GRAPH patterns; the union keeps Oxigraph's native (fast)
            # form, where catalogue entries are nodes of their own that nothing else links to.
            options["named_graphs"] = [ox.NamedNode(iri) for iri in self._graph_names()]
        try:
            return self._db.query(sparql, **options)
        except SyntaxError as error:
            raise StoreError(f"SPARQL syntax error: {one_line(error)}") from None

    def query(
        self,
        sparql: str | Callable[[], str],
        *,
        use_default_graph_as_union: bool = True,
        timeout_s: float | None = None,
        include_catalogue: bool = False,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult | Deadline:
        """Run a SPARQL query; by default over the union of the document graphs.

        The catalogue graph is left out of both the default graph and ``GRAPH ?g`` unless
        ``include_catalogue`` (its subjects are document IRIs, so it would otherwise add
        bookkeeping facts to documents). With ``timeout_s`` the lazy results are wrapped in a
        ``Deadline`` (see ``allegiance.store.results`` for what it can and cannot stop).

        ``sparql`` may be a function making the text from the store as it is (a template
        narrowed by the claim index): it is called again when the read is retried on a fresh
        snapshot, so the text always fits the snapshot it runs on.
        """
        def run() -> QueryResult:
            text = sparql() if callable(sparql) else sparql
            return self._raw_query(text, use_default_graph_as_union, include_catalogue, prefixes)

        result = self._reading(run)
        if timeout_s is not None and isinstance(result, ox.QuerySolutions | ox.QueryTriples):
            return Deadline(result, timeout_s)
        return result

    def select_rows(
        self, sparql: str, *, timeout_s: float | None = None, include_catalogue: bool = False
    ) -> tuple[list[str], list[list[str | None]]]:
        """Variables and rows of plain strings (None where unbound), for printing."""

        def rows() -> tuple[list[str], list[list[str | None]]]:
            result = self._raw_query(sparql, True, include_catalogue, None)
            if timeout_s is not None and isinstance(result, ox.QuerySolutions | ox.QueryTriples):
                return rows_of(Deadline(result, timeout_s))
            return rows_of(result)

        return self._reading(rows)

    def ask(self, sparql: str, *, include_catalogue: bool = False) -> bool:
        result = self.query(sparql, include_catalogue=include_catalogue)
        if not isinstance(result, bool | ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(result)

    def dump_graph(self, graph_iri: str | None, output: Any) -> None:
        """Write one graph (``None``: the default graph) as N-Triples to ``output`` (a binary
        file object), in the engine's order.

        For exports and pushes that stream graph by graph: pyoxigraph serialises the graph in
        Rust, without SPARQL evaluation or a Python object per triple, and writes it in blocks,
        so the caller decides how much to keep in memory. Not retried (``_reading``): a retry
        after a partial write would repeat triples.
        """
        graph = ox.DefaultGraph() if graph_iri is None else ox.NamedNode(graph_iri)
        self._db.dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
