"""Querying: the catalogue stays hidden, rows are plain strings, errors are one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from store_fixtures import EX, doc_graph

from allegiance.store import CATALOGUE_IRI, Deadline, GraphStore, StoreError

G = f"{EX}document/q"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(tmp_path / "s") as opened:
        opened.replace_graph(G, doc_graph("q", n=4), meta={"path": "q.md"})
        opened.replace_graph(f"{EX}document/r", doc_graph("r", n=1))
        yield opened


def test_catalogue_is_hidden_from_graphs_and_says_nothing_about_documents(
    store: GraphStore,
) -> None:
    # The union is Oxigraph's native one (fast); catalogue entries are nodes of their own, so
    # no catalogue fact has a document as its subject.
    _, rows = store.select_rows(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
        f"FILTER(!STRSTARTS(STR(?s), '{CATALOGUE_IRI}')) }}"
    )
    assert rows == [["10"]]
    assert not store.ask(f"ASK {{ <{G}> ?p ?o }}")
    _, rows = store.select_rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [row[0] for row in rows] == [G, f"{EX}document/r"]
    _, rows = store.select_rows(
        f"SELECT ?h WHERE {{ GRAPH <{CATALOGUE_IRI}> "
        f"{{ ?e <{CATALOGUE_IRI}#graph> <{G}> ; ?p ?h }} }}",
        include_catalogue=True,
    )
    assert len(rows) == 4


def test_without_union_only_graph_patterns_match(store: GraphStore) -> None:
    result = store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=False)
    assert not bool(result)
    assert store.ask(f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")


def test_rows_hold_none_for_unbound_and_construct_gives_triples(store: GraphStore) -> None:
    variables, rows = store.select_rows(
        f"SELECT ?s ?missing WHERE {{ GRAPH <{G}> {{ ?s <{EX}start> 0 }} "
        f"OPTIONAL {{ ?s <{EX}absent> ?missing }} }}"
    )
    assert variables == ["s", "missing"]
    assert rows == [[f"{EX}claim/q/0", None]]
    variables, rows = store.select_rows(f"CONSTRUCT WHERE {{ <{EX}claim/r/0> <{EX}start> ?o }}")
    assert variables == ["subject", "predicate", "object"]
    assert rows == [[f"{EX}claim/r/0", f"{EX}start", "0"]]


def test_timeout_wraps_lazy_results(store: GraphStore) -> None:
    generous = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", timeout_s=60)
    assert isinstance(generous, Deadline)
    assert len(list(generous)) == 10
    expired = store.query("SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }", timeout_s=0.0)
    with pytest.raises(StoreError, match="timed out"):
        list(expired)


def test_syntax_error_and_ask_misuse(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="SPARQL syntax error") as caught:
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    assert "\n" not in str(caught.value)
    with pytest.raises(StoreError, match="ASK"):
        store.ask("SELECT ?s WHERE { ?s ?p ?o }")


def test_dataset_for_validation_has_document_graphs_only(store: GraphStore) -> None:
    dataset = store.dataset()
    names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
    assert names == [G, f"{EX}document/r"]
    assert len(dataset.graph(URIRef(G))) == 8
