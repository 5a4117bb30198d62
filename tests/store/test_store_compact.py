"""Compaction merges the table files that separate writes leave, and keeps every quad."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import EX, doc_graph

from allegiance.store import GraphStore, StoreError

COLUMN_FAMILIES = 12
"""Oxigraph's RocksDB column families (default, id2str, graphs and nine quad indexes): once
compacted, the small data of a test fits one table file in each, at most."""


def _table_files(folder: Path) -> int:
    return len(list(folder.glob("*.sst")))


def test_compact_merges_table_files_and_keeps_the_content(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        for i in range(6):
            # each write flushed on its own: one more set of table files per write, as after
            # a build's batches or a reasoning run's graph replacements
            store.replace_graph(f"{EX}document/{i}", doc_graph(str(i)), meta={"path": f"{i}.md"})
            store.flush()
        before = store.dump_nquads(include_catalogue=True)
        store.compact()  # without it: 13-23 files here (RocksDB merges some in the background)
        assert store.dump_nquads(include_catalogue=True) == before
    # counted once closed: a background merge started before the compaction can still hold a
    # file it is replacing while the store is open (seen under load, stop 21)
    assert _table_files(folder) <= COLUMN_FAMILIES
    with GraphStore.open(folder, read_only=True) as store:
        assert store.dump_nquads(include_catalogue=True) == before


def test_compact_needs_a_writable_store(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with GraphStore.open(folder) as store:
        store.replace_graph(f"{EX}document/a", doc_graph("a"), meta={"path": "a.md"})
    with GraphStore.open(folder, read_only=True) as store, \
            pytest.raises(StoreError, match="read-only; cannot compact"):
        store.compact()


def test_a_build_leaves_its_store_compacted(tmp_path: Path) -> None:
    from allegiance.pipeline import build

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    documents = sorted(p for p in corpus.iterdir()
                       if p.suffix in (".md", ".txt", ".html") and p.name != "README.md")
    folder = tmp_path / "built"
    with GraphStore.open(folder) as store:
        report = build(documents, store)
        assert report.count("stored") == len(documents)
        assert "compaction" in report.seconds
    # documents, reference data and the reasoning step's graphs, merged into one file each
    assert _table_files(folder) <= COLUMN_FAMILIES
    with GraphStore.open(folder) as store:  # nothing changed: no second compaction
        assert "compaction" not in build(documents, store).seconds
