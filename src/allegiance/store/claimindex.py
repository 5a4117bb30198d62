"""The claim index: each claim's actors, date and evidence sentences in a SQLite file in the store.

Why it exists. Oxigraph has no text index and no date-range index, and each join step costs
an index lookup (about 12 us on the 7 GB store of 1,000,000 claims). ``evidence-search`` for
IRN there read the sentence of each of IRN's 4,950 claims through four hops (claim, evidence,
target, selector, text: 310 ms of its 330 ms) to keep 76 of them; with no actor, or with an
actor in 40 % of the claims, it scanned for more than 30 s. The index answers "which claims
could match" from SQLite (an FTS5 trigram index over the lower-cased sentences, and B-trees
over actor and date), and the template then runs on those claims only
(``allegiance.query.narrow``, through ``allegiance.store.claimsearch``): 30 ms for the same
76 rows.

It never changes an answer. It only proposes candidates; the template's own filters still
decide every row, so the index may propose too much, never too little. Like the claim tables
(``allegiance.store.claimtable``) it reads each claim's properties from the claim's own graph:
a claim whose own graph lacks an actor, a date or a sentence is proposed for every actor,
date or text. Graphs are tracked by their catalogue content hash, so a refresh re-reads only
the graphs that changed.

When it may be used. A refresh writes a stamp (a hash of the indexed graphs and their content
hashes) into the SQLite file and the same stamp into the store's catalogue graph. Every write
through ``GraphStore`` removes the store's stamp before it changes anything (``clear_stamp``),
so a store state that still holds stamp S is exactly the state indexed as S. A reader uses the
index only when its snapshot's stamp equals the file's; otherwise (a build under way, a raw
SPARQL Update, an older server snapshot, claims typed outside any graph the catalogue
tracks) the template runs unnarrowed, slower and with the same answers. The stamp is derived
from the content, so the same documents leave the same catalogue, byte for byte.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from allegiance.store.catalogue import CATALOGUE, CATALOGUE_IRI, CONTENT_HASH, GRAPH
from allegiance.store.claimtable import ALG, TYPED_IN_DEFAULT_ASK, TYPED_IN_GRAPHS_QUERY

FILE_NAME = "allegiance-claim-index.sqlite3"
VERSION = "allegiance-claim-index/1"
STAMP = ox.NamedNode(CATALOGUE_IRI + "#claimIndex")
"""The catalogue's own node carries the stamp of the index that matches the store."""
UNTRACKED = ox.NamedNode(CATALOGUE_IRI + "#claimIndexUntracked")
"""Set before a write the catalogue does not follow (a raw SPARQL Update, a bulk load): the
content hashes can no longer say which graphs changed, so the next refresh re-reads all."""
TEXTS_PER_CLAIM = 8
"""Sentence rows are numbered claim id * 8 + k; a claim with more sentences matches any text."""
FLUSH_CLAIMS = 50_000

ROWS_QUERY = f"""PREFIX alg: <{ALG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?g ?claim ?s ?o ?date ?text WHERE {{
  GRAPH #GRAPH# {{
    ?claim a alg:RelationClaim .
    OPTIONAL {{ ?claim alg:subjectActor ?s }}
    OPTIONAL {{ ?claim alg:objectActor ?o }}
    OPTIONAL {{ ?claim alg:statedIn ?doc . ?doc dcterms:date ?date }}
    OPTIONAL {{ ?claim alg:hasEvidence/oa:hasTarget/oa:hasSelector/oa:exact ?text }}
  }}
}}"""
CATALOGUE_QUERY = f"""SELECT ?g ?h WHERE {{ GRAPH <{CATALOGUE_IRI}> {{
  ?e <{GRAPH.value}> ?g ; <{CONTENT_HASH.value}> ?h }} }}"""
