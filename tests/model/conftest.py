"""Hand-made records for the model tests: a short document and claims on it.

The text is written for these tests; offsets are computed from it, never typed in by hand.
"""

from __future__ import annotations

import hashlib

import pytest

from allegiance.records import ActorRef, Claim, Document, Evidence, Quantity, Sentence

TEXT = (
    "Harbour Talks\n\n"
    "France and Germany signed a mutual defence treaty in 2021. "
    "Germany reportedly buys 1.5 million barrels per day of crude from Norway. "
    "Officials in Paris criticised Norway over fishing quotas."
)

FRA = ActorRef("FRA", "France", "state")
DEU = ActorRef("DEU", "Germany", "state")
NOR = ActorRef("NOR", "Norway", "state")


def sentence_of(text: str, needle: str) -> Sentence:
    start = text.index(needle)
    return Sentence(start=start, end=start + len(needle), text=needle)


def make_document(text: str = TEXT, path: str = "tests/data/model/harbour.txt") -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    needles = [
        "France and Germany signed a mutual defence treaty in 2021.",
        "Germany reportedly buys 1.5 million barrels per day of crude from Norway.",
        "Officials in Paris criticised Norway over fishing quotas.",
    ]
    return Document(
        path=path,
        text=text,
        media_type="text/plain",
        sha256=sha,
        sentences=tuple(sentence_of(text, n) for n in needles),
        sections=(),
        title="Harbour Talks",
        publisher="Example Wire",
        date="2024-03-05",
        author="A. Writer",
    )


def evidence_for(document: Document, needle: str) -> Evidence:
    start = document.text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle)


def make_claims(document: Document) -> list[Claim]:
    treaty = "France and Germany signed a mutual defence treaty in 2021."
    oil = "Germany reportedly buys 1.5 million barrels per day of crude from Norway."
    quotas = "Officials in Paris criticised Norway over fishing quotas."
    common = {"document_path": document.path, "document_sha256": document.sha256}
    return [
        Claim(
            subject=FRA,  # undirected: the model must put DEU (sorts first) as subject
            object=DEU,
            dimension="military",
            polarity="cooperation",
            directed=False,
            evidence=evidence_for(document, treaty),
            confidence=0.9,
            formality="F3",
            year=2021,
            cue="mutual defence treaty",
            **common,
        ),
        Claim(
            subject=NOR,
            object=DEU,
            dimension="energy",
            polarity="cooperation",
            directed=True,
            evidence=evidence_for(document, oil),
            confidence=0.1 + 0.2,
            formality="F1",
            modality="hedged",
            quantity=Quantity(value=1.5e6, unit="barrels_per_day", year=2024, comparator="~"),
            cue="buys",
            **common,
        ),
        Claim(
            subject=FRA,
            object=NOR,
            dimension="diplomatic",
            polarity="tension",
            directed=True,
            evidence=evidence_for(document, quotas),
            confidence=0.55,
            **common,
        ),
    ]


@pytest.fixture
def document() -> Document:
    return make_document()


@pytest.fixture
def claims(document: Document) -> list[Claim]:
    return make_claims(document)
