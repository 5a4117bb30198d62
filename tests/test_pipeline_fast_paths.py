"""The build's fast paths give what the slow ones give: the model's triple list equals its
rdflib graph, and validating pyoxigraph triples refuses what validating the graph refuses, with
the same messages (pySHACL's), whichever SHACL engine screens first."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from allegiance.model import document_graph, document_triples
from allegiance.pipeline import config_hash, extract_document, prepare_document
from allegiance.store import to_triples
from allegiance.validate import validate, validate_triples

DATA = Path(__file__).resolve().parent / "data"
DOCS = sorted((DATA / "pipeline" / "docs").iterdir())
INVALID = sorted((DATA / "validate").glob("invalid_*.ttl"))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_document_triples_equal_the_document_graph(path: Path) -> None:
    document, claims = extract_document(path)
    assert claims
    graph = document_graph(document, claims, config_hash=config_hash())
    listed = document_triples(document, claims, config_hash=config_hash())
    assert set(to_triples(listed)) == set(to_triples(graph))
    assert len(set(listed)) == len(graph)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_validating_triples_refuses_like_validating_the_graph(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    expected = validate(graph)
    report = validate_triples(to_triples(graph))
    assert not report.conforms
    assert report.messages == expected.messages


def test_a_prepared_document_carries_its_graph_and_hash(tmp_path: Path) -> None:
    prepared = prepare_document(DOCS[0])
    assert prepared.status == "valid"
    document, claims = extract_document(DOCS[0])
    graph = document_graph(document, claims, config_hash=config_hash())
    assert set(prepared.triples()) == set(to_triples(graph))
    from allegiance.store.canonical import content_hash

    assert prepared.content_hash == content_hash(to_triples(graph))