TABLES = """
CREATE TABLE graphs(graph TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE claims(id INTEGER PRIMARY KEY, graph TEXT NOT NULL, claim TEXT NOT NULL,
                    date TEXT, any_actor INTEGER NOT NULL, any_text INTEGER NOT NULL);
CREATE INDEX claims_graph ON claims(graph);
CREATE INDEX claims_date ON claims(date);
CREATE INDEX claims_any_actor ON claims(id) WHERE any_actor = 1;
CREATE INDEX claims_any_text ON claims(id) WHERE any_text = 1;
CREATE TABLE actors(id INTEGER NOT NULL, actor TEXT NOT NULL);
CREATE INDEX actors_actor ON actors(actor, id);
CREATE INDEX actors_id ON actors(id);
CREATE VIRTUAL TABLE sentences USING fts5(text, tokenize='trigram case_sensitive 1');
"""
CLAIMS_COUNT = "SELECT COUNT(*) FROM (SELECT DISTINCT graph, claim FROM claims)"
"""Claims, not rows: a claim read across two flushes has two rows (``_write_claims``)."""
SCHEMA = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n" + TABLES


@dataclass(frozen=True)
class Refresh:
    """What a refresh did, for the build report."""

    graphs: int
    changed: int
    removed: int
    claims: int
    usable: bool
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {"graphs": self.graphs, "changed": self.changed, "removed": self.removed,
                "claims": self.claims, "usable": self.usable,
                "seconds": round(self.seconds, 3)}

    def line(self) -> str:
        state = "in use" if self.usable else "not usable (claims outside tracked graphs)"
        return (f"claim index: {self.claims} claims of {self.graphs} graphs, {self.changed} "
                f"graphs re-read, {self.removed} removed, {self.seconds:.1f} s; {state}")


def index_path(store_path: Path) -> Path:
    return Path(store_path) / FILE_NAME


def lowered(text: str) -> str:
    """Unicode's full lower-case mapping, as SPARQL's LCASE (Oxigraph: Rust's to_lowercase)."""
    return text.lower()


def stored_stamp(store: ox.Store) -> str | None:
    for quad in store.quads_for_pattern(CATALOGUE, STAMP, None, CATALOGUE):
        return quad.object.value
    return None


def stamp_matches(store: ox.Store, connection: sqlite3.Connection) -> bool:
    """The rule for using the index: the file's stamp is the one the store holds."""
    stamp = stored_stamp(store)
    row = connection.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    return stamp is not None and row is not None and row[0] == stamp


def clear_stamp(store: ox.Store) -> None:
    """Remove the store's stamp (one small commit): called before a write changes anything."""
    for quad in list(store.quads_for_pattern(CATALOGUE, STAMP, None, CATALOGUE)):
        store.remove(quad)


UNTRACKED_UPDATE = (f"DELETE WHERE {{ GRAPH {CATALOGUE} {{ {CATALOGUE} {STAMP} ?stamp }} }} ;\n"
                    f"INSERT DATA {{ GRAPH {CATALOGUE} {{ {CATALOGUE} {UNTRACKED} \"true\" }} }}")
"""What a write the catalogue does not follow adds to its own transaction, when the store
has an index: no stamp, and the next refresh re-reads every graph."""


def mark_untracked(store: ox.Store) -> None:
    store.update(UNTRACKED_UPDATE)


def _untracked(store: ox.Store) -> bool:
    return any(True for _ in store.quads_for_pattern(CATALOGUE, UNTRACKED, None, CATALOGUE))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def _open_for_writing(path: Path) -> sqlite3.Connection:
    """The index file, created (or recreated, if of another version) with an empty schema."""
    connection = _connect(path)
    try:
        version = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:
        version = None
    if version is None or version[0] != VERSION:
        connection.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        connection = _connect(path)
        connection.executescript(SCHEMA)
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
    return connection


def _catalogue(store: ox.Store) -> dict[str, str]:
    return {row[0].value: row[1].value for row in store.query(CATALOGUE_QUERY)}


