"""Comparisons shared by the export tests: canonical quads of the store and of parsed exports."""

from __future__ import annotations

import pyoxigraph as ox

from allegiance.store import GraphStore


def canonical(quads: list[ox.Quad]) -> set[ox.Quad]:
    """A set of quads with RDFC-1.0 blank-node labels, comparable across parsers and stores."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def store_quads(store: GraphStore) -> list[ox.Quad]:
    data = store.dump_nquads(include_catalogue=False)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def as_union(quads: list[ox.Quad]) -> list[ox.Quad]:
    return list({ox.Quad(q.subject, q.predicate, q.object) for q in quads})
