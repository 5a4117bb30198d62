"""`allegiance export`, `describe`, `export-ontology` and `push`: the graph leaves the tool."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

import click

from allegiance.cli.common import err, fail, open_store, out, store_option
from allegiance.export import (
    FORMATS,
    Remote,
    RemoteError,
    Selection,
    describe,
    export,
    export_ontology,
    push,
)
from allegiance.export.push import DEFAULT_BATCH_TRIPLES, METHODS
from allegiance.export.remote import RemoteClient
from allegiance.store import StoreError


def _output(stack: ExitStack, path: Path | None) -> BinaryIO:
    if path is None:
        return sys.stdout.buffer
    return stack.enter_context(path.open("wb"))


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="nq",
    show_default=True,
    help="nq, trig and jsonld keep named graphs; the others export the union of the graphs.",
)
@click.option("--graph", "graphs", multiple=True, help="Export only this named graph (repeatable).")
@click.option("--actor", default=None, help="Export only this actor's neighbourhood (id or IRI).")
@click.option("--with-description", is_flag=True, help="Add the VoID/DCAT description.")
@click.option("--base-url", default=None, help="Public URL of the server, for the description.")
@click.option(
    "--context-iri",
    default=None,
    help="JSON-LD: refer to the @context at this IRI instead of embedding it.",
)
@click.option(
    "--rdf12",
    is_flag=True,
    help="nq/trig: add the RDF 1.2 view (derived actor edges annotated with their claims as "
    "triple terms) as graph id/graph/edge-claims.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@store_option
def export_command(
    fmt: str,
    graphs: tuple[str, ...],
    actor: str | None,
    with_description: bool,
    base_url: str | None,
    context_iri: str | None,
    rdf12: bool,
    output: Path | None,
    store_path: Path,
) -> None:
    """Export the store in a standard RDF syntax; the same store always gives the same bytes."""
    with open_store(store_path) as store, ExitStack() as stack:
        try:
            description = describe(store, base_url) if with_description else None
            count = export(
                store,
                _output(stack, output),
                fmt,
                Selection(graphs, actor),
                description=description,
                context_iri=context_iri,
                rdf12=rdf12,
            )
        except StoreError as exc:
            fail(str(exc))
            return
    if output is not None:
        err.print(f"{output}: {count} statements ({fmt})", markup=False)


@click.command("describe")
@click.option("--base-url", default=None, help="Public URL of the server (adds the endpoint).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "jsonld", "xml"]),
    default="ttl",
    show_default=True,
)
@store_option
def describe_command(base_url: str | None, fmt: str, store_path: Path) -> None:
    """Print the VoID + DCAT description of the dataset."""
    names = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
    with open_store(store_path) as store:
        graph = describe(store, base_url)
    click.echo(graph.serialize(format=names[fmt]), nl=False)


@click.command("export-ontology")
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site/ontology"),
    show_default=True,
)
@click.option("--no-pylode", is_flag=True, help="Write the plain HTML page instead of pyLODE's.")
def export_ontology_command(folder: Path, no_pylode: bool) -> None:
    """Write the ontology as Turtle, RDF/XML, JSON-LD, its @context and HTML documentation."""
    for path in export_ontology(folder, use_pylode=not no_pylode):
        out.print(str(path), markup=False)


@click.command("push")
@click.option("--endpoint", default=None, help="SPARQL query endpoint of the remote store.")
@click.option(
    "--update-endpoint", default=None, help="SPARQL update endpoint (default: --endpoint)."
)
@click.option("--graph-store", default=None, help="Graph Store Protocol URL (e.g. .../store).")
@click.option(
    "--method",
    type=click.Choice(list(METHODS)),
    default=None,
    help="gsp (PUT per graph), update (batched SPARQL Update) or nquads (batched N-Quads POST "
    "to the --graph-store dataset, plus --update-endpoint; the fastest); default: gsp when "
    "--graph-store is given, else update.",
)
@click.option("--batch-triples", type=int, default=DEFAULT_BATCH_TRIPLES, show_default=True)
@click.option(
    "--no-transaction",
    is_flag=True,
    help="nquads with an Oxigraph server: load each batch with its bulk loader (not atomic).",
)
@click.option("--graph", "graphs", multiple=True, help="Push only this local graph (repeatable).")
@click.option("--user", default=None)
@click.option("--password", default=None, envvar="ALLEGIANCE_PUSH_PASSWORD")
@click.option("--token", default=None, envvar="ALLEGIANCE_PUSH_TOKEN", help="Bearer token.")
@click.option("--no-prune", is_flag=True, help="Keep remote graphs that are no longer local.")
@click.option("--dry-run", is_flag=True, help="Only say what would be sent.")
@store_option
def push_command(
    endpoint: str | None,
    update_endpoint: str | None,
    graph_store: str | None,
    method: str | None,
    batch_triples: int,
    no_transaction: bool,
    graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    token: str | None,
    no_prune: bool,
    dry_run: bool,
    store_path: Path,
) -> None:
    """Send the store's named graphs to a SPARQL 1.1 store, only those that changed."""
    if not (endpoint or update_endpoint or graph_store):
        fail("give --endpoint, --update-endpoint or --graph-store")
    chosen = method or ("gsp" if graph_store else "update")
    if chosen == "nquads" and not graph_store:
        fail("--method nquads needs --graph-store (the dataset URL that takes N-Quads)")
    if no_transaction and chosen != "nquads":
        fail("--no-transaction applies to --method nquads only")
    remote = Remote(endpoint, update_endpoint, graph_store, user, password, token)
    with open_store(store_path) as store:
        try:
            report = push(
                store,
                RemoteClient(remote),
                method=chosen,
                batch_triples=batch_triples,
                prune=not no_prune,
                dry_run=dry_run,
                graphs=graphs,
                no_transaction=no_transaction,
            )
        except (RemoteError, StoreError) as exc:
            fail(str(exc))
            return
    verb = "would send" if dry_run else "sent"
    out.print(
        f"{verb} {len(report.sent)} graphs ({report.triples} triples), "
        f"{len(report.unchanged)} unchanged, {len(report.deleted)} removed, "
        f"{report.requests} requests",
        markup=False,
    )
