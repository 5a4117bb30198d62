"""Publish the store's named graphs to a remote SPARQL 1.1 store, sending only what changed.

What the remote holds is recorded *on the remote*, in the push catalogue graph
(``PUSH_CATALOGUE``): one ``<graph> push:contentHash "sha256:..."`` per graph pushed, the hash
being the local catalogue's content hash of that graph. A push compares it with the local
catalogue, sends graphs whose hash differs or is missing, removes remote graphs it pushed
earlier that are no longer local, and never touches any other graph of the remote store. Two
people pushing from identical stores therefore send nothing the second time.

Three methods:

- ``gsp``: Graph Store Protocol ``PUT ?graph=`` per graph (a whole-graph replacement, atomic on
  the server), then one ``PUT`` of the push catalogue with the entries that succeeded;
- ``nquads`` (the fastest): batches of graphs up to ``batch_triples``, each one ``POST`` of
  N-Quads to the dataset (the graph store URL without ``?graph=``: Oxigraph ``/store``, Fuseki
  ``/ds``, GraphDB ``.../statements``), which the server parses as N-Quads rather than SPARQL.
  Graphs the remote already holds (by its catalogue or its list of graphs) are first dropped,
  with their entries, by one SPARQL Update, so a changed graph is briefly absent. A batch's
  entries are written once its data is in: at the head of the next batch's body, or by the
  closing update. ``no_transaction`` asks Oxigraph's server to load each batch with its bulk
  loader (not atomic: an interrupted push leaves graphs without entries, which the next push
  drops and resends);
- ``update``: SPARQL Update requests of ``DROP SILENT GRAPH`` + ``INSERT DATA``, several graphs
  per request up to ``batch_triples``, each request also updating those graphs' catalogue
  entries, so graph and entry change together. A graph larger than a batch is split over
  several requests; its entry is written with the last one, so an interrupted push is repaired
  by the next.

Throughput (issue 7). Each graph is read once, as sorted N-Triples lines from pyoxigraph's
serialiser (``lines.graph_lines``), and its content hash is computed from those same bytes when
the catalogue does not have it (a store bulk-loaded without catalogue entries): a graph the
remote has no record of must be sent whatever its hash, so its hash is never computed apart.
Requests are pipelined: one is in flight (the server parsing and writing it) while the next one
is read and built, so client and server work at the same time; an entry is recorded only once
the request that carries its graph has succeeded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox

from allegiance.export.lines import graph_lines
from allegiance.export.remote import RemoteClient, RemoteError
from allegiance.store import GraphStore
from allegiance.store.canonical import content_hash
from allegiance.store.errors import one_line

PUSH_CATALOGUE = "https://w3id.org/allegiance/id/graph/push-catalogue"
PUSHED_HASH = PUSH_CATALOGUE + "#contentHash"
DEFAULT_BATCH_TRIPLES = 50_000
METHODS = ("gsp", "update", "nquads")


@dataclass
class PushReport:
    sent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    triples: int = 0
    requests: int = 0


@dataclass(frozen=True)
class _Payload:
    """One graph as the N-Triples body to send, and its content hash."""

    body: bytes
    triples: int
    digest: str


def _payload(
    store: GraphStore, graph: str, known: str | None = None, *, quads: bool = False
) -> _Payload:
    """Read a graph once; its hash is ``known`` (from the catalogue) or computed from the bytes.

    ``content_hash`` is SHA-256 over the sorted unique N-Triples lines, each with a newline,
    which is exactly the N-Triples body for a graph without blank nodes (an N-Quads body is
    made from it by one ``bytes.replace`` adding the graph name); with blank nodes our lines
    carry graph-tagged RDFC labels, so the hash is computed by ``content_hash`` itself.
    """
    if known is not None:
        lines = list(graph_lines(store, graph, quads=quads))
        return _Payload(b"\n".join(lines) + b"\n" if lines else b"", len(lines), known)
    lines = list(graph_lines(store, graph, quads=False))
    body = b"\n".join(lines) + b"\n" if lines else b""
    if b"_:" in body:
        digest = content_hash(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        if quads:  # the blank-node labels are graph-tagged: read the quads' own lines
            lines = list(graph_lines(store, graph, quads=True))
            body = b"\n".join(lines) + b"\n" if lines else b""
    else:
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
        if quads:  # " .\n" ends every line and occurs nowhere else (newlines are escaped)
            body = body.replace(b" .\n", f" <{graph}> .\n".encode())
    return _Payload(body, len(lines), digest)


class _Pipeline:
    """At most one request in flight while the caller reads and builds the next one.

    ``submit`` first waits for the previous request and runs its ``then`` (recording what it
    sent) only if it succeeded; a failure is raised in the caller's thread.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="allegiance-push")
        self._pending: tuple[Future[None], Callable[[], None]] | None = None

    def submit(self, send: Callable[[], None], then: Callable[[], None]) -> None:
        self.wait()
        self._pending = (self._pool.submit(send), then)

    def wait(self) -> None:
        if self._pending is not None:
            future, then = self._pending
            self._pending = None
            future.result()
            then()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown()


