"""``replace_graphs`` (the build's batched write) must leave exactly the store that one
``replace_graph`` per write, in order, leaves: same quads, same catalogue, same answers."""

from __future__ import annotations

from pathlib import Path

from store_fixtures import EX, doc_graph

from allegiance.store import GraphStore, GraphWrite, to_triples
from allegiance.store.canonical import content_hash

G1 = f"{EX}document/one"
G2 = f"{EX}document/two"
G3 = f"{EX}document/three"

STEPS: list[list[GraphWrite]] = [
    [GraphWrite(G1, to_triples(doc_graph("a")), path="a.md"),
     GraphWrite(G2, to_triples(doc_graph("b", n=2)), path="b.md")],
    # unchanged, a new graph, then a changed document retiring its previous version (G1 -> G3)
    [GraphWrite(G2, to_triples(doc_graph("b", n=2)), path="b.md"),
     GraphWrite(f"{EX}document/four", to_triples(doc_graph("d", n=1)), path="d.md"),
     GraphWrite(G3, to_triples(doc_graph("a2", n=3)), path="a.md", drop=(G1,))],
    # the same graph twice in one call: the second write sees the first
    [GraphWrite(G2, to_triples(doc_graph("b2", n=4)), path="b.md"),
     GraphWrite(G2, to_triples(doc_graph("b2", n=4)), path="b.md"),
     GraphWrite(G2, to_triples(doc_graph("b3", n=1)), path="b.md")],
    # an empty graph, and a write whose hash was worked out elsewhere
    [GraphWrite(f"{EX}document/empty", [], path="e.md"),
     GraphWrite(G1, to_triples(doc_graph("a")), path="a.md",
                content_hash=content_hash(to_triples(doc_graph("a"))))],
]


def test_batched_writes_equal_one_write_at_a_time(tmp_path: Path) -> None:
    flags: dict[str, list[list[bool]]] = {"one": [], "batched": []}
    dumps = {}
    for mode in flags:
        with GraphStore.open(tmp_path / mode) as store:
            for step in STEPS:
                if mode == "one":
                    flags[mode].append([
                        store.replace_graph(w.iri, w.triples, meta={"path": w.path},
                                            drop=w.drop)
                        for w in step
                    ])
                else:
                    flags[mode].append(store.replace_graphs(step))
            dumps[mode] = store.dump_nquads(include_catalogue=True)
            graphs = store.graphs()
    assert dumps["one"] == dumps["batched"]
    assert flags["one"] == flags["batched"]
    assert flags["batched"][1] == [False, True, True]
    assert flags["batched"][2] == [True, False, True]
    assert G1 in graphs and f"{EX}document/empty" in graphs


def test_batched_writes_survive_reopening_and_skip_unchanged(tmp_path: Path) -> None:
    writes = [GraphWrite(f"{EX}document/{i}", to_triples(doc_graph(str(i), n=3)), path=f"{i}.md")
              for i in range(6)]
    with GraphStore.open(tmp_path / "s") as store:
        assert store.replace_graphs(writes) == [True] * 6
        before = store.dump_nquads()
    with GraphStore.open(tmp_path / "s") as store:
        assert store.replace_graphs(writes) == [False] * 6
        assert store.dump_nquads() == before
        assert {iri: entry.triples for iri, entry in store.catalogue().items()} == {
            w.iri: 6 for w in writes
        }
