"""The OWL axioms do what the design says under an OWL 2 RL reasoner (owlrl)."""

from __future__ import annotations

import owlrl
from rdflib import Graph, URIRef

from allegiance import resources
from allegiance.namespaces import ALG, ALI, RDF


def closure(*triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    graph = Graph().parse(resources.ontology_path(), format="turtle")
    for triple in triples:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def test_chain_symmetry_inverse_and_sub_properties() -> None:
    patron, client, host, partner = (ALI[f"actor/{x}"] for x in ("AAA", "bbb", "CCC", "DDD"))
    g = closure(
        (patron, ALG.backs, client),
        (client, ALG.activeIn, host),
        (patron, ALG.cooperatesOnEnergyWith, partner),
    )
    assert (patron, ALG.hasInfluenceIn, host) in g
    assert (client, ALG.backedBy, patron) in g
    assert (partner, ALG.cooperatesOnEnergyWith, patron) in g
    assert (partner, ALG.cooperatesWith, patron) in g
    assert (patron, ALG.relatedTo, partner) in g
    assert (host, RDF.type, ALG.State) in g
    assert (client, RDF.type, ALG.NonStateActor) in g


def test_organ_is_a_sub_organisation_of_its_state() -> None:
    organ, state = ALI["actor/AAA/organ/navy"], ALI["actor/AAA"]
    g = closure((organ, ALG.organOf, state))
    assert (organ, URIRef("http://www.w3.org/ns/org#subOrganizationOf"), state) in g
    assert (organ, RDF.type, ALG.StateOrgan) in g
