"""Documents and store checks shared by the crash and concurrency tests.

The documents are written from our own sentence templates (no corpus text), deterministic for
a given index and version, so a build of them is reproducible byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from allegiance.store import GraphStore

SRC = str(Path(__file__).resolve().parents[2] / "src")
DOCUMENT_PREFIX = "https://w3id.org/allegiance/id/document/"
PAIRS = (
    ("Peru", "Vietnam"), ("Ghana", "Nigeria"), ("Chile", "Argentina"), ("Norway", "Poland"),
    ("Kenya", "Qatar"), ("Brazil", "India"), ("Japan", "Australia"), ("Egypt", "Jordan"),
)
TEMPLATES = (
    "{a} and {b} signed a defence cooperation agreement in {year}.",
    "{a} imported liquefied natural gas from {b} in {year}.",
    "{a} condemned the sanctions imposed by {b}.",
    "{a} and {b} held joint naval exercises in {year}.",
    "{a} sold wheat to {b} under a trade deal.",
    "Officials in {a} said the talks with {b} would continue.",
)


def document_text(index: int, version: int, sentences: int = 24) -> str:
    """A plain-text article; ``version`` changes every sentence's year, so versions differ."""
    lines = [f"Partners Brief Number {index}", ""]
    for n in range(sentences):
        a, b = PAIRS[(index + n) % len(PAIRS)]
        template = TEMPLATES[(index * 7 + n) % len(TEMPLATES)]
        lines.append(template.format(a=a, b=b, year=2000 + version * 10 + n % 10))
        if n % 4 == 3:
            lines.append("")
    return "\n".join(lines) + "\n"


def write_documents(folder: Path, count: int, version: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"brief-{index:02d}.txt"
        path.write_text(document_text(index, version), encoding="utf-8")
        paths.append(path)
    return paths


def start_build(
    inputs: Path, store: Path, *, jobs: int = 1, commit_every: int | None = None
) -> subprocess.Popen[bytes]:
    """``allegiance build`` as its own process group, so a kill takes its workers too."""
    env = {**os.environ, "PYTHONPATH": SRC}
    args = [sys.executable, "-m", "allegiance.cli.main", "build", str(inputs), "--store",
            str(store), "--jobs", str(jobs), "--format", "json"]
    if commit_every is not None:
        args += ["--commit-every", str(commit_every)]
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def graphs_of(dump: bytes) -> dict[str, set[bytes]]:
    """Sorted N-Quads dump lines grouped by their graph IRI (the last term of each line)."""
    grouped: dict[str, set[bytes]] = {}
    for line in dump.splitlines():
        graph = line.rstrip(b" .").rsplit(b" ", 1)[1].strip(b"<>").decode()
        grouped.setdefault(graph, set()).add(line)
    return grouped


def assert_whole_documents(store: GraphStore, reference: dict[str, set[bytes]]) -> int:
    """Every graph equals its graph in an uninterrupted build and matches its catalogue
    entry's triple count; returns the number of document graphs.

    The catalogue's content hash cannot be compared to the stored triples: pyoxigraph 0.5.13
    stores ``xsd:nonNegativeInteger`` literals as ``xsd:integer``, so the hash of what was
    written differs from the hash of what is read back (reported to the lead).
    """
    catalogue = store.catalogue()
    held = graphs_of(store.dump_nquads(include_catalogue=False))
    documents = {g for g in held if g.startswith(DOCUMENT_PREFIX)}
    assert documents <= set(catalogue), "a document graph without a catalogue entry"
    assert set(catalogue) <= set(held), "a catalogue entry without its graph"
    for iri, entry in catalogue.items():
        assert len(held[iri]) == entry.triples, iri
        assert held[iri] == reference[iri], iri
    return len(documents)
