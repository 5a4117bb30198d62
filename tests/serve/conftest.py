"""Real servers for the serve tests: ``python -m allegiance.serve`` in a subprocess on a free
loopback port, over a store the real pipeline built (once per session) from the small
documents of ``tests/data/pipeline/docs``, with the reasoning step's tier graph.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import allegiance
from allegiance.pipeline import build
from allegiance.store import GraphStore

DOCS = Path(__file__).resolve().parents[1] / "data" / "pipeline" / "docs"
SRC = Path(allegiance.__file__).resolve().parents[1]
TOKEN = "s3cret-test-token"
TIMEOUT_S = 2.0
MAX_ROWS = 1000
MAX_BODY = 8192
CORS_ORIGIN = "https://analyst.example.org"


@dataclass
class Running:
    url: str
    process: subprocess.Popen[bytes]
    store: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store: Path, *options: str) -> Running:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("ALLEGIANCE_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "allegiance.serve", "--store", str(store), "--port", str(port),
         "--workers", "2", *options],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()}")
        try:
            if httpx.get(f"{url}/sparql", timeout=1).status_code == 200:
                return Running(url, process, store)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start in 60 s")


def stop_server(running: Running) -> None:
    running.process.terminate()
    try:
        running.process.wait(10)
    except subprocess.TimeoutExpired:
        running.process.kill()
        running.process.wait()


def build_test_store(folder: Path) -> Path:
    """The small documents of tests/data/pipeline built (and reasoned) into ``folder``."""
    store = GraphStore.open(folder)
    try:
        report = build([DOCS], store)
        assert not report.failures, report.failures
        assert report.reasoned is not None
    finally:
        store.close()
    return folder


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="session")
def server(built_store: Path) -> Iterator[Running]:
    running = start_server(built_store, "--timeout", str(TIMEOUT_S), "--max-rows", str(MAX_ROWS),
                           "--max-body", str(MAX_BODY), "--cors", CORS_ORIGIN)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def token_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Running]:
    """A server with a token over its own copy of the store (it takes the write lock)."""
    copy = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(built_store, copy)
    running = start_server(copy, "--token", TOKEN, "--timeout", str(TIMEOUT_S))
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def client(server: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http
