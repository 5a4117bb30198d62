"""The fast SHACL screen (pyshacl-turbo) must agree with pySHACL, the reference engine.

``validate`` trusts the screen's "conforms" without asking pySHACL, so a graph the screen lets
through that pySHACL would refuse is the one failure that matters. These tests compare both
engines' verdicts and messages on every fixture, on real document graphs, and on mutants of a
valid document graph: each triple removed, each literal retyped, each value doubled, each IRI
object turned into a literal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from tests.robustness.build_helpers import write_documents

from allegiance.pipeline import build_document_graph, extract_document
from allegiance.store import to_triples
from allegiance.validate import validate, validate_triples
from allegiance.validate.report import messages_from
from allegiance.validate.shacl import (
    _compiled_shapes,
    _prefix_table,
    fast_engine_available,
    validate_with_pyshacl,
)

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = sorted((DATA / "validate").glob("valid_*.ttl")) + sorted(
    (DATA / "validate").glob("invalid_*.ttl")
)

pytestmark = pytest.mark.skipif(
    not fast_engine_available(), reason="pyshacl-turbo is not installed (pySHACL alone is used)"
)


def fast(graph: Graph) -> tuple[bool, list[str]]:
    """The screen's own verdict and messages (``validate`` never reports its failures)."""
    compiled = _compiled_shapes()
    conforms, results, _text = compiled.validate(graph, allow_infos=True, allow_warnings=True)
    return bool(conforms), messages_from(results, _prefix_table())


def reference(graph: Graph) -> tuple[bool, list[str]]:
    report = validate_with_pyshacl(graph)
    return report.conforms, report.messages


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_both_engines_agree_on_every_fixture(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    expected = reference(graph)
    assert fast(graph) == expected
    report = validate_triples(to_triples(graph))  # the build's path: N-Triples to the screen
    assert (report.conforms, report.messages) == expected


def test_both_engines_agree_on_document_graphs(tmp_path: Path) -> None:
    paths = sorted((DATA / "pipeline" / "docs").iterdir()) + write_documents(tmp_path, 3)
    for path in paths:
        graph = build_document_graph(*extract_document(path))
        assert fast(graph) == reference(graph) == (True, []), path.name
        assert validate(graph).conforms


def _mutants(graph: Graph) -> Iterator[tuple[str, Graph]]:
    triples = sorted(graph)
    for index, (s, p, o) in enumerate(triples):
        without = Graph()
        for triple in triples[:index] + triples[index + 1 :]:
            without.add(triple)
        yield f"without {p} of {s}", without
        changed = []
        if isinstance(o, Literal):
            changed.append(("as integer", Literal("-7", datatype=XSD.integer)))
            changed.append(("as plain string", Literal(str(o))))
        elif isinstance(o, URIRef):
            changed.append(("as literal", Literal(str(o))))
            changed.append(("as another IRI", URIRef("https://example.org/elsewhere")))
        changed.append(("doubled", Literal("second value")))
        for label, new in changed:
            mutant = Graph()
            for triple in triples:
                mutant.add(triple)
            if label != "doubled":
                mutant.remove((s, p, o))
            mutant.add((s, p, new))
            yield f"{p} of {s} {label}", mutant


def test_both_engines_agree_on_mutants_of_a_valid_graph() -> None:
    graph = Graph().parse(DATA / "validate" / "valid_claim.ttl", format="turtle")
    failing = 0
    for label, mutant in _mutants(graph):
        expected = reference(mutant)
        assert fast(mutant) == expected, label
        assert validate(mutant).messages == expected[1], label
        assert validate_triples(to_triples(mutant)).messages == expected[1], label
        failing += not expected[0]
    assert failing > 50  # the mutants do exercise the shapes
