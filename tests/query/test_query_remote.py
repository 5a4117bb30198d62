"""The templates against a real Oxigraph server started on 127.0.0.1, compared with local runs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from allegiance.query.remote import Endpoint, run_remote
from allegiance.query.run import QueryError, run_local
from allegiance.query.templates import get_template, load_templates, prepare
from allegiance.store import GraphStore

VALUES = {"actor": "Iran", "other": "Russia", "partner": "Syria", "organisation": "brics",
          "since": "2020-01-01", "text": "iran"}


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError("oxigraph serve exited at start")
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("oxigraph serve did not come up")


@pytest.fixture(scope="module")
def endpoint(fixture_store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` CLI (PyPI package oxigraph) is not installed")
    folder = tmp_path_factory.mktemp("server")
    dump = folder / "data.nq"
    with GraphStore.open(fixture_store.path, read_only=True) as store:
        dump.write_bytes(store.dump_nquads(include_catalogue=False))
    location = folder / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dump)],
                   check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url + "/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_template_remote_equals_local(endpoint: str, store: GraphStore, method: str) -> None:
    for template in load_templates().values():
        values = {p.name: VALUES[p.name] for p in template.parameters if p.required}
        prepared = prepare(template, values)
        local = run_local(store, prepared)
        remote = run_remote(Endpoint(endpoint, method=method), prepared)
        assert remote.variables == local.variables, template.name
        assert remote.rows == local.rows, template.name
        assert remote.source == endpoint


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_comment_naming_an_update_keyword_is_still_a_query(
    endpoint: str, store: GraphStore, tmp_path: Path, method: str
) -> None:
    """SPARQLWrapper guesses the query kind from the first keyword in the text, comments
    included; a template's comment saying "adds" or "drops" must not turn it into an update."""
    text = get_template("rivals").path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    (tmp_path / "rivals.rq").write_text(
        text.replace("\nSELECT", "\n# adds, drops, loads and clears nothing\nSELECT", 1),
        encoding="utf-8",
    )
    prepared = prepare(get_template("rivals", tmp_path), {"actor": "Iran"})
    remote = run_remote(Endpoint(endpoint, method=method), prepared)
    assert remote.rows == run_local(store, prepared).rows
    assert len(remote.rows) == 2


def test_bearer_and_basic_credentials_are_sent_without_breaking_the_query(endpoint: str) -> None:
    prepared = prepare(get_template("rivals"), {"actor": "Iran"})
    for target in (Endpoint(endpoint, token="secret"), Endpoint(endpoint, user="u", password="p")):
        assert len(run_remote(target, prepared).rows) == 2


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLEGIANCE_ENDPOINT_TOKEN", "t0ken")
    monkeypatch.setenv("ALLEGIANCE_ENDPOINT_USER", "someone")
    target = Endpoint.from_env("http://127.0.0.1:1/query", user="explicit")
    assert (target.token, target.user) == ("t0ken", "explicit")


def test_unreachable_endpoint_is_one_clear_line() -> None:
    prepared = prepare(get_template("rivals"), {"actor": "Iran"})
    with pytest.raises(QueryError, match="cannot reach endpoint") as caught:
        run_remote(Endpoint(f"http://127.0.0.1:{free_port()}/query", timeout_s=2), prepared)
    assert "\n" not in str(caught.value)


def test_http_error_is_reported(endpoint: str) -> None:
    prepared = prepare(get_template("rivals"), {"actor": "Iran"})
    wrong = endpoint.replace("/query", "/no-such-service")
    with pytest.raises(QueryError, match="endpoint") as caught:
        run_remote(Endpoint(wrong), prepared)
    assert "\n" not in str(caught.value)
