"""Pictures for people: the alliance map, the actor report and the comparison of two actors.

Entry points (each returns one self-contained HTML page as text, plotly.js inlined, no network
access when opened):
- ``render_actor_report(store, actor_id, *, as_of=None, generated_at=None)``;
- ``render_comparison(store, a, b, *, as_of=None, generated_at=None)``.
``allegiance report`` / ``allegiance compare`` write them to files; ``allegiance serve`` mounts
the same strings at the actor's IRI.
"""

from allegiance.report.actor import render_actor_report
from allegiance.report.compare import Comparison, compare_tiers, render_comparison
from allegiance.report.data import ActorData, load_actor_data

__all__ = [
    "ActorData",
    "Comparison",
    "compare_tiers",
    "load_actor_data",
    "render_actor_report",
    "render_comparison",
]
