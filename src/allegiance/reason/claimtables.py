"""Read every claim from the catalogue's claim tables, one lookup per graph.

The tables (``allegiance.store.claimtable``) are written with each document graph. Reading
them costs one dictionary lookup per graph instead of ten per claim; stop 16 measured 195 s to
read the 1,000,000 claims of a 12.6 GB store by column scans (``claimscan``), nearly all of it
in Oxigraph turning stored ids back into strings.

A table is trusted only where it must agree with its graph: its row count equals the number of
claims typed in that graph (counted by Oxigraph without decoding a claim IRI), no claim is
typed in two graphs, and the store's real default graph types none. Graphs with claims but no
usable table (written by an older version, by a raw SPARQL Update, by a bulk load) are listed
for the caller to read by SPARQL; past ``MAX_UNTABLED_CLAIMS`` of those, or when a check fails,
the answer is None and the caller scans the whole claim layer as before.

One difference from reading the union of all graphs: a tabled claim's properties are those its
own graph states. A build never states a claim's properties outside the claim's graph; a store
edited by hand could, and only through a raw SPARQL Update, which drops every table.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from allegiance.reason.claimscan import ALG, ClaimColumns
from allegiance.store import CATALOGUE_IRI, GraphStore
from allegiance.store.catalogue import CLAIM_TABLE, GRAPH
from allegiance.store.claimtable import FIELDS, read_table

TABLES_QUERY = (
    f"SELECT ?g ?t WHERE {{ GRAPH <{CATALOGUE_IRI}> {{ ?e {GRAPH} ?g ; {CLAIM_TABLE} ?t }} }}"
)
COUNTS_QUERY = (
    f"SELECT ?g (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{ALG}RelationClaim> }} }} GROUP BY ?g"
)
DEFAULT_GRAPH_CLAIMS = f"ASK {{ ?c a <{ALG}RelationClaim> }}"

MAX_UNTABLED_CLAIMS = 20_000
"""Claims without a table read by one SPARQL join (about 10 us per property and claim);
beyond this many, one column scan of the whole layer is the cheaper read."""

Names = dict[str, Callable[[str], str]]


def _claim_counts(store: GraphStore) -> dict[str, int]:
    solutions = store.query(COUNTS_QUERY, include_catalogue=True)
    return {sol["g"].value: int(sol["n"].value) for sol in solutions}  # type: ignore[union-attr]


def _tables(store: GraphStore) -> dict[str, str]:
    solutions = store.query(TABLES_QUERY, include_catalogue=True)
    return {sol["g"].value: sol["t"].value for sol in solutions}  # type: ignore[union-attr]


def tabled_claims(store: GraphStore, names: Names) -> tuple[ClaimColumns, list[str]] | None:
    """The tabled claims as ``claimscan.scan_claims`` gives them (sorted IRIs, ``{property:
    {claim: value}}`` with ``names`` applied), and the graphs whose claims no table holds;
    None when the tables cannot be trusted for this store (see the module text)."""
    in_default = store.query(DEFAULT_GRAPH_CLAIMS, use_default_graph_as_union=False)
    if bool(in_default):
        return None
    counts = _claim_counts(store)
    tables = _tables(store)
    columns: list[list[str]] = [[] for _ in range(len(FIELDS) + 1)]
    untabled: list[str] = []
    for graph, count in sorted(counts.items()):
        text = tables.get(graph)
        table = read_table(text) if text is not None else None
        if table is None or len(table[0]) != count:
            untabled.append(graph)
            continue
        for column, part in zip(columns, table, strict=True):
            column.extend(part)
    if sum(counts[graph] for graph in untabled) > MAX_UNTABLED_CLAIMS:
        return None
    claims = columns[0]
    if len(set(claims)) != len(claims):
        return None  # a claim typed in two graphs: only the union reading is right
    values: dict[str, dict[str, str]] = {}
    for name, column in zip(FIELDS, columns[1:], strict=True):
        name_of = names.get(name)
        if name_of is not None:
            named = {value: name_of(value) for value in set(column)}
            values[name] = dict(zip(claims, map(named.__getitem__, column), strict=True))
        else:
            pairs = zip(claims, column, strict=True)
            values[name] = {claim: value for claim, value in pairs if value}  # "": absent
    return (sorted(claims), values), untabled


def graphs_restriction(graphs: list[str]) -> str:
    """A SPARQL pattern binding ``?c`` to the claims typed in ``graphs``."""
    listed = " ".join(str(ox.NamedNode(graph)) for graph in graphs)
    return f"VALUES ?g {{ {listed} }} GRAPH ?g {{ ?c a alg:RelationClaim }}"
