"""Writing and reading a real on-disk store: persistence, replacement, catalogue, read-only."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from store_fixtures import EX, doc_graph

from allegiance.store import CATALOGUE_IRI, GraphStore, StoreError

G1 = f"{EX}document/one"
G2 = f"{EX}document/two"


def _subjects(store: GraphStore, graph: str) -> set[str]:
    _, rows = store.select_rows(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {row[0] for row in rows if row[0] is not None}


def test_open_creates_folder_and_data_survives_reopening(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "store"
    with GraphStore.open(folder) as store:
        assert store.replace_graph(G1, doc_graph("a"), meta={"path": "docs/a.md"})
        before = store.dump_nquads()
    assert folder.is_dir()
    with GraphStore.open(folder) as store:
        assert store.graphs() == [G1]
        assert store.quad_count() == 10
        assert store.dump_nquads() == before


def test_replacing_with_identical_content_writes_nothing(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        assert store.replace_graph(G1, doc_graph("a"), meta={"path": "a.md"}) is True
        first = store.dump_nquads(include_catalogue=True)
        # Same triples, built anew and given in another order: still the same content.
        reordered = sorted(doc_graph("a"), key=str, reverse=True)
        assert store.replace_graph(G1, reordered, meta={"path": "a.md"}) is False
        assert store.dump_nquads(include_catalogue=True) == first


def test_replacing_with_other_content_removes_every_old_triple(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, doc_graph("old", n=6))
        store.replace_graph(G2, doc_graph("other", n=2))
        assert store.replace_graph(G1, doc_graph("new", n=3)) is True
        assert _subjects(store, G1) == {f"{EX}claim/new/{i}" for i in range(3)}
        assert store.quad_count() == 3 * 2 + 2 * 2
        assert store.catalogue()[G1].triples == 6
        assert _subjects(store, G2) == {f"{EX}claim/other/{i}" for i in range(2)}


def test_drop_removes_graph_and_catalogue_entry(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, doc_graph("a"))
        store.replace_graph(G2, doc_graph("b"))
        assert store.drop_graph(G1) is True
        assert store.drop_graph(G1) is False
        assert store.graphs() == [G2]
        assert list(store.catalogue()) == [G2]
        assert _subjects(store, G1) == set()


def test_catalogue_records_hash_path_and_count(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G2, doc_graph("b", n=4), meta={"path": "corpus/b.html"})
        store.replace_graph(G1, doc_graph("a", n=1))
        entries = store.catalogue()
        assert list(entries) == [G1, G2]
        assert entries[G2].path == "corpus/b.html"
        assert entries[G2].triples == 8
        assert entries[G1].path is None
        assert entries[G1].content_hash.startswith("sha256:")
        assert entries[G1].content_hash != entries[G2].content_hash
        assert CATALOGUE_IRI not in store.graphs()


def test_unknown_metadata_and_catalogue_as_target_are_refused(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="unknown catalogue metadata"):
            store.replace_graph(G1, doc_graph("a"), meta={"colour": "red"})
        with pytest.raises(StoreError, match="catalogue"):
            store.replace_graph(CATALOGUE_IRI, doc_graph("a"))
        assert store.quad_count(include_catalogue=True) == 0


def test_failure_midway_through_the_input_leaves_store_unchanged(tmp_path: Path) -> None:
    def failing() -> object:
        yield from list(doc_graph("new"))[:4]
        raise RuntimeError("extractor crashed")

    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, doc_graph("old"), meta={"path": "a.md"})
        before = store.dump_nquads()
        with pytest.raises(RuntimeError, match="extractor crashed"):
            store.replace_graph(G1, failing())
        bad = [*doc_graph("new"), (URIRef(f"{EX}s"), URIRef("not an iri"), Literal("x"))]
        with pytest.raises(StoreError, match="invalid IRI"):
            store.replace_graph(G1, bad)
        assert store.dump_nquads() == before


def test_accepts_pyoxigraph_triples_and_keeps_shared_blank_nodes(tmp_path: Path) -> None:
    graph = rdflib.Graph()
    node = BNode()
    graph.add((URIRef(f"{EX}a"), URIRef(f"{EX}has"), node))
    graph.add((node, URIRef(f"{EX}value"), Literal("inner")))
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.Literal("7", language="fr"))
    ]
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, graph)
        store.replace_graph(G2, triples)
        joined = store.select_rows(
            f"SELECT ?v WHERE {{ <{EX}a> <{EX}has> ?n . ?n <{EX}value> ?v }}"
        )
        assert joined == (["v"], [["inner"]])
        assert store.ask(f'ASK {{ GRAPH <{G2}> {{ ?s ?p "7"@fr }} }}')


def test_read_only_sees_data_and_refuses_writes(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        store.replace_graph(G1, doc_graph("a"))
        expected = store.dump_nquads()
    with GraphStore.open(folder, read_only=True) as reader:
        assert reader.dump_nquads() == expected
        assert reader.graphs() == [G1]
        for write in (
            lambda: reader.replace_graph(G2, doc_graph("b")),
            lambda: reader.drop_graph(G1),
            lambda: reader.load_file(tmp_path / "whatever.ttl"),
        ):
            with pytest.raises(StoreError, match="read-only"):
                write()
        assert reader.dump_nquads() == expected


def test_read_only_on_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        GraphStore.open(tmp_path / "absent", read_only=True)
    assert not (tmp_path / "absent").exists()


def test_second_writer_gets_locked_message_and_reader_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as writer:
        writer.replace_graph(G1, doc_graph("a"))
        writer.flush()
        with pytest.raises(StoreError, match="locked by another process") as caught:
            GraphStore.open(folder)
        assert "\n" not in str(caught.value)
        with GraphStore.open(folder, read_only=True) as reader:
            assert reader.graphs() == [G1]


def test_closed_store_refuses_use(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "s")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.graphs()


def test_replace_with_drop_swaps_document_versions_in_one_update(tmp_path: Path) -> None:
    old, new = f"{EX}document/v1", f"{EX}document/v2"
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(old, doc_graph("v1"), meta={"path": "a.md"})
        store.replace_graph(G2, doc_graph("other", n=2))
        assert store.replace_graph(new, doc_graph("v2"), meta={"path": "a.md"}, drop=[old])
        assert store.graphs() == sorted([new, G2])
        assert set(store.catalogue()) == {new, G2}
        # Same content again, nothing left to drop: nothing is written.
        before = store.dump_nquads()
        assert store.replace_graph(new, doc_graph("v2"), meta={"path": "a.md"}, drop=[old]) is False
        assert store.dump_nquads() == before


def test_graph_returns_one_named_graph_in_memory(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, doc_graph("a"))
        store.replace_graph(G2, doc_graph("b", n=1))

        # Oxigraph stores xsd:nonNegativeInteger as xsd:integer, so compare lexical values.
        def plain(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
            return {(str(s), str(p), str(o)) for s, p, o in graph}

        got = store.graph(G1)
        assert isinstance(got, rdflib.Graph) and str(got.identifier) == G1
        assert plain(got) == plain(doc_graph("a"))
        assert len(store.graph(f"{EX}document/none")) == 0
