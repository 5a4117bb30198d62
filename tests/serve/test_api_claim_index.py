"""The template API narrows by the claim index the build wrote, with the same answers.

The server runs over its own copy of the built store. Its answers for the indexed templates
are compared with the templates run in this process without the index; then the index file
is emptied behind the server's back (the stamps still agree), and the answers shrink to
nothing, which shows the server's query processes really consult it.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.serve.conftest import Running, start_server, stop_server

from allegiance.query import load_templates, prepare
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore
from allegiance.store.claimindex import index_path

JSON = {"Accept": "application/sparql-results+json"}
CASES = [
    ("evidence-search", {"text": "chile"}),
    ("evidence-search", {"text": "a", "actor": "CHL"}),
    ("claims-since", {"since": "2000-01-01"}),
    ("claims-since", {"since": "2000-01-01", "actor": "GHA"}),
]


@pytest.fixture(scope="module")
def own_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[Running]:
    copy = tmp_path_factory.mktemp("indexed") / "store"
    shutil.copytree(built_store, copy)
    running = start_server(copy)
    yield running
    stop_server(running)


def _api_rows(url: str, name: str, values: dict[str, str]) -> list[dict[str, str]]:
    method = load_templates()[name].method
    response = httpx.request(method, f"{url}/api/{name}", headers=JSON, timeout=30,
                             **({"params": values} if method == "GET" else {"data": values}))
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()}
            for row in response.json()["results"]["bindings"]]


def _plain_rows(store_path: Path, name: str, values: dict[str, str]) -> list[dict[str, str]]:
    prepared = prepare(load_templates()[name], values, gazetteer=load_gazetteer())
    with GraphStore.open(store_path, read_only=True) as store:
        variables, rows = store.select_rows(prepared.sparql)
    return [{k: v for k, v in zip(variables, row, strict=True) if v is not None} for row in rows]


def test_the_api_answers_through_the_index_as_without_it(own_server: Running) -> None:
    assert index_path(own_server.store).is_file()
    answered = 0
    for name, values in CASES:
        rows = _api_rows(own_server.url, name, values)
        assert rows == _plain_rows(own_server.store, name, values), (name, values)
        answered += len(rows)
    assert answered > 0
    with sqlite3.connect(index_path(own_server.store)) as connection:
        connection.execute("DELETE FROM claims")
    for name, values in CASES:
        assert _api_rows(own_server.url, name, values) == []