def _rows(store: ox.Store, graphs: list[str], everything: bool) -> Iterator[tuple[str, ...]]:
    """(graph, claim, subject, object, date, text) rows of the claims typed in ``graphs``,
    None where a property is missing: one query over every graph when most are wanted, else
    one query per graph with its IRI written in. (A ``VALUES ?g`` list is not pushed into
    ``GRAPH ?g``: at 1,000,000 claims, one graph asked that way took 80 s, the time of
    reading every claim of the store.)"""
    if everything:
        wanted = set(graphs)
        for solution in store.query(ROWS_QUERY.replace("#GRAPH#", "?g")):
            if solution["g"].value in wanted:
                yield _row(solution["g"].value, solution)
        return
    for graph in graphs:
        for solution in store.query(ROWS_QUERY.replace("#GRAPH#", str(ox.NamedNode(graph)))):
            yield _row(graph, solution)


def _row(graph: str, solution: ox.QuerySolution) -> tuple[str, ...]:
    return (graph, *(None if term is None else term.value for term in (
        solution["claim"], solution["s"], solution["o"], solution["date"], solution["text"])))


Gathered = dict[tuple[str, str], tuple[set[str], set[str], set[str], bool]]
"""(graph, claim) -> actors, dates, lower-cased sentences, whether an actor is missing."""


def _write_claims(connection: sqlite3.Connection, rows: Iterable[tuple[str, ...]]) -> None:
    """Index the claims of ``rows``, ``FLUSH_CLAIMS`` at a time, so that reading a whole
    store does not hold every claim in memory. A claim whose rows straddle two flushes gets
    two index rows, each with part of its values: each is proposed when its part matches,
    so the claim still is (the check of the totals counts claims, not rows)."""
    gathered: Gathered = {}
    for graph, claim, subject, obj, date, text in rows:
        key = (graph, claim)
        if key not in gathered and len(gathered) >= FLUSH_CLAIMS:
            _insert(connection, gathered)
            gathered.clear()
        actors, dates, texts, _ = gathered.setdefault(key, (set(), set(), set(), False))
        actors.update(a for a in (subject, obj) if a is not None)
        if date is not None:
            dates.add(date)
        if text is not None:
            texts.add(lowered(text))
        if subject is None or obj is None:
            gathered[key] = (actors, dates, texts, True)
    _insert(connection, gathered)


def _insert(connection: sqlite3.Connection, gathered: Gathered) -> None:
    next_id = connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM claims").fetchone()[0]
    claims, actor_rows, sentence_rows = [], [], []
    for (graph, claim), (actors, dates, texts, missing) in sorted(gathered.items()):
        any_text = not texts or len(texts) > TEXTS_PER_CLAIM
        # the template keeps a claim if any of its dates passes: the latest one decides
        claims.append((next_id, graph, claim, max(dates) if dates else None,
                       int(missing or not actors), int(any_text)))
        actor_rows += [(next_id, actor) for actor in sorted(actors)]
        if not any_text:
            sentence_rows += [(next_id * TEXTS_PER_CLAIM + k, text)
                              for k, text in enumerate(sorted(texts))]
        next_id += 1
    connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)", claims)
    connection.executemany("INSERT INTO actors VALUES (?, ?)", actor_rows)
    connection.executemany("INSERT INTO sentences(rowid, text) VALUES (?, ?)", sentence_rows)


def _empty(connection: sqlite3.Connection) -> None:
    """Drop and recreate the index's tables (dropping frees pages at once; deleting 1,000,000
    trigram-indexed rows one by one does not)."""
    for table in ("graphs", "claims", "actors", "sentences"):
        connection.execute(f"DROP TABLE {table}")
    for statement in filter(str.strip, TABLES.split(";")):
        connection.execute(statement)


