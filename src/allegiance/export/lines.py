"""Canonical N-Quads lines, read graph by graph and sorted in bounded memory.

Finding (pyoxigraph 0.5.13): ``Store.quads_for_pattern`` walks RocksDB indexes whose keys are
the *encoded* terms (128-bit hashes of IRIs and strings, small literals inlined), so its order is
deterministic for the same content but is hash order, not lexical order, and two stores built in
a different order give the same sequence only because the keys are content-derived. We do not
rely on it: every export is sorted by code point (= UTF-8 byte order) of its N-Quads lines, so
the bytes are those of ``GraphStore.dump_nquads`` and do not depend on the engine's internals.

Memory stays bounded: each named graph (one document, a few hundred triples) is read and sorted
on its own, graphs are visited in IRI order, and where the output needs one global order (the
union of all graphs as triples) sorted runs are spilled to temporary files and merged.
"""

from __future__ import annotations

import hashlib
import heapq
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from allegiance.store import GraphStore

DEFAULT_RUN_LINES = 500_000
"""Lines sorted in memory before a run is spilled to disk (about 100 MB of Python strings)."""

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


def sorted_graph_lines(store: GraphStore, graph_iri: str | None, *, quads: bool) -> list[str]:
    """Unique, sorted N-Quads (or N-Triples) lines of one graph, without newlines."""
    triples = canonical_blank_nodes(graph_triples(store, graph_iri), graph_iri)
    if quads:
        return sorted({quad_line(t, graph_iri) for t in triples})
    return sorted({triple_line(t) for t in triples})


def unique_sorted(lines: Iterable[str], *, run_lines: int = DEFAULT_RUN_LINES) -> Iterator[str]:
    """Sort and deduplicate lines with at most ``run_lines`` of them in memory at once.

    A classic external merge sort: sorted runs go to temporary files, ``heapq.merge`` reads them
    back line by line, and equal neighbours are dropped. Small inputs never touch the disk.
    """
    with tempfile.TemporaryDirectory(prefix="allegiance-sort-") as folder:
        runs: list[Path] = []
        buffer: set[str] = set()
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
        handles = [run.open(encoding="utf-8", newline="\n") for run in runs]
        try:
            streams = [(line.rstrip("\n") for line in handle) for handle in handles]
            previous: str | None = None
            for line in heapq.merge(*streams):
                if line != previous:
                    yield line
                    previous = line
        finally:
            for handle in handles:
                handle.close()


def _spill(lines: list[str], folder: Path, index: int) -> Path:
    run = folder / f"run-{index:05d}.nt"
    with run.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
    return run
