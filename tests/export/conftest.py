"""A small store built by the real pipeline from the export fixtures, shared per test module.

The documents under ``tests/data/export`` were written for these tests; the store also holds the
reference and ontology graphs (the ontology has blank nodes, so canonical blank-node handling is
exercised on real data).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from allegiance.pipeline import build
from allegiance.store import GraphStore

DATA = Path(__file__).resolve().parent.parent / "data" / "export"


def build_store(folder: Path, documents: Path) -> GraphStore:
    store = GraphStore.open(folder)
    report = build([documents], store)
    assert not report.failures, report.failures
    return store


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for source in sorted(DATA.glob("*")):
        if source.suffix in (".md", ".txt"):
            shutil.copy(source, folder / source.name)
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, documents: Path) -> Iterator[GraphStore]:
    built = build_store(tmp_path_factory.mktemp("store"), documents)
    yield built
    built.close()

