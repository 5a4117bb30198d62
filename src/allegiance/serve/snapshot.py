"""The query process's view of the store: a read-only snapshot, reopened when it gets old.

Opening a snapshot costs about 40 ms on a small store (more while a build is writing, since
opening replays the writer's log) against well under a millisecond for a point query, so a
snapshot is not reopened per request but when it is older than ``refresh_s`` or when the server
itself wrote (the shared ``generation`` counter moved). Readers therefore see a build's
progress at most ``refresh_s`` late, and a consistent state: whole documents, and whole
derived graphs except while a first reasoning pass writes one of more than a bulk batch (see
``allegiance.store.graphstore`` on read-only openings beside a writer).

The raw pyoxigraph store is used for queries because the protocol's dataset options
(``default-graph-uri``/``named-graph-uri``) need ``default_graph``/``named_graphs``, which
``GraphStore.query`` does not expose; the catalogue graph stays hidden the same way it does
there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from allegiance.store import CATALOGUE_IRI, GraphStore, StoreError

T = TypeVar("T")


class Snapshot:
    def __init__(
        self, path: Path, refresh_s: float, generation: Synchronized | None = None
    ) -> None:
        self.path = path
        self.refresh_s = refresh_s
        self._generation = generation
        self._store: GraphStore | None = None
        self._opened_at = 0.0
        self._seen = -1
        self._graphs: list[ox.NamedNode] | None = None

    def _current_generation(self) -> int:
        return int(self._generation.value) if self._generation is not None else 0

    def reopen(self) -> GraphStore:
        if self._store is not None:
            self._store.close()
        self._seen = self._current_generation()
        self._store = GraphStore.open(self.path, read_only=True)
        self._opened_at = time.monotonic()
        self._graphs = None  # listed when first asked for: a scan of every graph name
        return self._store

    def store(self) -> GraphStore:
        stale = time.monotonic() - self._opened_at > self.refresh_s
        if self._store is None or stale or self._seen != self._current_generation():
            return self.reopen()
        return self._store

    @property
    def raw(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path} is not open")
        return self._store._db  # the dataset options need the pyoxigraph store itself

    def graphs(self) -> list[ox.NamedNode]:
        """Named graphs without the catalogue, as of this snapshot."""
        self.store()
        if self._graphs is None:
            names = (g for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode))
            self._graphs = sorted((g for g in names if g.value != CATALOGUE_IRI),
                                  key=lambda g: g.value)
        return list(self._graphs)

    def read(self, action: Callable[[], T]) -> T:
        """Run a read; retried once on a fresh snapshot if a writer's compaction removed a file
        this snapshot had not opened yet (see ``GraphStore._reading``)."""
        self.store()
        try:
            return action()
        except (OSError, RuntimeError) as error:
            if "no such file" not in str(error).lower():
                raise
            self.reopen()
            return action()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