def remote_hashes(client: RemoteClient) -> dict[str, str]:
    """The push catalogue as the remote holds it (empty on a first push)."""
    if client.remote.graph_store_url:
        data = client.get_graph(PUSH_CATALOGUE)
        if not data:
            return {}
        try:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            raise RemoteError(
                f"unreadable push catalogue on the remote: {one_line(error)}") from None
        return {t.subject.value: t.object.value for t in triples
                if t.predicate.value == PUSHED_HASH}
    rows = client.select(
        f"SELECT ?g ?h WHERE {{ GRAPH <{PUSH_CATALOGUE}> {{ ?g <{PUSHED_HASH}> ?h }} }}")
    return {row["g"]: row["h"] for row in rows if "g" in row and "h" in row}


def push(
    store: GraphStore,
    client: RemoteClient,
    *,
    method: str = "gsp",
    batch_triples: int = DEFAULT_BATCH_TRIPLES,
    prune: bool = True,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    graphs: Sequence[str] = (),
    no_transaction: bool = False,
) -> PushReport:
    """Make the remote hold the store's graphs; return what was sent, kept and deleted.

    ``graphs`` limits the push to those local graphs (the others are neither sent nor counted
    as unchanged); pruning still compares the remote's record with every local graph.
    """
    if method not in METHODS:
        raise RemoteError(f"unknown push method {method!r} (use gsp or update)")
    before = client.requests
    catalogue = store.catalogue()
    present = store.graphs()
    missing = sorted(set(graphs) - set(present))
    if missing:
        raise RemoteError(f"no such graph in the local store: <{missing[0]}>")
    chosen = sorted(set(graphs)) if graphs else present
    remote = remote_hashes(client)
    local = {graph: catalogue[graph].content_hash for graph in chosen if graph in catalogue}
    for graph in chosen:
        if graph not in local and graph in remote:  # only then is the hash needed up front
            local[graph] = _payload(store, graph).digest
    report = PushReport()
    changed = [graph for graph in chosen if remote.get(graph) != local.get(graph, "")]
    report.unchanged = [graph for graph in chosen if remote.get(graph) == local.get(graph, "")]
    stale = sorted(set(remote) - set(present)) if prune else []
    if dry_run:
        report.sent, report.deleted = changed, stale
        return report
    if method == "gsp":
        _push_gsp(store, client, changed, stale, local, remote, report, progress)
    elif method == "nquads":
        _push_nquads(store, client, changed, stale, local, remote, batch_triples, report,
                     progress, no_transaction)
    else:
        _push_update(store, client, changed, stale, local, batch_triples, report, progress)
    report.requests = client.requests - before
    return report


def _push_gsp(
    store: GraphStore,
    client: RemoteClient,
    changed: list[str],
    stale: list[str],
    local: dict[str, str],
    remote: dict[str, str],
    report: PushReport,
    progress: Callable[[str], None] | None,
) -> None:
    recorded = dict(remote)

    def sent(graph: str, payload: _Payload) -> Callable[[], None]:
        def record() -> None:
            recorded[graph] = payload.digest
            report.sent.append(graph)
            report.triples += payload.triples
            if progress:
                progress(graph)

        return record

    try:
        pipeline = _Pipeline()
        try:
            for graph in changed:
                payload = _payload(store, graph, local.get(graph))
                pipeline.submit(lambda g=graph, b=payload.body: client.put_graph(g, b),
                                sent(graph, payload))
            pipeline.wait()
        finally:
            pipeline.close()
        for graph in stale:
            client.delete_graph(graph)
            recorded.pop(graph, None)
            report.deleted.append(graph)
    finally:
        if recorded != remote:
            client.put_graph(PUSH_CATALOGUE, _catalogue_ntriples(recorded))


def _catalogue_ntriples(entries: dict[str, str]) -> bytes:
    return "".join(_entry_line(graph, digest) + "\n"
                   for graph, digest in sorted(entries.items())).encode("utf-8")


def _entry_line(graph: str, digest: str) -> str:
    return f"<{graph}> <{PUSHED_HASH}> {ox.Literal(digest)} ."


def _push_update(
    store: GraphStore,
    client: RemoteClient,
    changed: list[str],
    stale: list[str],
    local: dict[str, str],
    batch_triples: int,
    report: PushReport,
    progress: Callable[[str], None] | None,
) -> None:
    operations: list[bytes] = []
    done: list[tuple[str, int, bool]] = []
    size = 0

    def completed(parts: list[tuple[str, int, bool]]) -> Callable[[], None]:
        def record() -> None:
            for graph, triples, last in parts:
                report.triples += triples
                if last:
                    report.sent.append(graph)
                    if progress:
                        progress(graph)

        return record

    pipeline = _Pipeline()
    try:
        for graph, operation, triples, last in _graph_operations(store, changed, local,
                                                                 batch_triples):
            if operations and size + triples > batch_triples:
                body = b" ;\n".join(operations)
                pipeline.submit(lambda b=body: client.update(b), completed(done))
                operations, done, size = [], [], 0
            operations.append(operation)
            done.append((graph, triples, last))
            size += triples
        for graph in stale:
            operations.append(f"DROP SILENT GRAPH <{graph}> ;\n{_forget(graph)}".encode())
        if operations:
            body = b" ;\n".join(operations)
            pipeline.submit(lambda b=body: client.update(b), completed(done))
        pipeline.wait()
        report.deleted.extend(stale)
    finally:
        pipeline.close()


