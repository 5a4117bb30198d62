"""Hostile clients of ``allegiance serve``: each attack gets its exact status, the store does not
change, and the server still answers ``ASK {}`` afterwards.

Covered: injection through every parameter of every template (and the page number), SPARQL
updates smuggled into the query endpoint, oversized bodies and headers, slow queries beside a
trivial one, malformed content types, path traversal in linked-data and asset paths, writes
without or with a wrong token (and with the right one), and idle connections held open.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from tests.robustness.clients_fixtures import (
    CLAIM_TABLE_IRI,
    JSON,
    MAX_BODY,
    TIMEOUT_S,
    TOKEN,
    assert_alive,
    canonical_dump,
    get_line,
    hostile_store,
    raw_request,
    reader,
    writer,
)
from tests.serve.conftest import Running

from allegiance.query import Parameter, load_templates

__all__ = ["hostile_store", "reader", "writer"]  # fixtures used by name

TEMPLATES = load_templates()
PROBE_GRAPH = "https://example.org/hostile/probe"
HOSTILE_VALUES = [
    "'",
    '"',
    'IRN"',
    "Iran' }",
    "} ; DROP ALL ; INSERT DATA { <https://example.org/a> <https://example.org/b> 1 } ; {",
    "IRN> } ; DROP ALL ; SELECT * WHERE { <x",
    "https://w3id.org/allegiance/id/actor/IRN> . ?s ?p ?o } #",
    "<https://w3id.org/allegiance/id/actor/IRN>",
    "IRN # comment\n} ; CLEAR ALL",
    "IRN\n\r} DROP ALL",
    "https://w3id.org/allegiance/id/actor/I RN",
    "http://example.org/a b",
    '\\" ) } ; DROP ALL ; #',
    "IRN\x00",
    "?s",
    "UNDEF",
    "Ir\u0430n",  # a Cyrillic a
    "A" * 6000,
    "} ; DROP ALL ; #" * 300,
]
"""Values no template parameter should take as anything but data (or refuse)."""
VALID = {"actor": "IRN", "dimension": "military", "polarity": "cooperation", "year": "2020"}
VALID_BY_DATATYPE = {"date": "2020-01-01"}


def valid_value(parameter: Parameter) -> str:
    if parameter.name == "organisation":
        return "nato"
    if parameter.domain in VALID:
        return VALID[parameter.domain]
    if parameter.datatype:
        return VALID_BY_DATATYPE[parameter.datatype.rsplit("#", 1)[1]]
    return "T1"  # a plain literal


def valid_values(name: str) -> dict[str, str]:
    return {p.name: valid_value(p) for p in TEMPLATES[name].parameters if p.required}


def call(http: httpx.Client, name: str, values: dict[str, str]) -> httpx.Response:
    if TEMPLATES[name].method == "POST":
        return http.post(f"/api/{name}", data=values, headers=JSON)
    return http.get(f"/api/{name}", params=values, headers=JSON)


@pytest.fixture(scope="module")
def pristine(writer: Running) -> bytes:
    """The token server's store before any attack; every test leaves it exactly so."""
    return canonical_dump(writer.store)


@pytest.fixture(scope="module")
def http(writer: Running) -> httpx.Client:
    with httpx.Client(base_url=writer.url, timeout=30) as client:
        yield client


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_injection_through_every_parameter(name: str, writer: Running, http: httpx.Client,
                                           pristine: bytes) -> None:
    before = pristine
    baseline = call(http, name, valid_values(name))
    assert baseline.status_code == 200, baseline.text
    wrong: list[str] = []
    for parameter in TEMPLATES[name].parameters:
        # a literal is data: it is answered; every other type refuses what does not parse
        expected = 200 if parameter.kind == "literal" else 400
        for value in HOSTILE_VALUES:
            response = call(http, name, {**valid_values(name), parameter.name: value})
            if response.status_code != expected:
                wrong.append(f"{parameter.name}={value[:40]!r}: {response.status_code} "
                             f"{response.text[:120]}")
            elif expected == 200:
                # answered as data: every row it matched holds the text as a value
                for row in response.json()["results"]["bindings"]:
                    if not any(value.lower() in cell["value"].lower() for cell in row.values()):
                        wrong.append(f"{parameter.name}={value[:40]!r} matched {row}")
            elif "error" not in response.json():
                wrong.append(f"{parameter.name}={value[:40]!r}: 400 without a message")
    assert not wrong, "\n".join(wrong)
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


