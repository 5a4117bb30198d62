"""An actor's neighbourhood: its claims with everything needed to check them, nothing else."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from allegiance.export import Selection, export
from allegiance.namespaces import ALG, ALI, OA
from allegiance.store import GraphStore, StoreError

ACTOR = str(ALI) + "actor/IRN"


def neighbourhood(store: GraphStore, actor: str = "IRN") -> list[ox.Quad]:
    buffer = io.BytesIO()
    export(store, buffer, "nq", Selection(actor=actor))
    return list(ox.parse(buffer.getvalue(), format=ox.RdfFormat.N_QUADS))


def claims_of(store: GraphStore, actor: str) -> set[str]:
    rows = store.select_rows(
        f"SELECT DISTINCT ?c WHERE {{ {{ ?c <{ALG.subjectActor}> <{actor}> }} UNION "
        f"{{ ?c <{ALG.objectActor}> <{actor}> }} }}"
    )[1]
    return {row[0] for row in rows if row[0]}


def test_every_claim_about_the_actor_and_no_other(store: GraphStore) -> None:
    quads = neighbourhood(store)
    claim_type = ox.NamedNode(str(ALG.RelationClaim))
    exported = {q.subject.value for q in quads if q.object == claim_type}
    wanted = claims_of(store, ACTOR)
    assert wanted, "the fixtures must mention the actor in a claim"
    assert exported == wanted
    every_claim = {
        row[0] for row in store.select_rows(f"SELECT ?c WHERE {{ ?c a <{ALG.RelationClaim}> }}")[1]
    }
    assert every_claim - wanted, "the fixtures must hold claims about other actors too"


def test_evidence_selectors_and_documents_come_along(store: GraphStore) -> None:
    quads = neighbourhood(store)
    subjects = {q.subject.value for q in quads}
    by_predicate: dict[str, set[str]] = {}
    for q in quads:
        by_predicate.setdefault(q.predicate.value, set()).add(q.object.value)
    for evidence in by_predicate[str(ALG.hasEvidence)]:
        assert evidence in subjects
    for target in by_predicate[str(OA.hasTarget)]:
        assert target in subjects
    for selector in by_predicate[str(OA.hasSelector)]:
        assert selector in subjects
    for document in by_predicate[str(ALG.statedIn)]:
        assert document in subjects
    assert str(OA.exact) in by_predicate


def test_the_actor_description_comes_from_the_reference_graph(store: GraphStore) -> None:
    quads = neighbourhood(store)
    own = [q for q in quads if q.subject.value == ACTOR]
    assert own
    # The reference description, plus the edges the reasoner derived for the actor.
    graphs = {q.graph_name.value for q in own}
    assert "https://w3id.org/allegiance/id/graph/reference" in graphs
    assert graphs <= {
        "https://w3id.org/allegiance/id/graph/reference",
        "https://w3id.org/allegiance/id/graph/inferred",
    }
    reference_subjects = {
        q.subject.value for q in quads if q.graph_name.value.endswith("/graph/reference")
    }
    assert reference_subjects == {ACTOR}


def test_each_claim_stays_in_its_document_graph(store: GraphStore) -> None:
    for q in neighbourhood(store):
        if q.predicate.value == str(ALG.statedIn):
            assert q.graph_name.value == q.object.value


def test_actor_given_by_iri_or_id_is_the_same(store: GraphStore) -> None:
    assert set(neighbourhood(store, ACTOR)) == set(neighbourhood(store, "irn"))


def test_unknown_actor_is_an_error(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="no actor"):
        neighbourhood(store, "nowhere-land")
