"""Time and memory of each phase of a first reasoning pass over a built store.

    PYTHONPATH=src .venv/bin/python bench/reason_phases.py STORE

Drops the store's derived graphs (inferred, tiers, relations: ``allegiance reason`` writes
them again), then runs the phases of ``allegiance.reason.reason`` one by one, printing seconds
and resident memory after each: reading the claims, the inferred actor edges, the tiers, the
relation summaries, and the write of each derived graph. The writes are new graphs, as in the
first build of a store. Dropping the graphs is timed too (a SPARQL ``DROP GRAPH`` each).
"""

from __future__ import annotations

import argparse
import resource
import time

from allegiance.reason import summary
from allegiance.reason.claims import load_claims
from allegiance.reason.inference import derive_actor_edges
from allegiance.reason.tiergraph import tier_triples
from allegiance.reason.tiers import compute_tiers
from allegiance.reason.vocab import DERIVED_GRAPHS, INFERRED_GRAPH, SUMMARY_GRAPH, TIERS_GRAPH
from allegiance.store import GraphStore


def _memory() -> str:
    current = 0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                current = int(line.split()[1]) // 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return f"RSS {current:,} MB, peak {peak:,} MB"


class _Clock:
    def __init__(self) -> None:
        self.last = time.perf_counter()

    def step(self, name: str) -> None:
        now = time.perf_counter()
        print(f"{name}: {now - self.last:.1f} s, {_memory()}", flush=True)
        self.last = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    args = parser.parse_args()
    clock = _Clock()
    with GraphStore.open(args.store) as store:
        for graph in DERIVED_GRAPHS:
            store.drop_graph(graph)
        clock.step("drop the derived graphs")
        claims = load_claims(store)
        clock.step(f"load_claims ({len(claims):,} claims)")
        inferred = derive_actor_edges(store, claims=claims)
        clock.step(f"derive_actor_edges ({len(inferred):,} triples)")
        store.replace_graph(INFERRED_GRAPH, inferred, meta={"path": "reason/inferred"})
        clock.step("write the inferred graph")
        del inferred
        tiers = compute_tiers(store, claims=claims)
        clock.step(f"compute_tiers ({len(tiers):,} assignments)")
        triples = tier_triples(tiers)
        clock.step(f"tier_triples ({len(triples):,} triples)")
        store.replace_graph(TIERS_GRAPH, triples, meta={"path": "reason/tiers"})
        clock.step("write the tiers graph")
        del tiers, triples
        tallies = summary.tally(claims)
        clock.step(f"tally ({len(tallies):,} summaries)")
        triples = summary.summary_triples(tallies)
        clock.step(f"summary_triples ({len(triples):,} triples)")
        store.replace_graph(SUMMARY_GRAPH, triples, meta={"path": "reason/relations"})
        clock.step("write the relations graph")
    clock.step("close (flush)")


if __name__ == "__main__":
    main()
