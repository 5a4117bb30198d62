"""Limits: the time limit kills a slow query without blocking others, answers are complete or an
error, row and body limits, CORS."""

from __future__ import annotations

import threading
import time

import httpx
from tests.serve.conftest import CORS_ORIGIN, MAX_BODY, MAX_ROWS, TIMEOUT_S, Running

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A cartesian product of the whole store with itself three times: it computes for minutes
before its first (and only) row, so only killing the process stops it."""
JSON = {"Accept": "application/sparql-results+json"}


def test_slow_query_is_stopped_and_never_blocks_an_ask(server: Running) -> None:
    outcome: dict[str, httpx.Response] = {}

    def slow() -> None:
        with httpx.Client(timeout=60) as http:
            outcome["slow"] = http.post(f"{server.url}/sparql", data={"query": SLOW},
                                        headers=JSON)

    worker = threading.Thread(target=slow)
    started = time.monotonic()
    worker.start()
    time.sleep(0.3)  # the slow query is running in one query process
    with httpx.Client(timeout=60) as http:
        asked = time.monotonic()
        quick = http.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                         headers=JSON)
        ask_seconds = time.monotonic() - asked
    worker.join()
    elapsed = time.monotonic() - started
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert ask_seconds < 1.0, ask_seconds
    response = outcome["slow"]
    assert response.status_code == 503
    assert "time limit" in response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert TIMEOUT_S <= elapsed < TIMEOUT_S + 5
    # the killed process was replaced: the server still answers, repeatedly
    with httpx.Client(timeout=60) as http:
        for _ in range(4):
            again = http.get(f"{server.url}/sparql", params={"query": "ASK {}"}, headers=JSON)
            assert again.status_code == 200


def test_result_over_the_row_limit_is_an_error_not_a_cut_body(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                          headers=JSON)
    assert response.status_code == 500
    assert f"more than {MAX_ROWS} rows" in response.text
    fits = client.get("/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT "
                                                  f"{MAX_ROWS}"}, headers=JSON)
    assert fits.status_code == 200
    assert len(fits.json()["results"]["bindings"]) == MAX_ROWS


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    padding = "#" + "x" * MAX_BODY + "\n"
    response = client.post("/sparql", content=(padding + "ASK {}").encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert str(MAX_BODY) in response.text

    def chunks():  # no Content-Length: the limit is enforced while reading
        yield b"ASK {} #"
        for _ in range(MAX_BODY // 1000 + 2):
            yield b"y" * 1000

    streamed = client.post("/sparql", content=chunks(),
                           headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413


def test_cors_header_for_the_configured_origin_only(client: httpx.Client) -> None:
    allowed = client.get("/sparql", params={"query": "ASK {}"},
                         headers={**JSON, "Origin": CORS_ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == CORS_ORIGIN
    other = client.get("/sparql", params={"query": "ASK {}"},
                       headers={**JSON, "Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options("/sparql", headers={
        "Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
