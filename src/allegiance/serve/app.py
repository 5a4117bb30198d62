"""The ASGI application: routes, start-up and shut-down, CORS, and the offline assets.

Start-up order matters for the store's lock: a writable server (one with a token) opens the
store read-write first, then the query processes open read-only snapshots beside it; a
read-only server never takes the lock, so ``allegiance build`` can run while it serves.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from allegiance.query import load_templates
from allegiance.reference import load_gazetteer
from allegiance.serve.api import catalogue_endpoint, openapi_endpoint, template_endpoint
from allegiance.serve.config import ServeConfig
from allegiance.serve.linked import actor_lookup, context, description, ontology, thing, void
from allegiance.serve.pool import QueryPool
from allegiance.serve.protocol import sparql_endpoint
from allegiance.serve.state import Server
from allegiance.serve.update import store_endpoint, update_endpoint
from allegiance.store import GraphStore

STATIC = Path(__file__).resolve().parent / "static"
MEDIA_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript",
               ".svg": "image/svg+xml"}


def static_assets() -> dict[str, tuple[bytes, str]]:
    """Every shipped asset by file name, read once: requests pick from this table and never
    name a file, so no path can escape the folder."""
    assets = {}
    for path in sorted(STATIC.iterdir()):
        if path.is_file() and path.suffix in MEDIA_TYPES:
            assets[path.name] = (path.read_bytes(), MEDIA_TYPES[path.suffix])
    return assets


def create_app(config: ServeConfig) -> Starlette:
    assets = static_assets()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        writer = GraphStore.open(config.store) if config.writable else None
        pool = QueryPool(config.store, config.workers, config.refresh_s)
        try:
            await pool.start()
            app.state.server = Server(config, pool, load_templates(), load_gazetteer(), writer)
            yield
        finally:
            await pool.close()
            if writer is not None:
                writer.close()

    def asset(request: Request) -> Response:
        name = request.path_params.get("name", "index.html")
        if name not in assets:
            return PlainTextResponse(f"404 no asset {name!r}\n", 404)
        body, media = assets[name]
        return Response(body, 200, media_type=media)

    routes = [
        Route("/", asset, methods=["GET"]),
        Route("/static/{name}", asset, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/update", update_endpoint, methods=["POST"]),
        Route("/store", store_endpoint, methods=["GET", "PUT", "POST", "DELETE"]),
        Route("/api", catalogue_endpoint, methods=["GET"]),
        Route("/api/{name}", template_endpoint, methods=["GET", "POST"]),
        Route("/openapi.json", openapi_endpoint, methods=["GET"]),
        Route("/id/{path:path}", thing, methods=["GET"]),
        Route("/data/{path:path}", description, methods=["GET"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/ontology/{version}", ontology, methods=["GET"]),
        Route("/context.jsonld", context, methods=["GET"]),
        Route("/.well-known/void", void, methods=["GET"]),
        Route("/actor", actor_lookup, methods=["GET"]),
    ]
    middleware = []
    if config.cors:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(config.cors),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            expose_headers=["Content-Location", "Vary"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def run(config: ServeConfig) -> None:
    """Serve until interrupted (one event loop; queries run in the pool's processes)."""
    import uvicorn

    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info",
                access_log=False)
