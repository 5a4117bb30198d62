"""`allegiance load`, `compact`, `validate`, `sparql` and `stats`: commands over a built
store."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph

from allegiance.cli.common import (
    err,
    fail,
    format_option,
    open_store,
    out,
    print_json,
    print_table,
    store_option,
)
from allegiance.query import summarise
from allegiance.store import StoreError
from allegiance.store.compaction import compact_if_due
from allegiance.validate import validate


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--graph",
    "graph_iri",
    default=None,
    help="Named graph for triple formats (default: one derived from the file's content).",
)
@store_option
def load_command(files: tuple[Path, ...], graph_iri: str | None, store_path: Path) -> None:
    """Bring existing RDF (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into the store."""
    failures = 0
    with open_store(store_path, read_only=False) as store:
        for file in files:
            try:
                n = store.load_file(file, graph_iri=graph_iri)
            except StoreError as exc:
                err.print(str(exc), markup=False)
                failures += 1
                continue
            out.print(f"{file}: {n} quads loaded")
    raise SystemExit(min(failures, 125))


@click.command("compact")
@store_option
def compact_command(store_path: Path) -> None:
    """Merge all the store's table files, so that queries search fewer (build and reason do it
    themselves after big writes; after many small builds, or before benchmarking, run this)."""
    with open_store(store_path, read_only=False) as store:
        done = compact_if_due(store, "always")
    out.print(f"store {store_path} compacted in {done.seconds:.1f} s")


@click.command("index")
@store_option
def index_command(store_path: Path) -> None:
    """Bring the claim index (text and date search for evidence-search and claims-since) up
    to date: build and reason do it themselves; run this after SPARQL updates."""
    with open_store(store_path, read_only=False) as store:
        done = store.refresh_claim_index()
    out.print(done.line())


@click.command("validate")
@store_option
@format_option("table", "json")
def validate_command(store_path: Path, fmt: str) -> None:
    """Validate every document graph in the store against the SHACL shapes."""
    results = []
    with open_store(store_path, read_only=True) as store:
        for iri, entry in sorted(store.catalogue().items()):
            if not iri.startswith("https://w3id.org/allegiance/id/document/"):
                continue
            report = validate(store.graph(iri))
            results.append(
                {
                    "graph": iri,
                    "path": entry.path,
                    "conforms": report.conforms,
                    "messages": report.messages,
                }
            )
    bad = [r for r in results if not r["conforms"]]
    if fmt == "json":
        print_json({"conforms": not bad, "graphs": results})
    else:
        for r in bad:
            for message in r["messages"]:
                err.print(f"{r['path']}: {message}", markup=False)
        out.print(f"SHACL: {len(results) - len(bad)} of {len(results)} document graphs conform")
    raise SystemExit(1 if bad else 0)


def _read_query(query: str) -> str:
    if query == "-":
        return sys.stdin.read()
    candidate = Path(query[1:] if query.startswith("@") else query)
    if (query.startswith("@") or query.endswith((".rq", ".sparql"))) and candidate.is_file():
        return candidate.read_text(encoding="utf-8")
    return query


_RESULT_FORMATS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
    "xml": pyoxigraph.QueryResultsFormat.XML,
}


@click.command("sparql")
@click.argument("query")
@store_option
@format_option("table", "json", "csv", "tsv", "xml", "ttl", "nt")
def sparql_command(query: str, store_path: Path, fmt: str) -> None:
    """Run a SPARQL query (text, @file, a .rq path, or - for stdin) over all graphs of the store."""
    text = _read_query(query)
    with open_store(store_path, read_only=True) as store:
        try:
            result = store.query(text)
        except (SyntaxError, ValueError, OSError, StoreError) as exc:
            fail(f"query failed: {str(exc).splitlines()[0] if str(exc) else exc!r}")
            return
        if isinstance(result, pyoxigraph.QueryBoolean):
            click.echo("true" if bool(result) else "false")
            return
        if isinstance(result, pyoxigraph.QueryTriples):
            rdf_format = (
                pyoxigraph.RdfFormat.N_TRIPLES if fmt == "nt" else pyoxigraph.RdfFormat.TURTLE
            )
            data = pyoxigraph.serialize(result, format=rdf_format)
            sys.stdout.write(data.decode("utf-8") if data else "")
            return
        if fmt in _RESULT_FORMATS:
            data = result.serialize(format=_RESULT_FORMATS[fmt])
            sys.stdout.write(data.decode("utf-8") if data else "")
            return
        variables = [v.value for v in result.variables]
        rows = [[_term_text(solution[v]) for v in variables] for solution in result]
        print_table(None, variables, rows)
        out.print(f"{len(rows)} rows")


def _term_text(term: object) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


@click.command("stats")
@store_option
@format_option("table", "json")
def stats_command(store_path: Path, fmt: str) -> None:
    """Summarise the store: documents, actors, claims by dimension and polarity."""
    with open_store(store_path, read_only=True) as store:
        summary = summarise(store)
    if fmt == "json":
        print_json(summary.as_json())
        return
    out.print(
        f"{summary.documents} documents, {summary.actors} actors in claims, "
        f"{summary.claims} claims, {summary.quads} quads in {summary.graphs} named graphs"
    )
    print_table(
        "claims by dimension and polarity",
        ["dimension", "polarity", "claims"],
        summary.by_dimension,
    )