def _push_nquads(
    store: GraphStore,
    client: RemoteClient,
    changed: list[str],
    stale: list[str],
    local: dict[str, str],
    remote: dict[str, str],
    batch_triples: int,
    report: PushReport,
    progress: Callable[[str], None] | None,
    no_transaction: bool,
) -> None:
    """Batches of N-Quads; a graph the remote holds is dropped first, with its entry.

    Entries of a batch are written once its data is in: as catalogue quads at the head of the
    next batch's body, or by the closing update. On a first push (the remote has none of the
    graphs) each batch is a single request.
    """
    existing = set(remote) | _remote_graph_names(client, set(changed))
    pending: dict[str, str] = {}

    def entries() -> bytes:
        lines = [f"{_entry_line(graph, digest)[:-2]} <{PUSH_CATALOGUE}> .\n"
                 for graph, digest in sorted(pending.items())]
        pending.clear()
        return "".join(lines).encode("utf-8")

    def send(graphs: list[str], bodies: list[bytes]) -> Callable[[], None]:
        def run() -> None:  # after the previous request succeeded, so ``pending`` is complete
            drops = [op for graph in graphs if graph in existing for op in (
                f"DROP SILENT GRAPH <{graph}>", *([_forget(graph)] if graph in remote else []))]
            if drops:
                client.update(" ;\n".join(drops))
            client.post_quads(b"".join([entries(), *bodies]), no_transaction=no_transaction)

        return run

    def loaded(batch: list[tuple[str, str, int]]) -> Callable[[], None]:
        def record() -> None:
            for graph, digest, triples in batch:
                pending[graph] = digest
                report.sent.append(graph)
                report.triples += triples
                if progress:
                    progress(graph)

        return record

    def finish() -> None:
        operations = [f"DROP SILENT GRAPH <{graph}> ;\n{_forget(graph)}" for graph in stale]
        if pending:
            operations.append(f"INSERT DATA {{ GRAPH <{PUSH_CATALOGUE}> {{\n"
                              + entries().decode("utf-8").replace(f" <{PUSH_CATALOGUE}> .", " .")
                              + "} }")
        if operations:
            client.update(" ;\n".join(operations))

    pipeline = _Pipeline()
    try:
        bodies: list[bytes] = []
        batch: list[tuple[str, str, int]] = []
        size = 0
        for graph in changed:
            payload = _payload(store, graph, local.get(graph), quads=True)
            if batch and size + payload.triples > batch_triples:
                pipeline.submit(send([g for g, _, _ in batch], bodies), loaded(batch))
                bodies, batch, size = [], [], 0
            bodies.append(payload.body)
            batch.append((graph, payload.digest, payload.triples))
            size += payload.triples
        if batch:
            pipeline.submit(send([g for g, _, _ in batch], bodies), loaded(batch))
        pipeline.submit(finish, lambda: report.deleted.extend(stale))
        pipeline.wait()
    finally:
        pipeline.close()


def _remote_graph_names(client: RemoteClient, wanted: set[str]) -> set[str]:
    """Which of ``wanted`` the remote holds as named graphs (one query, no graph bodies)."""
    if not wanted:
        return set()
    rows = client.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
    return {row["g"] for row in rows if row.get("g") in wanted}


def _forget(graph: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{PUSH_CATALOGUE}> {{ <{graph}> <{PUSHED_HASH}> ?h }} }}"


def _graph_operations(
    store: GraphStore, graphs: list[str], local: dict[str, str], batch_triples: int
) -> Iterator[tuple[str, bytes, int, bool]]:
    """(graph, update operations, triples, is-last-part) for each graph, split to fit batches."""
    for graph in graphs:
        payload = _payload(store, graph, local.get(graph))
        lines = payload.body.split(b"\n")[:-1] if payload.body else []
        chunks = [lines[i:i + batch_triples] for i in range(0, len(lines), batch_triples)] or [[]]
        name = f"<{graph}>".encode()
        for index, chunk in enumerate(chunks):
            parts = [b"DROP SILENT GRAPH " + name] if index == 0 else []
            if chunk:
                parts.append(b"INSERT DATA { GRAPH " + name + b" {\n" + b"\n".join(chunk)
                             + b"\n} }")
            last = index == len(chunks) - 1
            if last:
                parts.append(_forget(graph).encode())
                parts.append(f"INSERT DATA {{ GRAPH <{PUSH_CATALOGUE}> {{ "
                             f"{_entry_line(graph, payload.digest)} }} }}".encode())
            yield graph, b" ;\n".join(parts), len(chunk), last
