"""Asking the claim index which claims may match an actor, a text and a since date.

The index itself (what it holds, when it may be used, how a refresh keeps it right) is
``allegiance.store.claimindex``; this module only reads it. An answer is a superset of the
claims a template keeps (its own filters still decide every row), or None when the index
cannot say: no file, a stamp other than the store's (or the reader's snapshot's), a locked
or damaged file, nothing to narrow on, or more claims than are worth listing. Measured at
1,000,000 claims: 16 ms for IRN and "oil" (76 claims), 4 ms to learn that IRN's claims
since 2015 are too many to list.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from allegiance.store.claimindex import (
    TEXTS_PER_CLAIM,
    index_path,
    lowered,
    stamp_matches,
    stored_stamp,
)


@dataclass(frozen=True)
class Wanted:
    """What a template keeps, as far as the index can tell (None: not constrained)."""

    actor: str | None = None
    text: str | None = None
    since: str | None = None


@dataclass(frozen=True)
class Limit:
    """How many candidates are still worth listing: ``at_most``, or more when the template
    without them would visit many more claims (``share`` of those, up to ``ceiling``)."""

    at_most: int
    share: float = 0.0
    ceiling: int = 0

    def given(self, scope: int) -> int:
        return max(self.at_most, min(self.ceiling, int(scope * self.share)))


def candidates(store: ox.Store, store_path: Path, wanted: Wanted, limit: Limit
               ) -> list[str] | None:
    """The claims that may match, sorted; None when the index cannot say (stale, missing,
    locked, nothing to narrow on) or more claims than ``limit`` allows may match."""
    if wanted.actor is None and wanted.text is None and wanted.since is None:
        return None
    path = index_path(store_path)
    if stored_stamp(store) is None or not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0,
                                     isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")  # the stamp and the rows from one state of the file
        if not stamp_matches(store, connection):
            return None
        sql, parameters = _candidate_query(wanted, _wildcards(connection))
        most = limit.at_most
        rows = connection.execute(f"{sql} LIMIT ?", (*parameters, most + 1)).fetchall()
        if len(rows) > most and (wider := limit.given(_scope(connection, wanted))) > most:
            most = wider
            rows = connection.execute(f"{sql} LIMIT ?", (*parameters, most + 1)).fetchall()
        connection.execute("COMMIT")
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    found = sorted({row[0] for row in rows})  # a claim may come from two branches or texts
    return None if len(rows) > most else found


def _scope(connection: sqlite3.Connection, wanted: Wanted) -> int:
    """The claims a template visits without the index: the actor's, or all of them."""
    if wanted.actor is None:
        return int(connection.execute("SELECT COUNT(*) FROM claims").fetchone()[0])
    return int(connection.execute("SELECT COUNT(*) FROM actors WHERE actor = ?",
                                  (wanted.actor,)).fetchone()[0])


def _wildcards(connection: sqlite3.Connection) -> set[str]:
    """Which of "actor" and "text" some claim leaves open (usually neither): a branch for
    them would cost a second evaluation of the text search."""
    return {name for name in ("actor", "text") if connection.execute(
        f"SELECT 1 FROM claims WHERE any_{name} = 1 LIMIT 1").fetchone()}


def _candidate_query(wanted: Wanted, wildcards: set[str]) -> tuple[str, list[object]]:
    """SQL driven from the most selective side the index has (the actor's claims, else the
    trigram index, else the date index), as a UNION ALL with the claims the index cannot rule
    out (an OR would make SQLite scan every claim; UNION ALL stops at the LIMIT). The date
    filters others with ``+c.date``, which keeps SQLite from driving by the date index."""
    text = None if wanted.text is None else lowered(wanted.text)
    trigrams = text is not None and wanted.actor is None and len(text) >= 3
    by_date = wanted.actor is None and text is None
    conditions: list[str] = []
    parameters: list[object] = []
    if wanted.since is not None:
        date = "c.date" if by_date else "+c.date"
        conditions.append(f"({date} >= ? OR {date} IS NULL)")
        parameters.append(wanted.since)
    phrase = None if text is None else '"' + text.replace('"', '""') + '"'
    if text is not None and not trigrams and len(text) >= 3:
        # the actor's claims, kept if among the text's (one trigram search, then a lookup
        # each: 7 ms for IRN and "oil" at 1,000,000 claims, against 21 ms reading sentences)
        conditions.append(f"(c.any_text = 1 OR c.id IN (SELECT rowid / {TEXTS_PER_CLAIM} "
                          f"FROM sentences WHERE sentences MATCH ?))")
        parameters.append(phrase)
    elif text is not None and not trigrams:  # too short for trigrams: read the sentences
        conditions.append(
            f"(c.any_text = 1 OR EXISTS (SELECT 1 FROM sentences s WHERE s.rowid BETWEEN "
            f"c.id * {TEXTS_PER_CLAIM} AND c.id * {TEXTS_PER_CLAIM} + {TEXTS_PER_CLAIM - 1} "
            f"AND instr(s.text, ?) > 0))")
        parameters.append(text)
    where = " AND ".join(["1", *conditions])
    if wanted.actor is not None:
        branches = [("actors a JOIN claims c ON c.id = a.id", "a.actor = ?", [wanted.actor])]
        if "actor" in wildcards:
            branches.append(("claims c", "c.any_actor = 1", []))
    elif trigrams:
        branches = [(f"sentences s JOIN claims c ON c.id = s.rowid / {TEXTS_PER_CLAIM}",
                     "sentences MATCH ?", [phrase])]
        if "text" in wildcards:
            branches.append(("claims c", "c.any_text = 1", []))
    else:
        branches = [("claims c", "1", [])]
    sql = " UNION ALL ".join(f"SELECT c.claim FROM {source} WHERE {driver} AND {where}"
                             for source, driver, _ in branches)
    return sql, [value for _, _, own in branches for value in (*own, *parameters)]
