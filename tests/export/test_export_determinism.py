"""Same content, same bytes: across exports, across stores built in another order, across
processes with different hash seeds; plus the external sort on its own."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegiance.export import FORMATS, export
from allegiance.export.lines import unique_sorted
from allegiance.store import GraphStore

from .conftest import build_store

SRC = Path(__file__).resolve().parents[2] / "src"

_DIGESTS = """
import hashlib, io, sys
from allegiance.export import FORMATS, export
from allegiance.store import GraphStore
with GraphStore.open(sys.argv[1], read_only=True) as store:
    for fmt in FORMATS:
        buffer = io.BytesIO()
        export(store, buffer, fmt)
        print(fmt, hashlib.sha256(buffer.getvalue()).hexdigest())
"""


def digests(store: GraphStore) -> dict[str, str]:
    result = {}
    for fmt in FORMATS:
        buffer = io.BytesIO()
        export(store, buffer, fmt)
        result[fmt] = hashlib.sha256(buffer.getvalue()).hexdigest()
    return result


def test_two_exports_are_byte_identical(store: GraphStore) -> None:
    assert digests(store) == digests(store)


def test_a_store_built_in_another_order_exports_the_same_bytes(
    store: GraphStore, documents: Path, tmp_path: Path
) -> None:
    files = sorted(p for p in documents.iterdir() if p.is_file())
    other = GraphStore.open(tmp_path / "other")
    try:
        from allegiance.pipeline import build

        for path in reversed(files):
            build([path], other)
        assert digests(other) == digests(store)
    finally:
        other.close()


@pytest.mark.parametrize("seed", ["1", "4242"])
def test_hash_seed_does_not_change_the_bytes(
    store: GraphStore, documents: Path, tmp_path: Path, seed: str
) -> None:
    folder = tmp_path / "store"
    build_store(folder, documents).close()
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
    result = subprocess.run([sys.executable, "-c", _DIGESTS, str(folder)], env=env,
                            capture_output=True, text=True, check=True)
    found = dict(line.split() for line in result.stdout.splitlines())
    assert found == digests(store)


@given(st.lists(st.text(alphabet="abc\u00e9\u4e2d", max_size=4), max_size=60),
       st.integers(min_value=1, max_value=7))
def test_external_sort_equals_sorted_set(lines: list[str], run_lines: int) -> None:
    encoded = [line.encode("utf-8") for line in lines]
    assert list(unique_sorted(encoded, run_lines=run_lines)) == sorted(set(encoded))
    # bytes order is code-point order
    assert [line.decode("utf-8") for line in sorted(set(encoded))] == sorted(set(lines))
