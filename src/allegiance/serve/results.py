"""Serializing a query's answer completely, within the row and byte limits, before any reply.

pyoxigraph's own result serializers stream from the lazy iterator, so a row limit would have
to cut them mid-way; here rows are first collected (stopping at ``max_rows + 1``) and then
written in full by the four SPARQL 1.1 result formats, and RDF answers by pyoxigraph's RDF
serializers from the collected triples. A limit breach is an ``HttpError``, never a truncation.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from allegiance.export.jsonld import load_context, prefixes, write_jsonld
from allegiance.serve.errors import HttpError
from allegiance.serve.negotiate import RDF_TYPES, RESULT_TYPES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = list[Term | None]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def too_large(what: str, limit: int) -> HttpError:
    return HttpError(500, f"the result has more than {limit} {what}, the server's limit; "
                          "add a LIMIT or narrow the query")


def collect(items: Iterable[Any], max_rows: int, what: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if len(out) == max_rows:
            raise too_large(what, max_rows)
        out.append(item)
    return out


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
            "object": _json_term(term.object)}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate),
                 ("object", term.object))
        inner = "".join(f"<{name}>{_xml_term(part)}</{name}>" for name, part in parts)
        return f"<triple>{inner}</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _tsv_cell(term: Term | None) -> str:
    """N-Triples form, with tabs escaped too (a raw tab would split the cell)."""
    return "" if term is None else str(term).replace("\t", "\\t")


def solutions_body(variables: list[str], rows: list[Row], kind: str) -> bytes:
    if kind == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True)
                     if t is not None} for row in rows]
        data = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if kind == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        results = []
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row, strict=True) if t is not None)
            results.append(f"<result>{cells}</result>")
        text = (f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head>{head}</head>'
                f"<results>{''.join(results)}</results></sparql>\n")
        return text.encode("utf-8")
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([[_csv_cell(t) for t in row] for row in rows])
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_cell(t) for t in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def boolean_body(value: bool, kind: str) -> bytes:
    word = "true" if value else "false"
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if kind == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
                f"<boolean>{word}</boolean></sparql>\n").encode()
    return f"_askResult\n{word}\n".encode()


def triples_body(triples: list[ox.Triple], media_type: str) -> bytes:
    fmt = RDF_TYPES[media_type]
    options: dict[str, Any] = {}
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        options["prefixes"] = prefixes()
    return ox.serialize(triples, format=fmt, **options) or b""


def described_body(triples: list[ox.Triple], media_type: str) -> bytes:
    """Like ``triples_body``, but JSON-LD is compacted with the published ``@context`` (embedded,
    so it reads offline): linked-data descriptions are meant to be read, query answers to be
    processed."""
    if media_type != "application/ld+json":
        return triples_body(triples, media_type)
    buffer = io.BytesIO()
    write_jsonld(buffer, [(None, sorted(triples, key=str))], load_context())
    return buffer.getvalue()


def check_size(body: bytes, max_bytes: int) -> bytes:
    if len(body) > max_bytes:
        raise too_large("bytes", max_bytes)
    return body


def result_kind(media_type: str) -> str:
    return RESULT_TYPES[media_type]
