"""Check, on a big store, that the templates reading the relation summaries answer what their
claim-level forms (``tests/data/query/claim-level/``) answer.

    PYTHONPATH=src .venv/bin/python bench/summary_identity.py --store /tmp/s100k --actors 12

The unit test does this on the fixture store; this script does it at scale, where ties, large
counts and actors with thousands of partners appear. Actors: the most claimed ones and a seeded
sample of the rest. The claim-level forms count claims at query time, so at 1,000,000 claims a
popular actor takes a minute each: run it on 20k-100k-claim stores. Prints one line per template
and exits 1 if any answer differs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

from allegiance.query.run import run_local
from allegiance.query.templates import get_template, prepare
from allegiance.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CLAIM_LEVEL = ROOT / "tests" / "data" / "query" / "claim-level"
ACTOR = "https://w3id.org/allegiance/id/actor/"
ORG = "https://w3id.org/allegiance/id/org/"
ACTOR_CLAIMS = """PREFIX alg: <https://w3id.org/allegiance/ontology#>
SELECT ?a (SUM(?n) AS ?claims) WHERE { ?s alg:summarisedActor ?a ; alg:claimCount ?n }
GROUP BY ?a ORDER BY DESC(?claims) ?a"""
ORGANISATIONS = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?o WHERE { ?o org:hasMember ?m } ORDER BY ?o"""


def pick_actors(store: GraphStore, top: int, sample: int, seed: int) -> list[str]:
    ranked = [str(s["a"].value).removeprefix(ACTOR) for s in store.query(ACTOR_CLAIMS)]
    rest = ranked[top:]
    return ranked[:top] + random.Random(seed).sample(rest, min(sample, len(rest)))


def cases(actors: list[str], organisations: list[str]) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    for actor in actors:
        for name in ("rivals", "energy-partners", "contradictions", "actor-relations"):
            found.append((name, {"actor": actor}))
        found.append(("actor-relations", {"actor": actor, "dimension": "military",
                                          "polarity": "tension"}))
    for actor, other in pairwise(actors):
        found.append(("shared-partners", {"actor": actor, "other": other}))
    for values in ({}, {"dimension": "energy"}, {"polarity": "tension"}):
        found.append(("most-connected", values))
    found.append(("contradictions", {}))
    found += [("organisation-members", {"organisation": o}) for o in organisations]
    return found


def rows(store: GraphStore, name: str, values: dict[str, str], directory: Path | None) -> list:
    prepared = prepare(get_template(name, directory), values)
    result = run_local(store, prepared, timeout_s=None, max_rows=10_000_000)
    return [tuple(sorted(row.items())) for row in result.records()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--top", type=int, default=4, help="most claimed actors")
    parser.add_argument("--actors", type=int, default=8, help="sampled other actors")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with GraphStore.open(args.store, read_only=True) as store:
        actors = pick_actors(store, args.top, args.actors, args.seed)
        organisations = [str(s["o"].value).removeprefix(ORG) for s in store.query(ORGANISATIONS)]
        checked: Counter[str] = Counter()
        compared: Counter[str] = Counter()
        differ: Counter[str] = Counter()
        timing = {"summary": 0.0, "claim-level": 0.0}
        for name, values in cases(actors, organisations[:6]):
            mark = time.monotonic()
            got = rows(store, name, values, None)
            timing["summary"] += time.monotonic() - mark
            mark = time.monotonic()
            expected = rows(store, name, values, CLAIM_LEVEL)
            timing["claim-level"] += time.monotonic() - mark
            checked[name] += 1
            compared[name] += len(expected)
            if got != expected:
                differ[name] += 1
                print(f"DIFFERS {name} {values}: {len(got)} rows, expected {len(expected)}")
    for name in sorted(checked):
        print(f"{name}: {checked[name]} cases, {compared[name]:,} rows, {differ[name]} differ")
    print(f"{sum(checked.values())} cases, {sum(compared.values()):,} rows, "
          f"{sum(differ.values())} differ; summary templates {timing['summary']:.1f} s, "
          f"claim-level {timing['claim-level']:.1f} s")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
