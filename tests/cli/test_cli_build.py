"""The build path end to end through the real CLI: files -> store on disk -> SPARQL.

Commands run in-process through click's runner (the same entry point as the console script);
one test runs the installed console script as a subprocess, as a user would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from allegiance.cli.main import cli
from allegiance.store import GraphStore

DATA = Path(__file__).resolve().parents[1] / "data" / "pipeline"
DOCUMENT_PREFIX = "https://w3id.org/allegiance/id/document/"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def dump(store_path: Path) -> bytes:
    with GraphStore.open(store_path, read_only=True) as store:
        return store.dump_nquads()


def documents(store_path: Path) -> list[str]:
    with GraphStore.open(store_path, read_only=True) as store:
        return [g for g in store.graphs() if g.startswith(DOCUMENT_PREFIX)]


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(DATA / "docs", folder)
    return folder


def test_build_stores_every_document_and_reports_json(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("build", str(docs), "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [d["status"] for d in report["documents"]] == ["stored", "stored"]
    assert report["shacl"] == "conforms"
    assert report["store"]["documents"] == 2
    assert report["store"]["claims"] > 0
    assert len(documents(store)) == 2
    assert set(report["seconds"]) == {"documents", "reasoning", "claim index", "compaction"}
    assert all(seconds > 0 for phase, seconds in report["seconds"].items()
               if phase != "claim index")  # a few ms, which may round to 0.0
    index = report["claim_index"]
    assert index["usable"] and index["claims"] == report["store"]["claims"]
    assert index["changed"] == index["graphs"] > 2  # a first build reads every graph


def test_compaction_is_reported_and_can_be_asked_for(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("build", str(docs), "--store", str(store), "--format", "json",
                 "--compact", "never")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert "compaction" not in report["seconds"]
    assert report["compaction"]["ran"] is False
    assert report["compaction"]["reason"].startswith("compaction mode 'never'")
    assert report["compaction"]["written"] > 0
    # the build's writes, the reasoning's graphs: table files RocksDB had no time to merge
    left = len(list(store.glob("*.sst")))
    compacted = run("compact", "--store", str(store))
    assert compacted.exit_code == 0, compacted.output
    assert "compacted in" in compacted.stdout
    assert len(list(store.glob("*.sst"))) <= min(left, 12)
    reasoned = run("reason", "--store", str(store), "--compact", "always")
    assert "store compacted: compaction mode 'always'" in reasoned.stdout
    again = run("build", str(docs), "--store", str(store))
    assert "compacted" not in again.stdout  # nothing written: nothing to say


def test_rebuilding_unchanged_documents_leaves_the_store_identical(
    docs: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    before = dump(store)
    result = run("build", str(docs), "--store", str(store), "--format", "json")
    report = json.loads(result.stdout)
    assert [d["status"] for d in report["documents"]] == ["unchanged"] * 2
    # nothing changed: no reasoning, no compaction, and the claim index re-reads nothing
    assert list(report["seconds"]) == ["documents", "claim index"]
    assert report["claim_index"]["changed"] == 0 and report["claim_index"]["usable"]
    assert dump(store) == before


def test_a_changed_document_replaces_its_graph(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    old = set(documents(store))
    wire = docs / "ghana-wire.txt"
    wire.write_text(
        wire.read_text(encoding="utf-8") + "Ghana also joined the AU fund.\n", encoding="utf-8"
    )
    run("build", str(docs), "--store", str(store))
    new = set(documents(store))
    assert len(new) == 2 and len(old & new) == 1  # one graph kept, one replaced, none left over


def test_prune_drops_documents_no_longer_in_the_input(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    (docs / "chile-brief.md").unlink()
    run("build", str(docs), "--store", str(store))
    assert len(documents(store)) == 2  # without --prune nothing is dropped
    result = run("build", str(docs), "--store", str(store), "--prune", "--format", "json")
    assert len(json.loads(result.stdout)["pruned"]) == 1
    assert len(documents(store)) == 1


def test_bad_files_are_reported_and_the_rest_is_built(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("build", str(docs / "chile-brief.md"), "--store", str(store))
    kept = dump(store)
    bad = [DATA / "binary.txt", DATA / "empty.txt", tmp_path / "missing.txt"]
    result = run("build", *map(str, bad), str(docs / "ghana-wire.txt"), "--store", str(store))
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 3
    for path, line in zip(bad, lines, strict=True):
        assert line.startswith(str(path) + ": ")
    assert len(documents(store)) == 2
    with GraphStore.open(store, read_only=True) as opened:
        assert all(q in opened.dump_nquads() for q in kept.splitlines()[:50])


def test_extract_jsonl_follows_the_contract(docs: Path) -> None:
    result = run("extract", str(docs / "ghana-wire.txt"), "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    text = (docs / "ghana-wire.txt").read_text(encoding="utf-8")
    for row in rows:
        assert set(row) >= {
            "document",
            "subject",
            "object",
            "type",
            "polarity",
            "directed",
            "evidence",
            "confidence",
            "quantity",
        }
        assert set(row["subject"]) == {"id", "label", "kind"}
        assert row["evidence"]["text"] in text
    pairs = {frozenset((r["subject"]["id"], r["object"]["id"])) for r in rows}
    assert frozenset(("GHA", "NGA")) in pairs
    negated = [r for r in rows if r["type"] == "military" and "troops" in r["evidence"]["text"]]
    assert not negated  # "has not supplied troops" is no claim
    hedged = [r for r in rows if {r["subject"]["id"], r["object"]["id"]} == {"GHA", "TUR"}]
    assert hedged and all(r["modality"] == "hedged" for r in hedged)


def test_sparql_counts_claims_per_dimension(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    query = (
        "PREFIX alg: <https://w3id.org/allegiance/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?d (COUNT(?c) AS ?n) WHERE { ?c a alg:RelationClaim ; "
        "alg:dimension/skos:notation ?d } GROUP BY ?d ORDER BY ?d"
    )
    result = run("sparql", query, "--store", str(store), "--format", "json")
    bindings = json.loads(result.stdout)["results"]["bindings"]
    counts = {b["d"]["value"]: int(b["n"]["value"]) for b in bindings}
    stats = json.loads(run("stats", "--store", str(store), "--format", "json").stdout)
    assert sum(counts.values()) == stats["claims"]
    per_dimension: dict[str, int] = {}
    for row in stats["claims_by_dimension"]:
        per_dimension[row["dimension"]] = per_dimension.get(row["dimension"], 0) + row["claims"]
    assert per_dimension == counts


def test_validate_load_and_bad_query(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    assert run("validate", "--store", str(store)).exit_code == 0
    loaded = run("load", str(DATA / "extra.ttl"), "--store", str(store))
    assert loaded.exit_code == 0
    ask = run("sparql", 'ASK { ?s ?p "curated data loaded by hand" }', "--store", str(store))
    assert ask.stdout.strip() == "true"
    broken = run("load", str(DATA / "binary.txt"), "--store", str(store))
    assert broken.exit_code == 1 and str(DATA / "binary.txt") in broken.stderr
    bad = run("sparql", "SELECT WHERE {", "--store", str(store))
    assert bad.exit_code == 1 and "query failed" in bad.stderr


def test_console_script_runs_as_a_user_would(docs: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("allegiance")
    if not exe.exists():
        pytest.skip("the console script is not installed in this environment")
    store = tmp_path / "store"
    done = subprocess.run(
        [str(exe), "build", str(docs), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 stored" in done.stdout and "conforms" in done.stdout


def test_user_gazetteer_and_cues_reach_the_store(docs: Path, tmp_path: Path) -> None:
    extra = DATA.parent / "reference" / "user-gazetteer.tsv"
    cues = DATA.parent / "extract" / "user-cues.toml"
    (docs / "azov.txt").write_text(
        "Azov note\n\nUkraine and the Azov Regiment opened a grid interconnector in 2024.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    plain = run("extract", str(docs / "azov.txt"))
    assert "azov-brigade" not in plain.stdout
    result = run("build", str(docs), "--store", str(store), "--gazetteer", str(extra),
                 "--cues", str(cues), "--format", "json")
    assert result.exit_code == 0, result.output
    ask = (
        "PREFIX alg: <https://w3id.org/allegiance/ontology#> ASK { ?c alg:subjectActor|"
        "alg:objectActor <https://w3id.org/allegiance/id/actor/azov-brigade> ; "
        "alg:dimension alg:Energy . <https://w3id.org/allegiance/id/actor/azov-brigade> "
        "a alg:ArmedGroup }"
    )
    assert run("sparql", ask, "--store", str(store)).stdout.strip() == "true"
    bad = run("build", str(docs), "--store", str(store), "--gazetteer", str(tmp_path / "no.tsv"))
    assert bad.exit_code == 1 and "no such gazetteer file" in bad.stderr


def test_a_file_name_with_a_newline_still_gets_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "bad\nname.txt"
    odd.write_bytes(b"\x00\x01binary")
    result = run("build", str(odd), "--store", str(tmp_path / "store"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad\\x0aname.txt" in lines[0]


def test_a_derived_graph_left_without_its_entry_is_recomputed(
    docs: Path, tmp_path: Path
) -> None:
    # What a kill leaves in the middle of a first write of a derived graph bigger than one bulk
    # ingestion (store.fresh): part of the graph, and no catalogue entry.
    import pyoxigraph as ox

    from allegiance.reason import SUMMARY_GRAPH
    from allegiance.store.catalogue import CATALOGUE, entry_node

    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    with GraphStore.open(store, read_only=True) as reader:
        before = reader.dump_nquads(include_catalogue=True)
    graph = ox.NamedNode(SUMMARY_GRAPH)
    db = ox.Store(str(store))
    quads = list(db.quads_for_pattern(None, None, None, graph))
    entry = list(db.quads_for_pattern(entry_node(graph), None, None, CATALOGUE))
    assert len(quads) > 10 and entry
    for quad in quads[len(quads) // 2 :] + entry:
        db.remove(quad)
    del db
    with GraphStore.open(store, read_only=True) as reader:
        assert SUMMARY_GRAPH in reader.graphs() and SUMMARY_GRAPH not in reader.catalogue()
    result = run("build", str(docs), "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [d["status"] for d in json.loads(result.stdout)["documents"]] == ["unchanged"] * 2
    with GraphStore.open(store, read_only=True) as reader:
        assert reader.dump_nquads(include_catalogue=True) == before
