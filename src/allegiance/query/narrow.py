"""Narrowing a template to the claims the claim index proposes, before Oxigraph runs it.

A template that declares ``x-claim-index`` (which of its parameters is the actor, the text or
the since date) gets a ``VALUES ?claim { ... }`` block at the head of its WHERE, listing the
claims the index (``allegiance.store.claimindex``) says may match; its own patterns and filters
still decide every row, so the answer is the same, with or without the index. Nothing is
pasted from a request: the listed IRIs come out of the index and go through ``NamedNode``.

How many claims are worth listing (``LIMIT``) was measured on the 1,000,000-claim store
(claims-since for IRN, the same query with the first n of its claims listed): 132 ms for
1,000 claims, then 1.35 s for 1,100 and 2.3 s for all 4,950, against 0.7-0.9 s without the
block. Past about 1,000 values Oxigraph evaluates the block another way, at a cost of about
1.2 s plus 0.2 ms a claim, while the plain template costs 60-80 us for each claim of the
actor it visits (each claim, with no actor). So up to 1,000 claims are always listed, and
more (up to 20,000) only when the plain template would visit ten times as many: the most
frequent synthetic actor (400,000 claims) and "oil" gives 5,769 candidates. With the index
stale or missing, the template runs as written.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from allegiance.query.templates import PreparedQuery
from allegiance.store.claimsearch import Limit, Wanted

Propose = Callable[[Wanted, Limit], "list[str] | None"]
"""The index's candidates for what is wanted, at most so many (``claimsearch.candidates``)."""

LIMIT = Limit(at_most=1000, share=0.1, ceiling=20_000)


def wanted(prepared: PreparedQuery) -> Wanted | None:
    """What the bound parameters ask of ``?claim``, in the index's terms (None: nothing)."""
    roles = prepared.template.claim_index
    values = {role: prepared.bindings.get(name) for role, name in roles.items()}
    if not any(value is not None for value in values.values()):
        return None
    return Wanted(**{role: None if value is None else value.value
                     for role, value in values.items()})


def narrow_sparql(sparql: str, insert_at: int, asked: Wanted | None, propose: Propose) -> str:
    """``sparql`` with the candidate claims listed after offset ``insert_at`` (just after the
    ``{`` of the outermost WHERE), or unchanged when the index cannot narrow it."""
    if asked is None:
        return sparql
    found = propose(asked, LIMIT)
    if found is None:
        return sparql
    listed = " ".join(str(ox.NamedNode(claim)) for claim in found)
    return f"{sparql[:insert_at]}\n  VALUES ?claim {{ {listed} }}\n{sparql[insert_at:]}"


def narrowed(prepared: PreparedQuery, propose: Propose) -> str:
    return narrow_sparql(prepared.sparql, prepared.template.insert_at, wanted(prepared), propose)
