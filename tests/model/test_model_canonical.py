"""canonical_nquads: sorted lines, datasets keep their graph names, blank nodes refused."""

from __future__ import annotations

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

EX = "https://w3id.org/allegiance/test/"


def test_sorted_ntriples_independent_of_insertion_order() -> None:
    from allegiance.model import canonical_nquads

    triples = [(URIRef(f"{EX}{i}"), URIRef(f"{EX}p"), Literal(f"v{i}")) for i in range(5)]
    a, b = Graph(), Graph()
    for t in triples:
        a.add(t)
    for t in reversed(triples):
        b.add(t)
    text = canonical_nquads(a)
    assert text == canonical_nquads(b)
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == 5
    assert text.endswith("\n")


def test_dataset_lines_name_their_graph() -> None:
    from allegiance.model import canonical_nquads

    ds = Dataset()
    ds.graph(URIRef(f"{EX}g1")).add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("o")))
    lines = canonical_nquads(ds).splitlines()
    assert lines == [f'<{EX}s> <{EX}p> "o" <{EX}g1> .']


def test_blank_nodes_are_refused_unless_allowed() -> None:
    from allegiance.model import canonical_nquads

    g = Graph()
    g.add((BNode(), URIRef(f"{EX}p"), Literal("o")))
    with pytest.raises(ValueError, match="blank node"):
        canonical_nquads(g)
    assert canonical_nquads(g, allow_blank_nodes=True).count("\n") == 1
