"""`allegiance query`: run a catalogued SPARQL template, locally or on a remote endpoint."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click

from allegiance.cli.common import (
    fail,
    format_option,
    open_store,
    out,
    print_json,
    print_table,
    store_option,
)
from allegiance.query.params import ParameterError
from allegiance.query.remote import Endpoint, run_remote
from allegiance.query.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, QueryError, Rows, run_local
from allegiance.query.templates import (
    PreparedQuery,
    Template,
    TemplateError,
    get_template,
    load_templates,
    prepare,
)


def _parameter_text(template: Template) -> str:
    parts = []
    for p in template.parameters:
        text = f"{p.name}:{p.type_label}" + ("" if p.required else "?")
        parts.append(text)
    return " ".join(parts)


def _list(fmt: str) -> None:
    templates = load_templates()
    if fmt == "json":
        print_json(
            [
                {
                    "name": t.name,
                    "summary": t.summary,
                    "tags": t.tags,
                    "parameters": [
                        {
                            "name": p.name,
                            "type": p.type_label,
                            "required": p.required,
                            "choices": p.choices(),
                        }
                        for p in t.parameters
                    ],
                }
                for t in templates.values()
            ]
        )
        return
    rows = [[t.name, t.summary, _parameter_text(t)] for t in templates.values()]
    _emit(fmt, "query templates", ["name", "summary", "parameters"], rows)


def _emit(fmt: str, title: str | None, columns: list[str], rows: list[list[str | None]]) -> None:
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        sys.stdout.write(buffer.getvalue())
    else:
        print_table(title, columns, rows)


def _values(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param wants key=value, got {pair!r}")
        values[key.strip()] = value
    return values


def _run_local(store_path: Path, prepared: PreparedQuery, timeout_s: float, rows: int) -> Rows:
    with open_store(store_path) as store:
        return run_local(store, prepared, timeout_s=timeout_s, max_rows=rows)


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the templates and their parameters.")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A template parameter, e.g. actor=Iran (repeatable).",
)
@click.option("--page", type=int, default=None, help="Page number for paginated templates.")
@click.option("--show-sparql", is_flag=True, help="Print the query that would run, then stop.")
@click.option("--endpoint", default=None, help="A remote SPARQL 1.1 endpoint URL to query.")
@click.option(
    "--method",
    type=click.Choice(["GET", "POST"]),
    default=None,
    help="HTTP method for --endpoint (default: the template's).",
)
@click.option("--user", default=None, help="Basic auth user (or $ALLEGIANCE_ENDPOINT_USER).")
@click.option(
    "--password", default=None, help="Basic auth password (or $ALLEGIANCE_ENDPOINT_PASSWORD)."
)
@click.option("--token", default=None, help="Bearer token (or $ALLEGIANCE_ENDPOINT_TOKEN).")
@click.option(
    "--timeout",
    "timeout_s",
    type=float,
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    help="Seconds before the query is given up.",
)
@click.option(
    "--max-rows",
    type=int,
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    help="Rows kept at most; more are reported as truncated.",
)
@store_option
@format_option("table", "json", "csv", "tsv")
def query_command(
    name: str | None,
    list_only: bool,
    params: tuple[str, ...],
    page: int | None,
    show_sparql: bool,
    endpoint: str | None,
    method: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    timeout_s: float,
    max_rows: int,
    store_path: Path,
    fmt: str,
) -> None:
    """Answer a catalogued question: `allegiance query partners-by-tier -p actor=Iran`."""
    try:
        if list_only or name is None:
            _list(fmt)
            return
        prepared = prepare(get_template(name), _values(params), page=page)
        if show_sparql:
            click.echo(prepared.sparql, nl=False)
            return
        if endpoint:
            target = Endpoint.from_env(
                endpoint,
                method=method,
                user=user,
                password=password,
                token=token,
                timeout_s=timeout_s,
            )
            rows = run_remote(target, prepared, max_rows=max_rows)
        else:
            rows = _run_local(store_path, prepared, timeout_s, max_rows)
    except (TemplateError, ParameterError, QueryError) as error:
        fail(str(error))
        return
    if fmt == "json":
        print_json(
            {
                "query": name,
                "source": rows.source,
                "variables": rows.variables,
                "rows": rows.records(),
                "truncated": rows.truncated,
            }
        )
    else:
        _emit(fmt, name, rows.variables, rows.plain())
        if rows.truncated and fmt == "table":
            out.print(f"(truncated at {max_rows} rows)")
