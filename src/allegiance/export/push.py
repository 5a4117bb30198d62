"""Publish the store's named graphs to a remote SPARQL 1.1 store, sending only what changed.

What the remote holds is recorded *on the remote*, in the push catalogue graph
(``PUSH_CATALOGUE``): one ``<graph> push:contentHash "sha256:..."`` per graph pushed, the hash
being the local catalogue's content hash of that graph. A push compares it with the local
catalogue, sends graphs whose hash differs or is missing, removes remote graphs it pushed
earlier that are no longer local, and never touches any other graph of the remote store. Two
people pushing from identical stores therefore send nothing the second time.

Two methods reach every serious store:

- ``gsp``: Graph Store Protocol ``PUT ?graph=`` per graph (a whole-graph replacement, atomic on
  the server), then one ``PUT`` of the push catalogue with the entries that succeeded;
- ``update``: SPARQL Update requests of ``DROP SILENT GRAPH`` + ``INSERT DATA``, several graphs
  per request up to ``batch_triples``, each request also updating those graphs' catalogue
  entries, so graph and entry change together. A graph larger than a batch is split over
  several requests; its entry is written with the last one, so an interrupted push is repaired
  by the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from allegiance.export.lines import sorted_graph_lines
from allegiance.export.remote import RemoteClient, RemoteError
from allegiance.store import GraphStore
from allegiance.store.canonical import content_hash
from allegiance.store.errors import one_line

PUSH_CATALOGUE = "https://w3id.org/allegiance/id/graph/push-catalogue"
PUSHED_HASH = PUSH_CATALOGUE + "#contentHash"
DEFAULT_BATCH_TRIPLES = 50_000
METHODS = ("gsp", "update")


@dataclass
class PushReport:
    sent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    triples: int = 0
    requests: int = 0


def local_hashes(store: GraphStore) -> dict[str, str]:
    """Graph IRI -> content hash, from the catalogue (computed for graphs it does not list)."""
    catalogue = store.catalogue()
    hashes: dict[str, str] = {}
    for graph in store.graphs():
        entry = catalogue.get(graph)
        if entry is not None:
            hashes[graph] = entry.content_hash
        else:
            lines = sorted_graph_lines(store, graph, quads=False)
            triples = ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
            hashes[graph] = content_hash(triples)
    return hashes


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
) -> PushReport:
    """Make the remote hold the store's graphs; return what was sent, kept and deleted."""
    if method not in METHODS:
        raise RemoteError(f"unknown push method {method!r} (use gsp or update)")
    before = client.requests
    local = local_hashes(store)
    remote = remote_hashes(client)
    report = PushReport()
    changed = [graph for graph in local if remote.get(graph) != local[graph]]
    report.unchanged = [graph for graph in local if remote.get(graph) == local[graph]]
    stale = sorted(set(remote) - set(local)) if prune else []
    if dry_run:
        report.sent, report.deleted = changed, stale
        return report
    if method == "gsp":
        _push_gsp(store, client, changed, stale, local, remote, report, progress)
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
    try:
        for graph in changed:
            lines = sorted_graph_lines(store, graph, quads=False)
            client.put_graph(graph, "".join(line + "\n" for line in lines).encode("utf-8"))
            recorded[graph] = local[graph]
            report.sent.append(graph)
            report.triples += len(lines)
            if progress:
                progress(graph)
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
    operations: list[str] = []
    size = 0
    for graph, operation, triples, last in _graph_operations(store, changed, local, batch_triples):
        if operations and size + triples > batch_triples:
            client.update(" ;\n".join(operations))
            operations, size = [], 0
        operations.append(operation)
        size += triples
        report.triples += triples
        if last:
            report.sent.append(graph)
            if progress:
                progress(graph)
    for graph in stale:
        operations.append(f"DROP SILENT GRAPH <{graph}> ;\n" + _forget(graph))
        report.deleted.append(graph)
    if operations:
        client.update(" ;\n".join(operations))


def _forget(graph: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{PUSH_CATALOGUE}> {{ <{graph}> <{PUSHED_HASH}> ?h }} }}"


def _graph_operations(
    store: GraphStore, graphs: list[str], local: dict[str, str], batch_triples: int
) -> Iterator[tuple[str, str, int, bool]]:
    """(graph, update operations, triples, is-last-part) for each graph, split to fit batches."""
    for graph in graphs:
        lines = sorted_graph_lines(store, graph, quads=False)
        chunks = [lines[i:i + batch_triples] for i in range(0, len(lines), batch_triples)] or [[]]
        for index, chunk in enumerate(chunks):
            parts = [f"DROP SILENT GRAPH <{graph}>"] if index == 0 else []
            if chunk:
                parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(chunk) + "\n} }")
            last = index == len(chunks) - 1
            if last:
                parts.append(_forget(graph))
                parts.append(f"INSERT DATA {{ GRAPH <{PUSH_CATALOGUE}> {{ "
                             f"{_entry_line(graph, local[graph])} }} }}")
            yield graph, " ;\n".join(parts), len(chunk), last
