"""`build(jobs=N)` prepares documents in worker processes; the store must not differ."""

from __future__ import annotations

from pathlib import Path

from generate_corpus import generate

from allegiance.ingest import IngestError
from allegiance.pipeline import build
from allegiance.store import GraphStore


def test_two_jobs_give_the_same_store_as_one_and_rebuild_unchanged(tmp_path: Path) -> None:
    docs = generate(tmp_path / "docs", 5, seed=11)
    broken = tmp_path / "docs" / "broken.txt"
    broken.write_bytes(b"")  # fails to ingest: reported in place, not stored
    inputs: list[Path | IngestError] = [*docs, broken]
    dumps, outcomes = [], []
    for jobs in (1, 2):
        with GraphStore.open(tmp_path / f"store-{jobs}") as store:
            report = build(inputs, store, jobs=jobs)
            dumps.append(store.dump_nquads())
            outcomes.append([(o.path, o.status, o.claims, o.graph) for o in report.outcomes])
            if jobs == 2:
                again = build(docs, store, jobs=2)
                assert [o.status for o in again.outcomes] == ["unchanged"] * 5
    assert dumps[0] == dumps[1]
    assert outcomes[0] == outcomes[1]
    assert [status for _, status, _, _ in outcomes[0]] == ["stored"] * 5 + ["failed"]
