"""The claim table kept in each graph's catalogue entry: what it holds, when a graph gets none,
and how the store keeps it in step with its graph (writes, raw SPARQL Updates, rewrites).

Tables are checked against the graph's own triples, read back from a real on-disk store.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from allegiance.store import GraphStore, GraphWrite
from allegiance.store.catalogue import CATALOGUE, CLAIM_TABLE, entry_node, entry_nquads
from allegiance.store.claimtable import FIELDS, VERSION, claim_table, read_table
from allegiance.store.writes import triples_write

ALG = "https://w3id.org/allegiance/ontology#"
ID = "https://w3id.org/allegiance/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"


def _claim(doc: str, n: int, *, year: int | None = None, subject: str = "IRN") -> list[ox.Triple]:
    claim = ox.NamedNode(f"{ID}claim/{doc}-{n}")
    values: dict[str, ox.NamedNode | ox.Literal] = {
        "subjectActor": ox.NamedNode(f"{ID}actor/{subject}"),
        "objectActor": ox.NamedNode(f"{ID}actor/RUS"),
        "dimension": ox.NamedNode(f"{ALG}dimension-military"),
        "polarity": ox.NamedNode(f"{ALG}polarity-cooperation"),
        "formality": ox.NamedNode(f"{ALG}formality-F{n % 4}"),
        "modality": ox.NamedNode(f"{ALG}modality-asserted"),
        "statedIn": ox.NamedNode(f"{ID}document/{doc}"),
        "directed": ox.Literal(str(n % 2 == 1).lower(), datatype=ox.NamedNode(XSD + "boolean")),
        "confidence": ox.Literal(f"0.{n + 1}", datatype=ox.NamedNode(XSD + "decimal")),
    }
    if year is not None:
        values["referenceYear"] = ox.Literal(str(year), datatype=ox.NamedNode(XSD + "gYear"))
    triples = [ox.Triple(claim, RDF_TYPE, ox.NamedNode(ALG + "RelationClaim"))]
    triples += [ox.Triple(claim, ox.NamedNode(ALG + k), v) for k, v in values.items()]
    triples.append(ox.Triple(claim, ox.NamedNode(ALG + "cue"), ox.Literal("signed\twith")))
    return triples


def _graph(doc: str, claims: int = 3) -> list[ox.Triple]:
    triples = [t for n in range(claims) for t in _claim(doc, n, year=2020 if n else None)]
    node = ox.NamedNode(f"{ID}document/{doc}")
    triples.append(ox.Triple(node, RDF_TYPE, ox.NamedNode(ALG + "Document")))
    return triples


def _expected(triples: list[ox.Triple]) -> list[list[str]]:
    """The columns a table must hold, worked out from the triples the slow, obvious way."""
    claims = sorted(t.subject.value for t in triples if t.object.value == ALG + "RelationClaim")
    columns = [claims]
    for name in FIELDS:
        by_claim = {t.subject.value: t.object.value for t in triples
                    if t.predicate.value == ALG + name}
        columns.append([by_claim.get(claim, "") for claim in claims])
    return columns


def _stored_table(store: GraphStore, graph: str) -> str | None:
    node = entry_node(ox.NamedNode(graph))
    quads = list(store._db.quads_for_pattern(node, CLAIM_TABLE, None, CATALOGUE))
    return quads[0].object.value if quads else None


def test_table_holds_every_claim_value_of_the_graph() -> None:
    triples = _graph("a", claims=5)
    text = claim_table(triples)
    assert text is not None and text.startswith(VERSION + "\n")
    assert read_table(text) == _expected(triples)
    assert claim_table(list(reversed(triples))) == text  # independent of triple order


@pytest.mark.parametrize("change", ["no claims", "missing", "twice", "tab", "empty"])
def test_graphs_a_table_cannot_hold_get_none(change: str) -> None:
    triples = _graph("b")
    claim = triples[0].subject
    dimension = ox.NamedNode(ALG + "dimension")
    if change == "no claims":
        triples = [t for t in triples if t.object.value != ALG + "RelationClaim"]
    elif change == "missing":
        triples = [t for t in triples if not (t.subject == claim and t.predicate == dimension)]
    elif change == "twice":
        triples.append(ox.Triple(claim, dimension, ox.NamedNode(ALG + "dimension-energy")))
    else:
        text = "tab\there" if change == "tab" else ""
        triples = [t for t in triples
                   if not (t.subject == claim and t.predicate.value == ALG + "confidence")]
        triples.append(ox.Triple(claim, ox.NamedNode(ALG + "confidence"), ox.Literal(text)))
    assert claim_table(triples) is None


def test_unreadable_tables_are_refused() -> None:
    text = claim_table(_graph("c"))
    assert text is not None
    assert read_table(text.replace(VERSION, "allegiance-claims/99")) is None
    assert read_table(text.rsplit("\n", 1)[0]) is None  # a column short
    assert read_table(text + "\t999") is None  # an index past the vocabulary


def test_every_write_path_stores_the_table(tmp_path: Path) -> None:
    source = tmp_path / "d.nt"
    triples = _graph("d")
    source.write_bytes(b"".join(f"{t} .\n".encode() for t in triples))
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_graph(f"{ID}document/a", _graph("a"))  # triples: replaced in the store
        store.replace_graphs([triples_write(f"{ID}document/b", _graph("b"))])  # N-Triples
        store.load_file(source, graph_iri=f"{ID}document/d")
        store.replace_graph(f"{ID}graph/other", [t for t in triples if "Document" in str(t)])
        for doc in ("a", "b", "d"):
            assert _stored_table(store, f"{ID}document/{doc}") == claim_table(_graph(doc))
        assert _stored_table(store, f"{ID}graph/other") is None
        assert store.catalogue()[f"{ID}document/a"].claim_table is None  # listings leave it out


def test_raw_update_drops_every_table_in_its_own_transaction(tmp_path: Path) -> None:
    a, b = f"{ID}document/a", f"{ID}document/b"
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_graph(a, _graph("a"))
        store.replace_graph(b, _graph("b"))
        before = store.dump_nquads()
        with pytest.raises(SyntaxError):
            store.raw_update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> }")
        assert store.dump_nquads() == before  # a refused update changes nothing, tables stay
        assert _stored_table(store, a) is not None
        store.raw_update(f"INSERT DATA {{ GRAPH <{a}> {{ <urn:s> <urn:p> <urn:o> }} }} ;")
        assert store.ask(f"ASK {{ GRAPH <{a}> {{ <urn:s> <urn:p> <urn:o> }} }}")
        assert _stored_table(store, a) is None and _stored_table(store, b) is None
        store.replace_graph(b, _graph("b"))
        assert _stored_table(store, b) is not None
        store.raw_update("PREFIX ex: <urn:>")  # only a prologue: a valid, empty update
        assert _stored_table(store, b) is None


def test_rewriting_an_unchanged_graph_restores_its_table_unless_it_was_edited(
    tmp_path: Path,
) -> None:
    a, b = f"{ID}document/a", f"{ID}document/b"
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_graphs([GraphWrite(a, _graph("a")), GraphWrite(b, _graph("b"))])
        old = f"<{ALG}formality-F1>"
        store.raw_update(
            f"DELETE {{ GRAPH <{b}> {{ ?c <{ALG}formality> {old} }} }} "
            f"INSERT {{ GRAPH <{b}> {{ ?c <{ALG}formality> <{ALG}formality-F3> }} }} "
            f"WHERE {{ GRAPH <{b}> {{ ?c <{ALG}formality> {old} }} }}"
        )
        changed = store.replace_graphs([GraphWrite(a, _graph("a")), GraphWrite(b, _graph("b"))])
        assert changed == [False, False]  # the catalogue's hashes still say "unchanged"
        assert _stored_table(store, a) == claim_table(_graph("a"))
        assert _stored_table(store, b) is None  # its triples are no longer what the hash says


def test_generated_entries_equal_the_entries_a_write_makes(tmp_path: Path) -> None:
    """``entry_nquads`` (for generators that bulk-load documents) gives the catalogue entry,
    claim table included, that ``replace_graph`` writes for the same graph."""
    graph = f"{ID}document/e"
    triples = _graph("e")
    ntriples = b"".join(f"{t} .\n".encode() for t in triples)
    with GraphStore.open(tmp_path / "written") as written:
        written.replace_graph(graph, triples, meta={"path": "e.txt"})
        expected = sorted(written.dump_nquads(include_catalogue=True).splitlines())
    quads = ntriples.replace(b" .\n", f" <{graph}> .\n".encode())
    with GraphStore.open(tmp_path / "loaded") as loaded:
        loaded.bulk_load_quads(quads + entry_nquads(graph, ntriples, "e.txt"))
        assert sorted(loaded.dump_nquads(include_catalogue=True).splitlines()) == expected
