"""The ontology file: metadata, documentation of every term, and the terms design.md promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from allegiance import resources
from allegiance.model.vocab import notations
from allegiance.namespaces import ALG, PROV
from allegiance.records import DIMENSIONS, FORMALITIES, MODALITIES, POLARITIES

ONTOLOGY_IRI = URIRef("https://w3id.org/allegiance/ontology")
ALG_NS = str(ALG)
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


def alg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ALG_NS)}


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/0.1.0")
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert onto.value(ONTOLOGY_IRI, prop) is not None, prop


def test_every_term_has_label_and_definition(onto: Graph) -> None:
    kinds = (
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        SKOS.ConceptScheme,
        OWL.NamedIndividual,
    )
    typed = {s for kind in kinds for s in onto.subjects(RDF.type, kind)}
    terms = alg_terms(onto)
    assert terms <= typed, sorted(terms - typed)
    for term in sorted(terms):
        assert onto.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert onto.value(term, SKOS.definition) is not None, f"{term} has no skos:definition"


def test_every_term_named_in_design_md_is_defined(onto: Graph) -> None:
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    section = design.split("## Ontology terms", 1)[1]
    named = set(re.findall(r"`alg:([A-Za-z0-9]+)`", section))
    named |= set(re.findall(r"^Classes: (.*?)\n\n", section, re.S | re.M)[0].split("`")[1::2])
    named = {n.removeprefix("alg:") for n in named if ":" not in n.removeprefix("alg:")}
    assert len(named) > 60
    defined = {str(t)[len(ALG_NS) :] for t in alg_terms(onto)}
    assert named <= defined, sorted(named - defined)


def test_actor_classes_are_disjoint(onto: Graph) -> None:
    members = set()
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(onto.items(onto.value(node, OWL.members)))
    assert {ALG.State, ALG.NonStateActor, ALG.IntergovernmentalOrganisation} <= members


def test_property_characteristics(onto: Graph) -> None:
    symmetric = set(onto.subjects(RDF.type, OWL.SymmetricProperty))
    family = {
        t
        for t in alg_terms(onto)
        if re.match(r"(cooperates|inTension|in\w+TensionWith)", t.fragment)
    }
    assert len(family) == 10
    assert family | {ALG.relatedTo} <= symmetric
    assert (ALG.backs, OWL.inverseOf, ALG.backedBy) in onto
    chain = onto.value(ALG.hasInfluenceIn, OWL.propertyChainAxiom)
    assert list(onto.items(chain)) == [ALG.backs, ALG.activeIn]
    org = URIRef("http://www.w3.org/ns/org#subOrganizationOf")
    assert (ALG.organOf, RDFS.subPropertyOf, org) in onto
    assert (ALG.hasEvidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto


def test_sub_property_tree(onto: Graph) -> None:
    parents = {s: set(onto.objects(s, RDFS.subPropertyOf)) for s in alg_terms(onto)}
    assert parents[ALG.cooperatesWith] == {ALG.relatedTo}
    assert parents[ALG.inTensionWith] == {ALG.relatedTo}
    for child in (ALG.cooperatesMilitarilyWith, ALG.cooperatesEconomicallyWith):
        assert parents[child] == {ALG.cooperatesWith}
    for child in (ALG.inMilitaryTensionWith, ALG.inEconomicTensionWith):
        assert parents[child] == {ALG.inTensionWith}


def test_concept_scheme_notations_match_the_records() -> None:
    assert set(notations("dimension")) == set(DIMENSIONS)
    assert set(notations("polarity")) == set(POLARITIES)
    assert set(notations("formality")) == set(FORMALITIES)
    assert set(notations("modality")) == set(MODALITIES)


def test_every_derived_relation_names_its_dimension_and_polarity(onto: Graph) -> None:
    pairs = {
        (onto.value(p, ALG.forDimension), onto.value(p, ALG.forPolarity))
        for p in onto.subjects(ALG.forDimension, None)
    }
    dims = set(notations("dimension").values())
    pols = set(notations("polarity").values())
    assert pairs == {(d, p) for d in dims for p in pols}
