"""``run_local`` queries Oxigraph's native union unless a query has a GRAPH pattern.

The fast path must not change an answer: every template gives the rows it gives when the
catalogue graph is hidden by listing the other graphs (``GraphStore.select_rows``, the slow
path), and a GRAPH pattern still never sees the catalogue graph.
"""

from __future__ import annotations

import pytest

from allegiance.query.run import GRAPH_KEYWORD, run_local
from allegiance.query.templates import get_template, load_templates, parse_template, prepare
from allegiance.store import CATALOGUE_IRI, GraphStore

SAMPLES = {
    "actor-relations": {"actor": "Iran"},
    "pair-evidence": {"actor": "Iran", "other": "Russia"},
    "relation-documents": {"actor": "Iran", "other": "Saudi Arabia", "dimension": "diplomatic"},
    "partners-by-tier": {"actor": "Iran"},
    "most-connected": {},
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_native_union_gives_the_rows_of_the_listed_graphs(store: GraphStore, name: str) -> None:
    prepared = prepare(get_template(name), SAMPLES[name])
    assert GRAPH_KEYWORD.search(prepared.sparql) is None
    fast = run_local(store, prepared)
    variables, slow = store.select_rows(prepared.sparql)
    assert fast.variables == variables
    assert fast.plain() == slow
    assert fast.rows, f"{name} should answer something on the fixture store"


def test_a_graph_pattern_still_hides_the_catalogue(store: GraphStore) -> None:
    template = parse_template("graphs", "#+ summary: graphs\n"
                              "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g\n")
    graphs = [row[0] for row in run_local(store, prepare(template, {})).plain()]
    assert graphs == store.graphs()
    assert CATALOGUE_IRI not in graphs


def test_graph_keyword_is_a_keyword_not_a_name() -> None:
    assert GRAPH_KEYWORD.search("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert GRAPH_KEYWORD.search("select * where { graph <x> { ?s ?p ?o } }")
    assert not GRAPH_KEYWORD.search("SELECT ?graph WHERE { ?s <http://x/GRAPH> ?graph }")
    assert not any(GRAPH_KEYWORD.search(t.body) for t in load_templates().values())
