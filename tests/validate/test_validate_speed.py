"""Validation runs once per document graph, so it must stay cheap (a few hundred ms at most)."""

from __future__ import annotations

import time
from pathlib import Path

from rdflib import Graph

from allegiance.validate import validate

DATA = Path(__file__).resolve().parent.parent / "data" / "validate"


def test_a_document_graph_validates_in_well_under_a_second() -> None:
    graph = Graph().parse(DATA / "valid_claim.ttl", format="turtle")
    validate(graph)  # warm-up: parses the shapes once
    started = time.perf_counter()
    for _ in range(5):
        report = validate(graph)
    per_graph = (time.perf_counter() - started) / 5
    assert report.conforms
    assert report.seconds > 0
    assert per_graph < 0.3, f"{per_graph * 1000:.0f} ms per document graph"
