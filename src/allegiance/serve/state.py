"""What every route shares: the settings, the query pool, the template catalogue, and (only
when a token is configured) the writable store."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from allegiance.query import Template
from allegiance.reference import Gazetteer
from allegiance.serve.config import ServeConfig
from allegiance.serve.pool import QueryPool
from allegiance.serve.tasks import Limits
from allegiance.store import GraphStore


@dataclass
class Server:
    config: ServeConfig
    pool: QueryPool
    templates: dict[str, Template]
    gazetteer: Gazetteer
    writer: GraphStore | None = None
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    cache: dict[str, Any] = field(default_factory=dict)
    """Responses that never change while the server runs (the ontology page, say)."""

    @property
    def limits(self) -> Limits:
        return Limits(self.config.max_rows, self.config.max_bytes)

    async def call(self, function: Any, *args: Any) -> Any:
        return await self.pool.call(function, *args, timeout_s=self.config.timeout_s)


def server_of(request: Request) -> Server:
    return request.app.state.server
