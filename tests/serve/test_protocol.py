"""The SPARQL 1.1 Protocol at /sparql, driven by httpx, SPARQLWrapper and curl."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from tests.serve.conftest import Running

ALG = "https://w3id.org/allegiance/ontology#"
CHILE = "https://w3id.org/allegiance/id/actor/CHL"
STATES = f"SELECT ?s WHERE {{ ?s a <{ALG}State> }} ORDER BY ?s LIMIT 5"
CLAIMS = (f"SELECT ?claim ?o WHERE {{ ?claim a <{ALG}RelationClaim> ; <{ALG}objectActor> ?o }} "
          "ORDER BY ?claim")
CONSTRUCT = f"CONSTRUCT {{ <{CHILE}> ?p ?o }} WHERE {{ <{CHILE}> ?p ?o }}"
ASK = f"ASK {{ ?c <{ALG}subjectActor> <{CHILE}> }}"


def claim_count(client: httpx.Client) -> int:
    response = client.get("/sparql", params={"query": CLAIMS},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    return len(response.json()["results"]["bindings"])


def test_get_post_form_and_post_direct_give_the_same_answer(client: httpx.Client) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": CLAIMS}, headers=accept)
    by_form = client.post("/sparql", data={"query": CLAIMS}, headers=accept)
    by_body = client.post("/sparql", content=CLAIMS.encode(), headers={
        **accept, "Content-Type": "application/sparql-query"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.json() == by_form.json() == by_body.json()
    assert len(by_get.json()["results"]["bindings"]) > 0
    assert "Accept" in by_get.headers["vary"].split(", ")


def test_dataset_parameters_override_the_query_dataset(client: httpx.Client) -> None:
    documents = client.get("/sparql", params={
        "query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?c a <{ALG}RelationClaim> }} }} "
                 "ORDER BY ?g"}, headers={"Accept": "application/sparql-results+json"}).json()
    graphs = [b["g"]["value"] for b in documents["results"]["bindings"]]
    assert len(graphs) == 2
    everything = claim_count(client)
    one = client.get("/sparql", params={"query": CLAIMS, "default-graph-uri": graphs[0]},
                     headers={"Accept": "application/sparql-results+json"}).json()
    in_one = len(one["results"]["bindings"])
    assert 0 < in_one < everything
    # FROM in the query names the other graph; the protocol parameter wins.
    with_from = CLAIMS.replace("WHERE", f"FROM <{graphs[1]}> WHERE", 1)
    overridden = client.post("/sparql", data={"query": with_from, "default-graph-uri": graphs[0]},
                             headers={"Accept": "application/sparql-results+json"}).json()
    assert overridden == one
    # named-graph-uri alone leaves the default graph empty.
    named_only = client.get("/sparql", params={
        "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
                 " GROUP BY ?g", "named-graph-uri": graphs[1]},
        headers={"Accept": "application/sparql-results+json"}).json()
    names = [b.get("g", {}).get("value") for b in named_only["results"]["bindings"]]
    assert names == [graphs[1]]


@pytest.mark.parametrize(("fmt", "media"), [
    (JSON, "application/sparql-results+json"), (XML, "application/sparql-results+xml"),
    (CSV, "text/csv"), (TSV, "text/tab-separated-values")])
def test_sparqlwrapper_select_in_every_result_format(server: Running, fmt: str,
                                                     media: str) -> None:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setOnlyConneg(True)
    wrapper.setQuery(STATES)
    wrapper.setReturnFormat(fmt)
    response = wrapper.query()
    assert response.info()["content-type"].startswith(media)
    converted = response.convert()
    if fmt == JSON:
        values = [b["s"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == XML:
        values = [node.firstChild.data for node in converted.getElementsByTagName("uri")]
    elif fmt == CSV:
        values = [row[0] for row in list(csv.reader(io.StringIO(converted.decode())))[1:]]
    else:
        lines = converted.decode().splitlines()
        assert lines[0] == "?s"
        values = [line.strip("<>") for line in lines[1:]]
    assert len(values) == 5
    assert values == sorted(values)
    assert all(v.startswith("https://w3id.org/allegiance/id/actor/") for v in values)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(server: Running, fmt: str) -> None:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setOnlyConneg(True)
    wrapper.setQuery(ASK)
    wrapper.setReturnFormat(fmt)
    converted = wrapper.query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct_parses_back(server: Running, fmt: str) -> None:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setOnlyConneg(True)
    wrapper.setQuery(CONSTRUCT)
    wrapper.setReturnFormat(fmt)
    graph = wrapper.query().convert()
    if isinstance(graph, bytes | str):  # SPARQLWrapper leaves Turtle/N3 as text
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    labels = {str(o) for o in graph.objects(rdflib.URIRef(CHILE), rdflib.RDFS.label)}
    assert labels == {"Chile"}


@pytest.mark.parametrize("media", [
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
    "application/n-quads", "application/trig"])
def test_construct_in_every_rdf_format(client: httpx.Client, media: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    quads = list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(media)))
    direct = client.get("/sparql", params={"query": CONSTRUCT},
                        headers={"Accept": "application/n-triples"})
    expected = list(ox.parse(direct.content, format=ox.RdfFormat.N_TRIPLES))
    assert {q.triple for q in quads} == {q.triple for q in expected}
    assert len(expected) > 3


def test_select_answers_in_csv_with_escaping_and_tsv_terms(client: httpx.Client) -> None:
    query = ('SELECT ?x ?y WHERE { VALUES (?x ?y) { ("a,b \\"c\\"" "tab\\there"@en) } }')
    as_csv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["x", "y"], ['a,b "c"', "tab\there"]]
    as_tsv = client.get("/sparql", params={"query": query},
                        headers={"Accept": "text/tab-separated-values"})
    header, row = as_tsv.text.splitlines()
    assert header == "?x\t?y"
    assert row.split("\t") == ['"a,b \\"c\\""', '"tab\\there"@en']


@pytest.mark.parametrize(("request_args", "status", "fragment"), [
    ({"method": "GET", "url": "/sparql?query=ASK{}&query=ASK{}"}, 400, "given 2 times"),
    ({"method": "GET", "url": "/sparql?default-graph-uri=http://x/"}, 400, "no 'query'"),
    ({"method": "GET", "url": "/sparql?query=SELEKT%20*"}, 400, "syntax error"),
    ({"method": "GET", "url": "/sparql?query=%FF%FE"}, 400, "not UTF-8"),
    ({"method": "GET", "url": "/sparql?query=ASK{}&default-graph-uri=not%20an%20iri"}, 400,
     "not an absolute IRI"),
    ({"method": "POST", "url": "/sparql", "content": b"query=ASK{}", "headers": {}}, 400,
     "needs a Content-Type"),
    ({"method": "POST", "url": "/sparql", "content": b"ASK{}",
      "headers": {"Content-Type": "text/plain"}}, 415, "unsupported Content-Type"),
    ({"method": "POST", "url": "/sparql", "content": b"ASK { \xff }",
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "not valid UTF-8"),
    ({"method": "POST", "url": "/sparql?query=ASK{}", "content": b"query=ASK{}",
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400, "given 2 times"),
    ({"method": "POST", "url": "/sparql", "content": b"update=CLEAR%20ALL",
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400, "/update"),
    ({"method": "GET", "url": "/sparql?query=ASK{}", "headers": {"Accept": "image/png"}}, 406,
     "available"),
    ({"method": "GET", "url": "/sparql?query=" + quote(CONSTRUCT),
      "headers": {"Accept": "text/csv"}}, 406, "CONSTRUCT"),
    ({"method": "PUT", "url": "/sparql", "content": b"ASK{}"}, 405, ""),
])
def test_malformed_requests_get_their_status_and_a_message(
    client: httpx.Client, request_args: dict, status: int, fragment: str
) -> None:
    args = dict(request_args)
    response = client.request(args.pop("method"), args.pop("url"), **args)
    assert response.status_code == status, response.text
    assert fragment in response.text


def test_service_description_parses_and_names_the_endpoint(server: Running,
                                                           client: httpx.Client) -> None:
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    for media, fmt in (("text/turtle", "turtle"), ("application/rdf+xml", "xml")):
        response = client.get("/sparql", headers={"Accept": media})
        assert response.status_code == 200
        graph = rdflib.Graph().parse(data=response.text, format=fmt)
        endpoints = set(graph.objects(None, sd.endpoint))
        assert endpoints == {rdflib.URIRef(f"{server.url}/sparql")}
        assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph
        assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in graph


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_post_direct_query(server: Running) -> None:
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "-H", "Content-Type: application/sparql-query",
         "-H", "Accept: application/sparql-results+json", "--data-binary", ASK,
         f"{server.url}/sparql"], capture_output=True, text=True, timeout=30, check=True)
    body, status = done.stdout.rsplit("\n", 1)
    assert status == "200"
    assert json.loads(body) == {"head": {}, "boolean": True}
