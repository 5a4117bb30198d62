"""What an export contains: the whole dataset, some named graphs, or one actor's neighbourhood.

A selection yields ``(graph IRI, triples)`` pairs one graph at a time, graphs in IRI order (the
default graph, named ``None``, first), so writers never hold more than one graph in memory.

An actor's neighbourhood is what a reader needs to check every claim about that actor: in each
document graph, the claims whose ``alg:subjectActor`` or ``alg:objectActor`` it is, and every
node reachable from them inside that graph (evidence, its target and selectors, quantity,
extraction run and software agent, the document node) except other claims; plus the actor's own
description wherever it is stated (the reference graph). The walk follows links, not IRI
patterns, so it needs no knowledge of how the model names its nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from allegiance.export.lines import (
    DEFAULT_RUN_LINES,
    canonical_blank_nodes,
    graph_lines,
    graph_triples,
    triples_lines,
)
from allegiance.namespaces import ALG, ALI
from allegiance.store import GraphStore, StoreError

GraphTriples = tuple[str | None, list[ox.Triple]]
GraphLines = tuple[str | None, Iterable[bytes]]

SUBJECT_ACTOR = ox.NamedNode(str(ALG.subjectActor))
OBJECT_ACTOR = ox.NamedNode(str(ALG.objectActor))


@dataclass(frozen=True)
class Selection:
    """Which part of the store to export; the default is everything but the catalogue."""

    graphs: tuple[str, ...] = ()
    actor: str | None = None


def actor_iri(store: GraphStore, actor: str) -> str:
    """Accept an actor IRI, an ``ali:`` id (``actor/IRN``) or a GOLD id (``IRN``, ``hezbollah``)."""
    if "://" in actor:
        return actor
    candidates = [actor, f"actor/{actor}", f"actor/{actor.upper()}", f"actor/{actor.lower()}"]
    for candidate in dict.fromkeys(candidates):
        iri = str(ALI) + candidate
        if store.ask(f"ASK {{ {ox.NamedNode(iri)} ?p ?o }}"):
            return iri
    raise StoreError(f"no actor {actor!r} in the store (give its id, e.g. IRN, or its IRI)")


def dataset_graphs(store: GraphStore, graphs: Sequence[str] = ()) -> list[str | None]:
    """The graphs to export, in order: the default graph (if it has triples), then named ones."""
    present = store.graphs()
    if graphs:
        missing = sorted(set(graphs) - set(present))
        if missing:
            raise StoreError(f"no such graph in the store: <{missing[0]}>")
        return sorted(set(graphs))
    has_default = bool(
        store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=False, include_catalogue=True)
    )
    return [*([None] if has_default else []), *present]


def iter_selection(store: GraphStore, selection: Selection) -> Iterator[GraphTriples]:
    """The selected triples, graph by graph, blank nodes already canonical."""
    if selection.actor is not None:
        yield from _neighbourhood(store, actor_iri(store, selection.actor), selection.graphs)
        return
    for graph in dataset_graphs(store, selection.graphs):
        triples = canonical_blank_nodes(graph_triples(store, graph), graph)
        if triples:
            yield graph, triples


def iter_selection_lines(
    store: GraphStore, selection: Selection, *, quads: bool, run_lines: int = DEFAULT_RUN_LINES
) -> Iterator[GraphLines]:
    """The selected graphs as sorted N-Quads (``quads``) or N-Triples lines, graph by graph.

    The fast path of the line formats: whole graphs are serialised by pyoxigraph
    (``lines.graph_lines``) instead of going through ``ox.Triple`` objects; an actor's
    neighbourhood is a filtered subset of each graph, so it takes the triples' path.
    A graph's lines are produced only when the consumer reaches that graph.
    """
    if selection.actor is not None:
        for graph, triples in iter_selection(store, selection):
            yield graph, triples_lines(triples, graph, quads=quads)
        return
    for graph in dataset_graphs(store, selection.graphs):
        yield graph, graph_lines(store, graph, quads=quads, run_lines=run_lines)


def _neighbourhood(
    store: GraphStore, actor: str, graphs: Sequence[str]
) -> Iterator[GraphTriples]:
    node = ox.NamedNode(actor)
    found = store.select_rows(
        "SELECT DISTINCT ?g ?c WHERE { GRAPH ?g { "
        f"{{ ?c {SUBJECT_ACTOR} {node} }} UNION {{ ?c {OBJECT_ACTOR} {node} }} }} }}"
    )[1]
    claims: dict[str, set[str]] = {}
    for graph, claim in found:
        if graph is not None and claim is not None:
            claims.setdefault(graph, set()).add(claim)
    described = store.select_rows(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}")[1]
    wanted = sorted(set(claims) | {row[0] for row in described if row[0] is not None})
    if graphs:
        wanted = [graph for graph in wanted if graph in set(graphs)]
    for graph in wanted:
        triples = canonical_blank_nodes(graph_triples(store, graph), graph)
        kept = _reachable(triples, claims.get(graph, set()), actor)
        if kept:
            yield graph, kept


def _reachable(triples: list[ox.Triple], claims: set[str], actor: str) -> list[ox.Triple]:
    """Triples of the actor and of every node reachable from ``claims`` except other claims."""
    by_subject: dict[str, list[ox.Triple]] = {}
    for triple in triples:
        by_subject.setdefault(triple.subject.value, []).append(triple)
    other_claims = {
        t.subject.value for t in triples if t.predicate in (SUBJECT_ACTOR, OBJECT_ACTOR)
    } - claims
    seen = {actor, *claims}
    stack = sorted(claims)
    kept = list(by_subject.get(actor, []))
    while stack:
        for triple in by_subject.get(stack.pop(), []):
            kept.append(triple)
            target = triple.object
            if (isinstance(target, ox.NamedNode | ox.BlankNode) and target.value not in seen
                    and target.value not in other_claims and target.value in by_subject):
                seen.add(target.value)
                stack.append(target.value)
    return kept
