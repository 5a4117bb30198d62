"""A small OWL 2 RL fixpoint for the actor layer, with owlrl's closure as its reference.

A full owlrl ``DeductiveClosure`` re-runs every rule over every triple (TBox included) each
cycle; on the actor layer it was most of a build's time (about 27 ms a document). Yet the data
it closes is simple: actor edges, ``rdf:type`` and ``alg:activeIn`` facts. So the TBox is closed
once per process with owlrl itself (the ``scm-*`` rules: sub-class and sub-property hierarchies,
equivalences, inherited domains and ranges), and the data is closed here with the few rules whose
premises are one data triple plus schema (``prp-spo1``, ``prp-symp``, ``prp-inv1/2``,
``prp-dom``, ``prp-rng``, ``cax-sco``) and the property chains (``prp-spo2``).

Every axiom is read from the TBox graph at run time, no property name is written here. The other
OWL 2 RL rules that could add a triple (functional and transitive properties, keys, restrictions,
intersections, enumerations, ``owl:sameAs``, schema triples among the data) are not implemented:
:func:`unsupported` names the first one whose premises the closed data could meet, and the caller
then runs owlrl instead. The consistency rules (disjointness and the like) only add error nodes
with blank subjects, which the actor layer drops either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_SCHEMA_NAMESPACES = (str(RDF), str(RDFS), str(OWL))
_HARMLESS_TYPES = frozenset({OWL.Thing, OWL.NamedIndividual, RDFS.Resource})
_GUARDED_CHARACTERISTICS = (
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
)


def owlrl_closure(graph: Graph) -> Graph:
    """owlrl's OWL 2 RL closure of a copy of ``graph`` (no axiomatic triples, as before)."""
    work = Graph()
    for triple in graph:
        work.add(triple)
    DeductiveClosure(OWLRL_Semantics).expand(work)
    return work


@dataclass(frozen=True)
class Schema:
    """The closed TBox, and the data rules it implies compiled over integer term ids.

    Terms are numbered because rdflib terms hash and compare in Python: sets of tuples of them
    were most of the fixpoint's time.
    """

    closed: Graph
    terms: dict[Node, int]
    rules: dict[int, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]]
    """``{property: (super-properties, flipped forms, domains, ranges)}``."""
    superclasses: dict[int, tuple[int, ...]]
    chains: tuple[tuple[int, tuple[int, ...]], ...]
    type_id: int


def _pairs(graph: Graph, predicate: URIRef) -> Iterable[tuple[Node, Node]]:
    return graph.subject_objects(predicate)


def schema_of(tbox: Graph) -> Schema:
    """Close the TBox with owlrl and compile the axioms the data rules read.

    ``flipped`` merges ``prp-symp`` (p itself) and ``prp-inv1/2`` (both directions); hierarchy
    pairs ``x -> x`` are dropped, since they derive the triple itself.
    """
    closed = owlrl_closure(tbox)
    terms: dict[Node, int] = {}

    def tid(node: Node) -> int:
        return terms.setdefault(node, len(terms))

    for triple in closed:
        for node in triple:
            tid(node)
    type_id = tid(RDF.type)
    table: dict[int, tuple[set[int], set[int], set[int], set[int]]] = defaultdict(
        lambda: (set(), set(), set(), set())
    )
    for sub, sup in _pairs(closed, RDFS.subPropertyOf):
        if sub != sup:
            table[tid(sub)][0].add(tid(sup))
    for prop in closed.subjects(RDF.type, OWL.SymmetricProperty):
        table[tid(prop)][1].add(tid(prop))
    for one, other in _pairs(closed, OWL.inverseOf):
        table[tid(one)][1].add(tid(other))
        table[tid(other)][1].add(tid(one))
    for prop, cls in _pairs(closed, RDFS.domain):
        table[tid(prop)][2].add(tid(cls))
    for prop, cls in _pairs(closed, RDFS.range):
        table[tid(prop)][3].add(tid(cls))
    superclasses: dict[int, set[int]] = defaultdict(set)
    for sub, sup in _pairs(closed, RDFS.subClassOf):
        if sub != sup:
            superclasses[tid(sub)].add(tid(sup))
    chains = tuple(
        (tid(prop), tuple(tid(link) for link in closed.items(head)))
        for prop, head in _pairs(closed, OWL.propertyChainAxiom)
    )
    return Schema(
        closed=closed,
        terms=terms,
        rules={p: tuple(tuple(sorted(part)) for part in parts) for p, parts in table.items()},
        superclasses={c: tuple(sorted(sups)) for c, sups in superclasses.items()},
        chains=tuple(chain for chain in chains if chain[1]),
        type_id=type_id,
    )


@cache
def cached_schema(tbox_key: frozenset[Triple]) -> Schema:
    """One TBox closure per process and TBox (the ontology does not change while we run)."""
    graph = Graph()
    for triple in tbox_key:
        graph.add(triple)
    return schema_of(graph)


IdTriple = tuple[int, int, int]


