"""Several processes on one store folder: a writer, read-only readers, a killed writer.

These run real subprocesses because the behaviour under test (RocksDB locks, a reader's
snapshot, durability of one update) only exists across processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from allegiance.store import CATALOGUE_IRI, GraphStore

SRC = str(Path(__file__).resolve().parents[2] / "src")
EX = "https://example.org/fixture/"

# Each round replaces every graph with triples that carry the round number, then flushes.
WRITER = """
import sys
import pyoxigraph as ox
from allegiance.store import CATALOGUE_IRI, GraphStore
folder, graphs, triples, rounds = sys.argv[1], *map(int, sys.argv[2:5])
with GraphStore.open(folder) as store:
    for r in range(rounds):
        for g in range(graphs):
            node = ox.NamedNode
            data = [ox.Triple(node(f"{EX}s/{g}/{i}"), node(f"{EX}round"), ox.Literal(str(r)))
                    for i in range(triples)]
            store.replace_graph(f"{EX}g/{g}", data, meta={"path": f"round-{r}"})
        store.flush()
        print(r, flush=True)
""".replace("{EX}", EX)


def _writer(folder: Path, graphs: int, triples: int, rounds: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    args = [sys.executable, "-c", WRITER, str(folder), str(graphs), str(triples), str(rounds)]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True)


def _consistent(store: GraphStore) -> dict[str, int]:
    """Check, in one query (one snapshot), that each graph matches its catalogue entry."""
    cat = CATALOGUE_IRI
    _, rows = store.select_rows(
        "SELECT ?g (COUNT(*) AS ?n) (MIN(?r) AS ?lo) (MAX(?r) AS ?hi) ?count ?path WHERE { "
        f"GRAPH <{cat}> {{ ?e <{cat}#graph> ?g ; <http://rdfs.org/ns/void#triples> ?count ; "
        f"<{cat}#sourcePath> ?path }}"
        " GRAPH ?g { ?s ?p ?r } } GROUP BY ?g ?count ?path",
        include_catalogue=True,
    )
    counts = {}
    for graph, n, low, high, count, path in rows:
        assert n == count
        assert low == high  # never half of one round and half of another
        assert path == f"round-{low}"
        counts[str(graph)] = int(str(n))
    return counts


def test_read_only_readers_see_consistent_snapshots_while_a_writer_runs(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    writer = _writer(folder, graphs=40, triples=50, rounds=6)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "0"  # the first round is on disk
    snapshots = 0
    while writer.poll() is None:
        with GraphStore.open(folder, read_only=True) as reader:
            assert len(_consistent(reader)) == 40
        snapshots += 1
    assert writer.wait() == 0
    assert snapshots >= 1
    with GraphStore.open(folder, read_only=True) as reader:
        assert set(_consistent(reader).values()) == {50}
        assert {e.path for e in reader.catalogue().values()} == {"round-5"}
        assert len(reader.catalogue()) == 40


def test_a_killed_writer_leaves_whole_graphs(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    writer = _writer(folder, graphs=20, triples=400, rounds=1000)
    assert writer.stdout is not None
    writer.stdout.readline()
    time.sleep(0.3)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    with GraphStore.open(folder) as store:
        counts = _consistent(store)
        assert set(counts.values()) == {400}
        assert len(counts) == 20
