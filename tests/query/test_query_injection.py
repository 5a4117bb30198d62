"""Hostile values in every parameter of every template: nothing but the intended query runs.

For each (template, parameter, payload) the value is either refused before any query runs, or
bound as one RDF term: the one query the store receives is then exactly the template text with
a VALUES block of terms escaped as the test itself expects, it parses as a single SELECT, the
bound term reads back as the payload unchanged, and the store's content is byte-identical
before and after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from allegiance.query.params import ParameterError
from allegiance.query.run import run_local
from allegiance.query.templates import Template, load_templates, prepare
from allegiance.store import GraphStore

PAYLOADS = [
    '"',
    "'",
    '"}',
    "} ; DROP ALL ; INSERT DATA { <a:b> <a:b> <a:b> }",
    '"} ; DROP ALL ; INSERT DATA { GRAPH <http://x/g> { <a:b> <a:b> "x" } } #',
    "'} ; CLEAR ALL ; #",
    "x # a comment\n} ; DROP ALL",
    "first line\nsecond line\r\nthird",
    "http://example.org/a b",
    "<http://example.org/x> } ; CLEAR DEFAULT",
    "\\u0022 ) } ; DROP ALL #",
    "back\\slash\\",
    "Iran\" } ; DROP ALL ; #",
    "{{ }} ) ( UNDEF",
]

VALID = {
    "actor": ("Iran", "<https://w3id.org/allegiance/id/actor/IRN>"),
    "other": ("Russia", "<https://w3id.org/allegiance/id/actor/RUS>"),
    "partner": ("Syria", "<https://w3id.org/allegiance/id/actor/SYR>"),
    "organisation": ("brics", "<https://w3id.org/allegiance/id/actor/brics>"),
    "since": ("2020-01-01", '"2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'),
    "text": ("iran", '"iran"'),
}


def quoted(text: str) -> str:
    """A SPARQL string literal, escaped here independently of the code under test."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'


class RecordingStore(GraphStore):
    """The real store, noting every query text it is given (or that the function it is given
    makes: a template narrowed by the claim index is made inside the store's read)."""

    seen: list[str]

    def query(self, sparql: Any, **options: Any):  # type: ignore[no-untyped-def, override]
        self.seen.append(sparql() if callable(sparql) else sparql)
        return super().query(sparql, **options)


def expected_text(template: Template, cells: list[str]) -> str:
    variables = " ".join(f"?{p.variable}" for p in template.parameters)
    block = f"\n  VALUES ({variables}) {{ ({' '.join(cells)}) }}\n"
    at = template.insert_at
    return template.body[:at] + block + template.body[at:]


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, store_builder) -> Path:  # type: ignore[no-untyped-def]
    return store_builder(tmp_path_factory.mktemp("injection") / "store").path


def test_hostile_values_in_every_parameter(writable: Path) -> None:
    opened = GraphStore.open(writable)
    store = RecordingStore(opened._db, opened.path, False)
    store.seen = []
    before = (store.quad_count(include_catalogue=True), store.dump_nquads())
    bound = refused = 0
    for template in load_templates().values():
        for target in template.parameters:
            for payload in PAYLOADS:
                values = {p.name: VALID[p.name][0] for p in template.parameters if p.required}
                values[target.name] = payload
                store.seen.clear()
                try:
                    prepared = prepare(template, values)
                except ParameterError:
                    refused += 1
                    assert store.seen == []
                    continue
                bound += 1
                cells = [
                    quoted(payload) if p is target
                    else VALID[p.name][1] if p.required else "UNDEF"
                    for p in template.parameters
                ]
                assert prepared.sparql == expected_text(template, cells)
                run_local(store, prepared)
                assert store.seen == [prepared.sparql]
                assert prepareQuery(prepared.sparql).algebra.name == "SelectQuery"
                probe = ox.Store().query(
                    f"SELECT ?v WHERE {{ VALUES (?v) {{ ({quoted(payload)}) }} }}")
                assert [s["v"] for s in probe] == [ox.Literal(payload)]
    after = (store.quad_count(include_catalogue=True), store.dump_nquads())
    store.close()
    assert before == after
    assert bound >= 2 * len(PAYLOADS)  # free-text parameters really ran with each payload
    assert refused > 0


@pytest.mark.parametrize("value", ["http://example.org/a b", "http://x/<y>", 'http://x/"', "a"])
def test_iri_parameters_refuse_what_is_not_an_iri(value: str) -> None:
    from allegiance.query.params import Parameter, to_term

    with pytest.raises(ParameterError):
        to_term(value, Parameter("_thing_iri", "thing", True, "iri"))
