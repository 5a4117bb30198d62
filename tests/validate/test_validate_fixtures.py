"""Each invalid fixture breaks one rule and must fail with that rule's message.

The expected messages are written in the fixtures themselves (``# expect:`` lines), next to the
change they describe; the valid fixtures must conform with no message at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from allegiance.validate import ValidationReport, validate

DATA = Path(__file__).resolve().parent.parent / "data" / "validate"
VALID = sorted(DATA.glob("valid_*.ttl"))
INVALID = sorted(DATA.glob("invalid_*.ttl"))


def expectations(path: Path) -> list[str]:
    prefix = "# expect: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len(prefix) :] for line in lines if line.startswith(prefix)]


def run(path: Path) -> ValidationReport:
    return validate(Graph().parse(path, format="turtle"))


def test_fixtures_exist() -> None:
    assert len(VALID) >= 2
    assert len(INVALID) >= 10
    for path in INVALID:
        assert expectations(path), f"{path.name} states no expected message"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms(path: Path) -> None:
    report = run(path)
    assert report.conforms, report.messages
    assert report.messages == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_fails_with_its_message(path: Path) -> None:
    report = run(path)
    assert not report.conforms
    assert not report
    for expected in expectations(path):
        assert any(expected in message for message in report.messages), (
            expected,
            report.messages,
        )


def test_messages_name_focus_node_and_path() -> None:
    report = run(DATA / "invalid_confidence_range.ttl")
    assert report.messages == [
        "<https://w3id.org/allegiance/id/claim/00000000000000c1> alg:confidence: "
        "A claim needs exactly one alg:confidence, an xsd:decimal in [0, 1]."
    ]
    assert len(report.results_graph) > 0


def test_messages_are_sorted() -> None:
    graph = Graph().parse(DATA / "invalid_confidence_range.ttl", format="turtle")
    graph.parse(DATA / "invalid_nsa_no_label.ttl", format="turtle")
    report = validate(graph)
    assert len(report.messages) >= 3
    assert report.messages == sorted(report.messages)


def test_validation_does_not_touch_the_data_graph() -> None:
    graph = Graph().parse(DATA / "valid_claim.ttl", format="turtle")
    before = len(graph)
    validate(graph)
    assert len(graph) == before
