"""Streaming JSON-LD compacted with the published ``@context`` (``ontology/context.jsonld``).

A general JSON-LD compaction needs the whole document in memory; ours does not, because the
input is already grouped (one graph at a time, each graph's triples sorted so that a subject's
triples are adjacent) and the context is ours, so only a few of its rules can apply: prefixes,
``@vocab``, and terms with ``@type`` coercion to ``@id``, ``@vocab`` or a datatype. Each node is
compacted on its own, and whatever the context cannot express (a literal where an IRI is
expected, a datatype other than the term's) falls back to an explicit value object, which
overrides coercion, so the output always expands to exactly the input triples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from typing import Any, BinaryIO

import pyoxigraph as ox

from allegiance import resources
from allegiance.store import StoreError

CONTEXT_IRI = "https://w3id.org/allegiance/context.jsonld"
"""Where the context is published (``--context-iri`` refers to it instead of embedding it)."""

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Context:
    """The parts of our ``@context`` that compaction needs."""

    document: dict[str, Any]
    prefixes: dict[str, str]
    vocab: str
    terms: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """predicate IRI -> (term, coercion: None, '@id', '@vocab' or a datatype IRI)"""
    names: frozenset[str] = frozenset()


def context_path() -> str:
    return str(resources.path("ontology", "context.jsonld"))


@cache
def load_context() -> Context:
    document = json.loads(resources.path("ontology", "context.jsonld").read_text("utf-8"))
    raw: dict[str, Any] = document["@context"]
    found = {key: value for key, value in raw.items()
             if isinstance(value, str) and not key.startswith("@") and "://" in value
             and value.endswith(("/", "#"))}

    def expand(value: str) -> str:
        prefix, _, rest = value.partition(":")
        return found[prefix] + rest if prefix in found and not rest.startswith("//") else value

    terms: dict[str, tuple[str, str | None]] = {}
    for key, value in sorted(raw.items()):
        if key.startswith("@") or key in found:
            continue
        iri, coercion = (value, None) if isinstance(value, str) else (
            value["@id"], value.get("@type"))
        if coercion is not None and not coercion.startswith("@"):
            coercion = expand(coercion)
        terms[expand(iri)] = (key, coercion)
    names = frozenset(key for key in raw if not key.startswith("@"))
    return Context(document, dict(sorted(found.items())), raw.get("@vocab", ""), terms, names)


def prefixes() -> dict[str, str]:
    """Prefix -> namespace, from the context: one list of prefixes for every syntax."""
    return dict(load_context().prefixes)


def compact_iri(context: Context, iri: str) -> str:
    """``prefix:rest`` with the longest matching namespace, or the IRI unchanged."""
    best = ""
    for prefix, namespace in context.prefixes.items():
        rest = iri[len(namespace):]
        if (iri.startswith(namespace) and rest and not rest.startswith("//")
                and len(namespace) > len(context.prefixes.get(best, ""))):
            best = prefix
    return f"{best}:{iri[len(context.prefixes[best]):]}" if best else iri


def vocab_iri(context: Context, iri: str) -> str:
    """Compact an IRI where the context's vocabulary applies (``@type``, ``@vocab`` values)."""
    if iri in context.terms:
        return context.terms[iri][0]
    rest = iri[len(context.vocab):] if context.vocab and iri.startswith(context.vocab) else ""
    if rest and ":" not in rest and rest not in context.names:
        return rest
    return compact_iri(context, iri)


def _node_id(context: Context, term: ox.NamedNode | ox.BlankNode) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return compact_iri(context, term.value)


def _value(context: Context, term: Any, coercion: str | None) -> Any:
    if isinstance(term, ox.Triple):
        raise StoreError("JSON-LD export does not support triple terms (RDF 1.2)")
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        if coercion == "@id" or (coercion == "@vocab" and isinstance(term, ox.BlankNode)):
            return _node_id(context, term)
        if coercion == "@vocab":
            return vocab_iri(context, term.value)
        return {"@id": _node_id(context, term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if coercion == datatype or (coercion is None and datatype == XSD_STRING):
        return term.value
    return {"@value": term.value, "@type": vocab_iri(context, datatype)}


def compact_node(context: Context, subject: Any, triples: Iterable[ox.Triple]) -> dict[str, Any]:
    """One node object for all the triples of ``subject`` (in the order given)."""
    node: dict[str, Any] = {"@id": _node_id(context, subject)}
    types: list[str] = []
    properties: dict[str, list[Any]] = {}
    for triple in triples:
        predicate, obj = triple.predicate.value, triple.object
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode | ox.BlankNode):
            types.append(_node_id(context, obj) if isinstance(obj, ox.BlankNode)
                         else vocab_iri(context, obj.value))
            continue
        key, coercion = context.terms.get(predicate, (compact_iri(context, predicate), None))
        properties.setdefault(key, []).append(_value(context, obj, coercion))
    if types:
        node["@type"] = types[0] if len(types) == 1 else types
    for key in sorted(properties):
        values = properties[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


def write_jsonld(
    output: BinaryIO,
    graphs: Iterable[tuple[str | None, list[ox.Triple]]],
    context: Context,
    *,
    context_iri: str | None = None,
) -> int:
    """Write one JSON-LD document, a graph at a time; return the number of triples written."""
    embedded = context_iri if context_iri is not None else context.document["@context"]
    head = json.dumps(embedded, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    output.write(f'{{\n  "@context": {head},\n  "@graph": ['.encode())
    count = 0
    first = True
    for graph, triples in graphs:
        if not triples:
            continue
        count += len(triples)
        nodes = [compact_node(context, subject, list(group))
                 for subject, group in groupby(triples, key=lambda t: t.subject)]
        if graph is None:
            entries: list[dict[str, Any]] = nodes
        else:
            entries = [{"@id": compact_iri(context, graph), "@graph": nodes}]
        for entry in entries:
            text = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
            output.write((("\n    " if first else ",\n    ") + text).encode("utf-8"))
            first = False
    output.write(b"\n  ]\n}\n")
    return count
