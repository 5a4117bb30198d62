"""Contradictions: cooperation and tension in one dimension; do the sources disagree?"""

from __future__ import annotations

from reason_fixtures import Spec, add_document

from allegiance.reason import find_contradictions, relations
from allegiance.reason.claims import load_claims
from allegiance.reason.config import load_config
from allegiance.store import GraphStore


def test_same_dimension_both_polarities_is_a_contradiction(store: GraphStore) -> None:
    _, ids = add_document(store, [
        Spec("IRN", "TUR", "energy", formality="F1"),
        Spec("IRN", "TUR", "energy", polarity="tension"),
        Spec("IRN", "TUR", "military", formality="F1"),   # other dimension: no contradiction
        Spec("IRN", "RUS", "diplomatic"),
    ], name="same-source", publisher="Paper A")
    found = find_contradictions(store)
    assert [(c.actors, c.dimension) for c in found] == [(("IRN", "TUR"), "energy")]
    only = found[0]
    assert only.cooperation_claims == (ids[0],) and only.tension_claims == (ids[1],)
    assert not only.sources_disagree  # one source says both: a mixed relation


def test_sources_that_disagree(store: GraphStore) -> None:
    add_document(store, [Spec("IRN", "TUR", "energy", formality="F1")], name="a", publisher="A")
    add_document(store, [Spec("IRN", "TUR", "energy", polarity="tension")], name="b",
                 publisher="B")
    (found,) = find_contradictions(store)
    assert (found.cooperation_sources, found.tension_sources) == (1, 1)
    assert found.sources_disagree
    assert found.as_json()["sources_disagree"] is True


def test_one_relation_many_sources(store: GraphStore) -> None:
    spec = Spec("RUS", "IRN", "energy", formality="F1")
    first, _ = add_document(store, [spec], name="x", publisher="P")
    second, _ = add_document(store, [spec], name="y", publisher="P")
    third, _ = add_document(store, [spec], name="z")
    (relation,) = relations(load_claims(store), load_config())
    assert relation.actors == ("IRN", "RUS")
    assert relation.documents == tuple(sorted((first, second, third)))
    assert relation.sources == 2
    assert len(relation.claims) == 3
