"""The claim table: a graph's relation claims as one compact text kept in its catalogue entry.

Why it exists. Reasoning reads every claim's ten properties. Read out of Oxigraph, each value
costs a dictionary lookup (stop 16 profile on a 12.6 GB store of 1,000,000 claims: 6-8 us per
term, 195 s for the whole read, against 5 s for the tiers themselves), whatever the query shape.
The store already writes one catalogue entry per graph in the same transaction as the graph,
so the entry can carry the graph's claims as text: reading them back is then one lookup per
graph, not ten per claim. It is an index, like the entry's content hash: derived from the
graph's own triples when the graph is written (``claim_table``), never edited on its own.

Every write through ``GraphStore`` keeps it right. A raw SPARQL Update cannot (nobody knows
which graphs it touched), so ``GraphStore.raw_update`` removes every table in the same
transaction; the reader then falls back to reading triples (``allegiance.reason.claims``) and
a build writes the tables again. The reader also checks each table's row count against the
graph's claims, and reads by SPARQL any graph whose claims it cannot take from a table.

Format (version line, vocabulary line, one line per column)::

    allegiance-claims/1
    <tab-separated values; index 0 is the empty string, "absent">
    <claim column: tab-separated vocabulary indices>
    <subjectActor column> ... <referenceYear column>

Values are IRIs without brackets and literals' lexical forms, exactly what a SPARQL reader
gets as ``term.value``. A graph gets no table (``None``) when it has no claims, or when one of
its claims lacks a required property, holds two values of one property, or has an empty value
or one with a tab or a line break: those graphs are read by SPARQL, with the union semantics.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

ALG = "https://w3id.org/allegiance/ontology#"
RELATION_CLAIM = ALG + "RelationClaim"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VERSION = "allegiance-claims/1"

TYPED_IN_GRAPHS_QUERY = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{RELATION_CLAIM}> }} }}"
)
"""Claims typed in named graphs, counted without decoding a claim IRI: what a derived reading
of the claims (the tables, the claim index) must hold as many of."""
TYPED_IN_DEFAULT_ASK = f"ASK {{ ?c a <{RELATION_CLAIM}> }}"
"""Run with the real default graph (not the union): a claim typed there has no graph, so no
table or index entry can stand for it."""

FIELDS = (
    "subjectActor",
    "objectActor",
    "dimension",
    "polarity",
    "formality",
    "modality",
    "statedIn",
    "directed",
    "confidence",
    "referenceYear",
)
REQUIRED = FIELDS[:7]
"""The properties a claim must have to be read (as the reasoning's SPARQL join demands)."""

_FIELD_OF = {ALG + name: index for index, name in enumerate(FIELDS)}
_MARKER = ("<" + RELATION_CLAIM + ">").encode()
_REQUIRED_SLOTS = range(len(REQUIRED))


def may_hold_claims(ntriples: bytes) -> bool:
    """False when N-Triples text certainly types no relation claim (a C-speed search, so
    that graphs without claims, such as the derived graphs, are never walked in Python)."""
    return _MARKER in ntriples


def claim_table(triples: Iterable[ox.Triple]) -> str | None:
    """The table of the claims typed in these triples, or None (see the module text)."""
    listed = triples if isinstance(triples, list) else list(triples)
    claims = sorted(
        t.subject.value
        for t in listed
        if t.predicate.value == RDF_TYPE
        and t.object.value == RELATION_CLAIM
        and isinstance(t.subject, ox.NamedNode)
    )
    if not claims:
        return None
    rows: dict[str, list[str]] = {claim: [""] * len(FIELDS) for claim in claims}
    for triple in listed:
        slot = _FIELD_OF.get(triple.predicate.value)
        if slot is None:
            continue
        row = rows.get(triple.subject.value)
        if row is None or not isinstance(triple.subject, ox.NamedNode):
            continue
        value = triple.object.value
        if row[slot] or not value or isinstance(triple.object, ox.BlankNode | ox.Triple):
            return None  # a second value, an empty one or one with no stable text: SPARQL
        row[slot] = value
    if any(not row[slot] for row in rows.values() for slot in _REQUIRED_SLOTS):
        return None
    return _format(claims, rows)


def _format(claims: list[str], rows: dict[str, list[str]]) -> str | None:
    vocabulary: dict[str, int] = {"": 0}
    columns = [[vocabulary.setdefault(claim, len(vocabulary)) for claim in claims]]
    for slot in range(len(FIELDS)):
        columns.append([vocabulary.setdefault(rows[c][slot], len(vocabulary)) for c in claims])
    values = list(vocabulary)
    if any("\t" in value or "\n" in value or "\r" in value for value in values):
        return None
    lines = [VERSION, "\t".join(values)]
    lines.extend("\t".join(map(str, column)) for column in columns)
    return "\n".join(lines)


def read_table(text: str) -> list[list[str]] | None:
    """The table's columns (claim IRIs, then ``FIELDS`` in order; "" where a claim has no
    value), or None for a text this version cannot read (the reader then uses SPARQL)."""
    lines = text.split("\n")
    if len(lines) != len(FIELDS) + 3 or lines[0] != VERSION:
        return None
    vocabulary = lines[1].split("\t")
    try:
        columns = [list(map(vocabulary.__getitem__, map(int, line.split("\t"))))
                   for line in lines[2:]]
    except (IndexError, ValueError):
        return None
    if len({len(column) for column in columns}) != 1:
        return None
    return columns
