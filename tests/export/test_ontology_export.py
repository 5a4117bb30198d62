"""The ontology in every syntax says the same thing, and its documentation names its terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from allegiance import resources
from allegiance.export import export_ontology
from allegiance.export.jsonld import load_context


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(resources.ontology_path(), format="turtle")


@pytest.mark.parametrize("use_pylode", [True, False])
def test_every_syntax_is_the_same_ontology(
    tmp_path: Path, ontology: rdflib.Graph, use_pylode: bool
) -> None:
    files = {p.name: p for p in export_ontology(tmp_path, use_pylode=use_pylode)}
    for name, fmt in (("allegiance.ttl", "turtle"), ("allegiance.rdf", "xml"),
                      ("allegiance.jsonld", "json-ld")):
        assert isomorphic(rdflib.Graph().parse(files[name], format=fmt), ontology), name
    page = files["index.html"].read_text("utf-8")
    for term in sorted(ontology.subjects(RDF.type, OWL.Class)):
        if isinstance(term, rdflib.URIRef):
            assert str(term).rpartition("#")[2] in page
    assert json.loads(files["context.jsonld"].read_text("utf-8"))["@context"]


def test_context_has_a_term_for_every_ontology_property(ontology: rdflib.Graph) -> None:
    context = load_context()
    kinds = {OWL.ObjectProperty: "@id", OWL.DatatypeProperty: None,
             OWL.AnnotationProperty: "@id"}
    for kind, object_coercion in kinds.items():
        for prop in ontology.subjects(RDF.type, kind):
            assert str(prop) in context.terms, prop
            coercion = context.terms[str(prop)][1]
            if object_coercion:
                assert coercion in ("@id", "@vocab"), prop
            else:
                assert coercion is None or not coercion.startswith("@"), prop
