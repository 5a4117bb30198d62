"""The export commands are thin: they write what the library writes and fail in one line."""

from __future__ import annotations

import io
import socket
from pathlib import Path

from click.testing import CliRunner

from allegiance.cli.export import export_command, export_ontology_command, push_command
from allegiance.export import export
from allegiance.store import GraphStore


def test_export_to_a_file_writes_the_library_bytes(store: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    result = CliRunner().invoke(
        export_command, ["--format", "ttl", "-o", str(target), "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    buffer = io.BytesIO()
    export(store, buffer, "ttl")
    assert target.read_bytes() == buffer.getvalue()


def test_push_to_nowhere_fails_in_one_line(store: GraphStore) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = CliRunner().invoke(push_command, [
        "--endpoint", f"http://127.0.0.1:{port}/query", "--store", str(store.path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot reach" in lines[0]


def test_export_ontology_lists_its_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(export_ontology_command, ["-o", str(tmp_path), "--no-pylode"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "index.html").is_file() and (tmp_path / "allegiance.rdf").is_file()
