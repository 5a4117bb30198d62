"""Reading every claim from the claim tables gives the rows the triples give.

``load_claims(store)`` reads the catalogue's claim tables where it can trust them, graphs
without one by a SPARQL join, and falls back to column scans of the triples. Each test compares
the rows it returns with the column-scan reading of the same store (the reader the tables
replace), on stores where tables are complete, dropped, partly restored, wrong or ambiguous.
"""

from __future__ import annotations

import io
import random

import pyoxigraph as ox
import pytest
from reason_fixtures import Spec, add_document

from allegiance.model.vocab import concept
from allegiance.reason import claimtables
from allegiance.reason.claims import ClaimRow, load_claims, scan_every_claim
from allegiance.reason.claimtables import TabledClaims, tabled_claims
from allegiance.records import DIMENSIONS, FORMALITIES, MODALITIES, POLARITIES
from allegiance.store import GraphStore, GraphWrite
from allegiance.store.claimtable import FIELDS, claim_table
from allegiance.store.writes import triples_write

ACTORS = ["IRN", "RUS", "CHN", "SYR", "TUR", "IRQ"]
ALG = "https://w3id.org/allegiance/ontology#"


def _fill(store: GraphStore, documents: int = 4, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    graphs = []
    for number in range(documents):
        specs = []
        for _ in range(25):
            s, o = rng.sample(ACTORS, 2)
            specs.append(Spec(
                s, o, rng.choice(DIMENSIONS), polarity=rng.choice(POLARITIES),
                formality=rng.choice(FORMALITIES), modality=rng.choice(MODALITIES),
                directed=rng.random() < 0.5, confidence=rng.randint(1, 99) / 100,
                year=rng.choice([None, 2016, 2022]),
                sentence=f"Table fixture {number}-{len(specs)}: {s} with {o}.",
            ))
        graph, _ = add_document(store, specs, name=f"tables-{number}",
                                publisher=[None, "Wire"][number % 2],
                                date=[None, "2020-03-04"][number % 2])
        graphs.append(graph)
    return graphs


def _scanned(store: GraphStore, as_of: int | None = None) -> list[ClaimRow]:
    """The column-scan reading of the triples, which never looks at a table."""
    rows = scan_every_claim(store)
    return [row for row in rows if as_of is None or row.year is None or row.year <= as_of]


def _triples(store: GraphStore, graphs: list[str]) -> dict[str, list[ox.Triple]]:
    """Each graph's triples exactly as stored (an rdflib round trip may rewrite literals)."""
    found = {}
    for graph in graphs:
        out = io.BytesIO()
        store.dump_graph(graph, out)
        found[graph] = [q.triple for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)]
    return found


def _rewrite(store: GraphStore, triples: dict[str, list[ox.Triple]]) -> None:
    """Write the graphs again as they were built (what a rebuild of the same files does)."""
    store.replace_graphs([GraphWrite(graph, listed) for graph, listed in triples.items()])


def test_tables_give_the_rows_of_the_triples(store: GraphStore) -> None:
    graphs = _fill(store)
    found = tabled_claims(store, {})
    assert found is not None
    iris, untabled = found.iris, found.untabled
    assert untabled == [] and len(iris) == 100
    for as_of in (None, 2020):
        rows = load_claims(store, as_of=as_of)
        assert rows == _scanned(store, as_of)
        assert len(rows) == (100 if as_of is None else len(rows)) and rows
    store.raw_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    assert tabled_claims(store, {}) == TabledClaims([], {n: [] for n in FIELDS}, sorted(graphs))
    assert load_claims(store) == _scanned(store)  # every graph by the SPARQL join


def test_past_the_untabled_limit_the_claims_are_scanned(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store, documents=2)
    store.raw_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    monkeypatch.setattr(claimtables, "MAX_UNTABLED_CLAIMS", 49)  # 50 claims without a table
    assert tabled_claims(store, {}) is None
    assert load_claims(store) == _scanned(store) and len(_scanned(store)) == 50


def test_an_edit_by_raw_update_is_read_from_the_triples(store: GraphStore) -> None:
    graphs = _fill(store)
    _rewrite(store, _triples(store, graphs))  # as Oxigraph returns them ("0.80" -> "0.8")
    built = _triples(store, graphs)  # so the catalogue's hashes are those of these triples
    before = load_claims(store)
    edited = before[0]
    new = next(d for d in DIMENSIONS if d != edited.dimension)
    dimension = f"<{concept('dimension', new)}>"
    store.raw_update(
        f"DELETE {{ GRAPH ?g {{ <{edited.iri}> <{ALG}dimension> ?d }} }} "
        f"INSERT {{ GRAPH ?g {{ <{edited.iri}> <{ALG}dimension> {dimension} }} }} "
        f"WHERE {{ GRAPH ?g {{ <{edited.iri}> <{ALG}dimension> ?d }} }}"
    )
    _rewrite(store, built)  # tables come back for the graphs the update did not change
    found = tabled_claims(store, {})
    assert found is not None and found.untabled == [edited.document]
    after = load_claims(store)
    assert after == _scanned(store)
    assert next(row for row in after if row.iri == edited.iri).dimension == new
    assert [row for row in after if row.iri != edited.iri] == before[1:]


def test_a_table_that_disagrees_with_its_graph_is_not_used(store: GraphStore) -> None:
    graphs = _fill(store, documents=2)
    built = _triples(store, graphs)
    store.raw_update(f"DROP GRAPH <{graphs[0]}>")
    # a writer that tabled one claim fewer than its graph types: the row count gives it away
    triples = built[graphs[0]]
    left_out = next(t.subject for t in triples if t.object.value == ALG + "RelationClaim")
    wrong = claim_table([t for t in triples if t.subject != left_out])
    honest = triples_write(graphs[0], triples)
    bad = GraphWrite.from_ntriples(graphs[0], honest.ntriples or b"", honest.count,
                                   honest.content_hash or "", claim_table=wrong)
    store.replace_graphs([bad])
    _rewrite(store, {graphs[1]: built[graphs[1]]})
    found = tabled_claims(store, {})
    assert found is not None and found.untabled == [graphs[0]]
    assert load_claims(store) == _scanned(store)


def test_a_claim_typed_in_two_graphs_is_read_from_the_union(store: GraphStore) -> None:
    graphs = _fill(store, documents=2)
    copy = list(store.graph(graphs[0]))
    store.replace_graph("https://w3id.org/allegiance/id/graph/copy", copy)
    assert tabled_claims(store, {}) is None
    rows = load_claims(store)
    assert rows == _scanned(store) and len(rows) == 50
