"""The template API: every ``queries/*.rq`` as ``GET /api/NAME?param=value``, and its OpenAPI 3.

A request is validated exactly as ``allegiance query`` validates it (``prepare`` with the
gazetteer): a bad value answers 400 with the ``ParameterError`` message, which for an unknown
actor lists the closest names. The filled-in query then runs like any ``/sparql`` query (same
pool, limits and formats; JSON unless the client asks for CSV, TSV or XML). Templates whose
header says ``method: POST`` also take a form POST.

The OpenAPI document is generated from the template headers (summary, description, tags,
parameter names, types, choices and defaults), so it cannot drift from the catalogue.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from allegiance import __version__
from allegiance.query import Parameter, ParameterError, Template, TemplateError, get_template
from allegiance.query.narrow import wanted
from allegiance.query.params import XSD
from allegiance.query.templates import prepare
from allegiance.serve.errors import HttpError
from allegiance.serve.http import (
    Params,
    json_error,
    media_type,
    parse_params,
    query_params,
    read_body,
    single,
)
from allegiance.serve.negotiate import RESULT_TYPES, choose_result
from allegiance.serve.protocol import reply_response
from allegiance.serve.state import Server, server_of
from allegiance.serve.tasks import run_template

PAGE = "page"
FORM = "application/x-www-form-urlencoded"


def _template(server: Server, name: str) -> Template:
    if name in server.templates:
        return server.templates[name]
    try:
        return get_template(name)  # raises with the closest names
    except TemplateError as error:
        raise HttpError(404, str(error)) from None


async def _params(request: Request, server: Server, template: Template) -> Params:
    params = query_params(request)
    if request.method == "POST":
        if template.method != "POST":
            raise HttpError(405, f"template {template.name!r} is queried by GET",
                            {"Allow": "GET, HEAD"})
        kind, _ = media_type(request)
        if kind != FORM:
            raise HttpError(415, f"a template POST is a form ({FORM}), not {kind!r}")
        params = parse_params(await read_body(request, server.config.max_body),
                              "the form body") + params
    return params


def _values(params: Params) -> tuple[dict[str, str], int | None]:
    names = sorted({key for key, _ in params})
    found = {name: single(params, name) for name in names}
    values = {k: v for k, v in found.items() if v is not None and k != PAGE}
    page_text = found.get(PAGE)
    if page_text is None:
        return values, None
    if not page_text.isdigit():
        raise HttpError(400, f"page must be a positive integer, not {page_text!r}")
    return values, int(page_text)


async def template_endpoint(request: Request) -> Response:
    server = server_of(request)
    try:
        template = _template(server, request.path_params["name"])
        values, page = _values(await _params(request, server, template))
        try:
            prepared = prepare(template, values, gazetteer=server.gazetteer, page=page)
        except (ParameterError, TemplateError) as error:
            raise HttpError(400, str(error)) from None
        accept = request.headers.get("accept")
        if choose_result(accept) is None:
            raise HttpError(406, f"templates answer in {', '.join(RESULT_TYPES)}")
        reply = await server.call(run_template, prepared.sparql, template.insert_at,
                                  wanted(prepared), accept, server.limits)
        return reply_response(reply)
    except HttpError as error:
        return json_error(error)


def catalogue_endpoint(request: Request) -> Response:
    server = server_of(request)
    listing = [{"name": t.name, "summary": t.summary, "path": f"/api/{t.name}",
                "parameters": [{"name": p.name, "type": p.type_label, "required": p.required,
                                "choices": p.choices()} for p in t.parameters]}
               for t in server.templates.values()]
    return Response(json.dumps(listing, ensure_ascii=False, indent=1).encode("utf-8"),
                    media_type="application/json")


def _schema(parameter: Parameter) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    datatype = (parameter.datatype or "").removeprefix(XSD)
    if parameter.domain == "year" or datatype in ("integer", "gYear"):
        schema = {"type": "integer"}
    elif datatype == "decimal":
        schema = {"type": "number"}
    elif datatype == "boolean":
        schema = {"type": "boolean"}
    elif datatype == "date":
        schema = {"type": "string", "format": "date"}
    elif parameter.kind == "iri" and parameter.domain is None:
        schema = {"type": "string", "format": "uri"}
    if parameter.choices():
        schema["enum"] = parameter.choices()
    if parameter.default is not None:
        schema["default"] = parameter.default
    return schema


def _description(parameter: Parameter) -> str:
    if parameter.domain == "actor":
        return "An actor: a name, alias, demonym, ISO 3166 code, id or actor IRI."
    return f"A value of type {parameter.type_label}."


def _operation(template: Template) -> dict[str, Any]:
    parameters = [{"name": p.name, "in": "query", "required": p.required,
                   "description": _description(p), "schema": _schema(p)}
                  for p in template.parameters]
    if template.pagination:
        parameters.append({"name": PAGE, "in": "query", "required": False,
                           "description": f"Page number ({template.pagination} rows a page).",
                           "schema": {"type": "integer", "minimum": 1}})
    results = {"$ref": "#/components/schemas/SparqlResults"}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        "operationId": template.name.replace("-", "_"),
        "summary": template.summary,
        "description": template.description or template.summary,
        "tags": template.tags,
        "parameters": parameters,
        "responses": {
            "200": {"description": "The answer, complete.",
                    "content": {media: {"schema": results} if "json" in media else {}
                                for media in RESULT_TYPES}},
            "400": {"description": "A parameter is missing or does not fit its type.", **error},
            "406": {"description": "No acceptable result format.", **error},
            "503": {"description": "The query ran past the time limit.", **error},
        },
    }


def openapi_document(templates: dict[str, Template], base_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for name in sorted(templates):
        template = templates[name]
        item = {"get": _operation(template)}
        if template.method == "POST":
            post = dict(_operation(template), operationId=name.replace("-", "_") + "_post")
            properties = {p["name"]: p["schema"] for p in post.pop("parameters")}
            post["requestBody"] = {"content": {FORM: {"schema": {
                "type": "object", "properties": properties}}}}
            item["post"] = post
        paths[f"/api/{name}"] = item
    return {
        "openapi": "3.0.3",
        "info": {"title": "Allegiance template API", "version": __version__,
                 "description": "The catalogued questions of the Allegiance knowledge graph; "
                                "SPARQL itself is at /sparql (SPARQL 1.1 Protocol)."},
        "servers": [{"url": base_url}],
        "paths": paths,
        "components": {"schemas": {
            "SparqlResults": {"type": "object", "required": ["head"], "properties": {
                "head": {"type": "object"}, "results": {"type": "object"},
                "boolean": {"type": "boolean"}}},
            "Error": {"type": "object", "required": ["status", "error"], "properties": {
                "status": {"type": "integer"}, "error": {"type": "string"}}},
        }},
    }


def openapi_endpoint(request: Request) -> Response:
    server = server_of(request)
    document = openapi_document(server.templates, server.config.public_url)
    return Response(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"),
                    media_type="application/json")
