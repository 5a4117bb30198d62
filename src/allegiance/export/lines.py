"""Canonical N-Quads lines, read graph by graph and sorted in bounded memory.

Finding (pyoxigraph 0.5.13): ``Store.quads_for_pattern`` walks RocksDB indexes whose keys are
the *encoded* terms (128-bit hashes of IRIs and strings, small literals inlined), so its order is
deterministic for the same content but is hash order, not lexical order, and two stores built in
a different order give the same sequence only because the keys are content-derived. We do not
rely on it: every graph's lines are sorted by code point (= UTF-8 byte order), graphs are
visited in IRI order, and the bytes do not depend on the engine's internals.

Throughput (issue 7, profiled with cProfile on a 20,000-claim store): the old path read each
graph with a SPARQL ``SELECT`` and built an ``ox.Triple`` and an f-string per row (60% of the
time), then sorted all lines of the store as one run of Python strings. Now pyoxigraph dumps
each graph as N-Triples itself (``GraphStore.dump_graph``: Rust end to end; 15-20% less CPU
than iterating ``quads_for_pattern`` into ``ox.serialize``), the graph name is added to every
line by one ``bytes.replace``, and lines are sorted as ``bytes`` (a C ``memcmp`` sort), so the
export runs at about the speed of ``Store.dump``.

Memory stays bounded: a graph's dump is kept in memory up to about ``run_lines`` lines and
sorted there (every document graph); a larger one (say a big reference graph) is spilled to a
temporary file while it is dumped and goes through the external merge sort below, which spills
sorted runs to temporary files.

Lines are ``bytes`` without their newline. N-Triples/N-Quads escape line breaks inside
literals, so a serialised line never contains ``\\n``, and no line is a proper prefix of
another, so sorting lines with or without their newline gives the same order.
"""

from __future__ import annotations

import hashlib
import heapq
import io
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from allegiance.store import GraphStore, StoreError
from allegiance.store.errors import one_line

DEFAULT_RUN_LINES = 500_000
"""Lines sorted in memory before a run is spilled to disk (about 100 MB of lines)."""

_GRAPH_QUERY = "SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
_DEFAULT_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def graph_triples(store: GraphStore, graph_iri: str | None) -> list[ox.Triple]:
    """The triples of one named graph (``None``: the store's default graph), unsorted."""
    if graph_iri is None:
        result = store.query(
            _DEFAULT_QUERY, use_default_graph_as_union=False, include_catalogue=True
        )
    else:
        graph = ox.NamedNode(graph_iri)
        result = store.query(_GRAPH_QUERY.format(graph=graph), include_catalogue=True)
    return [ox.Triple(row[0], row[1], row[2]) for row in result]  # type: ignore[union-attr]


