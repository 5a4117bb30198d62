"""The actor report as HTML: self-contained, faithful to the tiers, escaped, deterministic."""

from __future__ import annotations

import html
import re

from report_fixtures import HOSTILE_ID, HOSTILE_LABEL
from report_pages import parse

from allegiance.query import load_templates, prepare, run_local
from allegiance.reason import compute_tiers
from allegiance.reason.explain import evidence_sentences
from allegiance.reference import load_gazetteer
from allegiance.report import load_actor_data, render_actor_report
from allegiance.report.actor import amount
from allegiance.store import GraphStore

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def test_page_is_one_self_contained_file(seed_store: GraphStore) -> None:
    page = render_actor_report(seed_store, "IRN")
    parsed = parse(page)
    names = [name for name, _ in parsed.tags]
    assert names.count("html") == 1 and "link" not in names and "iframe" not in names
    for name, attrs in parsed.tags:
        for key in ("src", "href", "action", "data", "poster"):
            value = attrs.get(key)
            assert value is None or not EXTERNAL.match(value), (name, key, value)
    scripts = [attrs for attrs, _ in parsed.scripts]
    assert all("src" not in attrs for attrs in scripts)
    # plotly.js itself is inline: the page can draw without any other file.
    assert any("Plotly" in body and len(body) > 1_000_000 for _, body in parsed.scripts)


def test_tier_table_rows_are_compute_tiers(seed_store: GraphStore) -> None:
    tiers = compute_tiers(seed_store, "IRN")
    evidence = evidence_sentences(seed_store, [t.strongest for t in tiers])
    rows = parse(render_actor_report(seed_store, "IRN")).tables["tiers"]
    assert len(rows) == len(tiers) > 0
    for row, tier in zip(rows, tiers, strict=True):
        expected = [
            str(tier.rank),
            f"{tier.partner.label} ({tier.partner.id})",
            tier.tier,
            "yes" if tier.mixed else "no",
            ", ".join(tier.dimensions),
            str(tier.sources),
        ]
        assert row[:6] == expected
        assert " ".join(evidence[tier.strongest].text.split()) in row[6]


def test_as_of_table_follows_compute_tiers_as_of(seed_store: GraphStore) -> None:
    tiers = compute_tiers(seed_store, "IRN", as_of=2005)
    rows = parse(render_actor_report(seed_store, "IRN", as_of=2005)).tables.get("tiers", [])
    assert [(r[1], r[2]) for r in rows] == [
        (f"{t.partner.label} ({t.partner.id})", t.tier) for t in tiers
    ]


def test_map_has_one_node_per_partner_and_an_edge_per_relation(seed_store: GraphStore) -> None:
    tiers = compute_tiers(seed_store, "IRN")
    parsed = parse(render_actor_report(seed_store, "IRN"))
    figure = parsed.json_block("map-json")["figure"]  # type: ignore[index]
    nodes = [
        partner
        for trace in figure["data"]
        if trace.get("meta", {}).get("role") == "partners"
        for partner in trace["customdata"]
    ]
    assert sorted(nodes) == sorted(t.partner.id for t in tiers)
    payload = parsed.json_block("report-data")["maps"]["map"]  # type: ignore[index]
    edge_keys = [
        key
        for trace in figure["data"]
        if trace.get("meta", {}).get("role") == "edge"
        for key in trace["customdata"]
    ]
    assert sorted(edge_keys) == sorted(payload["edges"])
    for partner in tiers:  # every partner has an edge, and each edge its sentences
        assert payload["partners"][partner.partner.id]["edges"]
    for edge in payload["edges"].values():
        assert edge["claims"] and all(c["sentence"] for c in edge["claims"])


def test_same_store_gives_same_bytes(seed_store: GraphStore) -> None:
    first = render_actor_report(seed_store, "IRN", generated_at="2024-05-01")
    second = render_actor_report(seed_store, "IRN", generated_at="2024-05-01")
    assert first == second
    assert "2024-05-01" in first
    assert "2024-05-01" not in render_actor_report(seed_store, "IRN")


def test_hostile_label_and_sentence_are_escaped(hostile_store: GraphStore) -> None:
    page = render_actor_report(hostile_store, "IRN")
    parsed = parse(page)
    assert HOSTILE_LABEL not in page
    assert "<img" not in page.split("<body>", 1)[1]
    assert not [attrs for name, attrs in parsed.tags if name == "img"]
    assert html.escape(HOSTILE_LABEL) in page
    # only our own scripts: plotly.js, the JSON blocks and the page script
    bodies = [attrs for attrs, _ in parsed.scripts]
    assert all(a.get("type") in (None, "application/json") for a in bodies)
    assert sum(1 for a in bodies if a.get("type") is None) == 2
    rows = parse(page).tables["tiers"]
    assert rows[0][1] == f"{HOSTILE_LABEL} ({HOSTILE_ID})"
    assert '<script>alert("sentence")</script>' in rows[0][6]
    # the embedded data still carries the exact text, for the panel to show as text
    payload = parsed.json_block("report-data")["maps"]["map"]  # type: ignore[index]
    assert payload["partners"][HOSTILE_ID]["label"] == HOSTILE_LABEL


def test_quantities_agree_with_the_trade_figures_template(fixture_store: GraphStore) -> None:
    template = load_templates()["trade-figures"]
    prepared = prepare(template, {"actor": "CHL"}, gazetteer=load_gazetteer())
    expected = {
        (int(r["year"]), float(r["amount"]), r["unit"])
        for r in run_local(fixture_store, prepared).records()
    }
    data = load_actor_data(fixture_store, "CHL")
    found = {(p.year, p.amount, p.unit) for p in data.quantities if p.dimension == "transactional"}
    assert expected and expected <= found
    rows = parse(render_actor_report(fixture_store, "CHL")).tables
    page = render_actor_report(fixture_store, "CHL")
    assert 'id="quantities"' in page
    for year, value, unit in expected:
        assert any(
            row[0] == str(year) and amount(value) in row[2] and row[3] == unit
            for row in rows["quantity-table"]
        )


def test_sources_list_documents_with_titles(fixture_store: GraphStore) -> None:
    data = load_actor_data(fixture_store, "CHL")
    rows = parse(render_actor_report(fixture_store, "CHL")).tables["sources"]
    assert len(rows) == len(data.documents) >= 1
    assert all(row[1].endswith("chile-brief.md") for row in rows)
    assert int(rows[0][4]) == len(data.claims)


def test_contradictions_shown_with_both_sides(seed_store: GraphStore) -> None:
    data = load_actor_data(seed_store, "IRN")
    rows = parse(render_actor_report(seed_store, "IRN")).tables.get("contradictions", [])
    assert len(rows) == len(data.contradictions)
    for row, found in zip(rows, data.contradictions, strict=True):
        assert row[1] == found.dimension
        assert row[5] and row[6]
