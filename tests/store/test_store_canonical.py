"""The canonical dump and content hash: order-, duplicate- and blank-label-independent."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from store_fixtures import EX, doc_graph

from allegiance.store import GraphStore, to_triples
from allegiance.store.canonical import content_hash

GRAPHS = {f"{EX}document/{tag}": doc_graph(tag, n=3) for tag in ("c", "a", "b")}


def test_dump_is_sorted_and_independent_of_write_order(tmp_path: Path) -> None:
    dumps = []
    for name, order in (("forward", sorted(GRAPHS)), ("backward", sorted(GRAPHS, reverse=True))):
        with GraphStore.open(tmp_path / name) as store:
            for iri in order:
                store.replace_graph(iri, GRAPHS[iri], meta={"path": iri.rsplit("/", 1)[-1]})
            dumps.append(store.dump_nquads())
    assert dumps[0] == dumps[1]
    lines = dumps[0].decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == 3 * 3 * 2 + 3 * 4  # document quads + four catalogue facts per graph
    assert all(line.endswith(" .") for line in lines)


def test_blank_node_labels_do_not_change_hash_or_dump(tmp_path: Path) -> None:
    def graph_with(label: str) -> rdflib.Graph:
        graph = rdflib.Graph()
        node = BNode(label)
        graph.add((URIRef(f"{EX}a"), URIRef(f"{EX}has"), node))
        graph.add((node, URIRef(f"{EX}v"), Literal("1")))
        return graph

    first, second = graph_with("one"), graph_with("other")
    assert content_hash(to_triples(first)) == content_hash(to_triples(second))
    dumps = []
    for name, graph in (("x", first), ("y", second)):
        with GraphStore.open(tmp_path / name) as store:
            store.replace_graph(f"{EX}g", graph)
            dumps.append(store.dump_nquads())
            assert store.replace_graph(f"{EX}g", graph) is False
    assert dumps[0] == dumps[1]


def test_hash_ignores_order_and_duplicates_but_not_content() -> None:
    triples = list(doc_graph("a"))
    assert content_hash(to_triples(triples)) == content_hash(to_triples([*triples[::-1], *triples]))
    changed = [*triples[1:], (URIRef(f"{EX}x"), URIRef(f"{EX}p"), Literal("new"))]
    assert content_hash(to_triples(changed)) != content_hash(to_triples(triples))


def test_language_and_datatype_distinguish_literals() -> None:
    subject, predicate = URIRef(f"{EX}s"), URIRef(f"{EX}p")
    variants = [
        Literal("7"),
        Literal("7", lang="en"),
        Literal("7", datatype=rdflib.XSD.integer),
        Literal("7", datatype=rdflib.XSD.decimal),
    ]
    hashes = {content_hash(to_triples([(subject, predicate, v)])) for v in variants}
    assert len(hashes) == len(variants)


@settings(max_examples=40, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_literal_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    graph = rdflib.Graph()
    graph.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal(text)))
    with GraphStore.open(folder) as store:
        store.replace_graph(f"{EX}g", graph)
        assert store.select_rows(f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}") == (["o"], [[text]])
        assert store.replace_graph(f"{EX}g", graph) is False


@pytest.mark.parametrize("breaker", ["\u2028", "\x85", "\x1c", "\x0b", "\r\n", "\n"])
def test_a_line_break_inside_a_literal_is_one_triple(breaker: str) -> None:
    # the hash and count read N-Triples lines: only an unescaped "\n" may end one
    from allegiance.store.canonical import ntriples_digest, serialize

    triples = to_triples(
        [
            (URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal(f"before{breaker}after")),
            (URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("plain")),
        ]
    )
    digest, count = ntriples_digest(serialize(triples))
    assert count == 2
    assert digest == content_hash(triples) == content_hash(list(reversed(triples)))
    assert digest != content_hash(triples[:1])
