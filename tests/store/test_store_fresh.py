"""Graphs new to the store, written in one call as table files (``store.fresh``), must leave
the store that one transaction per graph leaves; table files a killed write left behind are
removed when the store is next opened for writing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_fixtures import EX, doc_graph

from allegiance.store import GraphStore, GraphWrite, fresh, to_triples
from allegiance.store.canonical import content_hash
from allegiance.store.catalogue import CATALOGUE_IRI
from allegiance.store.fresh import BULK_MIN_QUADS

GRAPHS = 30
CLAIMS = 80  # 2 triples a claim: 30 x 160 triples, over BULK_MIN_QUADS in one call


def _writes(tag: str = "") -> list[GraphWrite]:
    return [
        GraphWrite(
            f"{EX}document/{i}{tag}", to_triples(doc_graph(f"{i}{tag}", n=CLAIMS)), path=f"{i}.md"
        )
        for i in range(GRAPHS)
    ]


def test_many_new_graphs_in_one_call_equal_one_graph_at_a_time(tmp_path: Path) -> None:
    writes = _writes()
    assert sum(len(w.triples) for w in writes) >= BULK_MIN_QUADS  # the table-file path
    with GraphStore.open(tmp_path / "one") as store:
        one = [store.replace_graph(w.iri, w.triples, meta={"path": w.path}) for w in writes]
        expected = store.dump_nquads(include_catalogue=True)
    with GraphStore.open(tmp_path / "batched") as store:
        assert store.replace_graphs(writes) == one == [True] * GRAPHS
        assert sorted(store.graphs()) == sorted(w.iri for w in writes)
        assert store.dump_nquads(include_catalogue=True) == expected
        # written again unchanged: nothing to do; the catalogue knows every graph
        assert store.replace_graphs(writes) == [False] * GRAPHS
    with GraphStore.open(tmp_path / "batched", read_only=True) as reopened:
        assert reopened.dump_nquads(include_catalogue=True) == expected
        _, rows = reopened.select_rows(
            f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{EX}document/7> {{ ?s ?p ?o }} }}"
        )
        assert rows == [[str(2 * CLAIMS)]]


def test_new_graphs_after_a_bulk_write_replace_and_drop_normally(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graphs(_writes())
        changed = GraphWrite(f"{EX}document/3", to_triples(doc_graph("other", n=2)), path="3.md")
        assert store.replace_graphs([changed]) == [True]
        assert store.drop_graph(f"{EX}document/4")
        triples = store.graph(f"{EX}document/3")
        assert len(triples) == 4
        assert f"{EX}document/4" not in store.graphs()
        assert f"{EX}document/4" not in store.catalogue()


@pytest.mark.parametrize("size", [10, BULK_MIN_QUADS, BULK_MIN_QUADS + 2_000])
def test_write_fresh_adds_every_quad_whatever_the_size(
    tmp_path: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the last size is over the (lowered) ingestion limit: written in two ingestions
    monkeypatch.setattr(fresh, "BULK_MAX_QUADS", BULK_MIN_QUADS + 1_000)
    graph = ox.NamedNode(f"{EX}g")
    quads = [
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)), graph)
        for i in range(size)
    ]
    db = ox.Store(str(tmp_path / "raw"))
    fresh.write_fresh(db, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", size)
    assert len(db) == size
    assert db.contains_named_graph(graph)


def test_fresh_nquads_keeps_literals_that_look_like_line_ends(tmp_path: Path) -> None:
    graph = ox.NamedNode(f"{EX}g")
    tricky = ["ends with a dot .", "line one .\nline two", 'quote " . and a tab\t.', "x ."]
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(text))
        for i, text in enumerate(tricky)
    ]
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    parsed = list(ox.parse(fresh.fresh_nquads(graph, ntriples), format=ox.RdfFormat.N_QUADS))
    assert parsed == [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def test_ntriples_writes_equal_triple_writes(tmp_path: Path) -> None:
    dumps = []
    for mode in ("triples", "ntriples"):
        writes = _writes()
        if mode == "ntriples":
            writes = [
                GraphWrite.from_ntriples(
                    w.iri,
                    ox.serialize(w.triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                    len(w.triples),
                    content_hash(w.triples),
                    path=w.path,
                )
                for w in writes
            ]
        with GraphStore.open(tmp_path / mode) as store:
            assert store.replace_graphs(writes) == [True] * GRAPHS
            assert store.replace_graphs(writes) == [False] * GRAPHS
            dumps.append(store.dump_nquads(include_catalogue=True))
    assert dumps[0] == dumps[1]


def test_orphan_table_files_are_removed_on_opening_for_writing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        store.replace_graphs(_writes())
        expected = store.dump_nquads(include_catalogue=True)
    orphan = folder / "bulk-123456789.sst"
    orphan.write_bytes(b"not a table file: what a killed bulk write leaves before ingesting")
    with GraphStore.open(folder, read_only=True) as reader:  # a reader never deletes
        assert reader.dump_nquads(include_catalogue=True) == expected
    assert orphan.exists()
    with GraphStore.open(folder) as store:
        assert not orphan.exists()
        assert store.dump_nquads(include_catalogue=True) == expected


@pytest.mark.parametrize("lines", [1, 3, 4, 100])
def test_line_parts_cut_after_whole_lines(lines: int) -> None:
    text = b"".join(f"<s{i}> <p> <o> <g> .\n".encode() for i in range(10))
    parts = list(fresh.line_parts(text, lines))
    assert b"".join(parts) == text
    assert all(part.endswith(b"\n") for part in parts)
    assert [part.count(b"\n") for part in parts[:-1]] == [lines] * (len(parts) - 1)
    assert 0 < parts[-1].count(b"\n") <= lines


def _big_write(tmp_path: Path) -> tuple[GraphWrite, bytes]:
    """A graph of 3 x the lowered ingestion limit, and the store one write of it leaves."""
    write = GraphWrite(f"{EX}document/big", to_triples(doc_graph("big", n=3_000)), path="big.md")
    with GraphStore.open(tmp_path / "whole") as store:
        assert store.replace_graphs([write]) == [True]
        return write, store.dump_nquads(include_catalogue=True)


def test_a_write_over_the_ingestion_limit_goes_in_parts_entry_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fresh, "BULK_MAX_QUADS", 2_000)
    write, expected = _big_write(tmp_path)  # 6,000 triples: three ingestions
    catalogue = ox.NamedNode(CATALOGUE_IRI)
    # the N-Quads one write hands to Oxigraph: the graph's triples, then its entry
    with GraphStore.open(tmp_path / "whole", read_only=True) as store:
        quads = store.dump_nquads(include_catalogue=True)
    ordered = b"".join(
        sorted(quads.splitlines(keepends=True), key=lambda line: str(catalogue) in line.decode())
    )
    parts = list(fresh.line_parts(ordered, fresh.BULK_MAX_QUADS))
    assert len(parts) == 4 and str(catalogue).encode() in parts[-1]
    # a kill after two ingestions: part of the graph, no entry
    folder = tmp_path / "killed"
    db = ox.Store(str(folder))
    for part in parts[:2]:
        db.bulk_load(part, ox.RdfFormat.N_QUADS)
    del db
    with GraphStore.open(folder) as store:
        assert store.graphs() == [write.iri]
        assert write.iri not in store.catalogue()  # not taken as stored
        assert len(store.graph(write.iri)) == 4_000
        # the next write of that graph sees it is not stored, and completes it
        assert store.replace_graphs([write]) == [True]
        assert store.dump_nquads(include_catalogue=True) == expected


def test_a_graph_over_the_ingestion_limit_is_written_in_parts_as_n_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write, whole = _big_write(tmp_path)  # 6,000 triples: one ingestion at the real limit
    parts: list[int] = []
    cut = fresh.line_parts

    def recorded(text: bytes, lines: int) -> Iterator[bytes]:
        for part in cut(text, lines):
            parts.append(part.count(b"\n"))
            yield part

    monkeypatch.setattr(fresh, "line_parts", recorded)
    monkeypatch.setattr(fresh, "BULK_MAX_QUADS", 2_000)
    with GraphStore.open(tmp_path / "parts") as store:
        assert store.replace_graphs([write]) == [True]
        assert store.dump_nquads(include_catalogue=True) == whole
        assert store.replace_graphs([write]) == [False]  # its entry says it is stored
    assert parts == [2_000, 2_000, 2_000]


def test_new_graphs_over_one_ingestion_in_one_call_are_ingested_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 graphs of 160 triples (and 4 entry quads) at a limit of 2,000: several ingestions,
    # each of whole graphs with their entries, none cut inside a graph
    writes = _writes()
    with GraphStore.open(tmp_path / "one") as store:
        for write in writes:
            store.replace_graphs([write])
        expected = store.dump_nquads(include_catalogue=True)
    cut: list[int] = []
    original = fresh.line_parts

    def recorded(text: bytes, lines: int) -> Iterator[bytes]:
        cut.append(lines)
        return original(text, lines)

    monkeypatch.setattr(fresh, "line_parts", recorded)
    monkeypatch.setattr(fresh, "BULK_MAX_QUADS", 2_000)
    with GraphStore.open(tmp_path / "batched") as store:
        assert store.replace_graphs(writes) == [True] * GRAPHS
        assert store.dump_nquads(include_catalogue=True) == expected
    assert cut == []


def test_pyoxigraph_triples_with_repeats_are_stored_and_counted_once(tmp_path: Path) -> None:
    # replace_graph takes pyoxigraph triples as N-Triples text (store.writes.triples_write):
    # a repeated triple must not be counted twice nor make the graph look changed
    triples = [
        ox.Triple(
            ox.NamedNode(f"{EX}s{i % 3_000}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i % 3_000))
        )
        for i in range(9_000)
    ]
    with GraphStore.open(tmp_path / "repeats") as store:
        assert store.replace_graph(f"{EX}g", triples, meta={"path": "g"})
        entry = store.catalogue()[f"{EX}g"]
        assert entry.triples == len(store.graph(f"{EX}g")) == 3_000
        assert entry.content_hash == content_hash(triples[:3_000])
        assert not store.replace_graph(f"{EX}g", triples[:3_000], meta={"path": "g"})
        assert not store.replace_graph(f"{EX}g", list(reversed(triples)), meta={"path": "g"})
