"""Reads while someone else writes: a read-only server takes no lock, so a build can write the
same store; the server sees the writes once its snapshots refresh. A server with a token holds
the lock, so a build must wait (or go through /update)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from tests.serve.conftest import Running, start_server, stop_server

from allegiance.store import GraphStore, StoreError

GRAPH = "https://example.org/graph/live"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def count(http: httpx.Client) -> int:
    response = http.get("/sparql", params={"query": COUNT},
                        headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_read_only_server_keeps_answering_while_a_writer_writes(
    built_store: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy)
    running = start_server(copy, "--refresh", "0.2")
    try:
        writer = GraphStore.open(copy)  # the server holds no lock
        try:
            with httpx.Client(base_url=running.url, timeout=30) as http:
                assert count(http) == 0
                for n in range(1, 4):
                    graph = rdflib.Graph()
                    for i in range(n):
                        graph.add((rdflib.URIRef(f"https://example.org/s{i}"),
                                   rdflib.URIRef("https://example.org/p"), rdflib.Literal(i)))
                    writer.replace_graph(GRAPH, graph)
                    deadline = time.monotonic() + 5
                    while count(http) != n:
                        assert time.monotonic() < deadline, "the write never became visible"
                        time.sleep(0.1)
        finally:
            writer.close()
    finally:
        stop_server(running)


def test_a_server_with_a_token_holds_the_store_lock(token_server: Running) -> None:
    with pytest.raises(StoreError, match="locked"):
        GraphStore.open(token_server.store)
    GraphStore.open(token_server.store, read_only=True).close()
