"""Writing: SPARQL 1.1 Update at ``/update`` and the Graph Store Protocol at ``/store``.

Both exist only when the server was given a token (``--token`` or ``ALLEGIANCE_TOKEN``): without
one every write answers 403, and with one a request without ``Authorization: Bearer`` answers
401 and a wrong token 403. A writing server holds the store's RocksDB lock for as long as it
runs, so ``allegiance build`` on the same folder fails while it does: builds must go through
``/update`` / ``/store`` or wait. The query processes keep reading snapshots beside it, and
every write bumps their generation so they reopen and see it at once.

Graph Store writes go through ``GraphStore.replace_graph`` / ``drop_graph`` and keep the
store's catalogue right; a SPARQL Update is applied as written and does not, except that
``GraphStore.raw_update`` drops every claim table in the same transaction (see
docs/serving.md). Writes cannot be cancelled, so they have no time limit.
"""

from __future__ import annotations

import asyncio
import hmac

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from allegiance.serve.errors import HttpError
from allegiance.serve.http import (
    Params,
    media_type,
    parse_params,
    query_params,
    read_body,
    single,
    text_error,
    utf8,
    values,
)
from allegiance.serve.negotiate import RDF_TYPES, choose_rdf
from allegiance.serve.protocol import reply_response
from allegiance.serve.state import Server, server_of
from allegiance.serve.tasks import graph_reply
from allegiance.store import CATALOGUE_IRI, GraphStore, StoreError

FORM = "application/x-www-form-urlencoded"
SPARQL_UPDATE = "application/sparql-update"
TRIPLE_FORMATS = ("text/turtle", "application/n-triples", "application/rdf+xml",
                  "application/ld+json")


def authorise(request: Request, server: Server) -> GraphStore:
    token = server.config.token
    if not token or server.writer is None:
        raise HttpError(403, "this server is read-only; start it with --token (or "
                             "ALLEGIANCE_TOKEN) to accept updates")
    header = request.headers.get("authorization", "")
    if not header.strip():
        raise HttpError(401, "writing needs an 'Authorization: Bearer <token>' header",
                        {"WWW-Authenticate": 'Bearer realm="allegiance"'})
    scheme, _, given = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             token.encode()):
        raise HttpError(403, "the token is not valid for this server")
    return server.writer


async def _update_text(request: Request, max_body: int) -> str:
    kind, _ = media_type(request)
    url = query_params(request)
    if kind is None:
        raise HttpError(400, f"an update needs a Content-Type: {FORM} or {SPARQL_UPDATE}")
    if kind not in (FORM, SPARQL_UPDATE):
        raise HttpError(415, f"unsupported Content-Type {kind!r}; use {FORM} or {SPARQL_UPDATE}")
    body = await read_body(request, max_body)
    params: Params = url if kind == SPARQL_UPDATE else parse_params(body, "the form body") + url
    if values(params, "using-graph-uri") or values(params, "using-named-graph-uri"):
        raise HttpError(400, "using-graph-uri / using-named-graph-uri are not supported; "
                             "write USING / WITH in the update itself")
    if kind == SPARQL_UPDATE:
        return utf8(body, "the request body")
    update = single(params, "update")
    if update is None:
        raise HttpError(400, "the form has no 'update' field")
    return update


def _apply(writer: GraphStore, update: str) -> None:
    try:
        writer.raw_update(update)
    except SyntaxError as error:
        raise HttpError(400, f"SPARQL Update syntax error: {error}") from None
    except (OSError, RuntimeError, ValueError) as error:
        raise HttpError(500, f"update failed: {' '.join(str(error).split())}") from None


async def update_endpoint(request: Request) -> Response:
    server = server_of(request)
    try:
        writer = authorise(request, server)
        update = await _update_text(request, server.config.max_body)
        async with server.write_lock:
            await asyncio.to_thread(_apply, writer, update)
            server.pool.bump()
        return Response(status_code=204)
    except HttpError as error:
        return text_error(error)


def _target(request: Request) -> str | None:
    """The graph named by ``?graph=`` (None for ``?default``)."""
    params = query_params(request)
    graph, default = single(params, "graph"), values(params, "default")
    if (graph is None) == (not default):
        raise HttpError(400, "name exactly one target: ?graph=<IRI> or ?default")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise HttpError(400, f"graph {graph!r} is not an absolute IRI") from None
        if graph == CATALOGUE_IRI:
            raise HttpError(403, "the store's catalogue graph is maintained by the store")
    return graph


async def _parse_graph(request: Request, max_body: int) -> list[ox.Triple]:
    kind, _ = media_type(request)
    if kind not in TRIPLE_FORMATS:
        raise HttpError(415, f"unsupported Content-Type {kind!r}; use one of "
                             f"{', '.join(TRIPLE_FORMATS)}")
    body = await read_body(request, max_body)
    fmt = ox.RdfFormat.from_media_type(kind)
    try:
        return [quad.triple for quad in ox.parse(body, format=fmt, base_iri=str(request.url))]
    except (SyntaxError, ValueError) as error:
        raise HttpError(400, f"the body is not valid {kind}: {error}") from None


def _write(writer: GraphStore, method: str, graph: str, triples: list[ox.Triple]) -> int:
    try:
        if method == "DELETE":
            return 204 if writer.drop_graph(graph) else 404
        existed = graph in writer.graphs()
        if method == "POST" and existed:
            old = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in writer._db.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
            triples = old + triples
        writer.replace_graph(graph, triples)
        return 204 if existed else 201
    except StoreError as error:
        raise HttpError(500, str(error)) from None


async def store_endpoint(request: Request) -> Response:
    server = server_of(request)
    try:
        graph = _target(request)
        if request.method in ("GET", "HEAD"):
            media = choose_rdf(request.headers.get("accept"))
            if media is None:
                raise HttpError(406, f"no accepted RDF media type; available: "
                                     f"{', '.join(RDF_TYPES)}")
            reply = await server.call(graph_reply, graph, media, server.limits)
            return reply_response(reply)
        writer = authorise(request, server)
        if graph is None:
            raise HttpError(400, "the default graph is the union of the named graphs and "
                                 "cannot be written; name a graph with ?graph=")
        triples = [] if request.method == "DELETE" else await _parse_graph(
            request, server.config.max_body)
        async with server.write_lock:
            status = await asyncio.to_thread(_write, writer, request.method, graph, triples)
            server.pool.bump()
        if status == 404:
            raise HttpError(404, f"no graph <{graph}> in the store")
        return Response(status_code=status)
    except HttpError as error:
        return text_error(error)