def canonical_blank_nodes(triples: list[ox.Triple], graph_iri: str | None) -> list[ox.Triple]:
    """Relabel blank nodes by RDFC-1.0 within one graph, prefixed by a hash of the graph name.

    Our own graphs have no blank nodes (this returns them unchanged), but loaded files may. The
    prefix keeps the canonical labels of different graphs apart, so two graphs' ``_:c14n0`` do
    not merge into one node in a union or a dataset export.
    """
    if not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for t in triples):
        return triples
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    tag = hashlib.sha256((graph_iri or "").encode()).hexdigest()[:8]

    def relabel(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> object:
        return ox.BlankNode(f"g{tag}{term.value}") if isinstance(term, ox.BlankNode) else term

    return [ox.Triple(relabel(q.subject), q.predicate, relabel(q.object))  # type: ignore[arg-type]
            for q in dataset]


def triple_line(triple: ox.Triple) -> str:
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def quad_line(triple: ox.Triple, graph_iri: str | None) -> str:
    if graph_iri is None:
        return triple_line(triple)
    return f"{triple.subject} {triple.predicate} {triple.object} <{graph_iri}> ."


def triples_lines(
    triples: Iterable[ox.Triple], graph_iri: str | None, *, quads: bool
) -> list[bytes]:
    """Unique, sorted lines of some triples (the slow path: one f-string per triple)."""
    if quads:
        return sorted({quad_line(t, graph_iri).encode("utf-8") for t in triples})
    return sorted({triple_line(t).encode("utf-8") for t in triples})


def graph_lines(
    store: GraphStore, graph_iri: str | None, *, quads: bool, run_lines: int = DEFAULT_RUN_LINES
) -> Iterator[bytes]:
    """Unique, sorted N-Quads (``quads``) or N-Triples lines of one graph, blank nodes canonical.

    The fast path lets pyoxigraph serialise the graph (``GraphStore.dump_graph``) into a
    ``_Collector``; a graph with blank nodes (seen as ``_:`` anywhere in its serialisation,
    which may also be inside a literal: then the slow path is merely taken for nothing) is read
    again and relabelled by RDFC-1.0.
    """
    collector = _Collector(run_lines * _LINE_BYTES)
    try:
        store.dump_graph(graph_iri, collector)
    except (OSError, RuntimeError, ValueError) as error:
        collector.close()
        raise StoreError(f"reading graph <{graph_iri}> failed: {one_line(error)}") from None
    suffix = None if not quads or graph_iri is None else f" <{graph_iri}> .\n".encode()
    if collector.spilled is None:
        data = b"".join(collector.parts)
        if b"_:" in data:
            return iter(_blank_lines(store, graph_iri, quads))
        if suffix is not None:
            data = data.replace(b" .\n", suffix)
        lines = data.split(b"\n")
        lines.pop()  # after the last newline
        lines.sort()  # a graph holds no duplicate triples
        return iter(lines)
    return _large_graph(store, graph_iri, quads, run_lines, collector.spilled, suffix)


_LINE_BYTES = 128
"""Bytes per line assumed when turning ``run_lines`` into a memory limit for one graph."""


class _Collector(io.RawIOBase):
    """Where one graph is dumped: kept in memory up to ``limit`` bytes, then in a temporary file.

    pyoxigraph writes in blocks of a few kilobytes, so the Python work here is small next to
    the serialisation.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.spilled: BinaryIO | None = None

    def writable(self) -> bool:
        return True

    def write(self, block: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.spilled is not None:
            return self.spilled.write(block)
        self.parts.append(bytes(block))
        self.size += len(block)
        if self.size > self.limit:
            self.spilled = tempfile.TemporaryFile(prefix="allegiance-graph-")  # noqa: SIM115
            self.spilled.write(b"".join(self.parts))
            self.parts = []
        return len(block)


def _blank_lines(store: GraphStore, graph_iri: str | None, quads: bool) -> list[bytes]:
    triples = canonical_blank_nodes(graph_triples(store, graph_iri), graph_iri)
    return triples_lines(triples, graph_iri, quads=quads)


def _large_graph(
    store: GraphStore,
    graph_iri: str | None,
    quads: bool,
    run_lines: int,
    spilled: BinaryIO,
    suffix: bytes | None,
) -> Iterator[bytes]:
    """A graph larger than a run: external sort of its lines; blank nodes restart it."""
    blank = False

    def lines() -> Iterator[bytes]:
        nonlocal blank
        spilled.seek(0)
        for line in spilled:
            if b"_:" in line:
                blank = True
                return
            yield line[:-3] + suffix[:-1] if suffix is not None else line[:-1]

    try:
        sorted_lines = unique_sorted(lines(), run_lines=run_lines)
        first = next(sorted_lines, None)  # the whole input is read before the first line comes
    finally:
        spilled.close()
    if blank:
        sorted_lines.close()
        yield from _blank_lines(store, graph_iri, quads)
        return
    if first is not None:
        yield first
        yield from sorted_lines


def unique_sorted(lines: Iterable[bytes], *, run_lines: int = DEFAULT_RUN_LINES) -> Iterator[bytes]:
    """Sort and deduplicate lines with at most ``run_lines`` of them in memory at once.

    A classic external merge sort: sorted runs go to temporary files, ``heapq.merge`` reads them
    back line by line, and equal neighbours are dropped. Small inputs never touch the disk.
    Lines must not contain a newline.
    """
    with tempfile.TemporaryDirectory(prefix="allegiance-sort-") as folder:
        runs: list[Path] = []
        buffer: set[bytes] = set()
        for line in lines:
            buffer.add(line)
            if len(buffer) >= run_lines:
                runs.append(_spill(sorted(buffer), Path(folder), len(runs)))
                buffer = set()
        if not runs:
            yield from sorted(buffer)
            return
        if buffer:
            runs.append(_spill(sorted(buffer), Path(folder), len(runs)))
        handles = [run.open("rb") for run in runs]
        try:
            previous: bytes | None = None
            for line in heapq.merge(*handles):
                if line != previous:
                    yield line[:-1]
                    previous = line
        finally:
            for handle in handles:
                handle.close()


def _spill(lines: list[bytes], folder: Path, index: int) -> Path:
    run = folder / f"run-{index:05d}.nt"
    with run.open("wb") as handle:
        handle.write(b"\n".join(lines))
        handle.write(b"\n")
    return run
