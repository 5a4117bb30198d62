"""Servers and raw-socket helpers for the hostile-client tests.

The servers are real ``python -m allegiance.serve`` subprocesses on free loopback ports (started
the way ``tests/serve/conftest.py`` starts them), over a store the real pipeline built from
``tests/data/pipeline/docs``. The token server gets its own copy of the store, because it holds
the write lock, and that is the server the injection attempts go to: a server that could write
is the one where an injected ``DROP ALL`` would do harm.

httpx normalises paths (``/id/../x`` becomes ``/x``) and refuses malformed requests, so
traversal, oversized headers and idle connections are sent as raw bytes on a socket.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.serve.conftest import Running, build_test_store, start_server, stop_server

from allegiance.store import GraphStore
from allegiance.store.catalogue import CLAIM_TABLE
from allegiance.store.claimindex import STAMP, UNTRACKED

CLAIM_TABLE_IRI = f"<{CLAIM_TABLE.value}>".encode()

TOKEN = "hostile-clients-token"
TIMEOUT_S = 2.0
MAX_BODY = 8192
WORKERS = "3"
"""Three query processes: two slow queries may hold two while a trivial one takes the third."""
JSON = {"Accept": "application/sparql-results+json"}


def canonical_dump(store: Path, *, tables: bool = False) -> bytes:
    """Every quad of the store (catalogue included), sorted, read from a read-only snapshot
    that opens beside a running server. Claim tables and the claim index's stamp are left out
    unless ``tables``: they index the graphs, and a raw SPARQL Update drops them all by design
    (a write undone by a second update leaves every graph as it was, and no table)."""
    snapshot = GraphStore.open(store, read_only=True)
    try:
        lines = sorted(snapshot.dump_nquads(include_catalogue=True).splitlines())
    finally:
        snapshot.close()
    index = (CLAIM_TABLE_IRI, STAMP.value.encode(), UNTRACKED.value.encode())
    return b"\n".join(line for line in lines
                      if tables or not any(iri in line for iri in index))


def assert_alive(url: str) -> None:
    """The server still answers a trivial query, quickly."""
    started = time.monotonic()
    response = httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, headers=JSON, timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    assert time.monotonic() - started < 2.0


def raw_request(url: str, data: bytes, *, timeout: float = 10.0) -> tuple[int, bytes]:
    """Send ``data`` as is and read the answer until the server closes or the body is whole;
    returns (status, raw response). Status 0: the server closed without a status line."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        # the server may answer and close before reading everything we send
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if _complete(b"".join(chunks)):
                break
    raw = b"".join(chunks)
    if not raw.startswith(b"HTTP/1."):
        return 0, raw
    return int(raw.split(b" ", 2)[1]), raw


def _complete(raw: bytes) -> bool:
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


def get_line(path: bytes, *headers: bytes) -> bytes:
    lines = [b"GET " + path + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_store(tmp_path_factory.mktemp("hostile") / "store")


@pytest.fixture(scope="module")
def reader(hostile_store: Path) -> Iterator[Running]:
    """A read-only server with a short time limit and a small body limit."""
    running = start_server(hostile_store, "--timeout", str(TIMEOUT_S), "--max-body",
                           str(MAX_BODY), "--workers", WORKERS)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def writer(hostile_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A server with a token, over its own copy of the store."""
    copy = tmp_path_factory.mktemp("hostile-writable") / "store"
    shutil.copytree(hostile_store, copy)
    running = start_server(copy, "--token", TOKEN, "--timeout", str(TIMEOUT_S), "--max-body",
                           str(MAX_BODY))
    yield running
    stop_server(running)
