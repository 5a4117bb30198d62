"""The claim index beside a real on-disk store: what it proposes for an actor, a text and a
date, when a write makes it unusable, and how a refresh re-reads only what changed.

Graphs are written with hand-made claims in the model's shape (claim, evidence, target,
selector, document date); the expected candidates are worked out from those specs here.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from allegiance.store import GraphStore
from allegiance.store.catalogue import CATALOGUE
from allegiance.store.claimindex import FILE_NAME, STAMP, VERSION, index_path, stored_stamp
from allegiance.store.claimsearch import Limit, Wanted, candidates

ALG = "https://w3id.org/allegiance/ontology#"
OA = "http://www.w3.org/ns/oa#"
ID = "https://w3id.org/allegiance/id/"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DATE = ox.NamedNode("http://purl.org/dc/terms/date")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")

# doc -> (date or None, [(claim key, subject, object, sentence or None)])
DOCS: dict[str, tuple[str | None, list[tuple[str, str, str, str | None]]]] = {
    "d1": ("2021-03-04", [("c1", "IRN", "RUS", "Iran and Russia signed an OIL swap."),
                          ("c2", "CHN", "IRN", "China bought crude from Iran.")]),
    "d2": ("2024-11-30", [("c3", "SAU", "CHN", "Saudi Arabia sold \"oil\" to China."),
                          ("c4", "IRN", "SAU", "L'ÉNERGIE iranienne vers l'Arabie.")]),
    "d3": (None, [("c5", "USA", "IRN", "The United States sanctioned Iran.")]),
}


def _iri(kind: str, key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/{key}")


def _graph(doc: str) -> list[ox.Triple]:
    date, claims = DOCS[doc]
    document = _iri("document", doc)
    triples = [ox.Triple(document, TYPE, ox.NamedNode(ALG + "Document"))]
    if date is not None:
        triples.append(ox.Triple(document, DATE, ox.Literal(date, datatype=XSD_DATE)))
    for key, subject, obj, sentence in claims:
        claim, evidence = _iri("claim", key), _iri("evidence", key)
        target, selector = ox.NamedNode(f"{evidence.value}#target"), ox.NamedNode(
            f"{evidence.value}#quote")
        triples += [
            ox.Triple(claim, TYPE, ox.NamedNode(ALG + "RelationClaim")),
            ox.Triple(claim, ox.NamedNode(ALG + "subjectActor"), _iri("actor", subject)),
            ox.Triple(claim, ox.NamedNode(ALG + "objectActor"), _iri("actor", obj)),
            ox.Triple(claim, ox.NamedNode(ALG + "statedIn"), document),
            ox.Triple(claim, ox.NamedNode(ALG + "hasEvidence"), evidence),
            ox.Triple(evidence, ox.NamedNode(OA + "hasTarget"), target),
            ox.Triple(target, ox.NamedNode(OA + "hasSelector"), selector),
        ]
        if sentence is not None:
            triples.append(ox.Triple(selector, ox.NamedNode(OA + "exact"), ox.Literal(sentence)))
    return triples


def _expected(actor: str | None = None, text: str | None = None,
              since: str | None = None) -> list[str]:
    """The claims of ``DOCS`` that may match, the slow obvious way (a missing date or
    sentence may be supplied by another graph, so such a claim is always proposed)."""
    found = []
    for date, claims in DOCS.values():
        for key, subject, obj, sentence in claims:
            if actor is not None and actor not in (subject, obj):
                continue
            if text is not None and sentence is not None and text.lower() not in sentence.lower():
                continue
            if since is not None and date is not None and date < since:
                continue
            found.append(_iri("claim", key).value)
    return sorted(found)


HUNDRED = Limit(100)


def _propose(path: Path, wanted: Wanted, limit: Limit = HUNDRED) -> list[str] | None:
    with GraphStore.open(path, read_only=True) as store:
        return store.claim_candidates(wanted, limit)


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with GraphStore.open(path) as store:
        for doc in DOCS:
            store.replace_graph(_iri("document", doc).value, _graph(doc))
        done = store.refresh_claim_index()
    assert (done.graphs, done.changed, done.claims, done.usable) == (3, 3, 5, True)
    return path


@pytest.mark.parametrize("wanted", [
    Wanted(actor=f"{ID}actor/IRN"),
    Wanted(actor=f"{ID}actor/CHN", text="oil"),
    Wanted(text="oil"),
    Wanted(text="OIL swap"),
    Wanted(text="énergie"),  # found through the trigram index, lower-cased beyond ASCII
    Wanted(actor=f"{ID}actor/SAU", text="ÉNERGIE"),  # through the actor's sentences
    Wanted(text='"oil"'),  # quotes are part of the searched text, not FTS syntax
    Wanted(text="ru"),  # shorter than a trigram: the sentences are read
    Wanted(since="2022-01-01"),
    Wanted(actor=f"{ID}actor/IRN", since="2024-11-30"),
    Wanted(actor=f"{ID}actor/NOBODY", text="oil"),
])
def test_candidates_are_the_claims_that_may_match(indexed: Path, wanted: Wanted) -> None:
    actor = None if wanted.actor is None else wanted.actor.rsplit("/", 1)[1]
    assert _propose(indexed, wanted) == _expected(actor, wanted.text, wanted.since)


def test_more_candidates_than_the_limit_or_no_constraint_mean_no_narrowing(indexed: Path) -> None:
    iran = Wanted(actor=f"{ID}actor/IRN")  # 4 of the 5 claims
    assert _propose(indexed, iran, Limit(3)) is None
    assert _propose(indexed, iran, Limit(4)) == _expected("IRN")
    assert _propose(indexed, Wanted()) is None
    # more are listed when the template would visit many more claims without them:
    # "oil" has 2 candidates among the 5 claims (the whole scope, with no actor)
    assert _propose(indexed, Wanted(text="oil"), Limit(1, share=0.4, ceiling=10)) == _expected(
        text="oil")
    assert _propose(indexed, Wanted(text="oil"), Limit(1, share=0.2, ceiling=10)) is None
    assert _propose(indexed, Wanted(text="oil"), Limit(1, share=1.0, ceiling=1)) is None
    # with an actor, the scope is the actor's claims: IRN is in 4, "oil" leaves 1
    assert _propose(indexed, Wanted(actor=f"{ID}actor/IRN", text="oil"), Limit(0, 0.25, 9)) == (
        _expected("IRN", "oil"))
    assert _propose(indexed, Wanted(actor=f"{ID}actor/IRN", text="oil"), Limit(0, 0.2, 9)) is None


def test_a_write_removes_the_stamp_and_a_refresh_rereads_only_what_changed(indexed: Path) -> None:
    DOCS["d4"] = ("2025-01-01", [("c6", "IRN", "TUR", "Iran and Turkey traded oil.")])
    try:
        with GraphStore.open(indexed) as store:
            stamp = stored_stamp(store._db)
            assert stamp is not None
            # a write that finds nothing to do leaves the stamp, and the index in use
            assert store.replace_graph(_iri("document", "d1").value, _graph("d1")) is False
            assert stored_stamp(store._db) == stamp
            store.replace_graph(_iri("document", "d4").value, _graph("d4"))
            assert stored_stamp(store._db) is None
            # stale: no answer
            assert store.claim_candidates(Wanted(text="oil"), HUNDRED) is None
            done = store.refresh_claim_index()
            assert (done.graphs, done.changed, done.removed, done.claims) == (4, 1, 0, 6)
            assert stored_stamp(store._db) not in (None, stamp)
        assert _propose(indexed, Wanted(text="oil")) == _expected(text="oil")
        with GraphStore.open(indexed) as store:
            store.drop_graph(_iri("document", "d1").value)
            done = store.refresh_claim_index()
        assert (done.changed, done.removed, done.claims) == (0, 1, 4)
        del DOCS["d1"]
        assert _propose(indexed, Wanted(text="oil")) == _expected(text="oil")
    finally:
        DOCS.pop("d4", None)
        DOCS.setdefault("d1", ("2021-03-04", [
            ("c1", "IRN", "RUS", "Iran and Russia signed an OIL swap."),
            ("c2", "CHN", "IRN", "China bought crude from Iran.")]))


def test_a_raw_update_leaves_the_index_unused_until_a_refresh_rereads_everything(
        indexed: Path) -> None:
    turkey = Wanted(actor=f"{ID}actor/TUR")
    with GraphStore.open(indexed) as store:
        store.raw_update(f"INSERT DATA {{ GRAPH <{ID}document/d1> {{ <{ID}claim/c2> "
                         f"<{ALG}objectActor> <{ID}actor/TUR> }} }}")
        assert store.claim_candidates(turkey, HUNDRED) is None
        # d1's catalogue hash did not move (a raw update bypasses the catalogue): re-read all
        done = store.refresh_claim_index()
        assert (done.changed, done.claims, done.usable) == (3, 5, True)
        assert store.claim_candidates(turkey, HUNDRED) == [f"{ID}claim/c2"]
        assert store.refresh_claim_index().changed == 0  # the next one trusts the hashes again


def test_a_refresh_with_nothing_written_since_reports_the_same_index(indexed: Path) -> None:
    with GraphStore.open(indexed) as store:
        again = store.refresh_claim_index()
        assert (again.graphs, again.changed, again.removed, again.claims, again.usable) == (
            3, 0, 0, 5, True)
        stamp = stored_stamp(store._db)
    with GraphStore.open(indexed, read_only=True) as store:
        assert stored_stamp(store._db) == stamp
    assert _propose(indexed, Wanted(text="oil")) == _expected(text="oil")


def test_the_stamp_depends_on_the_content_only(indexed: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    with GraphStore.open(other) as store:
        for doc in reversed(list(DOCS)):
            store.replace_graph(_iri("document", doc).value, _graph(doc))
        store.refresh_claim_index()
        second = stored_stamp(store._db)
    with GraphStore.open(indexed, read_only=True) as store:
        assert stored_stamp(store._db) == second
    quads = list(ox.Store(str(other)).quads_for_pattern(CATALOGUE, STAMP, None, CATALOGUE))
    assert len(quads) == 1


def test_claims_the_catalogue_does_not_track_make_the_index_unusable(indexed: Path) -> None:
    with GraphStore.open(indexed) as store:
        store.bulk_load_quads(f"<{ID}claim/x> <{TYPE.value}> <{ALG}RelationClaim> "
                              f"<{ID}graph/untracked> .\n".encode())
        done = store.refresh_claim_index()
        assert not done.usable and stored_stamp(store._db) is None
        assert store.claim_candidates(Wanted(text="oil"), HUNDRED) is None


def test_an_index_file_of_another_version_is_rebuilt(indexed: Path) -> None:
    import sqlite3

    with sqlite3.connect(index_path(indexed)) as connection:
        connection.execute("UPDATE meta SET value = 'allegiance-claim-index/0' "
                           "WHERE key = 'version'")
    with GraphStore.open(indexed) as store:
        store.replace_graph(_iri("document", "d3").value, _graph("d3")[:-1])
        done = store.refresh_claim_index()
    assert (done.changed, done.claims) == (3, 5)
    with sqlite3.connect(index_path(indexed)) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == (
            VERSION,)
    assert (indexed / FILE_NAME).is_file()


def test_a_missing_or_unreadable_file_means_no_answer(indexed: Path) -> None:
    index_path(indexed).write_bytes(b"not a database")
    assert _propose(indexed, Wanted(text="oil")) is None
    index_path(indexed).unlink()
    with GraphStore.open(indexed, read_only=True) as store:
        assert candidates(store._db, indexed, Wanted(text="oil"), HUNDRED) is None


def test_a_refresh_in_small_flushes_proposes_the_same_claims(
        indexed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance.store.claimindex as claimindex

    wanted = [Wanted(actor=f"{ID}actor/IRN"), Wanted(text="oil"), Wanted(since="2022-01-01")]
    before = [_propose(indexed, w) for w in wanted]
    index_path(indexed).unlink()
    monkeypatch.setattr(claimindex, "FLUSH_CLAIMS", 1)  # every claim its own flush
    with GraphStore.open(indexed) as store:
        done = store.refresh_claim_index()
    assert (done.changed, done.claims, done.usable) == (3, 5, True)
    assert [_propose(indexed, w) for w in wanted] == before


def test_when_most_graphs_went_the_tables_are_refilled_from_scratch(indexed: Path) -> None:
    with GraphStore.open(indexed) as store:
        store.drop_graph(_iri("document", "d1").value)
        store.drop_graph(_iri("document", "d2").value)
        done = store.refresh_claim_index()
    assert (done.graphs, done.changed, done.removed, done.claims) == (1, 1, 2, 1)
    assert _propose(indexed, Wanted(actor=f"{ID}actor/IRN")) == [f"{ID}claim/c5"]
    assert _propose(indexed, Wanted(text="oil")) == []
