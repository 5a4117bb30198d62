"""The `allegiance` command: one group, one module per family of subcommands."""

from __future__ import annotations

import click

from allegiance import __version__
from allegiance.cli.build import build_command, extract_command
from allegiance.cli.evaluate import eval_command
from allegiance.cli.export import (
    describe_command,
    export_command,
    export_ontology_command,
    push_command,
)
from allegiance.cli.graph import (
    compact_command,
    index_command,
    load_command,
    sparql_command,
    stats_command,
    validate_command,
)
from allegiance.cli.query import query_command
from allegiance.cli.reasoning import (
    contradictions_command,
    explain_command,
    reason_command,
    tiers_command,
)
from allegiance.cli.report import compare_command, report_command
from allegiance.cli.serve import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="allegiance")
def cli() -> None:
    """Allegiance: a knowledge graph of geopolitical alignments built from documents."""


cli.add_command(build_command)
cli.add_command(extract_command)
cli.add_command(load_command)
cli.add_command(compact_command)
cli.add_command(index_command)
cli.add_command(validate_command)
cli.add_command(sparql_command)
cli.add_command(stats_command)
cli.add_command(eval_command)
cli.add_command(query_command)
cli.add_command(serve_command)
cli.add_command(report_command)
cli.add_command(compare_command)
for command in (tiers_command, explain_command, contradictions_command, reason_command):
    cli.add_command(command)
for command in (export_command, describe_command, export_ontology_command, push_command):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="allegiance")


if __name__ == "__main__":
    main()
