"""Map the plain strings of ``allegiance.records`` to the ontology's SKOS concepts.

The records carry ``"military"``, ``"F2"``, ``"hedged"``...; the graph carries ``alg:Military``,
``alg:F2SignedFramework``, ``alg:Hedged``. The link between the two is each concept's
``skos:notation`` in ``ontology/allegiance.ttl``, read from there rather than repeated in code,
so adding a concept to a scheme needs no code change.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef

from allegiance import resources
from allegiance.namespaces import ALG, SKOS

SCHEMES: dict[str, URIRef] = {
    "dimension": ALG.DimensionScheme,
    "polarity": ALG.PolarityScheme,
    "formality": ALG.FormalityScheme,
    "modality": ALG.ModalityScheme,
}


@cache
def ontology_graph() -> Graph:
    """The parsed ontology, read once per process."""
    graph = Graph()
    graph.parse(resources.ontology_path(), format="turtle")
    return graph


@cache
def notations(scheme: str) -> dict[str, URIRef]:
    """``{notation: concept}`` for one of the schemes named in ``SCHEMES``."""
    if scheme not in SCHEMES:
        raise KeyError(f"unknown concept scheme {scheme!r}; expected one of {sorted(SCHEMES)}")
    graph = ontology_graph()
    table: dict[str, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, SCHEMES[scheme]):
        for notation in graph.objects(concept, SKOS.notation):
            if isinstance(concept, URIRef) and isinstance(notation, Literal):
                table[str(notation)] = concept
    return dict(sorted(table.items()))


def concept(scheme: str, notation: str) -> URIRef:
    """The concept of ``scheme`` whose ``skos:notation`` is ``notation``; raises ValueError."""
    table = notations(scheme)
    try:
        return table[notation]
    except KeyError:
        raise ValueError(
            f"{notation!r} is not a {scheme} of the ontology; expected one of {sorted(table)}"
        ) from None