def _forget(connection: sqlite3.Connection, graphs: Iterable[str]) -> None:
    for graph in graphs:
        ids = [row[0] for row in connection.execute(
            "SELECT id FROM claims WHERE graph = ?", (graph,))]
        for claim_id in ids:
            first = claim_id * TEXTS_PER_CLAIM
            connection.execute("DELETE FROM sentences WHERE rowid BETWEEN ? AND ?",
                               (first, first + TEXTS_PER_CLAIM - 1))
            connection.execute("DELETE FROM actors WHERE id = ?", (claim_id,))
        connection.execute("DELETE FROM claims WHERE graph = ?", (graph,))
        connection.execute("DELETE FROM graphs WHERE graph = ?", (graph,))


def _still_stamped(store: ox.Store, path: Path) -> tuple[int, int] | None:
    """The file's graphs and claims when the store still holds the file's stamp: nothing was
    written since that refresh (every write removes the stamp first), so there is nothing to
    re-read, and no need to read the catalogue (2.6 s at 1,000,000 claims)."""
    if stored_stamp(store) is None or not path.exists():
        return None
    connection = _connect(path)
    try:
        if not stamp_matches(store, connection):
            return None
        graphs = connection.execute("SELECT COUNT(*) FROM graphs").fetchone()[0]
        claims = connection.execute(CLAIMS_COUNT).fetchone()[0]
        return int(graphs), int(claims)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _stamp(catalogue: dict[str, str]) -> str:
    digest = hashlib.sha256(VERSION.encode())
    for graph, content in sorted(catalogue.items()):
        digest.update(f"{graph}\t{content}\n".encode())
    return "sha256:" + digest.hexdigest()


def refresh_index(store: ox.Store, store_path: Path) -> Refresh:
    """Bring the index file up to date with the store and stamp both; re-reads only the graphs
    whose content hash changed. The store must be open for writing (it gets the stamp)."""
    started = time.monotonic()
    untracked = _untracked(store)
    if not untracked and (kept := _still_stamped(store, index_path(store_path))) is not None:
        graphs, claims = kept
        return Refresh(graphs, 0, 0, claims, True, time.monotonic() - started)
    catalogue = _catalogue(store)
    connection = _open_for_writing(index_path(store_path))
    try:
        connection.execute("BEGIN IMMEDIATE")
        indexed = dict(connection.execute("SELECT graph, digest FROM graphs").fetchall())
        removed = sorted(set(indexed) - set(catalogue))
        stale = [*removed, *(g for g in sorted(indexed) if g in catalogue
                             and catalogue[g] != indexed[g])]
        if untracked or len(stale) * 2 > len(indexed):
            # re-read everything (the hashes say nothing after an untracked write), or most
            # rows would go one claim at a time: empty tables, in this same transaction
            _empty(connection)
            indexed, stale = {}, []
        changed = sorted(g for g, digest in catalogue.items() if indexed.get(g) != digest)
        _forget(connection, stale)
        everything = len(changed) * 2 > len(catalogue)
        _write_claims(connection, _rows(store, changed, everything))
        connection.executemany("INSERT INTO graphs VALUES (?, ?)",
                               [(g, catalogue[g]) for g in changed])
        claims = connection.execute(CLAIMS_COUNT).fetchone()[0]
        typed = int(next(iter(store.query(TYPED_IN_GRAPHS_QUERY)))[0].value)
        in_default = bool(store.query(TYPED_IN_DEFAULT_ASK))  # pyoxigraph: the real default
        usable = typed == claims and not in_default
        stamp = _stamp(catalogue) if usable else "unusable"
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    clear_stamp(store)
    if untracked:
        store.remove(ox.Quad(CATALOGUE, UNTRACKED, ox.Literal("true"), CATALOGUE))
    if usable:
        store.add(ox.Quad(CATALOGUE, STAMP, ox.Literal(stamp), CATALOGUE))
    return Refresh(len(catalogue), len(changed), len(removed), claims, usable,
                   time.monotonic() - started)
