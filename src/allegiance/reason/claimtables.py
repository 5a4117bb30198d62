"""Read every claim from the catalogue's claim tables, one lookup per graph.

The tables (``allegiance.store.claimtable``) are written with each document graph. Reading
them costs one dictionary lookup per graph instead of ten per claim; stop 16 measured 195 s to
read the 1,000,000 claims of a 12.6 GB store by column scans (``claimscan``), nearly all of it
in Oxigraph turning stored ids back into strings.

The tables are trusted when they must agree with the graphs: together they hold as many
rows as there are claims typed in named graphs (counted by Oxigraph without decoding a claim
IRI: 0.6 s at 1,000,000 claims), no claim is typed in two graphs, and the store's real default
graph types none. When the totals differ, each table is checked against its own graph (its
row count against the claims typed there; 3 s more at 1,000,000 claims, since every graph IRI
is decoded), and graphs with claims but no usable table (written by an older version, by a raw
SPARQL Update, by a bulk load) are listed for the caller to read by SPARQL; past
``MAX_UNTABLED_CLAIMS`` of those, or when a check fails, the answer is None and the caller
scans the whole claim layer as before. (Equal totals with a table short in one graph and long
in another would need two writes that bypass the store; its writes never make one.)

One difference from reading the union of all graphs: a tabled claim's properties are those its
own graph states. A build never states a claim's properties outside the claim's graph; a store
edited by hand could, and only through a raw SPARQL Update, which drops every table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from allegiance.reason.claimscan import select as _select
from allegiance.store import CATALOGUE_IRI, GraphStore
from allegiance.store.catalogue import CLAIM_TABLE, GRAPH
from allegiance.store.claimtable import (
    ALG,
    FIELDS,
    TYPED_IN_DEFAULT_ASK,
    TYPED_IN_GRAPHS_QUERY,
    read_table,
)

TEXTS_QUERY = f"SELECT ?t WHERE {{ GRAPH <{CATALOGUE_IRI}> {{ ?e {CLAIM_TABLE} ?t }} }}"
TABLES_QUERY = (
    f"SELECT ?g ?t WHERE {{ GRAPH <{CATALOGUE_IRI}> {{ ?e {GRAPH} ?g ; {CLAIM_TABLE} ?t }} }}"
)
COUNTS_QUERY = (
    f"SELECT ?g (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{ALG}RelationClaim> }} }} GROUP BY ?g"
)

MAX_UNTABLED_CLAIMS = 20_000
"""Claims without a table read by one SPARQL join (about 10 us per property and claim);
beyond this many, one column scan of the whole layer is the cheaper read."""

Names = dict[str, Callable[[str], str]]
Columns = dict[str, list[str | None]]
"""``{property: values}`` aligned with a list of claim IRIs; None where a claim has none."""


@dataclass(frozen=True)
class TabledClaims:
    iris: list[str]
    """The tabled claims, sorted."""
    columns: Columns
    """Their values (``names`` applied), aligned with ``iris``."""
    untabled: list[str]
    """Graphs whose claims no table holds: the caller reads them by SPARQL."""


def _claim_counts(store: GraphStore) -> dict[str, int]:
    return {sol["g"].value: int(sol["n"].value) for sol in _select(store, COUNTS_QUERY)}


def _tables(store: GraphStore) -> dict[str, str]:
    return {sol["g"].value: sol["t"].value for sol in _select(store, TABLES_QUERY)}


def _joined(tables: Iterable[list[list[str]] | None]) -> list[list[str]] | None:
    """Parsed tables' columns end to end; None if one could not be read."""
    columns: list[list[str]] = [[] for _ in range(len(FIELDS) + 1)]
    for table in tables:
        if table is None:
            return None
        for column, part in zip(columns, table, strict=True):
            column.extend(part)
    return columns


def _per_graph(store: GraphStore) -> tuple[list[list[str]], list[str], int]:
    """Tables checked graph by graph: the columns of the tables whose row count is the number
    of claims typed in their graph, the other graphs with claims, and how many claims those
    hold. Slower than the totals (it decodes every graph IRI), so only run when they differ."""
    counts = _claim_counts(store)
    tables = _tables(store)
    untabled: list[str] = []

    def agreeing() -> Iterator[list[list[str]]]:
        for graph, count in sorted(counts.items()):
            text = tables.get(graph)
            table = read_table(text) if text is not None else None
            if table is None or len(table[0]) != count:
                untabled.append(graph)
            else:
                yield table

    columns = _joined(agreeing()) or []
    return columns, untabled, sum(counts[graph] for graph in untabled)


def tabled_claims(store: GraphStore, names: Names) -> TabledClaims | None:
    """The claims the tables hold, and the graphs whose claims they do not; None when the
    tables cannot be trusted for this store (see the module text)."""
    if bool(store.query(TYPED_IN_DEFAULT_ASK, use_default_graph_as_union=False,
                        include_catalogue=True)):
        return None
    total = int(next(iter(_select(store, TYPED_IN_GRAPHS_QUERY)))["n"].value)
    joined = _joined(read_table(sol["t"].value) for sol in _select(store, TEXTS_QUERY))
    untabled: list[str] = []
    if joined is None or len(joined[0]) != total:
        joined, untabled, missing = _per_graph(store)
        if missing > MAX_UNTABLED_CLAIMS:
            return None
    claims = joined[0]
    if len(set(claims)) != len(claims):
        return None  # a claim typed in two graphs: only the union reading is right
    order = sorted(range(len(claims)), key=claims.__getitem__)
    columns: Columns = {}
    for name, column in zip(FIELDS, joined[1:], strict=True):
        name_of = names.get(name, str)
        named = {value: name_of(value) if value else None for value in set(column)}
        columns[name] = list(map(named.__getitem__, map(column.__getitem__, order)))
    return TabledClaims(list(map(claims.__getitem__, order)), columns, untabled)


def graphs_restriction(graphs: list[str]) -> str:
    """A SPARQL pattern binding ``?c`` to the claims typed in ``graphs``."""
    listed = " ".join(str(ox.NamedNode(graph)) for graph in graphs)
    return f"VALUES ?g {{ {listed} }} GRAPH ?g {{ ?c a alg:RelationClaim }}"
