"""SIGKILL during ``allegiance build``: the store opens, holds only whole documents, and a
re-run gives the same bytes as a build that was never interrupted.

Kill points are drawn from a seeded generator over the duration of an uninterrupted build, so
they fall before the first write, between documents and during writes; the whole process group
is killed, as a power cut or the OOM killer would.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tests.robustness.build_helpers import (
    DOCUMENT_PREFIX,
    assert_whole_documents,
    graphs_of,
    start_build,
    write_documents,
)

from allegiance.store import GraphStore, StoreError

DOCUMENTS = 40
KILL_POINTS = 5
SEED = 9
COMMIT_EVERY = 8
"""Documents per transaction in the killed builds: 8 of these documents are over 4,000 quads,
so each write is one table-file ingestion (``store.fresh``), and 40 documents make five writes
for the kills to fall between and into."""


def _finish(process: subprocess.Popen[bytes], timeout: float = 180) -> int:
    _, stderr = process.communicate(timeout=timeout)
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")
    return process.returncode


def _dump(store: Path) -> bytes:
    with GraphStore.open(store, read_only=True) as opened:
        return opened.dump_nquads()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, float]:
    folder = tmp_path_factory.mktemp("crash")
    inputs = folder / "docs"
    write_documents(inputs, DOCUMENTS)
    started = time.monotonic()
    assert _finish(start_build(inputs, folder / "reference")) == 0
    elapsed = time.monotonic() - started
    return inputs, _dump(folder / "reference"), elapsed


def _wait_for_first_write(build: subprocess.Popen[bytes], store: Path) -> None:
    """Return once the build's store holds a document graph (or the build has ended)."""
    while build.poll() is None:
        if (store / "CURRENT").is_file():
            try:
                with GraphStore.open(store, read_only=True) as reader:
                    if any(g.startswith(DOCUMENT_PREFIX) for g in reader.graphs()):
                        return
            except StoreError:
                pass  # the writer swapped a file under the opening; look again
        time.sleep(0.02)


def test_killed_builds_leave_whole_documents_and_rerun_matches(
    reference: tuple[Path, bytes, float], tmp_path: Path
) -> None:
    inputs, expected, elapsed = reference
    graphs = graphs_of(expected)
    rng = random.Random(SEED)
    partial = 0
    for point in range(KILL_POINTS):
        store = tmp_path / f"store-{point}"
        jobs = 1 + point % 2  # also kill a build whose workers are mid-document
        build = start_build(inputs, store, jobs=jobs, commit_every=COMMIT_EVERY)
        if point == 0:
            # One kill right after the first transaction, so that at least one lands with
            # part of the batch stored whatever the machine's speed.
            _wait_for_first_write(build, store)
        else:
            # Writing documents is the middle of a build (after start-up, before reasoning):
            # aim the other kills there, drawn at random.
            time.sleep(rng.uniform(0.25, 0.85) * elapsed)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        if not (store / "CURRENT").is_file():
            continue  # killed before the store was created: nothing to check
        with GraphStore.open(store) as opened:  # opens read-write: no lock or corruption left
            documents = assert_whole_documents(opened, graphs)
        partial += 0 < documents < DOCUMENTS
        assert _finish(start_build(inputs, store, jobs=jobs)) == 0
        rebuilt = _dump(store)
        if rebuilt != expected:
            lost = sorted(set(expected.splitlines()) - set(rebuilt.splitlines()))[:3]
            gained = sorted(set(rebuilt.splitlines()) - set(expected.splitlines()))[:3]
            pytest.fail(f"kill point {point}: re-run differs; lost {lost}, gained {gained}")
        with GraphStore.open(store, read_only=True) as opened:
            assert assert_whole_documents(opened, graphs) == DOCUMENTS
    assert partial >= 1, "no kill landed in the middle of the batch; the test proved nothing"
