"""Stores the report tests read: the seed corpus, the pipeline fixtures, and a hostile one.

Each is built once per session with the real pipeline (ingest, extract, model, validate, store)
into a temporary folder; tests open them read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, Namespace
from report_fixtures import (
    HOSTILE_DOC,
    HOSTILE_ID,
    HOSTILE_LABEL,
    PIPELINE_DOCS,
    SEED,
)

from allegiance.ingest import ingest
from allegiance.model.iris import actor_iri, document_iri
from allegiance.pipeline import build, build_document_graph, load_reference
from allegiance.records import ActorRef, Claim, Evidence
from allegiance.store import GraphStore

ALG = Namespace("https://w3id.org/allegiance/ontology#")


def _built(folder: Path, paths: list[Path]) -> Path:
    with GraphStore.open(folder) as store:
        report = build(paths, store)
    assert not report.failures, [(o.path, o.reason) for o in report.failures]
    return folder


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed corpus not found at {SEED} (../shared is beside the checkout in CI)")
    return _built(tmp_path_factory.mktemp("report") / "seed", [SEED])


@pytest.fixture(scope="session")
def fixture_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("report") / "fixtures", [PIPELINE_DOCS])


@pytest.fixture(scope="session")
def hostile_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document whose sentence carries markup, about an actor whose label carries markup.

    The claim is written by hand (the extractor rightly knows no such actor) and modelled by the
    real model stage, so the store holds exactly what a hostile source could put there.
    """
    folder = tmp_path_factory.mktemp("report") / "hostile"
    document = ingest(HOSTILE_DOC)
    sentence = next(s for s in document.sentences if "<script>" in s.text)
    claim = Claim(
        document_path=document.path,
        document_sha256=document.sha256,
        subject=ActorRef("IRN", "Iran", "state"),
        object=ActorRef(HOSTILE_ID, HOSTILE_LABEL, "non-state"),
        dimension="military",
        polarity="cooperation",
        directed=False,
        evidence=Evidence(sentence.start, sentence.end, sentence.text),
        confidence=0.9,
        formality="F2",
        year=2021,
    )
    graph = build_document_graph(document, [claim])
    actor = actor_iri(HOSTILE_ID)
    graph.add((actor, RDF.type, ALG.ArmedGroup))
    graph.add((actor, RDFS.label, Literal(HOSTILE_LABEL)))
    with GraphStore.open(folder) as store:
        load_reference(store)
        store.replace_graph(str(document_iri(document.sha256)), graph, meta={"path": "hostile"})
    return folder


def _open(path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(path, read_only=True) as store:
        yield store


@pytest.fixture
def seed_store(seed_store_path: Path) -> Iterator[GraphStore]:
    yield from _open(seed_store_path)


@pytest.fixture
def fixture_store(fixture_store_path: Path) -> Iterator[GraphStore]:
    yield from _open(fixture_store_path)


@pytest.fixture
def hostile_store(hostile_store_path: Path) -> Iterator[GraphStore]:
    yield from _open(hostile_store_path)
