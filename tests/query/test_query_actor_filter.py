"""Templates with an optional actor: giving the actor keeps exactly the rows that involve it.

claims-since and evidence-search start from the actor's claims when one is given (a UNION
keyed on the actor, or on every claim when there is none); these tests check that this gives
the same rows, in the same order and without duplicates, as filtering the rows of the query
without an actor.
"""

from __future__ import annotations

import pytest
from test_query_catalogue import ask

from allegiance.store import GraphStore

ACTORS = ["IRN", "SYR", "RUS", "CHN", "SAU", "USA", "hezbollah"]


@pytest.mark.parametrize(("name", "values"), [
    ("claims-since", {"since": "2000-01-01"}),
    ("claims-since", {"since": "2024-01-01"}),
    ("evidence-search", {"text": "i"}),
    ("evidence-search", {"text": "billion"}),
])
def test_actor_keeps_the_rows_involving_it(store: GraphStore, name: str,
                                           values: dict[str, str]) -> None:
    everything = ask(store, name, **values)
    assert everything, "the fixture should give rows without an actor"
    assert len({tuple(sorted(map(str, row.items()))) for row in everything}) == len(everything)
    seen = 0
    for actor in ACTORS:
        rows = ask(store, name, **values, actor=actor)
        assert rows == [r for r in everything if actor in (r["subject"], r["object"])]
        seen += len(rows)
    assert seen >= len(everything)
