"""Helpers for the reasoning tests: hand-made claims written into a real on-disk store.

Each fixture document is one sentence per claim, written for these tests; offsets are computed
from the text, never typed in. Actors come from the reference gazetteer, so kinds are real.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from allegiance.model import document_graph
from allegiance.model.iris import claim_iri, document_iri
from allegiance.records import Claim, Document, Evidence, Sentence
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore


@dataclass(frozen=True)
class Spec:
    """One claim to write: who, what, how formal and how sure, and its own sentence."""

    subject: str
    object: str
    dimension: str
    polarity: str = "cooperation"
    formality: str = "F0"
    modality: str = "asserted"
    directed: bool = False
    confidence: float = 0.8
    year: int | None = None
    sentence: str = ""

    def text(self) -> str:
        return self.sentence or (
            f"Fixture says {self.subject} and {self.object} relate: {self.dimension} "
            f"{self.polarity} at {self.formality} ({self.modality})."
        )


def add_document(
    store: GraphStore,
    specs: list[Spec],
    *,
    name: str = "doc",
    publisher: str | None = None,
    date: str | None = None,
) -> tuple[str, list[str]]:
    """Write one document graph holding ``specs``; its IRI and its claim IRIs (in spec order)."""
    gazetteer = load_gazetteer()
    sentences = [spec.text() for spec in specs]
    text = f"{name}\n\n" + " ".join(sentences)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    spans = []
    cursor = len(name) + 2
    for sentence in sentences:
        start = text.index(sentence, cursor)
        spans.append(Sentence(start=start, end=start + len(sentence), text=sentence))
        cursor = start + len(sentence)
    document = Document(
        path=f"tests/data/reason/{name}.txt",
        text=text,
        media_type="text/plain",
        sha256=sha,
        sentences=tuple(spans),
        sections=(),
        title=name,
        publisher=publisher,
        date=date,
    )
    claims = [
        Claim(
            document_path=document.path,
            document_sha256=sha,
            subject=gazetteer.actor(spec.subject),
            object=gazetteer.actor(spec.object),
            dimension=spec.dimension,
            polarity=spec.polarity,
            directed=spec.directed,
            evidence=Evidence(span.start, span.end, span.text),
            confidence=spec.confidence,
            formality=spec.formality,
            modality=spec.modality,
            year=spec.year,
        )
        for spec, span in zip(specs, spans, strict=True)
    ]
    graph = document_graph(document, claims, config_hash="test")
    store.replace_graph(str(document_iri(sha)), graph, meta={"path": document.path})
    return str(document_iri(sha)), [str(claim_iri(c)) for c in claims]
