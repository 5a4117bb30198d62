"""The RDF 1.2 view: derived actor-level edges annotated with the claims they rest on.

RDF 1.1 can only say "A cooperates militarily with B" (the inferred graph) and, separately,
"claim c says A and B cooperate militarily" (the document graphs); linking the two needs a
query. RDF 1.2 triple terms say it in the data: each edge of the inferred graph whose property
carries ``alg:forPolarity`` (and possibly ``alg:forDimension``) in the ontology gets a reifier

    <a> alg:cooperatesMilitarilyWith <b> .
    <id/edge/{hash}> rdf:reifies <<( <a> alg:cooperatesMilitarilyWith <b> )>> ;
        prov:wasDerivedFrom <claim 1>, <claim 2> .

which Turtle 1.2 writes as ``<a> alg:cooperatesMilitarilyWith <b> ~ <id/edge/...>
{| prov:wasDerivedFrom ... |}``. A claim supports an edge when its two actors are the edge's
(either way round: the relations are symmetric), its polarity is the property's
``alg:forPolarity`` and, where the property has one, its dimension is ``alg:forDimension``; the
mapping is read from the ontology, as the reasoner reads it. Edges without such annotations
(``alg:relatedTo``, ``alg:backs``, ``alg:hasInfluenceIn``) are not annotated.

The reifier is an IRI, ``id/edge/{hash16(subject, property, object)}``, not a blank node, so the
view needs no blank-node canonicalisation and the same store gives the same bytes. pyoxigraph
0.5 parses, stores, queries (``TRIPLE``, ``SUBJECT``, ``<<( )>>`` patterns) and serialises triple
terms in N-Quads, N-Triples, TriG and Turtle; the view is written as one more named graph
(``EDGE_CLAIMS_GRAPH``) of an N-Quads or TriG export, for stores that read RDF 1.2.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from allegiance.export.lines import DEFAULT_RUN_LINES, unique_sorted
from allegiance.model.iris import hash16
from allegiance.model.vocab import ontology_graph
from allegiance.namespaces import ALG, ALI, PROV, RDF
from allegiance.store import GraphStore

EDGE_CLAIMS_GRAPH = f"{ALI}graph/edge-claims"
"""The named graph holding the RDF 1.2 view in an export."""

INFERRED_GRAPH = f"{ALI}graph/inferred"
"""Where the reasoner writes the derived actor-level edges (``allegiance.reason``)."""

REIFIES = f"<{RDF}reifies>"
DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"

_QUERY = """SELECT ?a ?p ?b ?c WHERE {{
  VALUES (?p ?polarity ?dimension) {{ {rows} }}
  GRAPH <{inferred}> {{ ?a ?p ?b }}
  {{ ?c <{subject}> ?a ; <{object}> ?b }} UNION {{ ?c <{subject}> ?b ; <{object}> ?a }}
  ?c <{polarity}> ?polarity .
  OPTIONAL {{ ?c <{dimension}> ?claimDimension }}
  FILTER(!BOUND(?dimension) || ?claimDimension = ?dimension)
}}"""


def edge_annotations() -> list[tuple[str, str, str | None]]:
    """(property, polarity, dimension or None) from the ontology's ``alg:forPolarity``."""
    graph = ontology_graph()
    rows = []
    for prop, polarity in graph.subject_objects(ALG.forPolarity):
        dimension = graph.value(prop, ALG.forDimension)
        rows.append((str(prop), str(polarity), None if dimension is None else str(dimension)))
    return sorted(rows, key=lambda row: (row[0], row[1], row[2] or ""))


def edge_iri(subject: str, predicate: str, obj: str) -> str:
    return f"{ALI}edge/{hash16(subject, predicate, obj)}"


def edge_claim_lines(
    store: GraphStore, *, quads: bool = True, run_lines: int = DEFAULT_RUN_LINES
) -> Iterator[bytes]:
    """The view's lines (N-Quads in ``EDGE_CLAIMS_GRAPH``, or N-Triples), sorted, unique.

    The claim rows are streamed from one query and sorted externally, so memory stays bounded
    whatever the number of claims.
    """
    values = " ".join(
        f"(<{prop}> <{polarity}> {'UNDEF' if dimension is None else f'<{dimension}>'})"
        for prop, polarity, dimension in edge_annotations())
    if not values or INFERRED_GRAPH not in store.graphs():
        return iter(())
    sparql = _QUERY.format(rows=values, inferred=INFERRED_GRAPH, subject=ALG.subjectActor,
                           object=ALG.objectActor, polarity=ALG.polarity,
                           dimension=ALG.dimension)
    suffix = f" <{EDGE_CLAIMS_GRAPH}> ." if quads else " ."

    def lines() -> Iterator[bytes]:
        for row in store.query(sparql):  # type: ignore[union-attr]
            a, p, b, claim = row[0], row[1], row[2], row[3]
            edge = f"<{edge_iri(a.value, p.value, b.value)}>"
            yield f"{a} {p} {b}{suffix}".encode()
            yield f"{edge} {REIFIES} <<( {a} {p} {b} )>>{suffix}".encode()
            yield f"{edge} {DERIVED_FROM} {claim}{suffix}".encode()

    return unique_sorted(lines(), run_lines=run_lines)


def edge_claim_quads(store: GraphStore) -> list[ox.Quad]:
    """The view as pyoxigraph quads (for TriG, and for tests)."""
    data = b"".join(line + b"\n" for line in edge_claim_lines(store))
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) if data else []
