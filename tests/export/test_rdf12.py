"""The RDF 1.2 view: derived edges annotated with their claims as triple terms, read back by
pyoxigraph (its N-Quads and TriG parsers and its SPARQL engine over triple terms)."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from allegiance.cli.export import export_command
from allegiance.export import Selection, export
from allegiance.export.rdf12 import EDGE_CLAIMS_GRAPH, INFERRED_GRAPH, edge_annotations
from allegiance.namespaces import ALG
from allegiance.store import GraphStore, StoreError

REIFIES = "http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"

ANNOTATED = (
    f"SELECT ?a ?p ?b ?claim WHERE {{ GRAPH <{EDGE_CLAIMS_GRAPH}> {{ "
    f"?edge <{REIFIES}> <<( ?a ?p ?b )>> ; <{DERIVED}> ?claim . ?a ?p ?b }} }}"
)


def _exported(store: GraphStore, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, buffer, fmt, rdf12=True)
    return buffer.getvalue()


def _loaded(data: bytes, fmt: ox.RdfFormat) -> ox.Store:
    parsed = ox.Store()
    parsed.load(data, format=fmt)
    return parsed


def test_edges_carry_their_claims_as_triple_terms(store: GraphStore) -> None:
    data = _exported(store, "nq")
    assert b"<<( " in data
    parsed = _loaded(data, ox.RdfFormat.N_QUADS)
    rows = list(parsed.query(ANNOTATED))
    assert rows, "the fixture corpus yields annotated edges"
    table = {prop: (polarity, dimension) for prop, polarity, dimension in edge_annotations()}
    inferred = {(t.subject, t.predicate, t.object) for t in (
        q.triple for q in parsed.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH)))}
    for row in rows:
        a, p, b, claim = row["a"], row["p"], row["b"], row["claim"]
        assert (a, p, b) in inferred  # only derived edges are annotated
        polarity, dimension = table[p.value]
        facts = {(q.predicate.value, q.object) for q in parsed.quads_for_pattern(
            claim, None, None, None)}
        actors = {o for pred, o in facts if pred in (str(ALG.subjectActor), str(ALG.objectActor))}
        assert actors == {a, b}
        assert (str(ALG.polarity), ox.NamedNode(polarity)) in facts
        if dimension is not None:
            assert (str(ALG.dimension), ox.NamedNode(dimension)) in facts


def test_trig_and_nquads_views_are_the_same_dataset(store: GraphStore) -> None:
    from_nq = _loaded(_exported(store, "nq"), ox.RdfFormat.N_QUADS)
    from_trig = _loaded(_exported(store, "trig"), ox.RdfFormat.TRIG)
    graph = ox.NamedNode(EDGE_CLAIMS_GRAPH)
    view_nq = set(from_nq.quads_for_pattern(None, None, None, graph))
    assert view_nq and view_nq == set(from_trig.quads_for_pattern(None, None, None, graph))
    assert len(from_nq) == len(from_trig)  # blank nodes get fresh labels when loaded


def test_the_view_is_deterministic_and_after_the_data(store: GraphStore) -> None:
    first = _exported(store, "nq")
    assert first == _exported(store, "nq")
    plain = io.BytesIO()
    export(store, plain, "nq")
    assert first.startswith(plain.getvalue())
    assert all(line.endswith(f"<{EDGE_CLAIMS_GRAPH}> .".encode())
               for line in first[len(plain.getvalue()):].splitlines())


def test_the_view_is_refused_where_it_cannot_be_written(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="N-Quads or TriG"):
        export(store, io.BytesIO(), "ttl", rdf12=True)
    graph = store.graphs()[0]
    with pytest.raises(StoreError, match="whole store"):
        export(store, io.BytesIO(), "nq", Selection(graphs=(graph,)), rdf12=True)
    result = CliRunner().invoke(
        export_command, ["--format", "jsonld", "--rdf12", "--store", str(store.path)])
    assert result.exit_code == 1
