"""Bringing existing RDF files into the store: formats, graph naming, broken input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_fixtures import DATA, EX, doc_graph

from allegiance.store import DERIVED_GRAPH_BASE, GraphStore, StoreError

GRAPH = f"{EX}graph/pact"


def test_turtle_goes_into_the_given_graph_with_catalogue_entry(tmp_path: Path) -> None:
    source = DATA / "pact.ttl"
    with GraphStore.open(tmp_path / "s") as store:
        assert store.load_file(source, graph_iri=GRAPH) == 6
        assert store.graphs() == [GRAPH]
        entry = store.catalogue()[GRAPH]
        assert (entry.path, entry.triples) == (str(source), 6)
        relative = source.resolve().parent.as_uri() + "/relative"
        assert store.ask(f"ASK {{ <{relative}> ?p ?o }}")
        _, rows = store.select_rows(f"SELECT ?l WHERE {{ <{EX}southland> <{EX}label> ?l }}")
        assert rows == [['Southland with a "quoted" word']]


def test_triples_without_graph_iri_go_to_a_content_derived_graph(tmp_path: Path) -> None:
    # Two copies side by side, so that the relative IRI in the file resolves the same way.
    original, copy = tmp_path / "pact.ttl", tmp_path / "copy.data"
    shutil.copy(DATA / "pact.ttl", original)
    shutil.copy(DATA / "pact.ttl", copy)
    with GraphStore.open(tmp_path / "s") as store:
        store.load_file(original)
        (graph,) = store.graphs()
        assert graph.startswith(DERIVED_GRAPH_BASE)
        assert len(graph) == len(DERIVED_GRAPH_BASE) + 16
        before = store.dump_nquads()
        # The same content from another file maps to the same graph and changes nothing.
        store.load_file(copy, format="turtle")
        assert store.graphs() == [graph]
        assert store.dump_nquads() == before


def test_nquads_keep_their_graphs_and_default_triples_go_to_graph_iri(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(f"{EX}graph/one", doc_graph("stale"))
        assert store.load_file(DATA / "two-graphs.nq", graph_iri=f"{EX}graph/default") == 4
        assert store.graphs() == [f"{EX}graph/default", f"{EX}graph/one", f"{EX}graph/two"]
        counts = {iri: entry.triples for iri, entry in store.catalogue().items()}
        assert counts == {f"{EX}graph/default": 1, f"{EX}graph/one": 2, f"{EX}graph/two": 1}
        # The graph that existed before was replaced, not merged into.
        assert not store.ask(f"ASK {{ GRAPH <{EX}graph/one> {{ ?s <{EX}cue> ?o }} }}")


def test_json_ld(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        assert store.load_file(DATA / "actor.jsonld", graph_iri=GRAPH) == 3
        assert store.select_rows(f"SELECT ?l WHERE {{ <{EX}eastland> <{EX}label> ?l }}") == (
            ["l"],
            [["Eastland"]],
        )


def test_broken_turtle_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    broken = DATA / "broken.ttl"
    with GraphStore.open(tmp_path / "s") as store:
        store.load_file(DATA / "pact.ttl", graph_iri=GRAPH)
        before = store.dump_nquads(include_catalogue=True)
        with pytest.raises(StoreError) as caught:
            store.load_file(broken, graph_iri=GRAPH)
        message = str(caught.value)
        assert str(broken) in message
        assert "syntax error" in message
        assert "\n" not in message
        assert store.dump_nquads(include_catalogue=True) == before


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with GraphStore.open(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="unknown RDF format 'csv'"):
            store.load_file(odd)
        with pytest.raises(StoreError, match=r"absent\.ttl"):
            store.load_file(tmp_path / "absent.ttl")
        assert store.quad_count(include_catalogue=True) == 0


def test_a_dump_loads_back_into_an_identical_store(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "a") as first:
        first.load_file(DATA / "two-graphs.nq", graph_iri=f"{EX}graph/default")
        first.replace_graph(f"{EX}graph/doc", doc_graph("x"))
        dump = tmp_path / "dump.nq"
        dump.write_bytes(first.dump_nquads())
        expected = first.dump_nquads(include_catalogue=False)
    with GraphStore.open(tmp_path / "b") as second:
        second.load_file(dump)
        assert second.dump_nquads(include_catalogue=False) == expected
