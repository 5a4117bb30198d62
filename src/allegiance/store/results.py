"""Query results: a deadline for lazy results and plain-string rows for the CLI.

pyoxigraph 0.5 has no query timeout or cancellation, but it evaluates SELECT/CONSTRUCT lazily,
yielding solutions as they are found. ``Deadline`` therefore checks the clock between
solutions: a query that streams many results, or joins slowly between them, is stopped; a
single blocking step (a big ORDER BY or GROUP BY computed before the first solution) cannot be
interrupted and is only reported late.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from allegiance.store.errors import StoreError

QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean | bool


class Deadline:
    """Wraps lazy results; iterating past ``timeout_s`` raises ``StoreError``."""

    def __init__(self, results: ox.QuerySolutions | ox.QueryTriples, timeout_s: float) -> None:
        self._results = results
        self._timeout_s = timeout_s
        self._deadline = time.monotonic() + timeout_s

    @property
    def is_triples(self) -> bool:
        return isinstance(self._results, ox.QueryTriples)

    @property
    def variables(self) -> list[ox.Variable]:
        return list(getattr(self._results, "variables", []))

    def __iter__(self) -> Iterator[Any]:
        for item in self._results:
            if time.monotonic() > self._deadline:
                raise StoreError(f"query timed out after {self._timeout_s:g} s")
            yield item


def term_text(term: object) -> str | None:
    """A term as a plain string: IRI or lexical value; blank nodes keep their ``_:`` marker."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def rows_of(result: Any) -> tuple[list[str], list[list[str | None]]]:
    """Variables and rows of any query form, so a CLI can print every query as a table."""
    if isinstance(result, bool | ox.QueryBoolean):
        return ["ask"], [["true" if bool(result) else "false"]]
    if isinstance(result, ox.QueryTriples) or getattr(result, "is_triples", False):
        rows = [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in result]
        return ["subject", "predicate", "object"], rows
    variables = [v.value for v in result.variables]
    return variables, [[term_text(solution[name]) for name in variables] for solution in result]
