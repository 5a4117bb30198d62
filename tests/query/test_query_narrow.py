"""Templates narrowed by the claim index give the rows the template gives without it.

A writable copy of the query fixture store gets its claim index; every template declaring
``x-claim-index`` then runs both ways, for a grid of actors, texts and dates, and the rows
(and their order) must be the same, while the narrowed query really lists the candidates.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from allegiance.query import load_templates, prepare, run_local
from allegiance.query.narrow import LIMIT, narrow_sparql, narrowed, wanted
from allegiance.query.templates import TemplateError, parse_template
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore
from allegiance.store.claimsearch import Limit

ACTORS = [None, "IRN", "RUS", "CHN", "USA", "hezbollah", "FRA"]
TEXTS = ["billion", "BILLION", "oil", "Iran", "i", "no such words", "'", 'say "no"']
SINCE = ["2000-01-01", "2023-05-01", "2024-02-10", "2024-02-11", "2030-01-01"]


@pytest.fixture(scope="module")
def indexed(store_builder, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("narrow") / "store"
    store_builder(path)
    with GraphStore.open(path) as store:
        assert store.refresh_claim_index().usable
    return path


def _cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for actor, text in itertools.product(ACTORS, TEXTS):
        cases.append(("evidence-search", {"text": text} | ({"actor": actor} if actor else {})))
    for actor, since in itertools.product(ACTORS, SINCE):
        cases.append(("claims-since", {"since": since} | ({"actor": actor} if actor else {})))
    return cases


def test_the_indexed_templates_are_the_ones_that_declare_it() -> None:
    declared = {name for name, t in load_templates().items() if t.claim_index}
    assert declared == {"claims-since", "evidence-search"}


def test_narrowed_templates_give_the_same_rows_in_the_same_order(indexed: Path) -> None:
    templates, gazetteer = load_templates(), load_gazetteer()
    narrowed_count = 0
    with GraphStore.open(indexed, read_only=True) as store:
        for name, values in _cases():
            prepared = prepare(templates[name], values, gazetteer=gazetteer)
            sparql = narrowed(prepared, store.claim_candidates)
            plain = store.select_rows(prepared.sparql)
            assert store.select_rows(sparql) == plain, (name, values)
            if sparql != prepared.sparql:
                narrowed_count += 1
                assert "VALUES ?claim {" in sparql
    assert narrowed_count == len(_cases())  # the fixture is small: every case is narrowed


def test_run_local_narrows_and_a_stale_index_is_not_used(indexed: Path) -> None:
    template = load_templates()["evidence-search"]
    prepared = prepare(template, {"text": "billion"}, gazetteer=load_gazetteer())
    with GraphStore.open(indexed, read_only=True) as store:
        before = run_local(store, prepared)
        proposed = store.claim_candidates(wanted(prepared), LIMIT)
    assert proposed and len(proposed) == len({r[0] for r in before.plain()})
    with GraphStore.open(indexed) as store:
        # a write without a refresh: the index no longer answers, the template still does
        store.replace_graph("https://w3id.org/allegiance/id/graph/extra", [])
        assert store.claim_candidates(wanted(prepared), LIMIT) is None
        assert narrowed(prepared, store.claim_candidates) == prepared.sparql
        assert run_local(store, prepared).plain() == before.plain()
        store.refresh_claim_index()


def test_too_many_candidates_leave_the_query_as_written() -> None:
    asked = wanted(prepare(load_templates()["claims-since"], {"since": "2000-01-01"},
                           gazetteer=load_gazetteer()))
    seen: list[int] = []

    def propose(_: object, limit: Limit) -> None:
        seen.append(limit)
        return None

    assert narrow_sparql("SELECT * WHERE { ?claim ?p ?o }", 16, asked, propose) == (
        "SELECT * WHERE { ?claim ?p ?o }")
    assert seen == [LIMIT]
    assert narrow_sparql("SELECT * WHERE { ?claim ?p ?o }", 16, None, propose).endswith("?o }")


@pytest.mark.parametrize(("header", "message"), [
    ("#+ x-claim-index:\n#+   colour: actor\n", "roles are"),
    ("#+ x-claim-index:\n#+   actor: nobody\n", "names no parameter"),
])
def test_a_wrong_claim_index_header_is_refused(header: str, message: str) -> None:
    text = (f"#+ summary: s\n#+ x-types:\n#+   actor: actor\n{header}"
            "SELECT ?claim WHERE { ?claim ?p ?__actor_iri }\n")
    with pytest.raises(TemplateError, match=message):
        parse_template("t", text)
    with pytest.raises(TemplateError, match="does not use"):
        parse_template("t", "#+ summary: s\n#+ x-types:\n#+   actor: actor\n"
                            "#+ x-claim-index:\n#+   actor: actor\n"
                            "SELECT ?x WHERE { ?x ?p ?__actor_iri }\n")
