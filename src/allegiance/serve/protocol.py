"""The SPARQL 1.1 Protocol query operation at ``/sparql``, and its service description.

Followed to the letter (https://www.w3.org/TR/sparql11-protocol/): a query comes by GET
(``?query=``), by POST ``application/x-www-form-urlencoded`` or by POST
``application/sparql-query`` (the body is the query, UTF-8); ``default-graph-uri`` and
``named-graph-uri`` replace the query's own FROM / FROM NAMED, and naming only one kind leaves
the other empty. Errors: 400 for a malformed request (no or repeated ``query``, a missing
content type, a body that is not UTF-8, a syntax error, an invalid graph IRI), 415 for a body
of another media type, 413 for a body over the limit, 406 when no accepted format fits the
query form, 503 when the time limit stops the query and 500 for failures while executing.

Without dataset parameters the default graph is the union of all named graphs (the catalogue
excepted), as in ``allegiance sparql``; the service description says so with
``sd:UnionDefaultGraph``.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS
from starlette.requests import Request
from starlette.responses import Response

from allegiance.export.describe import DATASET, SD
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
from allegiance.serve.negotiate import RDF_TYPES, RESULT_TYPES, choose_rdf, choose_result
from allegiance.serve.state import Server, server_of
from allegiance.serve.tasks import Dataset, Reply, run_query

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
FORMATS_NS = "http://www.w3.org/ns/formats/"
FORMAT_NAMES = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle", "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD", "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N-Quads", "application/trig": "TriG",
}
RDFLIB_FORMATS = {
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
    "application/rdf+xml": "xml", "application/n-quads": "nquads", "application/trig": "trig",
}


def dataset_of(params: Params) -> Dataset | None:
    default, named = values(params, "default-graph-uri"), values(params, "named-graph-uri")
    if not default and not named:
        return None
    for iri in (*default, *named):
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise HttpError(400, f"graph IRI {iri!r} is not an absolute IRI") from None
    return Dataset(tuple(default), tuple(named))


def _no_update(params: Params) -> None:
    if values(params, "update"):
        raise HttpError(400, "this is the query endpoint; send updates by POST to /update")


async def parse_request(request: Request, max_body: int) -> tuple[str | None, Dataset | None]:
    """The query (None: the client asked for the service description) and its dataset."""
    url = query_params(request)
    if request.method in ("GET", "HEAD"):
        _no_update(url)
        query = single(url, "query")
        if query is None and url:
            raise HttpError(400, "no 'query' parameter (GET /sparql without parameters gives "
                                 "the service description)")
        return query, dataset_of(url)
    kind, options = media_type(request)
    if kind is None:
        raise HttpError(400, f"a POST needs a Content-Type: {FORM} or {SPARQL_QUERY}")
    if kind not in (FORM, SPARQL_QUERY):
        raise HttpError(415, f"unsupported Content-Type {kind!r}; use {FORM} or {SPARQL_QUERY}")
    charset = options.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"unsupported charset {charset!r}; SPARQL requests are UTF-8")
    body = await read_body(request, max_body)
    if kind == SPARQL_QUERY:
        if values(url, "query"):
            raise HttpError(400, "the query is both in the body and in the URL")
        _no_update(url)
        return utf8(body, "the request body"), dataset_of(url)
    params = parse_params(body, "the form body") + url
    _no_update(params)
    query = single(params, "query")
    if query is None:
        raise HttpError(400, "the form has no 'query' field")
    return query, dataset_of(params)


def reply_response(reply: Reply) -> Response:
    headers = {"Vary": "Accept", **reply.headers}
    return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)


def service_description(base_url: str, writable: bool) -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("rdfs", RDFS)
    graph.bind("dcterms", DCTERMS)
    endpoint = rdflib.URIRef(f"{base_url}/sparql")
    service = rdflib.URIRef(f"{base_url}/sparql#service")
    default = rdflib.URIRef(f"{base_url}/sparql#default-graph")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if writable:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for media in (*RESULT_TYPES, *RDF_TYPES):
        graph.add((service, SD.resultFormat, rdflib.URIRef(FORMATS_NS + FORMAT_NAMES[media])))
    graph.add((service, SD.defaultDataset, DATASET))
    graph.add((DATASET, RDF.type, SD.Dataset))
    graph.add((DATASET, SD.defaultGraph, default))
    graph.add((DATASET, RDFS.seeAlso, rdflib.URIRef(f"{base_url}/.well-known/void")))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, DCTERMS.description, rdflib.Literal(
        "The union of all named graphs: one per document, plus the reference, ontology and "
        "derived graphs.", lang="en")))
    return graph


def rdf_response(graph: rdflib.Graph, accept: str | None) -> Response:
    media = choose_rdf(accept)
    if media is None:
        raise HttpError(406, f"no accepted RDF media type; available: {', '.join(RDF_TYPES)}")
    body = graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    return Response(body, 200, media_type=media, headers={"Vary": "Accept"})


async def answer(server: Server, query: str, dataset: Dataset | None,
                 accept: str | None) -> Response:
    if choose_result(accept) is None and choose_rdf(accept) is None:
        raise HttpError(406, "no accepted media type is a SPARQL result or RDF format; "
                             f"available: {', '.join([*RESULT_TYPES, *RDF_TYPES])}")
    reply = await server.call(run_query, query, dataset, accept, server.limits)
    return reply_response(reply)


async def sparql_endpoint(request: Request) -> Response:
    server = server_of(request)
    try:
        query, dataset = await parse_request(request, server.config.max_body)
        accept = request.headers.get("accept")
        if query is None:
            return rdf_response(service_description(server.config.public_url,
                                                    server.config.writable), accept)
        return await answer(server, query, dataset, accept)
    except HttpError as error:
        return text_error(error)