def _chain_triples(
    chains: tuple[tuple[int, tuple[int, ...]], ...], links: dict[int, dict[int, set[int]]]
) -> Iterable[IdTriple]:
    """``prp-spo2``: every path along each chain's properties, as a triple of the chain."""
    for prop, path in chains:
        for start, firsts in links.get(path[0], {}).items():
            frontier = set(firsts)
            for link in path[1:]:
                step = links.get(link, {})
                frontier = {end for node in frontier for end in step.get(node, ())}
                if not frontier:
                    break
            for end in frontier:
                yield (start, prop, end)


def closure_ids(schema: Schema, data: Iterable[IdTriple]) -> set[IdTriple]:
    """The fixpoint over term ids: single-premise rules by worklist, then chains, until stable."""
    known: set[IdTriple] = set()
    rules, superclasses, type_id = schema.rules, schema.superclasses, schema.type_id
    chained = {link for _, path in schema.chains for link in path}
    links: dict[int, dict[int, set[int]]] = {p: defaultdict(set) for p in chained}
    todo = list(data)
    while todo:
        push = todo.append
        while todo:
            triple = todo.pop()
            if triple in known:
                continue
            known.add(triple)
            s, p, o = triple
            if p in chained:
                links[p][s].add(o)
            if p == type_id:
                for cls in superclasses.get(o, ()):
                    push((s, type_id, cls))
            rule = rules.get(p)
            if rule is not None:
                supers, flipped, domains, ranges = rule
                for sup in supers:
                    push((s, sup, o))
                for inv in flipped:
                    push((o, inv, s))
                for cls in domains:
                    push((s, type_id, cls))
                for cls in ranges:
                    push((o, type_id, cls))
        todo = [t for t in _chain_triples(schema.chains, links) if t not in known]
    return known


def _is_schema_term(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_SCHEMA_NAMESPACES)


def unsupported(schema: Schema, props: set[Node], classes: set[Node]) -> str | None:
    """Why the fast closure may differ from OWL 2 RL, or None if it cannot.

    ``props`` are the properties of the closed data, ``classes`` the classes its individuals
    are typed with. Conservative: a construct counts as soon as the data holds a triple with its
    property or an individual of its class, whether or not its rule would then fire.
    """
    for cls in classes:
        if _is_schema_term(cls) and cls not in _HARMLESS_TYPES:
            return f"data typed with schema class {cls}"
    for prop in props:
        if prop != RDF.type and _is_schema_term(prop):
            return f"schema property {prop} in the data"
    closed = schema.closed
    for prop, head in closed.subject_objects(OWL.propertyChainAxiom):
        if any(_is_schema_term(link) for link in closed.items(head)):
            return f"chain of {prop} goes through a schema property"
    for characteristic in _GUARDED_CHARACTERISTICS:
        for prop in closed.subjects(RDF.type, characteristic):
            if prop in props:
                return f"{prop} is a {characteristic} used in the data"
    for restriction, prop in closed.subject_objects(OWL.onProperty):
        has_value = (restriction, OWL.hasValue, None) in closed
        if prop in props or (has_value and restriction in classes):
            return f"restriction on {prop} applies to the data"
    for cls, head in closed.subject_objects(OWL.intersectionOf):
        if any(member in classes for member in closed.items(head)):
            return f"intersection {cls} may apply to the data"
    for cls in closed.subjects(OWL.hasKey, None):
        if cls in classes:
            return f"key of {cls} applies to the data"
    if (None, OWL.oneOf, None) in closed:
        return "owl:oneOf in the TBox"
    for s, o in closed.subject_objects(OWL.sameAs):
        if s != o:
            return f"owl:sameAs between {s} and {o} in the TBox"
    return None


def _individual_in_tbox(schema: Schema, closed: set[IdTriple]) -> int | None:
    """An individual of the data that the TBox also names (ids below ``len(schema.terms)``).

    The rules here never join data with TBox triples; owlrl would, if a node were in both.
    """
    known = len(schema.terms)
    for s, p, o in closed:
        if s < known or (o < known and p != schema.type_id):
            return s if s < known else o
    return None


def fast_closure(tbox: Graph, data: Iterable[Triple]) -> tuple[set[Triple], str | None]:
    """The closure of ``data`` under ``tbox``, and why owlrl is needed instead (None: it is not).

    When a reason is returned the set holds the supported rules' result only and must not be
    used as the OWL 2 RL closure.
    """
    schema = cached_schema(frozenset(tbox))
    terms = dict(schema.terms)
    intern = terms.setdefault
    ids = [
        (intern(s, len(terms)), intern(p, len(terms)), intern(o, len(terms))) for s, p, o in data
    ]
    closed = closure_ids(schema, ids)
    nodes = list(terms)
    shared = _individual_in_tbox(schema, closed)
    if shared is not None:
        return set(), f"{nodes[shared]} is both an individual of the data and a TBox term"
    props = {nodes[p] for p in {p for _, p, _ in closed}}
    classes = {nodes[o] for o in {o for _, p, o in closed if p == schema.type_id}}
    triples = {(nodes[s], nodes[p], nodes[o]) for s, p, o in closed}
    return triples, unsupported(schema, props, classes)


__all__ = [
    "Schema",
    "closure_ids",
    "fast_closure",
    "owlrl_closure",
    "schema_of",
    "unsupported",
]
