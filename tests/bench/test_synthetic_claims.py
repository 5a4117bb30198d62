"""The synthetic store behind the 1,000,000-claim benchmarks: our model's shape (its document
graphs pass our SHACL shapes), every dimension and direction, deterministic, with relation
summaries that add up to its claims."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from synthetic_claims import build_store, document_nquads, material

from allegiance.reason.claims import load_claims, scan_every_claim
from allegiance.reason.claimtables import tabled_claims
from allegiance.store import CATALOGUE_IRI, GraphStore
from allegiance.validate.shacl import validate

ALG = "PREFIX alg: <https://w3id.org/allegiance/ontology#>\n"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "store"
    stats = build_store(out, 400, seed=3, progress=False)
    assert stats["claims"] == 400
    return out


def _one(store: GraphStore, sparql: str) -> int:
    return int(next(iter(store.query(ALG + sparql)))["n"].value)


def test_document_graphs_pass_our_shapes(synthetic: Path) -> None:
    with GraphStore.open(synthetic, read_only=True) as store:
        documents = [g for g in store.graphs() if "/id/document/" in g]
        assert len(documents) == 40
        failing = [g for g in documents[:10] if not validate(store.graph(g)).conforms]
    assert failing == []


def test_every_dimension_and_both_directions_occur(synthetic: Path) -> None:
    with GraphStore.open(synthetic, read_only=True) as store:
        dimensions = {str(s["d"].value).rsplit("#", 1)[1]
                      for s in store.query(ALG + "SELECT DISTINCT ?d { ?c alg:dimension ?d }")}
        directed = _one(store, 'SELECT (COUNT(*) AS ?n) { ?c alg:directed true }')
        undirected = _one(store, 'SELECT (COUNT(*) AS ?n) { ?c alg:directed false }')
    assert dimensions == {"Military", "Energy", "Diplomatic", "Transactional"}
    assert directed > 0 and undirected > 0


def test_summaries_count_every_claim_from_each_side(synthetic: Path) -> None:
    with GraphStore.open(synthetic, read_only=True) as store:
        claims = _one(store, "SELECT (COUNT(*) AS ?n) { ?c a alg:RelationClaim }")
        counted = _one(store, "SELECT (SUM(?k) AS ?n) { ?s alg:claimCount ?k }")
    assert claims == 400
    assert counted == 2 * claims  # the generator never pairs an actor with itself


def test_same_seed_same_store(synthetic: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_store(again, 400, seed=3, progress=False)
    with (GraphStore.open(synthetic, read_only=True) as first,
          GraphStore.open(again, read_only=True) as second):
        assert first.dump_nquads() == second.dump_nquads()


def test_catalogue_entries_are_those_a_build_writes(synthetic: Path, tmp_path: Path) -> None:
    """Each document graph's entry (hash, claim table) is what writing the graph would give:
    writing a generated document again changes nothing, and reasoning reads every claim from
    the tables, the same rows as from the triples."""
    copy = tmp_path / "copy"
    shutil.copytree(synthetic, copy)
    text, _ = document_nquads(7, 3, material())
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    graph = next(q.graph_name.value for q in quads if q.graph_name.value != CATALOGUE_IRI)
    triples = [q.triple for q in quads if q.graph_name.value == graph]
    with GraphStore.open(copy) as store:
        before = store.dump_nquads()
        assert store.replace_graph(graph, triples) is False
        assert store.dump_nquads() == before
        tabled = tabled_claims(store, {})
        assert tabled is not None and tabled.untabled == [] and len(tabled.iris) == 400
        assert load_claims(store) == scan_every_claim(store)


def test_each_tier_assignment_is_derived_from_its_pairs_claims(synthetic: Path) -> None:
    """tier-explanation then lists claims at every size, as on a built store."""
    with GraphStore.open(synthetic, read_only=True) as store:
        derived = _one(store, "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
                              "SELECT (COUNT(*) AS ?n) { ?t prov:wasDerivedFrom ?c }")
        # a derivation whose claim is not of the pair, or a pair's claim not cited
        stray = _one(store, "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
                            "SELECT (COUNT(*) AS ?n) { ?t a alg:TierAssignment ; "
                            "alg:focalActor ?f ; alg:partner ?p ; prov:wasDerivedFrom ?c . "
                            "FILTER NOT EXISTS { { ?c alg:subjectActor ?f ; alg:objectActor ?p } "
                            "UNION { ?c alg:subjectActor ?p ; alg:objectActor ?f } } }")
        sources = _one(store, "SELECT (SUM(?k) AS ?n) { ?t alg:sourceCount ?k }")
    assert derived == 2 * 400  # each claim explains its pair's tier from both sides
    assert stray == 0
    assert sources == derived
