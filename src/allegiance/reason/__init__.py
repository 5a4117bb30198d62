"""Reasoning over the built graph: inferred actor edges, alliance tiers, contradictions.

Entry points:
- ``derive_actor_edges(store)`` / ``write_inferred(store)``: OWL 2 RL over the actor layer, in
  the named graph ``INFERRED_GRAPH``;
- ``compute_tiers(store, focal_id=None, as_of=None)`` / ``write_tiers(store)``: ranked tiers,
  stored as ``alg:TierAssignment`` nodes in ``TIERS_GRAPH``;
- ``write_summaries(store)``: claims counted per actor, counterpart, dimension and polarity, as
  ``alg:RelationSummary`` nodes in ``SUMMARY_GRAPH`` (what the relation templates read);
- ``find_contradictions(store)``; ``claims_between(store, a, b)``;
- ``reason(store)``: recompute the three derived graphs (what a build runs last).
"""

from __future__ import annotations

from allegiance.reason.contradictions import Contradiction, find_contradictions
from allegiance.reason.corroboration import Relation, relations
from allegiance.reason.explain import ExplainedClaim, claims_between
from allegiance.reason.inference import derive_actor_edges, write_inferred
from allegiance.reason.recompute import ReasonReport, reason
from allegiance.reason.summary import write_summaries
from allegiance.reason.tiergraph import tier_triples, write_tiers
from allegiance.reason.tiers import TierResult, compute_tiers
from allegiance.reason.vocab import DERIVED_GRAPHS, INFERRED_GRAPH, SUMMARY_GRAPH, TIERS_GRAPH

__all__ = [
    "DERIVED_GRAPHS",
    "INFERRED_GRAPH",
    "SUMMARY_GRAPH",
    "TIERS_GRAPH",
    "Contradiction",
    "ExplainedClaim",
    "ReasonReport",
    "Relation",
    "TierResult",
    "claims_between",
    "compute_tiers",
    "derive_actor_edges",
    "find_contradictions",
    "reason",
    "relations",
    "tier_triples",
    "write_inferred",
    "write_summaries",
    "write_tiers",
]
