"""The comparison of two actors, and the `report` / `compare` commands that write pages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from report_pages import parse

from allegiance.cli.report import compare_command, report_command
from allegiance.reason import compute_tiers
from allegiance.report import compare_tiers, render_comparison
from allegiance.store import GraphStore


def test_comparison_lists_follow_both_tier_lists(seed_store: GraphStore) -> None:
    iran, syria = compute_tiers(seed_store, "IRN"), compute_tiers(seed_store, "SYR")
    found = compare_tiers("IRN", iran, "SYR", syria)
    tier_a = {t.partner.id: t.tier for t in iran if t.partner.id != "SYR"}
    tier_b = {t.partner.id: t.tier for t in syria if t.partner.id != "IRN"}
    both = set(tier_a) & set(tier_b)
    assert {r.partner for r in found.differing} == {p for p in both if tier_a[p] != tier_b[p]}
    assert {r.partner for r in found.shared_rivals} == {
        p for p in both if tier_a[p] == tier_b[p] == "rival"
    }
    assert {r.partner for r in found.shared_partners} == {
        p for p in both if "rival" not in (tier_a[p], tier_b[p])
    }
    assert {r.partner for r in found.only_a} == set(tier_a) - set(tier_b)
    assert {r.partner for r in found.only_b} == set(tier_b) - set(tier_a)
    assert both, "the seed corpus should give Iran and Syria an actor in common (Israel)"


def test_comparison_page_has_both_maps_and_the_lists(seed_store: GraphStore) -> None:
    page = render_comparison(seed_store, "IRN", "RUS", generated_at="2024-01-01")
    assert page == render_comparison(seed_store, "IRN", "RUS", generated_at="2024-01-01")
    parsed = parse(page)
    maps = parsed.json_block("report-data")["maps"]  # type: ignore[index]
    assert sorted(maps) == ["map-a", "map-b"]
    assert maps["map-a"]["focal"]["id"] == "IRN" and maps["map-b"]["focal"]["id"] == "RUS"
    found = compare_tiers(
        "IRN", compute_tiers(seed_store, "IRN"), "RUS", compute_tiers(seed_store, "RUS")
    )
    assert [row[0] for row in parsed.tables.get("differ", [])] == [
        f"{r.label} ({r.partner})" for r in found.differing
    ]
    assert [row[0] for row in parsed.tables.get("only-a", [])] == [
        f"{r.label} ({r.partner})" for r in found.only_a
    ]


def test_report_command_writes_the_page(seed_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "iran.html"
    args = ["Iran", "-o", str(out), "--store", str(seed_store_path), "--generated-at", ""]
    result = CliRunner().invoke(report_command, args)
    assert result.exit_code == 0, result.output
    with GraphStore.open(seed_store_path, read_only=True) as store:
        tiers = compute_tiers(store, "IRN")
    assert len(parse(out.read_text(encoding="utf-8")).tables["tiers"]) == len(tiers)
    first = out.read_bytes()
    assert CliRunner().invoke(report_command, args).exit_code == 0
    assert out.read_bytes() == first


def test_compare_command_and_its_errors(seed_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    store = ["--store", str(seed_store_path)]
    ok = CliRunner().invoke(compare_command, ["Iran", "Russia", "-o", str(out), *store])
    assert ok.exit_code == 0, ok.output
    assert "Iran and Russia compared" in out.read_text(encoding="utf-8")
    same = CliRunner().invoke(compare_command, ["Iran", "IRN", "-o", str(out), *store])
    assert same.exit_code == 1
    unknown = CliRunner().invoke(report_command, ["Atlantis Prime", "-o", str(out), *store])
    assert unknown.exit_code == 1
    missing = tmp_path / "nowhere"
    no_store = CliRunner().invoke(report_command, ["Iran", "-o", str(out), "--store", str(missing)])
    assert no_store.exit_code == 1 and not missing.exists()
