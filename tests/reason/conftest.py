"""A fresh on-disk store with the reference actors and the ontology, per test.

Loading the reference graph costs about half a second, so it is loaded once into a template
store whose folder each test copies (a closed RocksDB folder is plain files).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from allegiance.pipeline import load_reference
from allegiance.store import GraphStore


@pytest.fixture(scope="session")
def reference_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reason") / "template"
    with GraphStore.open(folder) as template:
        load_reference(template)
    return folder


@pytest.fixture
def store_path(reference_store: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(reference_store, folder)
    return folder


@pytest.fixture
def store(store_path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(store_path) as opened:
        yield opened
