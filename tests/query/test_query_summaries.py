"""Templates that read the relation summaries give the rows of the claim-level queries they
replaced.

``tests/data/query/claim-level/`` keeps those queries (they count the claims themselves at query
time, which took 20-60 s for a popular actor at 1,000,000 claims); each summary template must
answer exactly as its claim-level query for every actor and option of the fixture store, row
for row and in the same order.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest

from allegiance.query.run import run_local
from allegiance.query.templates import get_template, prepare
from allegiance.reason import SUMMARY_GRAPH
from allegiance.store import GraphStore

CLAIM_LEVEL = Path(__file__).resolve().parents[1] / "data" / "query" / "claim-level"
ACTORS = ["IRN", "SYR", "RUS", "CHN", "SAU", "USA", "hezbollah", "BRA"]
"""Every actor of the fixture's claims, and one without any (Brazil)."""
ORGANISATIONS = ["sco", "brics", "opec", "nato"]


def rows(store: GraphStore, name: str, values: dict[str, str], directory: Path | None) -> list:
    prepared = prepare(get_template(name, directory), values)
    return [tuple(sorted(row.items())) for row in run_local(store, prepared).records()]


def assert_same(store: GraphStore, name: str, values: dict[str, str]) -> int:
    expected = rows(store, name, values, CLAIM_LEVEL)
    assert rows(store, name, values, None) == expected, (name, values)
    return len(expected)


def option_sets() -> list[tuple[str, dict[str, str]]]:
    cases: list[tuple[str, dict[str, str]]] = []
    for actor in ACTORS:
        for name in ("rivals", "energy-partners", "contradictions"):
            cases.append((name, {"actor": actor}))
        for dimension in ("", "military", "energy", "diplomatic", "transactional"):
            for polarity in ("", "cooperation", "tension"):
                values = {"actor": actor, "dimension": dimension, "polarity": polarity}
                cases.append(("actor-relations", {k: v for k, v in values.items() if v}))
    for actor, other in permutations(ACTORS[:7], 2):
        cases.append(("shared-partners", {"actor": actor, "other": other}))
    for dimension in ("", "military", "transactional"):
        for polarity in ("", "cooperation", "tension"):
            values = {"dimension": dimension, "polarity": polarity}
            cases.append(("most-connected", {k: v for k, v in values.items() if v}))
    cases.append(("contradictions", {}))
    # The templates that list claims, found through the summaries' countsClaim.
    for actor in ACTORS:
        cases.append(("clients", {"actor": actor}))
        cases.append(("military-supporters", {"actor": actor}))
        for year in ("", "2023", "2024"):
            cases.append(("trade-figures", {k: v for k, v in
                                            {"actor": actor, "year": year}.items() if v}))
    for actor, other in permutations(ACTORS, 2):
        cases.append(("pair-evidence", {"actor": actor, "other": other}))
        cases.append(("pair-timeline", {"actor": actor, "other": other}))
        for dimension, polarity in (("", ""), ("military", ""), ("", "tension"),
                                    ("energy", "cooperation")):
            values = {"actor": actor, "other": other, "dimension": dimension,
                      "polarity": polarity}
            cases.append(("relation-documents", {k: v for k, v in values.items() if v}))
    for organisation in ORGANISATIONS:
        cases.append(("organisation-members", {"organisation": organisation}))
    return cases


def test_summary_templates_answer_as_the_claim_level_queries(store: GraphStore) -> None:
    found = {name: 0 for name, _ in option_sets()}
    for name, values in option_sets():
        found[name] += assert_same(store, name, values)
    # Each template answered something somewhere, so the comparison is not of empty lists.
    assert all(found.values()), found


@pytest.mark.parametrize("name", ["actor-relations", "rivals", "most-connected", "pair-evidence"])
def test_without_summaries_the_templates_find_nothing(tmp_path: Path, store_builder, name: str
                                                      ) -> None:  # type: ignore[no-untyped-def]
    """The templates read the summaries, not the claims: they are derived data, rebuilt by
    the reasoning step, and a store without them answers nothing rather than stale counts."""
    fixture = store_builder(tmp_path / "store")
    with GraphStore.open(fixture.path) as writable:
        writable.drop_graph(SUMMARY_GRAPH)
    with GraphStore.open(fixture.path, read_only=True) as opened:
        values = {"most-connected": {}, "pair-evidence": {"actor": "IRN", "other": "RUS"}}.get(
            name, {"actor": "IRN"})
        assert rows(opened, name, values, None) == []
        assert rows(opened, name, values, CLAIM_LEVEL)
