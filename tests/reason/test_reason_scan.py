"""The column-scan claim reader agrees with the SPARQL join reader, and all-actor tiers with
one-actor tiers.

``load_claims(store)`` reads every claim by per-property scans; ``load_claims(store, actor=X)``
reads one actor's claims with a SPARQL join. Both must give the same rows for every actor, on
a store with several documents, publishers, dates, reference years and an incomplete claim.
"""

from __future__ import annotations

import random

from rdflib import URIRef
from reason_fixtures import Spec, add_document

from allegiance.namespaces import ALG, RDF
from allegiance.reason import compute_tiers
from allegiance.reason.claims import load_claims
from allegiance.records import DIMENSIONS, FORMALITIES, MODALITIES, POLARITIES
from allegiance.store import GraphStore

ACTORS = ["IRN", "RUS", "CHN", "SYR", "TUR", "IRQ", "ISR", "USA"]


def _fill(store: GraphStore, seed: int = 3) -> None:
    rng = random.Random(seed)
    for number in range(6):
        specs = []
        for _ in range(40):
            s, o = rng.sample(ACTORS, 2)
            specs.append(
                Spec(
                    s,
                    o,
                    rng.choice(DIMENSIONS),
                    polarity=rng.choice(POLARITIES),
                    formality=rng.choice(FORMALITIES),
                    modality=rng.choice(MODALITIES),
                    directed=rng.random() < 0.5,
                    confidence=rng.randint(1, 99) / 100,
                    year=rng.choice([None, 2015, 2021]),
                    sentence=f"Fixture {number}-{len(specs)}: {s} and {o} relate.",
                )
            )
        add_document(
            store,
            specs,
            name=f"scan-{number}",
            publisher=[None, "Wire", "wire "][number % 3],
            date=[None, "2019-05-01", "2023-01-02"][number % 3],
        )


def _incomplete_claim(store: GraphStore) -> str:
    """A claim typed as one but with no dimension: neither reader may return it."""
    c = URIRef("https://w3id.org/allegiance/id/claim/incomplete")
    doc = URIRef("https://w3id.org/allegiance/id/document/incomplete")
    actor = "https://w3id.org/allegiance/id/actor/"
    store.replace_graph(
        str(doc),
        [
            (c, RDF.type, ALG.RelationClaim),
            (c, ALG.subjectActor, URIRef(actor + "IRN")),
            (c, ALG.objectActor, URIRef(actor + "RUS")),
            (c, ALG.statedIn, doc),
        ],
    )
    return str(c)


def test_scan_reader_matches_sparql_reader_for_every_actor(store: GraphStore) -> None:
    _fill(store)
    incomplete = _incomplete_claim(store)
    for as_of in (None, 2020):
        every = load_claims(store, as_of=as_of)
        assert [c.iri for c in every] == sorted(c.iri for c in every)
        assert incomplete not in {c.iri for c in every}
        for actor in ACTORS:
            involved = [c for c in every if actor in (c.subject, c.object)]
            assert involved == load_claims(store, actor=actor, as_of=as_of), (actor, as_of)
    kept = load_claims(store, as_of=2020)
    assert all(c.year is None or c.year <= 2020 for c in kept)
    assert len(kept) < len(load_claims(store))
    assert any(c.directed for c in kept) and not all(c.directed for c in kept)
    assert {c.source for c in kept} >= {"publisher:wire"}


def test_all_actor_tiers_equal_one_actor_tiers(store: GraphStore) -> None:
    _fill(store)
    every = compute_tiers(store)
    assert every
    for actor in ACTORS:
        alone = compute_tiers(store, actor)
        assert alone == [r for r in every if r.focal.id == actor], actor
