"""`allegiance build` and `allegiance extract`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from allegiance.cli.common import (
    compact_option,
    cues_option,
    err,
    fail,
    format_option,
    gazetteer_option,
    out,
    print_json,
    print_table,
    store_option,
)
from allegiance.extract.lexicon import CueFileError
from allegiance.ingest import IngestError, iter_inputs
from allegiance.pipeline import (
    WRITE_BATCH,
    Extensions,
    build,
    build_document_graph,
    expand_inputs,
    extract_document,
)
from allegiance.query import summarise
from allegiance.reference.user import UserGazetteerError
from allegiance.store import GraphStore, StoreError

AUTO_JOBS_MIN_FILES = 16
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(message: str) -> str:
    """A refusal is one line, even for a file whose name holds a newline or a tab."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


def _extensions(gazetteer_files: tuple[str, ...], cue_files: tuple[str, ...]) -> Extensions:
    """The user's gazetteer and cue files, checked once before any work starts."""
    extensions = Extensions(tuple(gazetteer_files), tuple(cue_files))
    try:
        extensions.check()
    except (UserGazetteerError, CueFileError) as exc:
        fail(str(exc))
    return extensions


def _exit_code(failures: int) -> int:
    """The exit status counts the failed documents (capped where shells stop counting)."""
    return min(failures, 125)


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--prune", is_flag=True, help="Drop documents of earlier builds no longer in PATHS.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    show_default=f"all cores ({os.cpu_count() or 1}) from {AUTO_JOBS_MIN_FILES} files on",
    help="Worker processes that extract and validate; the store is written by this one.",
)
@click.option(
    "--commit-every",
    type=click.IntRange(min=1),
    default=WRITE_BATCH,
    show_default=True,
    help="Documents written per transaction (at most; also at least every 30 s). A crash "
    "loses at most these; fewer shows readers progress sooner, more is faster.",
)
@compact_option
@gazetteer_option
@cues_option
@format_option("table", "json")
def build_command(
    paths: tuple[Path, ...],
    store_path: Path,
    prune: bool,
    jobs: int | None,
    commit_every: int,
    compaction: str,
    gazetteer_files: tuple[str, ...],
    cue_files: tuple[str, ...],
    fmt: str,
) -> None:
    """Build documents (files or folders of .txt, .md, .html) into the store."""
    inputs = expand_inputs(paths)
    extensions = _extensions(gazetteer_files, cue_files)
    if jobs is None:
        # Starting a worker costs about two seconds (imports, gazetteer, shapes): worth it only
        # for batches of some size.
        files = sum(1 for item in inputs if not isinstance(item, IngestError))
        jobs = (os.cpu_count() or 1) if files >= AUTO_JOBS_MIN_FILES else 1
    try:
        store = GraphStore.open(store_path)
    except StoreError as exc:
        fail(str(exc))
        return
    with (
        store,
        Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
            disable=fmt == "json",
        ) as progress,
    ):
        task = progress.add_task("", total=len(inputs))

        def step(path: str) -> None:
            progress.update(task, advance=1, description=Path(path).name)

        report = build(
            inputs,
            store,
            prune=prune,
            progress=step,
            jobs=jobs,
            extensions=extensions,
            write_batch=commit_every,
            compaction=compaction,
        )
        summary = summarise(store)
    for outcome in report.failures:
        err.print(one_line(f"{outcome.path}: {outcome.reason}"), markup=False)
    verdict = (
        "conforms" if not any(o.status == "invalid" for o in report.outcomes) else "violations"
    )
    if fmt == "json":
        print_json(
            {
                "documents": [o.__dict__ for o in report.outcomes],
                "pruned": report.pruned,
                "shacl": verdict,
                "store": summary.as_json(),
                "seconds": report.seconds,
                "compaction": report.compaction.as_json() if report.compaction else None,
                "claim_index": report.claim_index.as_json() if report.claim_index else None,
            }
        )
    else:
        stored, unchanged = report.count("stored"), report.count("unchanged")
        failed = len(report.failures)
        out.print(
            f"documents: {stored} stored, {unchanged} unchanged, {failed} failed"
            + (f", {len(report.pruned)} pruned" if report.pruned else "")
        )
        out.print(
            f"SHACL: every stored document graph conforms ({stored} validated on this run)"
            if verdict == "conforms"
            else "SHACL: some documents did not conform and were not stored"
        )
        _print_summary(summary)
        if report.claim_index:
            out.print(report.claim_index.line())
        if report.compaction and (line := report.compaction.line()):
            out.print(line)
        out.print(
            "time: "
            + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in report.seconds.items())
        )
    raise SystemExit(_exit_code(len(report.failures)))


def _print_summary(summary) -> None:  # type: ignore[no-untyped-def]
    out.print(
        f"store: {summary.documents} documents, {summary.actors} actors in claims, "
        f"{summary.claims} claims, {summary.quads} quads in {summary.graphs} named graphs"
    )
    print_table(
        "claims by dimension and polarity",
        ["dimension", "polarity", "claims"],
        summary.by_dimension,
    )


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@gazetteer_option
@cues_option
@format_option("jsonl", "ttl", "table", default="jsonl")
def extract_command(
    paths: tuple[Path, ...], gazetteer_files: tuple[str, ...], cue_files: tuple[str, ...], fmt: str
) -> None:
    """Extract claims from documents without storing them (JSON Lines, Turtle or a table)."""
    extensions = _extensions(gazetteer_files, cue_files)
    failures = 0
    rows = []
    for item in iter_inputs(paths):
        if isinstance(item, IngestError):
            err.print(one_line(str(item)), markup=False)
            failures += 1
            continue
        try:
            document, claims = extract_document(item, extensions)
        except IngestError as exc:
            err.print(one_line(str(exc)), markup=False)
            failures += 1
            continue
        if fmt == "jsonl":
            for claim in claims:
                click.echo(json.dumps(claim.as_json(), ensure_ascii=False))
        elif fmt == "ttl":
            graph = build_document_graph(document, claims, extensions)
            click.echo(graph.serialize(format="turtle"))
        else:
            rows.extend(
                (
                    c.subject.id,
                    c.object.id,
                    c.dimension,
                    c.polarity,
                    c.modality,
                    f"{c.confidence:.2f}",
                    c.evidence.text[:80],
                )
                for c in claims
            )
    if fmt == "table":
        print_table(
            None, ["subject", "object", "type", "polarity", "modality", "conf", "evidence"], rows
        )
    raise SystemExit(_exit_code(failures))
