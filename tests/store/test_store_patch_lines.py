"""A graph given as N-Triples that replaces a stored one is patched from the text's lines
(``updates.patch_update``), not from pyoxigraph triples: the store must end as a plain
replacement leaves it, and the line diff must be the set difference."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
from store_fixtures import EX

from allegiance.store import GraphStore, GraphWrite
from allegiance.store.canonical import ntriples_digest, serialize
from allegiance.store.updates import line_changes

GRAPH = f"{EX}graph/derived"


def _triples(seed: int, n: int) -> list[ox.Triple]:
    rng = random.Random(seed)
    return [
        ox.Triple(ox.NamedNode(f"{EX}s{rng.randint(0, 40)}"), ox.NamedNode(f"{EX}p"),
                  ox.Literal(rng.choice(["x", "y", "é", "a b", 'q"uote']) + str(rng.randint(0, 9))))
        for _ in range(n)
    ]


def _write(triples: list[ox.Triple]) -> GraphWrite:
    text = serialize(triples)
    digest, count = ntriples_digest(text)
    return GraphWrite.from_ntriples(GRAPH, text, count, digest, path="derived")


def test_line_changes_are_the_set_differences() -> None:
    rng = random.Random(7)
    for _ in range(200):
        old = [rng.choice([b"a .", b"b .", b"c .", b"d .", b""]) for _ in range(rng.randint(0, 8))]
        new = [rng.choice([b"a .", b"b .", b"c .", b"e .", b""]) for _ in range(rng.randint(0, 8))]
        gone, came = line_changes(sorted(old), sorted(new))
        assert gone == sorted(x.decode()[:-2] for x in set(old) - set(new) - {b""})
        assert came == sorted(x.decode()[:-2] for x in set(new) - set(old) - {b""})


def test_a_changed_ntriples_graph_ends_as_a_plain_replacement(tmp_path: Path) -> None:
    versions = [_triples(seed, 60) for seed in range(4)] + [_triples(3, 30), []]
    with GraphStore.open(tmp_path / "patched") as patched, \
            GraphStore.open(tmp_path / "plain") as plain:
        for triples in versions:
            changed = patched.replace_graphs([_write(triples)])
            assert changed == plain.replace_graphs([GraphWrite(GRAPH, triples, path="derived")])
            dumps = [sorted(store.dump_nquads().splitlines()) for store in (patched, plain)]
            assert dumps[0] == dumps[1]  # same graph and same catalogue entry
            graph = f" <{GRAPH}> .".encode()
            assert len([line for line in dumps[0] if line.endswith(graph)]) == len(set(triples))


def _scored(n: int) -> list[ox.Triple]:
    """Triples whose literals Oxigraph stores by value, so they come back written otherwise."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return [
        ox.Triple(ox.NamedNode(f"{EX}tier/{i}"), ox.NamedNode(f"{EX}{p}"),
                  ox.Literal(value, datatype=ox.NamedNode(xsd + datatype)))
        for i in range(n)
        for p, value, datatype in [("score", f"0.{i}0", "decimal"),
                                   ("rank", str(i + 1), "positiveInteger"),
                                   ("sources", str(i), "nonNegativeInteger")]
    ]


def test_a_patch_leaves_alone_the_triples_oxigraph_writes_otherwise(tmp_path: Path) -> None:
    first, second = _scored(20), _scored(21)  # the second adds one tier: three triples
    with GraphStore.open(tmp_path / "patched") as patched, \
            GraphStore.open(tmp_path / "plain") as plain:
        for store in (patched, plain):
            store.replace_graphs([_write(first)])
        written = patched.quads_written
        patched.replace_graphs([_write(second)])
        assert patched.quads_written - written == 3  # not the 60 restated triples again
        plain.replace_graphs([GraphWrite(GRAPH, second, path="derived")])
        assert sorted(patched.dump_nquads().splitlines()) == \
            sorted(plain.dump_nquads().splitlines())
