"""Time and memory of each phase of a first reasoning pass over a built store.

    PYTHONPATH=src .venv/bin/python bench/reason_phases.py STORE

Drops the store's derived graphs (inferred, tiers, relations: ``allegiance reason`` writes
them again), then runs the phases of ``allegiance.reason.reason`` one by one, printing seconds
and resident memory after each: reading the claims, then for the relation summaries, the
inferred actor edges and the tiers, the computation and the write (which ``reason`` overlaps).
The writes are new graphs, as in the first build of a store. Dropping the graphs is timed too
(a SPARQL ``DROP GRAPH`` each).
"""

from __future__ import annotations

import argparse
import resource
import time

from allegiance.reason.claims import load_claims
from allegiance.reason.inference import inferred_write
from allegiance.reason.summary import load_memberships, summaries_write
from allegiance.reason.tiergraph import tiers_write
from allegiance.reason.vocab import DERIVED_GRAPHS
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
        # the build's own steps (allegiance.reason.recompute), run one after the other here so
        # each computation and each write is timed alone (the build overlaps them)
        relations, summaries = summaries_write(claims, load_memberships(store))
        clock.step(f"summaries_write ({summaries:,} summaries, {relations.count:,} triples)")
        store.replace_graphs([relations])
        clock.step("write the relations graph")
        del relations
        inferred, count = inferred_write(store, claims)
        clock.step(f"inferred_write ({count:,} triples)")
        store.replace_graphs([inferred])
        clock.step("write the inferred graph")
        del inferred
        tiers, assignments = tiers_write(store, claims)
        clock.step(f"tiers_write ({assignments:,} assignments, {tiers.count:,} triples)")
        store.replace_graphs([tiers])
        clock.step("write the tiers graph")
    clock.step("close (flush)")


if __name__ == "__main__":
    main()
