"""Write a selection of the store in any RDF syntax, canonically and in bounded memory.

Which order each syntax gets, and why:

- ``nq``: all quads as N-Quads lines in code-point order, exactly the bytes of
  ``GraphStore.dump_nquads(include_catalogue=False)`` for a whole-store export;
- ``nt``, ``ttl``, ``xml``: the union of the selected graphs (the default view), one line per
  distinct triple in code-point order, deduplicated across graphs by an external sort; Turtle and
  RDF/XML are pyoxigraph's streaming serialisers fed with that sorted stream, so equal subjects
  are adjacent and grouped;
- ``trig``, ``jsonld``: named graphs in IRI order, each graph's triples in line order.

The dataset description, when given, is one more named graph (``DESCRIPTION_GRAPH``), written
after the data graphs in the graph-by-graph syntaxes. It holds the export's creation time, so
only the data part of such an export is reproducible byte for byte.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TypeVar

import pyoxigraph as ox
import rdflib

from allegiance.export.jsonld import load_context, prefixes, write_jsonld
from allegiance.export.lines import (
    DEFAULT_RUN_LINES,
    quad_line,
    triple_line,
    unique_sorted,
)
from allegiance.export.select import GraphTriples, Selection, iter_selection
from allegiance.store import GraphStore, StoreError, to_triples

DESCRIPTION_GRAPH = "https://w3id.org/allegiance/id/graph/void"

FORMATS: dict[str, str] = {
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "ttl": "text/turtle",
    "xml": "application/rdf+xml",
}
"""Export formats and their media types; the first three keep named graphs."""

_T = TypeVar("_T")

QUAD_FORMATS = frozenset({"nq", "trig", "jsonld"})

_OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}


def export(
    store: GraphStore,
    output: BinaryIO,
    fmt: str,
    selection: Selection | None = None,
    *,
    description: rdflib.Graph | None = None,
    context_iri: str | None = None,
    run_lines: int = DEFAULT_RUN_LINES,
) -> int:
    """Write the selection to ``output``; return the number of statements written.

    ``context_iri`` makes JSON-LD refer to the published context by IRI instead of embedding it
    (smaller, but a reader then has to fetch it).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    graphs = _with_description(iter_selection(store, selection or Selection()), description)
    if fmt == "nq":
        return _write_lines(output, unique_sorted(
            (quad_line(t, g) for g, ts in graphs for t in ts), run_lines=run_lines))
    if fmt == "trig":
        counter = _Counter()
        quads = (ox.Quad(t.subject, t.predicate, t.object, _graph_name(g))
                 for g, ts in graphs for t in counter.each(_sorted_unique(ts)))
        ox.serialize(quads, output, format=ox.RdfFormat.TRIG, prefixes=prefixes())
        return counter.count
    if fmt == "jsonld":
        sorted_graphs = ((g, _sorted_unique(ts)) for g, ts in graphs)
        return write_jsonld(output, sorted_graphs, load_context(), context_iri=context_iri)
    lines = unique_sorted((triple_line(t) for _, ts in graphs for t in ts), run_lines=run_lines)
    if fmt == "nt":
        return _write_lines(output, lines)
    counter = _Counter()
    parsed = ox.parse(_LineReader(counter.each(lines)), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(parsed, output, format=_OX_FORMATS[fmt], prefixes=prefixes())
    return counter.count


def _with_description(
    graphs: Iterable[GraphTriples], description: rdflib.Graph | None
) -> Iterator[GraphTriples]:
    yield from graphs
    if description is not None:
        yield DESCRIPTION_GRAPH, to_triples(description)


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def _sorted_unique(triples: list[ox.Triple]) -> list[ox.Triple]:
    keyed = {triple_line(t): t for t in triples}
    return [keyed[line] for line in sorted(keyed)]


def _write_lines(output: BinaryIO, lines: Iterable[str]) -> int:
    count = 0
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        count += 1
        if len(batch) >= 10_000:
            output.write(("\n".join(batch) + "\n").encode("utf-8"))
            batch = []
    if batch:
        output.write(("\n".join(batch) + "\n").encode("utf-8"))
    return count


class _Counter:
    """Counts items as a lazy stream passes through it."""

    def __init__(self) -> None:
        self.count = 0

    def each(self, items: Iterable[_T]) -> Iterator[_T]:
        for item in items:
            self.count += 1
            yield item


class _LineReader(io.RawIOBase):
    """A binary file over an iterator of lines, so pyoxigraph can parse a lazy stream."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__()
        self._lines = iter(lines)
        self._buffer = bytearray()
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview | bytearray) -> int:  # type: ignore[override]
        wanted = len(target)
        while len(self._buffer) < wanted and not self._done:
            chunk = [line for _, line in zip(range(1000), self._lines, strict=False)]
            if not chunk:
                self._done = True
                break
            self._buffer += ("\n".join(chunk) + "\n").encode("utf-8")
        size = min(wanted, len(self._buffer))
        target[:size] = self._buffer[:size]
        del self._buffer[:size]
        return size
