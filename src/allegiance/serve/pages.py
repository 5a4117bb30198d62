"""HTML the server renders itself: the describing page of any resource and the actor page.

Pages are plain HTML with the package's own stylesheet, no script and no external asset, so
they work offline and in any browser. IRIs under ``https://w3id.org/allegiance/`` link to this
server's own paths (``/id/...``, ``/ontology#Term``), so browsing never leaves it.
"""

from __future__ import annotations

from html import escape
from typing import Any

import pyoxigraph as ox

from allegiance.export.jsonld import prefixes

BASE = "https://w3id.org/allegiance/"
ALG = BASE + "ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


def local_href(iri: str) -> str:
    """This server's path for one of our IRIs, else the IRI itself."""
    return "/" + iri.removeprefix(BASE) if iri.startswith(BASE) else iri


def short(iri: str) -> str:
    best = iri
    for prefix, namespace in prefixes().items():
        if iri.startswith(namespace) and len(iri) - len(namespace) < len(best):
            best = f"{prefix}:{iri.removeprefix(namespace)}"
    return best


def term_html(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f'<a href="{escape(local_href(term.value))}">{escape(short(term.value))}</a>'
    if isinstance(term, ox.Literal):
        suffix = f' <span class="lang">@{escape(term.language)}</span>' if term.language else ""
        return f"<span class=\"literal\">{escape(term.value)}</span>{suffix}"
    if term is None:
        return ""
    return f"<code>{escape(str(term))}</code>"


def page(title: str, body: str, alternates: list[tuple[str, str]] = ()) -> bytes:
    links = "".join(f'<link rel="alternate" type="{escape(t)}" href="{escape(h)}">'
                    for t, h in alternates)
    nav = ('<nav><a href="/">Query</a> · <a href="/ontology">Ontology</a> · '
           '<a href="/openapi.json">API</a> · <a href="/.well-known/void">Dataset</a></nav>')
    text = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="/static/style.css">{links}</head>'
            f"<body>{nav}<main><h1>{escape(title)}</h1>{body}</main></body></html>\n")
    return text.encode("utf-8")


def label_of(iri: str, triples: list[ox.Triple]) -> str:
    for predicate in (SKOS_PREF, RDFS_LABEL):
        for t in triples:
            if t.subject.value == iri and t.predicate.value == predicate:
                return t.object.value
    return short(iri)


def table(headings: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def description_html(iri: str, triples: list[ox.Triple]) -> str:
    """The triples grouped by subject (the resource first, then its hash parts)."""
    parts = [f'<p class="iri"><code>{escape(iri)}</code></p>']
    subjects = sorted({t.subject.value for t in triples}, key=lambda s: (s != iri, s))
    for subject in subjects:
        rows = [[term_html(t.predicate), term_html(t.object)]
                for t in triples if t.subject.value == subject]
        if subject != iri:
            parts.append(f"<h3>{escape(short(subject))}</h3>")
        parts.append(table(["property", "value"], rows))
    return "".join(parts)


def resource_page(iri: str, triples: list[ox.Triple], data_path: str) -> bytes:
    alternates = [("text/turtle", data_path + ".ttl"), ("application/ld+json",
                                                         data_path + ".jsonld")]
    return page(label_of(iri, triples), description_html(iri, triples), alternates)


def _cell(row: list[Any], variables: list[str], name: str) -> Any:
    return row[variables.index(name)] if name in variables else None


def actor_page(iri: str, triples: list[ox.Triple], tiers: tuple[list[str], list[list[Any]]],
               evidence: tuple[list[str], list[list[Any]]], data_path: str) -> bytes:
    """The actor's description, its partners by tier and the sentences behind its claims."""
    variables, rows = tiers
    tier_rows = [[escape(str(_cell(r, variables, "tier").value)) if _cell(r, variables, "tier")
                  else "", _partner(_cell(r, variables, "partner"),
                                    _cell(r, variables, "partnerLabel")),
                  term_html(_cell(r, variables, "sources")),
                  term_html(_cell(r, variables, "confidence"))] for r in rows]
    tier_html = (table(["tier", "partner", "sources", "confidence"], tier_rows) if tier_rows
                 else "<p>No tier assignments for this actor (they are written by the "
                      "reasoning step of a build).</p>")
    variables, rows = evidence
    evidence_rows = [[_partner(_cell(r, variables, "other"), _cell(r, variables, "otherLabel")),
                      term_html(_cell(r, variables, "dimension")),
                      term_html(_cell(r, variables, "polarity")),
                      f'<q>{escape(_cell(r, variables, "exact").value)}</q>',
                      _document(_cell(r, variables, "doc"), _cell(r, variables, "title")),
                      _partner(_cell(r, variables, "claim"), None)] for r in rows]
    evidence_html = (table(["partner", "dimension", "polarity", "evidence", "document",
                            "claim"], evidence_rows) if evidence_rows
                     else "<p>No claims involve this actor.</p>")
    body = (f"<h2>Partners by tier</h2>{tier_html}<h2>Evidence</h2>{evidence_html}"
            f"<h2>Description</h2>{description_html(iri, triples)}")
    alternates = [("text/turtle", data_path + ".ttl")]
    return page(label_of(iri, triples), body, alternates)


def _partner(node: Any, label: Any) -> str:
    if node is None:
        return ""
    text = label.value if isinstance(label, ox.Literal) else short(node.value)
    return f'<a href="{escape(local_href(node.value))}">{escape(text)}</a>'


def _document(node: Any, title: Any) -> str:
    return _partner(node, title) if node is not None else ""


EVIDENCE_QUERY = """PREFIX alg: <https://w3id.org/allegiance/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?claim ?other ?otherLabel ?dimension ?polarity ?exact ?doc ?title WHERE {
  { ?claim alg:subjectActor ACTOR ; alg:objectActor ?other }
  UNION { ?claim alg:objectActor ACTOR ; alg:subjectActor ?other }
  ?claim a alg:RelationClaim ; alg:dimension ?d ; alg:polarity ?p ; alg:statedIn ?doc ;
    alg:hasEvidence ?evidence .
  ?d skos:notation ?dimension . ?p skos:notation ?polarity .
  ?evidence oa:hasTarget/oa:hasSelector ?selector .
  ?selector a oa:TextQuoteSelector ; oa:exact ?exact .
  OPTIONAL { ?other rdfs:label ?otherLabel }
  OPTIONAL { ?doc dcterms:title ?title }
}
ORDER BY ?otherLabel ?other ?dimension ?claim
LIMIT 500
"""


def evidence_query(iri: str) -> str:
    """The evidence query for one actor; the IRI enters as a validated N-Triples term."""
    return EVIDENCE_QUERY.replace("ACTOR", str(ox.NamedNode(iri)))
