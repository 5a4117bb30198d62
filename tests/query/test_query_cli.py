"""`allegiance query` through click, on the fixture store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from allegiance.cli.query import query_command
from allegiance.query.templates import load_templates


def test_list_names_every_template() -> None:
    result = CliRunner().invoke(query_command, ["--list", "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert [t["name"] for t in listed] == list(load_templates())
    relations = next(t for t in listed if t["name"] == "actor-relations")
    assert relations["parameters"][1]["choices"] == [
        "diplomatic", "energy", "military", "transactional"]


def test_run_json_and_tsv(fixture_store) -> None:  # type: ignore[no-untyped-def]
    args = ["rivals", "-p", "actor=Iran", "--store", str(fixture_store.path)]
    result = CliRunner().invoke(query_command, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["rivalLabel"] for r in data["rows"]] == ["Saudi Arabia", "United States"]
    tsv = CliRunner().invoke(query_command, [*args, "--format", "tsv"])
    assert tsv.output.splitlines()[0] == "rival\trivalLabel\tdimension\tclaims\tdocuments"
    assert len(tsv.output.splitlines()) == 3


def test_show_sparql_prints_the_filled_query() -> None:
    result = CliRunner().invoke(query_command, ["rivals", "-p", "actor=Iran", "--show-sparql"])
    assert result.exit_code == 0
    assert "VALUES (?_actor_iri) { (<https://w3id.org/allegiance/id/actor/IRN>) }" in result.output


def test_errors_are_one_line() -> None:
    unknown = CliRunner().invoke(query_command, ["rivals", "-p", "actor=Atlantis"])
    assert unknown.exit_code == 1
    misspelt = CliRunner().invoke(query_command, ["rivls", "-p", "actor=Iran"])
    assert misspelt.exit_code == 1
