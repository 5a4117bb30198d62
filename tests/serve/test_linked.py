"""Linked data: 303 from things to their descriptions, conneg, the ontology, VoID, the browser
page, and path traversal."""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest
import rdflib

CHILE = "https://w3id.org/allegiance/id/actor/CHL"
ALG = "https://w3id.org/allegiance/ontology#"


def a_claim(client: httpx.Client) -> str:
    response = client.get("/sparql", params={
        "query": f"SELECT ?c WHERE {{ ?c a <{ALG}RelationClaim> ; <{ALG}subjectActor> "
                 f"<{CHILE}> }} ORDER BY ?c LIMIT 1"},
        headers={"Accept": "application/sparql-results+json"})
    return response.json()["results"]["bindings"][0]["c"]["value"]


@pytest.mark.parametrize(("accept", "extension", "fmt"), [
    ("text/turtle", "ttl", ox.RdfFormat.TURTLE),
    ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD),
    ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES),
    ("*/*", "ttl", ox.RdfFormat.TURTLE)])
def test_actor_and_claim_dereference_with_conneg(client: httpx.Client, accept: str,
                                                 extension: str, fmt: ox.RdfFormat) -> None:
    for iri in (CHILE, a_claim(client)):
        path = iri.removeprefix("https://w3id.org/allegiance")
        redirect = client.get(path, headers={"Accept": accept})
        assert redirect.status_code == 303
        assert "Accept" in redirect.headers["vary"]
        location = redirect.headers["location"]
        assert location == path.replace("/id/", "/data/", 1) + f".{extension}"
        described = client.get(location)
        assert described.status_code == 200
        triples = {q.triple for q in ox.parse(described.content, format=fmt)}
        subjects = {t.subject for t in triples}
        assert ox.NamedNode(iri) in subjects
        # the negotiating form of the same document gives the same triples
        negotiated = client.get(location.rsplit(".", 1)[0], headers={"Accept": accept})
        assert "Accept" in negotiated.headers["vary"]
        assert {q.triple for q in ox.parse(negotiated.content, format=fmt)} == triples


def test_browsers_get_the_actor_page_with_tiers_and_evidence(client: httpx.Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/id/actor/CHL", headers={"Accept": browser}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text  # the actor report of `allegiance report`, served at the actor's IRI
    assert "<h1>Who stands with Chile?</h1>" in page
    assert "Partners by tier" in page and "Argentina (ARG)" in page
    quotes = re.findall(r"<q>(.*?)</q>", page)
    assert quotes and all(len(q) > 10 for q in quotes)
    claim = client.get(a_claim(client).removeprefix("https://w3id.org/allegiance"),
                       headers={"Accept": browser}, follow_redirects=True)
    assert claim.status_code == 200 and "RelationClaim" in claim.text


def test_unknown_resource_is_404(client: httpx.Client) -> None:
    response = client.get("/data/actor/NOPE.ttl")
    assert response.status_code == 404


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_ontology_at_its_own_path(client: httpx.Client, accept: str, fmt: str) -> None:
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=response.text, format=fmt)
    assert (rdflib.URIRef(ALG + "RelationClaim"), rdflib.RDF.type, rdflib.OWL.Class) in graph


def test_ontology_html_for_browsers(client: httpx.Client) -> None:
    response = client.get("/ontology", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "RelationClaim" in response.text


def test_void_description(server, client: httpx.Client) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    endpoints = set(graph.objects(None, void.sparqlEndpoint))
    assert endpoints == {rdflib.URIRef(f"{server.url}/sparql")}
    dataset = rdflib.URIRef("https://w3id.org/allegiance/id/dataset")
    triples = int(graph.value(dataset, void.triples))
    assert triples > 1000
    subsets = [int(graph.value(s, void.triples)) for s in graph.objects(dataset, void.subset)]
    assert sum(subsets) == triples


@pytest.mark.parametrize("path", [
    "/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd", "/id/actor/..%2f..%2fetc%2fpasswd",
    "/data/..%2F..%2Fetc/passwd.ttl", "/static/..%2f..%2fapp.py", "/static/../app.py",
    "/id/actor/%00", "/id/.hidden"])
def test_path_traversal_never_escapes(server, path: str) -> None:
    # a raw socket-level path: httpx would normalise the dot segments away
    import socket

    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404), answer[:200]
    assert b"root:" not in answer


def test_browser_page_uses_only_local_assets(client: httpx.Client) -> None:
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    references = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assets = [r for r in references if r.startswith("/static/")]
    assert {"/static/app.js", "/static/style.css"} <= set(assets)
    assert not [r for r in references if "//" in r]
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200
        assert "http://" not in response.text.replace("http://www.w3.org", "")
        assert "https://" not in response.text.replace("https://w3id.org/allegiance/", "")
