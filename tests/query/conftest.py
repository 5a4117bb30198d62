"""A fixture store for the query templates: three hand-written documents, the reference graph,
the ontology, a small hand-written tiers graph and the relation summaries the reasoning step
counts from the claims, on a real on-disk GraphStore.

The texts are written for these tests; offsets come from the texts, never typed in by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from allegiance.model import document_graph
from allegiance.model.iris import actor_iri, claim_iri
from allegiance.namespaces import ALG, PROV, RDF
from allegiance.pipeline import load_reference
from allegiance.reason import write_summaries
from allegiance.records import ActorRef, Claim, Document, Evidence, Quantity, Sentence
from allegiance.store import GraphStore

TIERS_GRAPH = "https://w3id.org/allegiance/id/graph/tiers"
ALG_NS = "https://w3id.org/allegiance/ontology#"

IRN = ActorRef("IRN", "Iran", "state")
SYR = ActorRef("SYR", "Syria", "state")
RUS = ActorRef("RUS", "Russia", "state")
CHN = ActorRef("CHN", "China", "state")
SAU = ActorRef("SAU", "Saudi Arabia", "state")
USA = ActorRef("USA", "United States", "state")
HEZ = ActorRef("hezbollah", "Hezbollah", "non-state")


@dataclass(frozen=True)
class Spec:
    """One claim: sentence, actors, dimension, polarity, direction and extras."""

    sentence: str
    subject: ActorRef
    object: ActorRef
    dimension: str
    polarity: str
    directed: bool = False
    formality: str = "F0"
    year: int | None = None
    quantity: Quantity | None = None
    confidence: float = 0.8


DOCUMENTS: list[tuple[dict[str, str], list[Spec]]] = [
    (
        {"title": "Levant Notes", "publisher": "Test Wire", "date": "2023-05-01"},
        [
            Spec("Iran sent military advisers to Syria in 2019.", IRN, SYR, "military",
                 "cooperation", True, "F1", 2019, confidence=0.9),
            Spec("Russia supplied air defence systems to Syria.", RUS, SYR, "military",
                 "cooperation", True, "F1"),
            Spec("Iran armed Hezbollah with rockets.", IRN, HEZ, "military", "cooperation",
                 True, "F1"),
            Spec("China bought oil from Iran worth 20 billion dollars in 2022.", CHN, IRN,
                 "transactional", "cooperation", True, "F1", 2022,
                 Quantity(20e9, "USD", 2022)),
            Spec("Chinese refiners keep buying Iranian crude.", CHN, IRN, "energy",
                 "cooperation", False, "F1", confidence=0.7),
        ],
    ),
    (
        {"title": "Gulf Ledger", "publisher": "Other Desk", "date": "2024-02-10"},
        [
            Spec("Saudi Arabia and Iran traded accusations over shipping.", SAU, IRN,
                 "diplomatic", "tension"),
            Spec("Iran and Saudi Arabia restored diplomatic ties in 2023.", IRN, SAU,
                 "diplomatic", "cooperation", False, "F2", 2023),
            Spec("Iran and Russia signed a gas cooperation memorandum.", IRN, RUS, "energy",
                 "cooperation", False, "F2", 2024),
            Spec("Trade between Iran and Russia reached 4 billion dollars in 2023.", IRN, RUS,
                 "transactional", "cooperation", False, "F1", 2023, Quantity(4e9, "USD", 2023)),
        ],
    ),
    (
        {"title": "Pacific Brief", "publisher": "Test Wire", "date": "2022-07-01"},
        [
            Spec("Russia and China held joint naval drills.", RUS, CHN, "military",
                 "cooperation", False, "F1", 2022),
            Spec("The United States sanctioned Iran.", USA, IRN, "transactional", "tension",
                 True, "F1"),
            Spec("Saudi Arabia and China agreed new trade terms.", SAU, CHN, "transactional",
                 "cooperation", False, "F2"),
        ],
    ),
]


def make_document(index: int, meta: dict[str, str], specs: list[Spec]) -> Document:
    text = meta["title"] + "\n\n" + " ".join(spec.sentence for spec in specs)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sentences = []
    for spec in specs:
        start = text.index(spec.sentence)
        sentences.append(Sentence(start, start + len(spec.sentence), spec.sentence))
    return Document(
        path=f"tests/data/query/doc{index}.txt", text=text, media_type="text/plain",
        sha256=sha, sentences=tuple(sentences), sections=(), title=meta["title"],
        publisher=meta["publisher"], date=meta["date"],
    )


def make_claims(document: Document, specs: list[Spec]) -> list[Claim]:
    claims = []
    for spec in specs:
        start = document.text.index(spec.sentence)
        claims.append(Claim(
            document_path=document.path, document_sha256=document.sha256,
            subject=spec.subject, object=spec.object, dimension=spec.dimension,
            polarity=spec.polarity, directed=spec.directed,
            evidence=Evidence(start, start + len(spec.sentence), spec.sentence),
            confidence=spec.confidence, formality=spec.formality, year=spec.year,
            quantity=spec.quantity, cue="test",
        ))
    return claims


@dataclass
class Fixture:
    path: Path
    documents: list[Document]
    claims: dict[str, Claim]
    """Claims by their sentence."""

    def iri(self, sentence: str) -> str:
        return str(claim_iri(self.claims[sentence]))


def tiers_graph(fixture_claims: dict[str, Claim]) -> Graph:
    """Hand-written tier assignments in the reasoning layer's vocabulary."""
    graph = Graph(identifier=URIRef(TIERS_GRAPH))
    rows = [
        ("IRN", "SYR", "T1", 1, ["Iran sent military advisers to Syria in 2019."]),
        ("IRN", "RUS", "T2", 2, [
            "Iran and Russia signed a gas cooperation memorandum.",
            "Trade between Iran and Russia reached 4 billion dollars in 2023.",
        ]),
        ("IRN", "hezbollah", "Client", 3, ["Iran armed Hezbollah with rockets."]),
    ]
    for focal, partner, tier, rank, sentences in rows:
        node = URIRef(f"https://w3id.org/allegiance/id/tier/{focal}/{partner}")
        graph.add((node, RDF.type, ALG.TierAssignment))
        graph.add((node, ALG.focalActor, actor_iri(focal)))
        graph.add((node, ALG.partner, actor_iri(partner)))
        graph.add((node, ALG.tier, Literal(tier)))
        graph.add((node, URIRef(ALG_NS + "rank"), Literal(rank, datatype=XSD.positiveInteger)))
        graph.add((node, URIRef(ALG_NS + "sourceCount"),
                   Literal(len(sentences), datatype=XSD.nonNegativeInteger)))
        for sentence in sentences:
            graph.add((node, PROV.wasDerivedFrom, claim_iri(fixture_claims[sentence])))
    return graph


def build_store(path: Path) -> Fixture:
    documents: list[Document] = []
    claims: dict[str, Claim] = {}
    with GraphStore.open(path) as store:
        load_reference(store)
        for index, (meta, specs) in enumerate(DOCUMENTS):
            document = make_document(index, meta, specs)
            made = make_claims(document, specs)
            graph = document_graph(document, made, config_hash="test")
            store.replace_graph(str(graph.identifier), graph, meta={"path": document.path})
            documents.append(document)
            claims.update({c.evidence.text: c for c in made})
        store.replace_graph(TIERS_GRAPH, tiers_graph(claims), meta={"path": "tests/tiers"})
        write_summaries(store)
    return Fixture(path, documents, claims)


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("query") / "store")


@pytest.fixture
def store(fixture_store: Fixture) -> Iterator[GraphStore]:
    with GraphStore.open(fixture_store.path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="session")
def store_builder():  # type: ignore[no-untyped-def]
    """``build_store`` for tests that need a store of their own (e.g. a writable one)."""
    return build_store
