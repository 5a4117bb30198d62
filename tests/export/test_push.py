"""Push to a real ``oxigraph serve`` on 127.0.0.1, query it, change one document, push again.

The server binary comes from the PyPI package ``oxigraph`` (a dev dependency); without it these
tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from allegiance.export import Remote, RemoteError, push
from allegiance.export.push import PUSH_CATALOGUE
from allegiance.export.remote import RemoteClient
from allegiance.pipeline import build
from allegiance.reason import INFERRED_GRAPH, SUMMARY_GRAPH, TIERS_GRAPH
from allegiance.store import GraphStore

from .conftest import DATA
from .helpers import canonical, store_quads


def _binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    binary = _binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is missing (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _remote(base: str, method: str) -> Remote:
    if method == "gsp":
        return Remote(query_url=f"{base}/query", graph_store_url=f"{base}/store")
    if method == "nquads":
        return Remote(query_url=f"{base}/query", update_url=f"{base}/update",
                      graph_store_url=f"{base}/store")
    return Remote(query_url=f"{base}/query", update_url=f"{base}/update")


def _remote_graphs(client: RemoteClient) -> dict[str, set[ox.Quad]]:
    """Each remote graph, read back through the Graph Store Protocol, blank nodes canonical."""
    reader = RemoteClient(
        Remote(
            graph_store_url=client.remote.query_url.replace(  # type: ignore[union-attr]
                "/query", "/store"
            )
        )
    )
    rows = client.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    contents = {}
    for row in rows:
        data = reader.get_graph(row["g"]) or b""
        contents[row["g"]] = canonical(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
    return contents


def _local_graph(store: GraphStore, graph: str) -> set[ox.Quad]:
    quads = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in store_quads(store)
        if q.graph_name == ox.NamedNode(graph)
    ]
    return canonical(quads)


@pytest.mark.parametrize("method,bulk", [("gsp", False), ("update", False), ("nquads", False),
                                         ("nquads", True)])
def test_push_query_change_one_document_push_again(
    server: str, tmp_path: Path, method: str, bulk: bool
) -> None:
    documents = tmp_path / "docs"
    documents.mkdir()
    for source in sorted(DATA.glob("*.md")) + sorted(DATA.glob("*.txt")):
        shutil.copy(source, documents / source.name)
    store = GraphStore.open(tmp_path / "store")
    try:
        build([documents], store)
        client = RemoteClient(_remote(server, method))
        first = push(store, client, method=method, batch_triples=1000, no_transaction=bulk)
        assert sorted(first.sent) == store.graphs()
        assert first.unchanged == [] and first.deleted == []
        if method != "gsp":
            assert first.requests > 2  # batched: the reference graph alone exceeds a batch

        before = _remote_graphs(client)
        assert set(before) == {*store.graphs(), PUSH_CATALOGUE}
        for graph in store.graphs():
            assert before[graph] == _local_graph(store, graph)
        claims = client.select(
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a "
            "<https://w3id.org/allegiance/ontology#RelationClaim> } }"
        )
        assert int(claims[0]["n"]) > 0

        again = push(store, client, method=method, no_transaction=bulk)
        assert again.sent == [] and again.deleted == [] and again.requests == 1

        changed_file = sorted(documents.glob("*.md"))[0]
        changed_file.write_text(changed_file.read_text("utf-8") + "\nA closing line.\n", "utf-8")
        old_graphs = set(store.graphs())
        build([documents], store)
        new_graphs = set(store.graphs())
        (added,) = new_graphs - old_graphs
        (removed,) = old_graphs - new_graphs

        third = push(store, client, method=method, no_transaction=bulk)
        # The changed document, and the graphs the reasoner derives from all documents (the
        # relations graph names the claims each summary counts, and the changed document's
        # claims are new ones).
        derived = {INFERRED_GRAPH, TIERS_GRAPH, SUMMARY_GRAPH}
        assert set(third.sent) - derived == {added} and third.deleted == [removed]
        after = _remote_graphs(client)
        assert after[added] == _local_graph(store, added)
        assert removed not in after
        for graph in (old_graphs & new_graphs) - derived:
            assert after[graph] == before[graph], graph
        for graph in derived & new_graphs:
            assert after[graph] == _local_graph(store, graph), graph
    finally:
        store.close()


def test_a_foreign_graph_on_the_remote_is_left_alone(server: str, store: GraphStore) -> None:
    client = RemoteClient(_remote(server, "update"))
    client.update(
        "INSERT DATA { GRAPH <https://example.org/theirs> { "
        "<https://example.org/a> <https://example.org/b> 'c' } }"
    )
    push(store, client, method="update")
    assert "https://example.org/theirs" in _remote_graphs(client)


def test_unreachable_endpoint_is_one_clear_line() -> None:
    port = _free_port()
    client = RemoteClient(Remote(query_url=f"http://127.0.0.1:{port}/query", timeout_s=5))
    with pytest.raises(RemoteError) as caught:
        client.select("ASK {}")
    message = str(caught.value)
    assert message.startswith(f"cannot reach http://127.0.0.1:{port}/query")
    assert "\n" not in message


def test_http_error_names_the_request(server: str) -> None:
    client = RemoteClient(Remote(query_url=f"{server}/query"))
    with pytest.raises(RemoteError, match=r"POST .*/query failed with HTTP 400"):
        client.select("SELECT WHERE nonsense")


@pytest.mark.parametrize("bulk", [False, True])
def test_nquads_replaces_a_graph_the_remote_holds_without_an_entry(
    server: str, store: GraphStore, bulk: bool
) -> None:
    """What an interrupted bulk push leaves (data, no entry) is dropped and sent again whole."""
    graph = next(g for g in store.graphs() if "/id/document/" in g)
    client = RemoteClient(_remote(server, "nquads"))
    client.update(f"INSERT DATA {{ GRAPH <{graph}> {{ "
                  "<https://example.org/left> <https://example.org/over> 'x' } }")
    report = push(store, client, method="nquads", no_transaction=bulk)
    assert graph in report.sent
    assert _remote_graphs(client)[graph] == _local_graph(store, graph)
    assert push(store, client, method="nquads").sent == []


def test_push_of_some_graphs_sends_only_those(server: str, store: GraphStore) -> None:
    chosen = [g for g in store.graphs() if "/id/document/" in g][:2]
    client = RemoteClient(_remote(server, "nquads"))
    report = push(store, client, method="nquads", graphs=chosen)
    assert sorted(report.sent) == sorted(chosen) and report.unchanged == []
    assert set(_remote_graphs(client)) == {*chosen, PUSH_CATALOGUE}
    with pytest.raises(RemoteError, match="no such graph"):
        push(store, client, graphs=["https://example.org/none"])


def test_cli_push_nquads_without_transaction(server: str, store: GraphStore) -> None:
    from click.testing import CliRunner

    from allegiance.cli.export import push_command

    result = CliRunner().invoke(push_command, [
        "--endpoint", f"{server}/query", "--update-endpoint", f"{server}/update",
        "--graph-store", f"{server}/store", "--method", "nquads", "--no-transaction",
        "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    assert f"sent {len(store.graphs())} graphs" in result.output
    client = RemoteClient(_remote(server, "nquads"))
    assert set(_remote_graphs(client)) == {*store.graphs(), PUSH_CATALOGUE}
