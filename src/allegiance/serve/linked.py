"""Linked data: our IRIs dereference on this server, with content negotiation.

Two kinds of IRI, two answers (docs/serving.md says why):

- Ontology terms are hash IRIs (``/ontology#State``): the client strips the fragment and gets
  the ontology document from ``/ontology`` (or its version IRI), negotiated directly (200,
  ``Vary: Accept``) as Turtle, RDF/XML, JSON-LD, N-Triples or the HTML documentation.
- Instances are slash IRIs naming things that are not documents (a state, a claim); ``/id/...``
  answers ``303 See Other`` to the document that describes the thing, ``/data/...`` with the
  extension of the negotiated format (``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.html``...),
  so each description has its own URL to cite, cache and link. ``/data/...`` without an
  extension negotiates itself.

Paths are checked against a strict pattern before they become IRIs: segments of unreserved
characters that do not start with a dot, so ``..`` and encoded forms never get through, and no
request path ever reaches the file system.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from allegiance import resources
from allegiance.query import ParameterError
from allegiance.query.params import resolve_actor
from allegiance.query.templates import prepare
from allegiance.serve.errors import HttpError
from allegiance.serve.http import query_params, single, text_error
from allegiance.serve.negotiate import EXTENSIONS, RDF_TYPES, choose_rdf
from allegiance.serve.pages import actor_page, evidence_query, resource_page
from allegiance.serve.protocol import reply_response
from allegiance.serve.state import Server, server_of
from allegiance.serve.tasks import (
    Reply,
    actor_report,
    describe_resource,
    resource_triples,
    select_terms,
    void_description,
)

ID_BASE = "https://w3id.org/allegiance/id/"
ONTOLOGY_IRI = "https://w3id.org/allegiance/ontology"
TIERS_TEMPLATE = "partners-by-tier"
_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*"
_LOCAL = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
_EXTENSION_OF = {media: ext for ext, media in EXTENSIONS.items()}


def local_id(path: str) -> str:
    if len(path) > 512 or not _LOCAL.fullmatch(path):
        raise HttpError(404, f"no resource at /id/{path}")
    return path


def _negotiated(request: Request) -> str:
    media = choose_rdf(request.headers.get("accept"), html=True)
    if media is None:
        raise HttpError(406, "available: text/html, " + ", ".join(RDF_TYPES))
    return media


async def thing(request: Request) -> Response:
    """``/id/...``: 303 to the describing document in the negotiated format."""
    try:
        path = local_id(request.path_params["path"])
        extension = _EXTENSION_OF[_negotiated(request)]
        return RedirectResponse(f"/data/{path}.{extension}", status_code=303,
                                headers={"Vary": "Accept"})
    except HttpError as error:
        return text_error(error)


def _split(path: str) -> tuple[str, str | None]:
    stem, dot, extension = path.rpartition(".")
    if dot and extension in EXTENSIONS and stem:
        return stem, EXTENSIONS[extension]
    return path, None


async def _actor_html(server: Server, iri: str, data_path: str) -> bytes:
    triples, evidence = await asyncio.gather(
        server.call(resource_triples, iri, server.config.max_rows),
        server.call(select_terms, evidence_query(iri), server.config.max_rows))
    if not triples:
        raise HttpError(404, f"nothing is known about <{iri}>")
    tiers: tuple[list[str], list[list[object]]] = ([], [])
    template = server.templates.get(TIERS_TEMPLATE)
    if template is not None:
        try:
            prepared = prepare(template, {"actor": iri}, gazetteer=server.gazetteer)
            tiers = await server.call(select_terms, prepared.sparql, server.config.max_rows)
        except ParameterError:
            pass  # an actor outside the reference data has no tiers
    return actor_page(iri, triples, tiers, evidence, data_path)


async def _actor_report_or_page(server: Server, iri: str, stem: str, data_path: str) -> bytes:
    """An actor of the reference data gets its full report (the page `allegiance report`
    writes); anything else known about gets the plain description page."""
    actor_id = stem.removeprefix("actor/")
    if server.gazetteer.get(actor_id) is not None:
        return await server.call(actor_report, actor_id)
    return await _actor_html(server, iri, data_path)


async def description(request: Request) -> Response:
    """``/data/...[.ext]``: the description of ``/id/...`` in one format."""
    server = server_of(request)
    try:
        stem, media = _split(request.path_params["path"])
        local_id(stem)
        fixed = media is not None
        media = media or _negotiated(request)
        iri = ID_BASE + stem
        data_path = f"/data/{stem}"
        headers = {"Content-Location": f"{data_path}.{_EXTENSION_OF[media]}"}
        if not fixed:
            headers["Vary"] = "Accept"
        if media == "text/html":
            if stem.startswith("actor/"):
                body = await _actor_report_or_page(server, iri, stem, data_path)
            else:
                triples = await server.call(resource_triples, iri, server.config.max_rows)
                if not triples:
                    raise HttpError(404, f"nothing is known about <{iri}>")
                body = resource_page(iri, triples, data_path)
            return Response(body, 200, media_type="text/html", headers=headers)
        reply: Reply = await server.call(describe_resource, iri, media, server.limits)
        reply.headers.update(headers)
        response = reply_response(reply)
        if fixed:
            del response.headers["vary"]
        return response
    except HttpError as error:
        return text_error(error)


def _ontology_bytes(media: str) -> bytes:
    source = resources.ontology_path()
    if media == "text/turtle":
        return Path(source).read_bytes()
    if media == "text/html":
        from allegiance.export.ontology import ontology_html

        return ontology_html().encode("utf-8")
    from allegiance.serve.results import described_body

    triples = [quad.triple for quad in ox.parse(path=source, format=ox.RdfFormat.TURTLE)]
    return described_body(triples, media)


async def ontology(request: Request) -> Response:
    """The ontology document (its IRI and version IRI), negotiated, computed once per format."""
    server = server_of(request)
    try:
        media = _negotiated(request)
        key = f"ontology {media}"
        if key not in server.cache:
            server.cache[key] = await asyncio.to_thread(_ontology_bytes, media)
        return Response(server.cache[key], 200, media_type=media, headers={"Vary": "Accept"})
    except HttpError as error:
        return text_error(error)


def context(request: Request) -> Response:
    body = resources.path("ontology", "context.jsonld").read_bytes()
    return Response(body, 200, media_type="application/ld+json")


async def void(request: Request) -> Response:
    """``/.well-known/void``: VoID + DCAT, counted from the store (RFC 8615 well-known path)."""
    server = server_of(request)
    try:
        media = choose_rdf(request.headers.get("accept"))
        if media is None:
            raise HttpError(406, "available: " + ", ".join(RDF_TYPES))
        reply = await server.call(void_description, server.config.public_url, media)
        return reply_response(reply)
    except HttpError as error:
        return text_error(error)


def actor_lookup(request: Request) -> Response:
    """``/actor?name=Iran``: resolve a name like the CLI does and go to the actor's page."""
    server = server_of(request)
    try:
        name = single(query_params(request), "name")
        if not name:
            raise HttpError(400, "give ?name= (a name, alias, ISO code or id)")
        try:
            iri = resolve_actor(name, server.gazetteer).value
        except ParameterError as error:
            raise HttpError(404, str(error)) from None
        return RedirectResponse("/" + iri.removeprefix("https://w3id.org/allegiance/"),
                                status_code=303)
    except HttpError as error:
        return text_error(error)
