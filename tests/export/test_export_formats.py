"""Every export syntax parsed back by independent parsers and compared with the store."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from allegiance.export import FORMATS, QUAD_FORMATS, Selection, export
from allegiance.store import GraphStore, StoreError

from .helpers import as_union, canonical, store_quads

OX_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {
    "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "nt": "nt", "ttl": "turtle",
    "xml": "xml",
}


def exported(store: GraphStore, fmt: str, selection: Selection | None = None) -> bytes:
    buffer = io.BytesIO()
    export(store, buffer, fmt, selection)
    return buffer.getvalue()


def expected(store: GraphStore, fmt: str) -> set[ox.Quad]:
    quads = store_quads(store)
    return canonical(quads if fmt in QUAD_FORMATS else as_union(quads))


def rdflib_quads(data: bytes, fmt: str) -> list[ox.Quad]:
    """Parse with rdflib, then hand the result to pyoxigraph as N-Quads for comparison."""
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    text = dataset.serialize(format="nquads", encoding="utf-8")
    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    # rdflib puts triples of a triple syntax in its default graph; ours are identical.
    return quads


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_pyoxigraph_reads_back_the_store(store: GraphStore, fmt: str) -> None:
    parsed = list(ox.parse(exported(store, fmt), format=OX_FORMATS[fmt]))
    assert canonical(parsed) == expected(store, fmt)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rdflib_reads_back_the_store(store: GraphStore, fmt: str) -> None:
    parsed = rdflib_quads(exported(store, fmt), fmt)
    assert canonical(parsed) == expected(store, fmt)


def test_named_graphs_are_kept_in_quad_formats(store: GraphStore) -> None:
    for fmt in sorted(QUAD_FORMATS):
        parsed = ox.parse(exported(store, fmt), format=OX_FORMATS[fmt])
        names = sorted({q.graph_name.value for q in parsed
                        if isinstance(q.graph_name, ox.NamedNode)})
        assert names == store.graphs(), fmt


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("fmt,name", [("nt", "ntriples"), ("ttl", "turtle"), ("xml", "rdfxml"),
                                      ("nq", "nquads"), ("trig", "trig")])
def test_rapper_reads_back_the_store(
    store: GraphStore, fmt: str, name: str, tmp_path: Path
) -> None:
    source = tmp_path / f"export.{fmt}"
    source.write_bytes(exported(store, fmt))
    result = subprocess.run(["rapper", "-q", "-i", name, "-o", "nquads", str(source)],
                            capture_output=True, check=True)
    parsed = list(ox.parse(result.stdout, format=ox.RdfFormat.N_QUADS))
    assert canonical(parsed if fmt in QUAD_FORMATS else as_union(parsed)) == expected(store, fmt)


@pytest.mark.skipif(importlib.util.find_spec("pyld") is None, reason="pyld not installed")
def test_pyld_expands_the_jsonld(store: GraphStore) -> None:
    import json

    from pyld import jsonld  # type: ignore[import-not-found]

    text = jsonld.to_rdf(json.loads(exported(store, "jsonld")), {"format": "application/n-quads"})
    parsed = list(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))
    assert canonical(parsed) == expected(store, "jsonld")


def test_nquads_export_is_the_dump_graph_by_graph_for_graphs_without_blank_nodes(
    store: GraphStore,
) -> None:
    """Graphs in IRI order, each graph's lines in code-point order: sorting the export's lines
    gives the sorted dump, and each graph's run of lines is that graph's part of the dump."""
    documents = tuple(g for g in store.graphs() if "/id/document/" in g)
    data = exported(store, "nq", Selection(graphs=documents))
    dump = store.dump_nquads(include_catalogue=False).decode().splitlines()
    wanted = [line for graph in sorted(documents) for line in dump if line.endswith(f"<{graph}> .")]
    assert data.decode().splitlines() == wanted
    assert sorted(data.decode().splitlines()) == [
        line for line in dump if any(line.endswith(f"<{g}> .") for g in documents)]
    assert data.endswith(b"\n")


def test_whole_nquads_export_has_each_graph_once_in_iri_order(store: GraphStore) -> None:
    lines = exported(store, "nq").decode().splitlines()
    names = [q.graph_name.value for q in ox.parse("\n".join(lines).encode(),
                                                  format=ox.RdfFormat.N_QUADS)]
    runs = [name for i, name in enumerate(names) if i == 0 or names[i - 1] != name]
    assert runs == sorted(set(names)) == store.graphs()


def test_fast_and_slow_line_paths_agree(store: GraphStore) -> None:
    """pyoxigraph's N-Quads serialiser (fast path) and ``str`` of each term (slow path, used for
    actor selections and blank nodes) must write the same bytes, or exports would depend on
    the path taken."""
    from allegiance.export.lines import graph_lines, graph_triples, triples_lines

    for graph in store.graphs():
        for quads in (True, False):
            fast = list(graph_lines(store, graph, quads=quads))
            if any(b"_:" in line for line in fast):
                continue
            assert fast == triples_lines(graph_triples(store, graph), graph, quads=quads)


def test_a_graph_larger_than_a_run_is_sorted_externally(store: GraphStore) -> None:
    from allegiance.export.lines import graph_lines

    for graph in store.graphs():
        whole = list(graph_lines(store, graph, quads=True))
        assert list(graph_lines(store, graph, quads=True, run_lines=7)) == whole, graph


def test_triple_formats_export_the_union_without_duplicates(store: GraphStore) -> None:
    lines = exported(store, "nt").decode().splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == len(as_union(store_quads(store)))


def test_small_sort_runs_spill_to_disk_and_give_the_same_bytes(store: GraphStore) -> None:
    for fmt in ("nt", "nq", "ttl"):
        big = io.BytesIO()
        export(store, big, fmt)
        small = io.BytesIO()
        export(store, small, fmt, run_lines=97)
        assert small.getvalue() == big.getvalue(), fmt


def test_jsonld_reads_like_plain_json(store: GraphStore) -> None:
    import json

    document = json.loads(exported(store, "jsonld"))
    assert isinstance(document["@context"], dict)
    nodes = [node for entry in document["@graph"] for node in entry.get("@graph", [entry])]
    claims = [node for node in nodes if node.get("@type") == "RelationClaim"]
    assert claims
    for claim in claims:
        assert isinstance(claim["subjectActor"], str)
        assert claim["subjectActor"].startswith("ali:actor/")
        assert claim["polarity"] in ("Cooperation", "Tension")
        assert isinstance(claim["confidence"], str)


def test_jsonld_can_refer_to_the_published_context(store: GraphStore) -> None:
    buffer = io.BytesIO()
    export(store, buffer, "jsonld", context_iri="https://w3id.org/allegiance/context.jsonld")
    assert b'"@context": "https://w3id.org/allegiance/context.jsonld"' in buffer.getvalue()


def test_a_graph_selection_exports_only_that_graph(store: GraphStore) -> None:
    graph = next(g for g in store.graphs() if "/id/document/" in g)
    parsed = list(ox.parse(exported(store, "nq", Selection(graphs=(graph,))),
                           format=ox.RdfFormat.N_QUADS))
    assert parsed
    assert {q.graph_name.value for q in parsed} == {graph}


def test_unknown_graph_and_format_are_refused(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="no such graph"):
        exported(store, "nq", Selection(graphs=("https://example.org/none",)))
    with pytest.raises(StoreError, match="unknown export format"):
        exported(store, "n3")
