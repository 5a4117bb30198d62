"""The SHACL shapes graph, loaded once, and the rule that every constraint explains itself.

Every shape that carries a constraint must carry an ``sh:message``, so that a failed validation
tells a person what is wrong in words, not only which constraint component fired.
``shapes_lacking_message`` checks that rule; the test suite runs it on ``ontology/shapes.ttl``.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Node
from rdflib.namespace import SH

from allegiance import resources

CONSTRAINT_PARAMETERS = (
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH.minExclusive,
    SH.minInclusive,
    SH.maxExclusive,
    SH.maxInclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH.languageIn,
    SH.uniqueLang,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    SH.node,
    SH.qualifiedValueShape,
    SH.closed,
    SH.hasValue,
    SH["in"],
    SH.sparql,
)
"""The parameters of SHACL core constraint components (plus sh:sparql, which we do not use)."""


@cache
def shapes_graph() -> Graph:
    """``ontology/shapes.ttl``, parsed once per process."""
    graph = Graph()
    graph.parse(resources.shapes_path(), format="turtle")
    return graph


def shapes_lacking_message(graph: Graph) -> list[Node]:
    """Shapes of ``graph`` that declare a constraint but no ``sh:message``, sorted."""
    lacking: set[Node] = set()
    for parameter in CONSTRAINT_PARAMETERS:
        for shape in graph.subjects(parameter, None):
            if graph.value(shape, SH.message) is None:
                lacking.add(shape)
    return sorted(lacking, key=lambda node: (type(node).__name__, str(node)))
