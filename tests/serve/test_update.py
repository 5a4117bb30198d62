"""Writing: refused without a token (401/403, nothing changes), SPARQL Update and the Graph
Store Protocol with it, and the writes visible to queries at once."""

from __future__ import annotations

import httpx
import pytest
from tests.serve.conftest import TOKEN, Running

GRAPH = "https://example.org/graph/notes"
INSERT = (f"INSERT DATA {{ GRAPH <{GRAPH}> {{ "
          '<https://example.org/a> <https://example.org/p> "v" } }')
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
JSON = {"Accept": "application/sparql-results+json"}


def count(http: httpx.Client) -> int:
    response = http.get("/sparql", params={"query": COUNT}, headers=JSON)
    assert response.status_code == 200
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def http(token_server: Running) -> httpx.Client:
    with httpx.Client(base_url=token_server.url, timeout=30) as client:
        yield client


def test_read_only_server_refuses_every_write(client: httpx.Client) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = client.post("/update", data={"update": INSERT}, headers=headers)
        assert response.status_code == 403
        assert "read-only" in response.text
    put = client.put(f"/store?graph={GRAPH}", content=b"<a:b> <a:c> <a:d> .",
                     headers={"Content-Type": "application/n-triples"})
    assert put.status_code == 403
    assert count(client) == 0


@pytest.mark.parametrize(("authorization", "status"), [
    (None, 401), ("Bearer wrong-token", 403), (f"Basic {TOKEN}", 403), ("Bearer", 403)])
def test_update_without_the_right_token_changes_nothing(
    http: httpx.Client, authorization: str | None, status: int
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    before = count(http)
    response = http.post("/update", content=INSERT.encode(),
                         headers={**headers, "Content-Type": "application/sparql-update"})
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert count(http) == before


def test_update_with_the_token_is_visible_at_once(http: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = http.post("/update", data={"update": INSERT}, headers=auth)
    assert response.status_code == 204, response.text
    assert count(http) == 1
    bad = http.post("/update", data={"update": "INSERT NOTHING"}, headers=auth)
    assert bad.status_code == 400
    assert "syntax error" in bad.text
    cleared = http.post("/update", content=f"CLEAR GRAPH <{GRAPH}>".encode(),
                        headers={**auth, "Content-Type": "application/sparql-update"})
    assert cleared.status_code == 204
    assert count(http) == 0


def test_graph_store_protocol(http: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = "https://example.org/graph/gsp"
    data = b'<https://example.org/x> <https://example.org/p> "one" .\n'
    turtle = {"Content-Type": "text/turtle"}
    assert http.put(f"/store?graph={graph}", content=data, headers=turtle).status_code == 401
    assert http.put(f"/store?graph={graph}", content=data,
                    headers={**auth, **turtle}).status_code == 201
    more = b'<https://example.org/x> <https://example.org/p> "two" .\n'
    assert http.post(f"/store?graph={graph}", content=more,
                     headers={**auth, **turtle}).status_code == 204
    got = http.get("/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200
    assert sorted(got.text.splitlines()) == sorted(
        (data + more).decode().strip().splitlines())
    assert http.put(f"/store?graph={graph}", content=b"not turtle <",
                    headers={**auth, **turtle}).status_code == 400
    assert http.delete(f"/store?graph={graph}", headers=auth).status_code == 204
    assert http.get("/store", params={"graph": graph}).status_code == 404
    assert http.delete(f"/store?graph={graph}", headers=auth).status_code == 404
