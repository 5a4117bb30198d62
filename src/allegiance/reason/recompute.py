"""Recompute the three derived graphs, writing one while the next is worked out.

Each derived graph is computed in Python from the claim rows and written by Oxigraph, which
releases the GIL while it builds and ingests table files (measured: a Python thread ran at full
speed beside a ``Store.bulk_load`` of 600,000 quads). On a first pass over 10,000 documents the
writes were about half of the reasoning time (the relations graph alone 1.7 million triples), so
the writes go to one background thread, in order, while the main thread computes the next
graph: the relations graph first (cheap to count, the biggest to write), then the inferred
edges and the tiers.

Nothing changes in what is stored or how: each graph is still replaced by one atomic write of its
own, and the computations read only claims and reference facts, never a derived graph (so a
graph being written is never read). A failure in a write is raised here, after the writes
already queued have finished; the graphs written before it stay whole, as before.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from allegiance.reason.claims import load_claims
from allegiance.reason.inference import inferred_write
from allegiance.reason.summary import load_memberships, summaries_write
from allegiance.reason.tiergraph import tiers_write
from allegiance.store import GraphStore, GraphWrite


@dataclass(frozen=True)
class ReasonReport:
    inferred_triples: int
    tier_assignments: int
    relation_summaries: int = 0


def reason(store: GraphStore) -> ReasonReport:
    """Recompute the inferred, tiers and relations graphs (each replaced atomically) from one
    reading of the claims."""
    claims = load_claims(store)
    written: list[Future[list[bool]]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="allegiance-derived") as writer:

        def write(graph: GraphWrite) -> None:
            written.append(writer.submit(store.replace_graphs, [graph]))

        relations, summaries = summaries_write(claims, load_memberships(store))
        write(relations)
        del relations  # the writer holds it now; freed once written
        inferred, inferred_count = inferred_write(store, claims)
        write(inferred)
        del inferred
        tiers, assignments = tiers_write(store, claims)
        write(tiers)
        del tiers
    # leaving the block waited for every queued write; the first error, if any, is raised here
    for future in written:
        future.result()
    return ReasonReport(inferred_count, assignments, summaries)