@pytest.mark.parametrize(("query", "status"), [
    ({"actor": "IRN", "actor}": "x"}, 400),  # unknown parameter name
    ({"actor": "IRN", "page": "1"}, 400),  # not paginated
    ({"actor": "IRN", "actor ": "IRN"}, 400),
])
def test_unknown_parameters_are_refused(http: httpx.Client, query: dict[str, str], status: int
                                        ) -> None:
    assert http.get("/api/rivals", params=query, headers=JSON).status_code == status


@pytest.mark.parametrize(("page", "status"), [
    ("1; DROP ALL", 400), ("-1", 400), ("0", 400), ("1e3", 400), ("", 400), ("2", 200),
    ("9" * 30, 400),  # an offset past 64 bits: the query parser refuses it
])
def test_page_number_is_an_integer_or_refused(writer: Running, http: httpx.Client, page: str,
                                              status: int, pristine: bytes) -> None:
    before = pristine
    response = http.get("/api/most-connected", params={"page": page}, headers=JSON)
    assert response.status_code == status, response.text
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
    "ASK {} ; DROP ALL",
    "SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL",
])
def test_updates_sent_as_queries_are_syntax_errors(writer: Running, http: httpx.Client,
                                                   update: str, pristine: bytes) -> None:
    before = pristine
    auth = {"Authorization": f"Bearer {TOKEN}"}  # even with the token: /sparql only reads
    by_get = http.get("/sparql", params={"query": update}, headers={**JSON, **auth})
    by_post = http.post("/sparql", content=update.encode(),
                        headers={**JSON, **auth, "Content-Type": "application/sparql-query"})
    as_update = http.get("/sparql", params={"update": update}, headers=JSON)
    assert (by_get.status_code, by_post.status_code, as_update.status_code) == (400, 400, 400)
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


