"""Fixtures for the scorer tests: the hand-made southern-notes key and a found-claim builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from allegiance.eval import GoldKey, load_gold

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"
SOUTHERN = DATA / "corpus" / "southern"

FoundBuilder = Callable[..., dict[str, object]]


@pytest.fixture
def southern() -> GoldKey:
    return load_gold(SOUTHERN / "southern-notes.gold.json")


@pytest.fixture
def southern_text() -> str:
    return (SOUTHERN / "southern-notes.txt").read_text(encoding="utf-8")


@pytest.fixture
def found(southern_text: str) -> FoundBuilder:
    """Build a found claim whose evidence is the ``nth`` occurrence of ``evidence`` in the text."""

    def build(
        subject: str,
        obj: str,
        type_: str,
        polarity: str,
        *,
        evidence: str,
        directed: bool = True,
        nth: int = 0,
        confidence: float = 0.8,
        quantity: dict[str, object] | None = None,
        labels: tuple[str, str] | None = None,
    ) -> dict[str, object]:
        start = -1
        for _ in range(nth + 1):
            start = southern_text.index(evidence, start + 1)
        subject_label, object_label = labels or (subject, obj)
        return {
            "document": "southern-notes.txt",
            "subject": {"id": subject, "label": subject_label, "kind": "state"},
            "object": {"id": obj, "label": object_label, "kind": "state"},
            "type": type_,
            "polarity": polarity,
            "directed": directed,
            "evidence": {"text": evidence, "start": start, "end": start + len(evidence)},
            "confidence": confidence,
            "quantity": quantity,
        }

    return build
