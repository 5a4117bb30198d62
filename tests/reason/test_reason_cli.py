"""The reasoning commands through click, on a store built from hand-made claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from reason_fixtures import Spec, add_document

from allegiance.cli.reasoning import (
    contradictions_command,
    explain_command,
    reason_command,
    tiers_command,
)
from allegiance.reason import INFERRED_GRAPH, TIERS_GRAPH
from allegiance.store import GraphStore

DRONES = "Moscow received attack drones from Tehran in a deal both sides confirmed."


@pytest.fixture
def built(store_path: Path) -> Path:
    folder = store_path
    with GraphStore.open(folder) as store:
        add_document(store, [
            Spec("IRN", "RUS", "military", formality="F1", directed=True, sentence=DRONES),
            Spec("IRN", "RUS", "energy", formality="F1"),
            Spec("IRN", "RUS", "diplomatic"),
            Spec("IRN", "TUR", "energy", formality="F1"),
            Spec("IRN", "TUR", "energy", polarity="tension"),
            Spec("IRN", "hezbollah", "military", formality="F1", directed=True),
            Spec("IRN", "ISR", "military", polarity="tension"),
        ], name="cli", publisher="Fixture Times", date="2024-01-02")
    return folder


def run(*args: str) -> tuple[int, str]:
    command = {"tiers": tiers_command, "explain": explain_command,
               "contradictions": contradictions_command, "reason": reason_command}[args[0]]
    result = CliRunner().invoke(command, list(args[1:]))
    return result.exit_code, result.output


def test_tiers_json_contract(built: Path) -> None:
    code, output = run("tiers", "Iran", "--store", str(built), "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert [item["partner"]["id"] for item in data] == ["RUS", "TUR", "hezbollah", "ISR"]
    for item in data:
        assert list(item) == ["partner", "tier", "mixed", "rank", "dimensions", "sources",
                              "claims"]
        assert set(item["partner"]) == {"id", "label", "kind"}
        assert item["tier"] in {"T1", "T2", "T3", "T4", "rival", "client"}
        assert isinstance(item["mixed"], bool) and isinstance(item["rank"], int)
        assert all(c.startswith("https://w3id.org/allegiance/id/claim/") for c in item["claims"])
    first = data[0]
    assert first["partner"] == {"id": "RUS", "label": "Russia", "kind": "state"}
    assert (first["tier"], first["rank"], first["sources"]) == ("T1", 1, 1)
    assert first["dimensions"] == ["military", "energy", "diplomatic"]
    assert [(d["tier"], d["mixed"]) for d in data[1:]] == [
        ("T4", True), ("client", False), ("rival", False)]


def test_tiers_table_resolves_iso_codes_and_shows_evidence(built: Path) -> None:
    code, output = run("tiers", "IRN", "--store", str(built))
    assert code == 0
    assert "Russia" in output and "T4, mixed" in output and "client" in output
    assert "attack drones" in output
    code, output = run("tiers", "IR", "--store", str(built), "--as-of", "2020")
    assert code == 0  # the document's date is 2024 and the claims state no year
    assert "no claims involve Iran" in output


def test_unknown_actor_is_a_one_line_error_with_closest_matches(built: Path) -> None:
    code, output = run("tiers", "Irann", "--store", str(built))
    assert code == 1
    assert "unknown actor 'Irann'" in output and "Iran (IRN)" in output


def test_explain_prints_sentence_document_and_offsets(built: Path) -> None:
    code, output = run("explain", "Russia", "Iran", "--store", str(built))
    assert code == 0
    assert DRONES in output
    assert "tests/data/reason/cli.txt [5:" in output
    code, output = run("explain", "Russia", "Iran", "--store", str(built), "--format", "json")
    items = json.loads(output)
    drones = next(i for i in items if i["sentence"] == DRONES)
    assert (drones["subject"], drones["object"], drones["start"]) == ("IRN", "RUS", 5)
    assert drones["end"] == 5 + len(DRONES)


def test_contradictions_command(built: Path) -> None:
    code, output = run("contradictions", "--store", str(built), "--format", "json")
    assert code == 0
    assert [(c["actors"], c["dimension"]) for c in json.loads(output)] == [
        (["IRN", "TUR"], "energy")]


def test_reason_writes_both_graphs(built: Path) -> None:
    code, output = run("reason", "--store", str(built))
    assert code == 0 and "tiers: 8 assignments" in output
    with GraphStore.open(built, read_only=True) as store:
        assert {INFERRED_GRAPH, TIERS_GRAPH} <= set(store.graphs())
