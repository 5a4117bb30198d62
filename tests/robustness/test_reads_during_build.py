"""Readers during a build see each document whole: its old version or its new one.

A store holds version 0 of a batch; ``allegiance build`` (a subprocess) then replaces every
document with version 1 while this process reopens the store read-only in a loop. Each
snapshot is checked with one query (so the check itself reads one consistent state): every
source file has exactly one document graph, and that graph is one of its two versions with all
of that version's triples.
"""

from __future__ import annotations

from pathlib import Path

from tests.robustness.build_helpers import DOCUMENT_PREFIX, start_build, write_documents

from allegiance.store import CATALOGUE_IRI, GraphStore, StoreError

DOCUMENTS = 16
SNAPSHOT_QUERY = f"""
SELECT ?g ?path ?count (COUNT(*) AS ?n) WHERE {{
  GRAPH <{CATALOGUE_IRI}> {{ ?entry <{CATALOGUE_IRI}#graph> ?g ;
                                <http://rdfs.org/ns/void#triples> ?count ;
                                <{CATALOGUE_IRI}#sourcePath> ?path }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?g), "{DOCUMENT_PREFIX}"))
}} GROUP BY ?g ?path ?count
"""
"""One query, so one snapshot: each catalogued document graph, its source and both counts."""

Versions = dict[str, dict[str, int]]  # file name -> {graph IRI: triples} for both versions


def _built(inputs: Path, store: Path) -> dict[str, tuple[str, int]]:
    build = start_build(inputs, store)
    _, stderr = build.communicate(timeout=180)
    assert build.returncode == 0, stderr.decode(errors="replace")
    with GraphStore.open(store, read_only=True) as opened:
        return {
            Path(str(e.path)).name: (iri, e.triples)
            for iri, e in opened.catalogue().items()
            if iri.startswith(DOCUMENT_PREFIX)
        }


def _versions(old: dict[str, tuple[str, int]], new: dict[str, tuple[str, int]]) -> Versions:
    found: Versions = {name: dict([old[name], new[name]]) for name in sorted(old)}
    assert set(old) == set(new) and all(len(graphs) == 2 for graphs in found.values())
    return found


def _check_snapshot(store: GraphStore, versions: Versions) -> set[int]:
    """Which versions this snapshot shows; fails on a partial or doubled document."""
    _, rows = store.select_rows(SNAPSHOT_QUERY, include_catalogue=True)
    seen: dict[str, str] = {}
    shown: set[int] = set()
    for graph, path, count, n in rows:
        name = Path(str(path)).name
        assert name not in seen, f"{name} has two graphs in one snapshot"
        seen[name] = str(graph)
        expected = versions[name]
        assert graph in expected, f"{name}: a graph of neither version"
        assert int(str(n)) == int(str(count)) == expected[str(graph)], f"{name} is partial"
        shown.add(list(expected).index(str(graph)))
    assert set(seen) == set(versions), "a document is missing from the snapshot"
    return shown


def test_snapshots_show_old_or_new_documents_never_half(tmp_path: Path) -> None:
    write_documents(tmp_path / "new" / "docs", DOCUMENTS, 1)
    new = _built(tmp_path / "new" / "docs", tmp_path / "new" / "store")  # version 1, elsewhere
    inputs = tmp_path / "live" / "docs"
    store = tmp_path / "live" / "store"
    write_documents(inputs, DOCUMENTS, 0)
    versions = _versions(_built(inputs, store), new)
    write_documents(inputs, DOCUMENTS, 1)
    # Two documents per transaction, so that snapshots can fall between transactions.
    build = start_build(inputs, store, commit_every=2)
    snapshots: list[set[int]] = []
    while build.poll() is None:
        try:
            with GraphStore.open(store, read_only=True) as reader:
                snapshots.append(_check_snapshot(reader, versions))
        except StoreError as error:  # the writer swapped files under the opening; try again
            assert "no such file" in str(error).lower(), error
    _, stderr = build.communicate()
    assert build.returncode == 0, stderr.decode(errors="replace")
    with GraphStore.open(store, read_only=True) as reader:
        assert _check_snapshot(reader, versions) == {1}
    assert len(snapshots) >= 3
    assert any(shown == {0, 1} for shown in snapshots), "no snapshot caught the build midway"
