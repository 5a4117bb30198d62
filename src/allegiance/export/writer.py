"""Write a selection of the store in any RDF syntax, canonically and in bounded memory.

Which order each syntax gets, and why:

- ``nq``: the default graph, then each named graph in IRI order, each graph's lines in code-point
  order. Graph-major rather than one global line order (what ``GraphStore.dump_nquads`` gives)
  since issue 7: a global order needs an external sort of the whole dataset (writing and
  re-reading it through temporary files), while graph-major streams each graph as soon as it is
  read, which keeps the export at the store's own dump rate. It is as canonical (a function of
  the content only) and ``LC_ALL=C sort`` of it gives ``dump_nquads(include_catalogue=False)``
  wherever there are no blank nodes;
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
from itertools import chain
from typing import BinaryIO, TypeVar

import pyoxigraph as ox
import rdflib

from allegiance.export.jsonld import load_context, prefixes, write_jsonld
from allegiance.export.lines import (
    DEFAULT_RUN_LINES,
    triple_line,
    triples_lines,
    unique_sorted,
)
from allegiance.export.rdf12 import EDGE_CLAIMS_GRAPH, edge_claim_lines, edge_claim_quads
from allegiance.export.select import (
    GraphLines,
    GraphTriples,
    Selection,
    iter_selection,
    iter_selection_lines,
)
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
    rdf12: bool = False,
) -> int:
    """Write the selection to ``output``; return the number of statements written.

    ``context_iri`` makes JSON-LD refer to the published context by IRI instead of embedding it
    (smaller, but a reader then has to fetch it). ``rdf12`` adds the RDF 1.2 view (derived
    edges annotated with their claims as triple terms, ``allegiance.export.rdf12``) as graph
    ``EDGE_CLAIMS_GRAPH``, after the data graphs; N-Quads and TriG only, whole store only.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    selection = selection or Selection()
    if rdf12 and fmt not in ("nq", "trig"):
        raise StoreError("the RDF 1.2 view is written in N-Quads or TriG only (--format nq|trig)")
    if rdf12 and selection != Selection():
        raise StoreError("the RDF 1.2 view covers the whole store; drop --graph/--actor")
    if fmt in ("nq", "nt", "ttl", "xml"):
        quads = fmt == "nq"
        data = iter_selection_lines(store, selection, quads=quads, run_lines=run_lines)
        if rdf12:
            data = chain(data, [(EDGE_CLAIMS_GRAPH, edge_claim_lines(store, run_lines=run_lines))])
        parts = _lines_with_description(data, description, quads=quads)
        if fmt == "nq":
            return sum(_write_lines(output, lines) for _, lines in parts)
        union = unique_sorted((line for _, lines in parts for line in lines), run_lines=run_lines)
        if fmt == "nt":
            return _write_lines(output, union)
        counter = _Counter()
        parsed = ox.parse(_LineReader(counter.each(union)), format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(parsed, output, format=_OX_FORMATS[fmt], prefixes=prefixes())
        return counter.count
    triples: Iterable[GraphTriples] = iter_selection(store, selection)
    if rdf12:
        view = [(EDGE_CLAIMS_GRAPH, [q.triple for q in edge_claim_quads(store)])]
        triples = chain(triples, view)
    graphs = _with_description(triples, description)
    if fmt == "trig":
        counter = _Counter()
        quads_out = (ox.Quad(t.subject, t.predicate, t.object, _graph_name(g))
                     for g, ts in graphs for t in counter.each(_sorted_unique(ts)))
        ox.serialize(quads_out, output, format=ox.RdfFormat.TRIG, prefixes=prefixes())
        return counter.count
    sorted_graphs = ((g, _sorted_unique(ts)) for g, ts in graphs)
    return write_jsonld(output, sorted_graphs, load_context(), context_iri=context_iri)


def _lines_with_description(
    graphs: Iterable[GraphLines], description: rdflib.Graph | None, *, quads: bool
) -> Iterator[GraphLines]:
    yield from graphs
    if description is not None:
        yield DESCRIPTION_GRAPH, triples_lines(
            to_triples(description), DESCRIPTION_GRAPH, quads=quads)


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


def _write_lines(output: BinaryIO, lines: Iterable[bytes]) -> int:
    """Write lines (without newlines) in blocks of about 1 MB; return how many."""
    count = 0
    batch: list[bytes] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 10_000:
            batch.append(b"")
            output.write(b"\n".join(batch))
            count += len(batch) - 1
            batch = []
    if batch:
        batch.append(b"")
        output.write(b"\n".join(batch))
        count += len(batch) - 1
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

    def __init__(self, lines: Iterable[bytes]) -> None:
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
            chunk.append(b"")
            self._buffer += b"\n".join(chunk)
        size = min(wanted, len(self._buffer))
        target[:size] = self._buffer[:size]
        del self._buffer[:size]
        return size
