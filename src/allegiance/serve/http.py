"""Request reading and response helpers shared by the routes: strict, bounded, complete.

Bodies are read up to ``max_body`` bytes and refused with 413 beyond it (before reading when
``Content-Length`` already says so); parameters must be UTF-8 (a replacement character silently
changing a query is worse than a 400). Every response is built from a finished ``bytes`` body.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from allegiance.serve.errors import HttpError

Params = list[tuple[str, str]]


async def read_body(request: Request, max_body: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HttpError(400, f"invalid Content-Length {declared!r}")
        if int(declared) > max_body:
            raise HttpError(413, f"request body of {int(declared)} bytes is over the server's "
                                 f"limit of {max_body} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise HttpError(413, f"request body is over the server's limit of {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(400, f"{what} is not valid UTF-8 (byte {error.start})") from None


def parse_params(data: bytes, what: str) -> Params:
    """``a=1&b=2`` pairs, percent-decoded as strict UTF-8."""
    text = utf8(data, what)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, f"{what} has percent-encoded bytes that are not UTF-8") from None


def query_params(request: Request) -> Params:
    return parse_params(request.scope.get("query_string", b""), "the URL's query string")


def values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def single(params: Params, name: str) -> str | None:
    found = values(params, name)
    if len(found) > 1:
        raise HttpError(400, f"parameter {name!r} is given {len(found)} times; give it once")
    return found[0] if found else None


def media_type(request: Request) -> tuple[str | None, dict[str, str]]:
    """The request's media type (lowercase) and its parameters, or None when absent."""
    header = request.headers.get("content-type")
    if not header or not header.strip():
        return None, {}
    main, *rest = header.split(";")
    parameters = {}
    for item in rest:
        key, _, value = item.partition("=")
        parameters[key.strip().lower()] = value.strip().strip('"')
    return main.strip().lower(), parameters


def text_error(error: HttpError) -> Response:
    return Response(f"{error.status} {error.message}\n".encode(), error.status,
                    media_type="text/plain; charset=utf-8", headers=error.headers)


def json_error(error: HttpError) -> Response:
    body = json.dumps({"status": error.status, "error": error.message}, ensure_ascii=False)
    return Response(body.encode("utf-8"), error.status, media_type="application/json",
                    headers=error.headers)


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "json" in accept and "html" not in accept
