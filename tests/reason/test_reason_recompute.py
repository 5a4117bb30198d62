"""``reason`` overlaps each derived graph's write with the next computation: the store it leaves
must be the one the three steps leave run one after the other, and a write that fails must
fail the call."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.pipeline import build
from allegiance.reason import (
    DERIVED_GRAPHS,
    reason,
    write_inferred,
    write_summaries,
    write_tiers,
)
from allegiance.store import GraphStore, StoreError

DOCS = Path(__file__).resolve().parents[1] / "data" / "pipeline" / "docs"


def _documents_only(folder: Path) -> Path:
    with GraphStore.open(folder) as store:
        build([DOCS], store, reasoning=False)
        assert not set(DERIVED_GRAPHS) & set(store.graphs())
    return folder


def test_reason_leaves_the_store_the_steps_leave_one_by_one(tmp_path: Path) -> None:
    with GraphStore.open(_documents_only(tmp_path / "overlapped")) as store:
        report = reason(store)
        overlapped = store.dump_nquads(include_catalogue=True)
    with GraphStore.open(_documents_only(tmp_path / "in-turn")) as store:
        summaries = write_summaries(store)
        inferred = write_inferred(store)
        assignments = write_tiers(store)
        in_turn = store.dump_nquads(include_catalogue=True)
    assert overlapped == in_turn
    assert (report.relation_summaries, report.inferred_triples, report.tier_assignments) == (
        summaries,
        inferred,
        assignments,
    )
    assert report.relation_summaries > 0 and report.tier_assignments > 0


def test_a_write_that_fails_fails_the_reasoning(tmp_path: Path) -> None:
    folder = _documents_only(tmp_path / "store")
    with GraphStore.open(folder, read_only=True) as store:
        before = store.dump_nquads(include_catalogue=True)
        with pytest.raises(StoreError, match="read-only"):
            reason(store)  # every computation reads; each write is refused
    with GraphStore.open(folder, read_only=True) as store:
        assert store.dump_nquads(include_catalogue=True) == before