@pytest.mark.parametrize(("authorization", "status"), [
    (None, 401), ("Bearer wrong", 403), ("Bearer " + TOKEN + "x", 403), (f"Basic {TOKEN}", 403),
    ("Bearer", 403), (f"Bearer {TOKEN[:-1]}", 403), ("Bearer \x7f", 403),
])
def test_writes_without_the_right_token_change_nothing(
    writer: Running, http: httpx.Client, authorization: str | None, status: int, pristine: bytes
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    before = pristine
    update = http.post("/update", content=b"DROP ALL",
                       headers={**headers, "Content-Type": "application/sparql-update"})
    put = http.put(f"/store?graph={PROBE_GRAPH}", content=b"<a:x> <a:y> <a:z> .",
                   headers={**headers, "Content-Type": "application/n-triples"})
    delete = http.delete("/store", params={"graph": PROBE_GRAPH}, headers=headers)
    assert (update.status_code, put.status_code, delete.status_code) == (status,) * 3
    if status == 401:
        assert update.headers["www-authenticate"].startswith("Bearer")
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


def test_the_right_token_writes_and_undoes(writer: Running, http: httpx.Client, pristine: bytes
                                           ) -> None:
    before = pristine
    assert CLAIM_TABLE_IRI in canonical_dump(writer.store, tables=True)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    insert = f"INSERT DATA {{ GRAPH <{PROBE_GRAPH}> {{ <a:x> <a:y> <a:z> }} }}"
    response = http.post("/update", content=insert.encode(),
                         headers={**auth, "Content-Type": "application/sparql-update"})
    assert response.status_code == 204, response.text
    assert canonical_dump(writer.store) != before
    dropped = http.post("/update", data={"update": f"DROP GRAPH <{PROBE_GRAPH}>"}, headers=auth)
    assert dropped.status_code == 204
    assert canonical_dump(writer.store) == before
    assert CLAIM_TABLE_IRI not in canonical_dump(writer.store, tables=True)  # raw: tables go
    assert_alive(writer.url)


def test_read_only_server_refuses_writes_even_with_a_token(reader: Running) -> None:
    before = canonical_dump(reader.store)
    response = httpx.post(f"{reader.url}/update", content=b"DROP ALL",
                          headers={"Authorization": f"Bearer {TOKEN}",
                                   "Content-Type": "application/sparql-update"})
    assert response.status_code == 403
    assert canonical_dump(reader.store) == before
    assert_alive(reader.url)


@pytest.mark.parametrize(("path", "content_type", "body", "status"), [
    ("/sparql", None, b"ASK {}", 400),
    ("/sparql", "text/plain", b"ASK {}", 415),
    ("/sparql", "application/json", b'{"query": "ASK {}"}', 415),
    ("/sparql", "multipart/form-data; boundary=x", b"--x--", 415),
    ("/sparql", "application/sparql-query; charset=latin-1", b"ASK {}", 415),
    ("/sparql", ";;;", b"ASK {}", 415),
    ("/sparql", "application/sparql-query", b"ASK { \xff\xfe }", 400),
    ("/sparql", "application/x-www-form-urlencoded", b"query=ASK%20%7B%7D%ff", 400),
    ("/api/evidence-search", "application/json", b'{"text": "gas"}', 415),
    ("/api/rivals", "application/x-www-form-urlencoded", b"actor=IRN", 405),
])
def test_malformed_content_types(reader: Running, path: str, content_type: str | None,
                                 body: bytes, status: int) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(reader.url + path, content=body, headers={**JSON, **headers})
    assert response.status_code == status, response.text
    assert_alive(reader.url)


@pytest.mark.parametrize(("content_type", "body", "status"), [
    ("text/plain", b"DROP ALL", 415),
    (None, b"DROP ALL", 400),
    ("application/sparql-update; charset=utf-8", b"DROP ALL \xff", 400),
])
def test_malformed_updates_with_the_token_change_nothing(
    writer: Running, http: httpx.Client, content_type: str | None, body: bytes, status: int,
    pristine: bytes,
) -> None:
    before = pristine
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if content_type:
        headers["Content-Type"] = content_type
    assert http.post("/update", content=body, headers=headers).status_code == status
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


def test_oversized_bodies_are_413(writer: Running, http: httpx.Client, pristine: bytes) -> None:
    before = pristine
    big = b"#" + b"x" * (4 * MAX_BODY) + b"\nASK {}"
    query = http.post("/sparql", content=big,
                      headers={"Content-Type": "application/sparql-query"})
    form = http.post("/api/evidence-search", data={"text": "x" * (2 * MAX_BODY)}, headers=JSON)
    update = http.post("/update", content=b"#" + b"x" * (4 * MAX_BODY) + b"\nDROP ALL",
                       headers={"Authorization": f"Bearer {TOKEN}",
                                "Content-Type": "application/sparql-update"})
    put = http.put(f"/store?graph={PROBE_GRAPH}", content=b"# " + b"x" * (4 * MAX_BODY),
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"})
    assert [r.status_code for r in (query, form, update, put)] == [413] * 4
    assert canonical_dump(writer.store) == before
    assert_alive(writer.url)


def test_a_lying_content_length_is_refused(reader: Running) -> None:
    """A body far bigger than announced, and an announced size far beyond the limit."""
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            b"Content-Type: application/sparql-query\r\n")
    status, _ = raw_request(reader.url, head + b"Content-Length: 99999999999\r\n\r\nASK {}")
    assert status == 413
    status, _ = raw_request(reader.url, head + b"Content-Length: -5\r\n\r\nASK {}")
    assert status == 400
    assert_alive(reader.url)


@pytest.mark.parametrize("headers", [
    [b"X-Big: " + b"a" * 1_000_000],
    [b"X-H%d: %s" % (i, b"v" * 200) for i in range(5000)],
    [b"Accept: " + b"text/turtle;q=0.1, " * 60_000],
])
def test_oversized_headers_are_refused_and_the_server_survives(reader: Running,
                                                               headers: list[bytes]) -> None:
    """uvicorn (h11) reads a head of up to a few hundred KB whole and refuses a longer one with
    400 "Invalid HTTP request received." (not 431): memory per connection stays bounded."""
    status, raw = raw_request(reader.url, get_line(b"/sparql?query=ASK%7B%7D", *headers))
    assert status == 400, raw[:200]
    assert b"Invalid HTTP request" in raw
    assert_alive(reader.url)


def test_many_accept_items_are_parsed_quickly(reader: Running) -> None:
    """A long Accept header (5,000 items, under uvicorn's limit) is negotiated, not choked on."""
    started = time.monotonic()
    status, raw = raw_request(reader.url, get_line(b"/sparql?query=ASK%7B%7D",
                                                   b"Accept: " + b"text/turtle;q=0.1, " * 5000))
    assert status == 406, raw[:200]  # Turtle is no format for an ASK
    assert time.monotonic() - started < 2.0
    assert_alive(reader.url)


def test_oversized_url_is_refused(reader: Running) -> None:
    status, raw = raw_request(reader.url, get_line(b"/sparql?query=" + b"A" * 1_000_000))
    assert status == 400, raw[:200]
    assert b"Invalid HTTP request" in raw  # refused by the HTTP layer, never parsed as SPARQL
    assert_alive(reader.url)


TRAVERSALS = [
    b"/id/../../etc/passwd",
    b"/id/actor/../../../../etc/passwd",
    b"/data/../../etc/passwd",
    b"/data/actor/..%2f..%2f..%2fetc%2fpasswd.ttl",
    b"/id/%2e%2e/%2e%2e/etc/passwd",
    b"/data/%2e%2e/%2e%2e/pyproject.toml",
    b"/id/actor/IRN%00.ttl",
    b"/data/actor/IRN%00/../../etc/passwd",
    b"/id/actor/.hidden",
    b"/static/../../../pyproject.toml",
    b"/static/..%2f..%2f..%2fpyproject.toml",
    b"/static/%2e%2e%2fapp.py",
    b"/id/" + b"a/" * 400 + b"x",
    b"/data/actor/" + b"A" * 5000 + b".ttl",
]


@pytest.mark.parametrize("path", TRAVERSALS, ids=lambda p: p.decode()[:40])
def test_path_traversal_is_404_and_leaks_nothing(reader: Running, path: bytes) -> None:
    status, raw = raw_request(reader.url, get_line(path))
    assert status == 404, raw[:200]
    for secret in (b"root:", b"[tool.ruff]", b"import ", Path("/etc/hostname").read_bytes()
                   .strip() or b"root:"):
        assert secret not in raw
    assert_alive(reader.url)


def test_slow_queries_get_503_while_a_trivial_query_answers(reader: Running) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answers: list[httpx.Response] = []

    def send(method: str) -> None:
        with httpx.Client(timeout=60) as client:
            if method == "GET":
                answers.append(client.get(f"{reader.url}/sparql", params={"query": slow},
                                          headers=JSON))
            else:
                answers.append(client.post(f"{reader.url}/sparql", content=slow.encode(),
                                           headers={**JSON, "Content-Type":
                                                    "application/sparql-query"}))

    threads = [threading.Thread(target=send, args=(m,)) for m in ("GET", "POST")]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    assert_alive(reader.url)  # in under 2 s while both slow queries run
    for thread in threads:
        thread.join()
    assert TIMEOUT_S <= time.monotonic() - started < TIMEOUT_S + 8
    for response in answers:
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/plain")
        assert "time limit" in response.text
    assert_alive(reader.url)


def test_idle_connections_do_not_starve_queries(reader: Running) -> None:
    """50 sockets (half send nothing, half a header that never ends) held for 2 s."""
    host, port = reader.url.removeprefix("http://").split(":")
    idle: list[socket.socket] = []
    try:
        for i in range(50):
            sock = socket.create_connection((host, int(port)), timeout=5)
            if i % 2:
                sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            idle.append(sock)
        held_until = time.monotonic() + 2.0
        while time.monotonic() < held_until:
            assert_alive(reader.url)
            time.sleep(0.2)
    finally:
        for sock in idle:
            sock.close()
    assert_alive(reader.url)
