"""Work done inside a query process: each function takes the process's ``Snapshot`` first.

They return plain picklable values (a ``Reply`` or lists of terms), build the whole body before
returning, and signal every failure as an ``HttpError`` with the status the client will see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from allegiance.export import describe
from allegiance.query.narrow import narrow_sparql
from allegiance.query.run import GRAPH_KEYWORD
from allegiance.serve.errors import HttpError
from allegiance.serve.negotiate import RDF_TYPES, RESULT_TYPES, choose_rdf, choose_result
from allegiance.serve.results import (
    boolean_body,
    check_size,
    collect,
    described_body,
    result_kind,
    solutions_body,
    triples_body,
)
from allegiance.serve.snapshot import Snapshot
from allegiance.store import CATALOGUE_IRI, StoreError
from allegiance.store.claimsearch import Limit, Wanted, candidates


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_bytes: int


@dataclass(frozen=True)
class Dataset:
    """The protocol's ``default-graph-uri`` / ``named-graph-uri`` values."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _options(snapshot: Snapshot, dataset: Dataset | None, sparql: str) -> dict[str, Any]:
    if dataset is None:
        # Oxigraph's native union (listing every graph instead is 6-8x slower); the catalogue's
        # entries are nodes of their own. Only a query with a GRAPH pattern gets the list of
        # named graphs without the catalogue: converting that list costs time per graph on
        # every query (seconds per trivial query at 100,000 documents).
        if GRAPH_KEYWORD.search(sparql):
            return {"use_default_graph_as_union": True, "named_graphs": snapshot.graphs()}
        return {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(iri) for iri in dataset.default],
            "named_graphs": [ox.NamedNode(iri) for iri in dataset.named]}


def _not_acceptable(what: str, offers: list[str]) -> HttpError:
    return HttpError(406, f"cannot answer a {what} query in any accepted media type; "
                          f"available: {', '.join(offers)}")


def _evaluate(snapshot: Snapshot, sparql: str, dataset: Dataset | None, accept: str | None,
              limits: Limits) -> Reply:
    try:
        result = snapshot.raw.query(sparql, **_options(snapshot, dataset, sparql))
    except SyntaxError as error:
        raise HttpError(400, f"SPARQL syntax error: {error}") from None
    if isinstance(result, ox.QueryBoolean):
        media = choose_result(accept)
        if media is None:
            raise _not_acceptable("ASK", list(RESULT_TYPES))
        return Reply(200, media, boolean_body(bool(result), result_kind(media)))
    if isinstance(result, ox.QuerySolutions):
        media = choose_result(accept)
        if media is None:
            raise _not_acceptable("SELECT", list(RESULT_TYPES))
        variables = [v.value for v in result.variables]
        solutions = collect(result, limits.max_rows, "rows")
        rows = [[s[name] for name in variables] for s in solutions]
        body = solutions_body(variables, rows, result_kind(media))
        return Reply(200, media, check_size(body, limits.max_bytes))
    media = choose_rdf(accept)
    if media is None:
        raise _not_acceptable("CONSTRUCT/DESCRIBE", list(RDF_TYPES))
    triples = collect(result, limits.max_rows, "triples")
    return Reply(200, media, check_size(triples_body(triples, media), limits.max_bytes))


def run_query(snapshot: Snapshot, sparql: str, dataset: Dataset | None, accept: str | None,
              limits: Limits) -> Reply:
    """A SPARQL query answered in full in the negotiated format."""
    try:
        return snapshot.read(lambda: _evaluate(snapshot, sparql, dataset, accept, limits))
    except (OSError, RuntimeError, ValueError, StoreError) as error:
        raise HttpError(500, f"query failed: {error}") from None


def run_template(snapshot: Snapshot, sparql: str, insert_at: int, asked: Wanted | None,
                 accept: str | None, limits: Limits) -> Reply:
    """A filled-in template, narrowed by the claim index as this snapshot sees it. The
    candidates and the query come from one read of one snapshot (``Snapshot.read`` reopens a
    stale one before it, and retries both on a fresh one): candidates checked against one
    snapshot's stamp must not narrow a query run on a newer one, which may hold new claims."""
    def work() -> Reply:
        def propose(wanted: Wanted, limit: Limit) -> list[str] | None:
            return candidates(snapshot.raw, snapshot.path, wanted, limit)

        narrowed = narrow_sparql(sparql, insert_at, asked, propose)
        return _evaluate(snapshot, narrowed, None, accept, limits)

    try:
        return snapshot.read(work)
    except (OSError, RuntimeError, ValueError, StoreError) as error:
        raise HttpError(500, f"query failed: {error}") from None


