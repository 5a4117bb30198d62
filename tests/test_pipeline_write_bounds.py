"""A build's store writes stay within ``WRITE_QUADS`` (so each is one atomic table-file
ingestion) whatever the documents' sizes, and how the documents are grouped into writes never
changes what is stored."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from allegiance import pipeline
from allegiance.store import GraphStore, GraphWrite

DOCS = Path(__file__).resolve().parent / "data" / "pipeline" / "docs"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _inputs() -> list[Path]:
    return [
        *sorted(DOCS.iterdir()),
        *sorted(
            p
            for p in CORPUS.iterdir()
            if p.suffix in (".md", ".txt", ".html") and p.name != "README.md"
        ),
    ]


def _recording_build(store: GraphStore) -> list[list[int]]:
    """Build the inputs into ``store``; the triple counts of the documents of each write."""
    calls: list[list[int]] = []
    write = store.replace_graphs

    def recorded(writes: Sequence[GraphWrite]) -> list[bool]:
        calls.append([w.count for w in writes if "/document/" in w.iri])
        return write(writes)

    store.replace_graphs = recorded  # type: ignore[method-assign]
    pipeline.build(_inputs(), store, reasoning=False)
    return [c for c in calls if c]


def test_writes_stay_within_the_quad_bound_and_store_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore.open(tmp_path / "default") as store:
        assert len(_recording_build(store)) == 1  # a small build is one write
        expected = store.dump_nquads()
    sizes = [pipeline.prepare_document(path).triple_count for path in _inputs()]
    bound = max(sizes) + min(sizes) // 2  # the largest fits alone, not all of them together
    monkeypatch.setattr(pipeline, "WRITE_QUADS", bound)
    with GraphStore.open(tmp_path / "bounded") as store:
        calls = _recording_build(store)
        assert store.dump_nquads() == expected
    assert sorted(c for call in calls for c in call) == sorted(sizes)
    assert len(calls) > 1
    assert all(sum(call) <= bound for call in calls)
