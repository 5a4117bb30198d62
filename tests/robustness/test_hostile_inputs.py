"""Hostile documents through the real ``allegiance build`` (a subprocess with a timeout).

A representative subset of ``bench/hostile_corpus.py`` (every kind twice, plus the 50 MB file
and 100,000 nested divs) runs here; the full set of 500+ runs by hand with
``bench/bench_hostile.py``. The rules checked are those of issue 9: every input is built or
refused with exactly one stderr line naming it, the batch finishes, memory stays bounded, and
the exit status counts the refusals.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench_hostile import SRC, check_batch, run_build
from hostile_corpus import Hostile, representative, unreadable

from allegiance.store import GraphStore

TIMEOUT_S = 240
PEAK_RSS_LIMIT_MB = 1024
NOBODY = 65534
REFUSED_KINDS = {
    "binary", "bom_only", "empty", "fifo", "fifty_mb", "nul_middle", "self_link",
    "special_link", "symlink_loop", "undecodable_name", "wrong_type", "zip_bomb",
    "directory_named_file",
}
BUILT_KINDS = {"valid_mixed", "utf16", "invalid_utf8", "odd_name", "long_sentence"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Hostile], object]]:
    folder = tmp_path_factory.mktemp("hostile")
    made = representative(folder / "inputs")
    run = run_build([h.path for h in made], folder / "store", timeout=TIMEOUT_S)
    yield made, run
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700)


def test_the_batch_finishes_and_every_input_gets_one_outcome(batch) -> None:  # type: ignore[no-untyped-def]
    made, run = batch
    assert len(made) >= 50
    assert not check_batch([h.path for h in made], run)


def test_memory_stays_bounded(batch) -> None:  # type: ignore[no-untyped-def]
    _, run = batch
    assert not run.timed_out
    assert 0 < run.peak_rss_mb < PEAK_RSS_LIMIT_MB


def test_each_kind_is_refused_or_built_as_expected(batch) -> None:  # type: ignore[no-untyped-def]
    made, run = batch
    status = {d["path"]: d["status"] for d in json.loads(run.stdout)["documents"]}
    for hostile in made:
        outcome = status[str(hostile.path)]
        if hostile.kind in REFUSED_KINDS:
            assert outcome == "failed", hostile
        elif hostile.kind in BUILT_KINDS:
            assert outcome == "stored", hostile


def test_the_store_holds_exactly_the_built_documents(batch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made, run = batch
    report = json.loads(run.stdout)
    stored = {d["graph"] for d in report["documents"] if d["status"] in ("stored", "unchanged")}
    store = Path(str(made[0].path)).parents[1] / "store"
    with GraphStore.open(store, read_only=True) as opened:
        documents = {g for g in opened.graphs() if "/id/document/" in g}
    assert documents == stored


def _usable_as(user: int | None) -> bool:
    """Whether ``user`` can run this interpreter (a venv under /root is closed to others)."""
    if user is None:
        return True
    try:
        done = subprocess.run([sys.executable, "-c", "import allegiance"], user=user,
                              env={"PYTHONPATH": str(SRC)}, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def test_unreadable_files_are_refused_with_one_line() -> None:
    """Mode-000 files: root reads them anyway, so as root the build runs as user 'nobody'."""
    as_user = NOBODY if os.geteuid() == 0 else None
    if not _usable_as(as_user):
        pytest.skip("running as root, and user 'nobody' cannot run this Python to emulate "
                    "an unreadable file; covered by tests/ingest/test_files.py as non-root")
    folder = Path(tempfile.mkdtemp(prefix="allegiance-unreadable-"))
    try:
        folder.chmod(0o777)
        import random

        files = [unreadable(folder, random.Random(n), n) for n in range(3)]
        store = folder / "store"
        run = run_build(files, store, timeout=TIMEOUT_S, user=as_user)
        assert not check_batch(files, run)
        assert run.returncode == 3
        reasons = {d["reason"] for d in json.loads(run.stdout)["documents"]}
        assert reasons == {"permission denied"}
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o700)
        shutil.rmtree(folder)
