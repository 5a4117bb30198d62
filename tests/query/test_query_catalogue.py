"""Every template of the catalogue on the fixture store, asserting its rows."""

from __future__ import annotations

import pytest

from allegiance.query.run import run_local
from allegiance.query.templates import get_template, load_templates, prepare
from allegiance.store import GraphStore

ACTOR = "https://w3id.org/allegiance/id/actor/"


def ask(store: GraphStore, name: str, **values: str) -> list[dict[str, object]]:
    rows = run_local(store, prepare(get_template(name), values))
    return [
        {k: (v.removeprefix(ACTOR) if isinstance(v, str) else v) for k, v in row.items()}
        for row in rows.records()
    ]


def project(rows: list[dict[str, object]], *keys: str) -> list[tuple[object, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


def test_catalogue_has_the_questions_of_the_issue() -> None:
    templates = load_templates()
    assert len(templates) >= 14
    for template in templates.values():
        assert template.summary and template.tags and template.method in ("GET", "POST")


def test_partners_by_tier(store: GraphStore) -> None:
    rows = ask(store, "partners-by-tier", actor="Iranian")
    assert project(rows, "partner", "tier", "rank", "sources") == [
        ("SYR", "T1", 1, 1), ("RUS", "T2", 2, 2), ("hezbollah", "Client", 3, 1)]
    assert project(ask(store, "partners-by-tier", actor="IRN", tier="T2"), "partner") == [("RUS",)]


def test_tier_explanation(store: GraphStore) -> None:
    rows = ask(store, "tier-explanation", actor="Iran", partner="Russia")
    assert {row["tier"] for row in rows} == {"T2"}
    assert sorted(row["exact"] for row in rows) == [
        "Iran and Russia signed a gas cooperation memorandum.",
        "Trade between Iran and Russia reached 4 billion dollars in 2023."]


def test_actor_relations_by_dimension_and_polarity(store: GraphStore) -> None:
    rows = ask(store, "actor-relations", actor="Iran")
    assert ("SAU", "diplomatic", "tension", 1) in project(
        rows, "other", "dimension", "polarity", "claims")
    assert len(rows) == 9
    military = ask(store, "actor-relations", actor="Iran", dimension="military")
    assert project(military, "other", "polarity") == [
        ("SYR", "cooperation"), ("hezbollah", "cooperation")]
    tension = ask(store, "actor-relations", actor="Iran", polarity="Tension")
    assert project(tension, "other", "dimension") == [
        ("SAU", "diplomatic"), ("USA", "transactional")]


def test_military_supporters(store: GraphStore) -> None:
    rows = ask(store, "military-supporters", actor="Syria")
    assert project(rows, "supporter", "claims", "highestFormality") == [
        ("IRN", 1, "F1"), ("RUS", 1, "F1")]
    assert ask(store, "military-supporters", actor="Iran") == []


def test_energy_partners(store: GraphStore) -> None:
    rows = ask(store, "energy-partners", actor="Iran")
    assert project(rows, "partner", "claims", "maxConfidence") == [("CHN", 1, 0.7), ("RUS", 1, 0.8)]


def test_trade_figures_by_year(store: GraphStore) -> None:
    rows = ask(store, "trade-figures", actor="Iran")
    assert project(rows, "year", "other", "amount", "unit") == [
        ("2022", "CHN", 20000000000, "USD"), ("2023", "RUS", 4000000000, "USD")]
    assert project(ask(store, "trade-figures", actor="Iran", year="2023"), "other") == [("RUS",)]


def test_rivals(store: GraphStore) -> None:
    rows = ask(store, "rivals", actor="Iran")
    assert project(rows, "rival", "dimension", "claims") == [
        ("SAU", "diplomatic", 1), ("USA", "transactional", 1)]


def test_clients(store: GraphStore) -> None:
    rows = ask(store, "clients", actor="Iran")
    assert project(rows, "client", "clientLabel", "dimension") == [
        ("hezbollah", "Hezbollah", "military")]
    assert ask(store, "clients", actor="Russia") == []


def test_pair_evidence(store: GraphStore, fixture_store) -> None:  # type: ignore[no-untyped-def]
    rows = ask(store, "pair-evidence", actor="Russia", other="Iran")
    sentence = "Iran and Russia signed a gas cooperation memorandum."
    assert [row["exact"] for row in rows] == [
        sentence, "Trade between Iran and Russia reached 4 billion dollars in 2023."]
    first = rows[0]
    document = fixture_store.documents[1]
    assert document.text[first["start"]:first["end"]] == sentence
    assert (first["title"], first["publisher"], first["date"], first["path"]) == (
        "Gulf Ledger", "Other Desk", "2024-02-10", document.path)
    assert first["subject"] != ACTOR + "IRN" and first["subject"] == "IRN"


def test_shared_partners(store: GraphStore) -> None:
    rows = ask(store, "shared-partners", actor="Iran", other="Russia")
    assert project(rows, "partner", "claimsWithActor", "claimsWithOther") == [
        ("CHN", 2, 1), ("SYR", 1, 1)]


def test_organisation_members(store: GraphStore) -> None:
    rows = ask(store, "organisation-members", organisation="BRICS")
    ties = [r for r in rows if r["fellow"] is not None]
    assert project(ties, "member", "fellow", "dimension") == [
        ("CHN", "IRN", "energy"), ("CHN", "IRN", "transactional"), ("CHN", "RUS", "military"),
        ("IRN", "CHN", "energy"), ("IRN", "CHN", "transactional"), ("IRN", "RUS", "energy"),
        ("IRN", "RUS", "transactional"), ("RUS", "CHN", "military"), ("RUS", "IRN", "energy"),
        ("RUS", "IRN", "transactional")]
    loners = {r["member"] for r in rows if r["fellow"] is None}
    assert "BRA" in loners and "SAU" not in {r["member"] for r in ties}


def test_relation_documents(store: GraphStore) -> None:
    rows = ask(store, "relation-documents", actor="Iran", other="Saudi Arabia")
    assert project(rows, "title", "claims") == [("Gulf Ledger", 2)]
    only = ask(store, "relation-documents", actor="Iran", other="Saudi Arabia",
               polarity="tension")
    assert project(only, "title", "claims") == [("Gulf Ledger", 1)]
    assert ask(store, "relation-documents", actor="Iran", other="China", dimension="military") == []


def test_contradictions(store: GraphStore) -> None:
    expected = [("IRN", "SAU", "diplomatic", 1, 1)]
    columns = ("a", "b", "dimension", "cooperationClaims", "tensionClaims")
    assert project(ask(store, "contradictions"), *columns) == expected
    assert project(ask(store, "contradictions", actor="Saudi Arabia"), *columns) == expected
    assert ask(store, "contradictions", actor="Russia") == []


def test_pair_timeline(store: GraphStore) -> None:
    rows = ask(store, "pair-timeline", actor="Iran", other="Saudi Arabia")
    # the tension claim states no year: its document's date (2024) stands in
    assert project(rows, "year", "polarity", "claims") == [
        ("2023", "cooperation", 1), ("2024", "tension", 1)]


def test_most_connected(store: GraphStore) -> None:
    rows = ask(store, "most-connected")
    assert project(rows, "actor", "partners", "claims")[:3] == [
        ("IRN", 6, 9), ("CHN", 3, 4), ("RUS", 3, 4)]
    military = ask(store, "most-connected", dimension="military")
    assert project(military, "actor", "partners")[:3] == [("IRN", 2), ("RUS", 2), ("SYR", 2)]


def test_most_connected_pages(store: GraphStore) -> None:
    template = get_template("most-connected")
    page = run_local(store, prepare(template, {}, page=1))
    assert template.pagination == 25 and len(page.rows) == 7
    assert run_local(store, prepare(template, {}, page=2)).rows == []


def test_claims_since(store: GraphStore) -> None:
    rows = ask(store, "claims-since", since="2024-01-01")
    assert {r["title"] for r in rows} == {"Gulf Ledger"} and len(rows) == 4
    assert len(ask(store, "claims-since", since="2023-01-01")) == 9
    usa = ask(store, "claims-since", since="2020-01-01", actor="United States")
    assert project(usa, "exact") == [("The United States sanctioned Iran.",)]


def test_evidence_search(store: GraphStore) -> None:
    rows = ask(store, "evidence-search", text="BILLION")
    assert len(rows) == 2
    assert project(ask(store, "evidence-search", text="billion", actor="Russia"), "object") == [
        ("RUS",)]


@pytest.mark.parametrize("max_rows", [1, 3])
def test_row_limit_truncates(store: GraphStore, max_rows: int) -> None:
    rows = run_local(store, prepare(get_template("most-connected"), {}), max_rows=max_rows)
    assert len(rows.rows) == max_rows and rows.truncated
