"""When a command compacts: the store counts what a handle writes, and ``auto`` weighs it
against what the catalogue says the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from store_fixtures import EX, doc_graph

from allegiance.store import GraphStore
from allegiance.store.compaction import compact_if_due, decide

COLUMN_FAMILIES = 12  # as in test_store_compact: at most one table file each once compacted


def _table_files(folder: Path) -> int:
    return len(list(folder.glob("*.sst")))


def _fill(store: GraphStore, tags: range, n: int = 5) -> None:
    for i in tags:
        store.replace_graph(f"{EX}document/{i}", doc_graph(str(i), n), meta={"path": f"{i}.md"})
        store.flush()  # a table file per write, as after a build's batches


def _labels(n: int) -> rdflib.Graph:
    """``n`` plain-literal triples: stored as written (Oxigraph keeps a typed number by value,
    so its lines would differ from ours and a patch would rewrite them)."""
    graph = rdflib.Graph()
    for i in range(n):
        graph.add((URIRef(f"{EX}claim/{i}"), URIRef(f"{EX}label"), Literal(f"claim {i}")))
    return graph


def test_a_handle_counts_the_quads_its_writes_add_and_remove(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(f"{EX}document/a", _labels(10))  # a new graph
        added = store.quads_written
        assert added >= 10 + 3  # and its catalogue entry: graph, hash, triple count
        store.replace_graph(f"{EX}document/a", _labels(10))  # unchanged: nothing written
        assert store.quads_written == added
        store.replace_graph(f"{EX}document/a", _labels(14))  # patched: 4 triples more
        assert store.quads_written == added + 4
        store.drop_graph(f"{EX}document/a")  # 14 triples go
        assert store.quads_written == added + 4 + 14
    with GraphStore.open(tmp_path / "s") as store:
        assert store.quads_written == 0  # per handle: a new command starts from nothing


def test_auto_compacts_after_any_write_and_only_then(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        _fill(store, range(20))
        assert compact_if_due(store).ran
    with GraphStore.open(folder) as store:
        assert compact_if_due(store).reason == "nothing was written"
        _fill(store, range(20, 22))  # a small write into a bigger store: compacted all the same
        done = compact_if_due(store)
        assert done.ran and done.written == store.quads_written > 0
        assert done.reason == f"{store.quads_written:,} quads written"
        assert store.quad_count() == 22 * 10
    # counted once closed: a background merge of the two writes, started before the full
    # compaction, can still hold a file it is replacing while the store is open (seen under load)
    assert _table_files(folder) <= COLUMN_FAMILIES


def test_never_leaves_the_table_files_and_always_merges_them(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        _fill(store, range(8))
        skipped = compact_if_due(store, "never")
        assert not skipped.ran and "allegiance compact" in skipped.reason
        left = _table_files(folder)  # 11-13 here: what RocksDB merged on its own
    with GraphStore.open(folder) as store:  # a new command that wrote nothing
        assert compact_if_due(store, "always").ran
    assert _table_files(folder) <= min(left, COLUMN_FAMILIES)


def test_modes() -> None:
    assert decide("never", 10**9)[0] is False
    assert decide("always", 0)[0] is True
    assert decide("auto", 1) == (True, "1 quads written")
    assert decide("auto", 0) == (False, "nothing was written")
    with pytest.raises(ValueError, match="compaction mode 'sometimes'"):
        decide("sometimes", 1)