def select_terms(snapshot: Snapshot, sparql: str, max_rows: int
                 ) -> tuple[list[str], list[list[Any]]]:
    """Variables and rows of pyoxigraph terms (for pages the server renders itself)."""
    def work() -> tuple[list[str], list[list[Any]]]:
        result = snapshot.raw.query(sparql, **_options(snapshot, None, sparql))
        if not isinstance(result, ox.QuerySolutions):
            raise HttpError(500, "an internal page query must be a SELECT")
        variables = [v.value for v in result.variables]
        return variables, [[s[v] for v in variables] for s in collect(result, max_rows, "rows")]

    try:
        return snapshot.read(work)
    except (OSError, RuntimeError, ValueError, SyntaxError, StoreError) as error:
        raise HttpError(500, f"query failed: {error}") from None


def resource_triples(snapshot: Snapshot, iri: str, max_rows: int) -> list[ox.Triple]:
    """What the store says about ``iri`` and its own hash IRIs (``...#quote``), as one
    bounded description: its triples in every graph but the catalogue, deduplicated, sorted."""
    catalogue = ox.NamedNode(CATALOGUE_IRI)

    def work() -> list[ox.Triple]:
        seen: set[ox.Triple] = set()
        todo, done = [ox.NamedNode(iri)], set()
        while todo:
            node = todo.pop()
            done.add(node)
            for quad in snapshot.raw.quads_for_pattern(node, None, None, None):
                if quad.graph_name == catalogue:
                    continue
                seen.add(quad.triple)
                if len(seen) > max_rows:
                    raise HttpError(500, f"the description of <{iri}> has more than "
                                         f"{max_rows} triples, the server's limit")
                target = quad.object
                if (isinstance(target, ox.NamedNode) and target.value.startswith(iri + "#")
                        and target not in done):
                    todo.append(target)
        return sorted(seen, key=str)

    try:
        return snapshot.read(work)
    except (OSError, RuntimeError, ValueError, StoreError) as error:
        raise HttpError(500, f"reading <{iri}> failed: {error}") from None


def describe_resource(snapshot: Snapshot, iri: str, media_type: str, limits: Limits) -> Reply:
    triples = resource_triples(snapshot, iri, limits.max_rows)
    if not triples:
        raise HttpError(404, f"nothing is known about <{iri}>")
    body = described_body(triples, media_type)
    return Reply(200, media_type, check_size(body, limits.max_bytes))


_RDFLIB_FORMATS = {
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
    "application/rdf+xml": "xml", "application/n-quads": "nquads", "application/trig": "trig",
}


def void_description(snapshot: Snapshot, base_url: str, media_type: str) -> Reply:
    """The VoID + DCAT description of the dataset, with this server's endpoint."""
    try:
        graph = describe(snapshot.store(), base_url)
    except (OSError, RuntimeError, ValueError, StoreError) as error:
        raise HttpError(500, f"describing the dataset failed: {error}") from None
    body = graph.serialize(format=_RDFLIB_FORMATS[media_type], encoding="utf-8")
    return Reply(200, media_type, body)


def graph_reply(snapshot: Snapshot, iri: str | None, media_type: str, limits: Limits) -> Reply:
    """One named graph (or, for None, the default graph: the union) for the Graph Store GET."""
    def work() -> list[ox.Triple]:
        if iri is None:
            union = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
            result = snapshot.raw.query(union, **_options(snapshot, None, union))
            return collect(result, limits.max_rows, "triples")
        node = ox.NamedNode(iri)
        if iri == CATALOGUE_IRI or not snapshot.raw.contains_named_graph(node):
            raise HttpError(404, f"no graph <{iri}> in the store")
        quads = snapshot.raw.quads_for_pattern(None, None, None, node)
        return collect((q.triple for q in quads), limits.max_rows, "triples")

    try:
        triples = snapshot.read(work)
    except (OSError, RuntimeError, ValueError, StoreError) as error:
        raise HttpError(500, f"reading the graph failed: {error}") from None
    return Reply(200, media_type, check_size(triples_body(triples, media_type), limits.max_bytes))


def actor_report(snapshot: Snapshot, actor_id: str) -> bytes:
    """The actor report of ``allegiance report`` (map, tiers, quantities, sources), rendered
    in the query process from the current snapshot."""
    from allegiance.report import render_actor_report

    return snapshot.read(
        lambda: render_actor_report(snapshot.store(), actor_id, generated_at="").encode("utf-8")
    )
