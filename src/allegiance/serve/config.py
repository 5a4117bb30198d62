"""Settings of one server: where the store is, who may write, and the limits it enforces."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

TOKEN_VARIABLE = "ALLEGIANCE_TOKEN"

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_BODY = 1024 * 1024
DEFAULT_REFRESH_S = 2.0


def default_workers() -> int:
    """One query process per core, at least two, so a slow query always leaves one free."""
    return max(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str | None = None
    """Public URL of the server (for the service description and VoID); default from host:port."""
    token: str | None = None
    """Bearer token that enables /update and Graph Store writes; None keeps the server read-only."""
    cors: tuple[str, ...] = ()
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest serialized result; beyond it the answer is an error, never a truncated body."""
    max_body: int = DEFAULT_MAX_BODY
    workers: int = field(default_factory=default_workers)
    refresh_s: float = DEFAULT_REFRESH_S
    """Age after which a query process reopens its read-only snapshot (the staleness bound)."""

    @property
    def writable(self) -> bool:
        return bool(self.token)

    @property
    def public_url(self) -> str:
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")
