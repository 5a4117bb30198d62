"""`allegiance eval GOLD_DIR...`: score extraction against answer keys (GOLD.md)."""

from __future__ import annotations

from pathlib import Path

import click

from allegiance.cli.common import (
    cues_option,
    err,
    fail,
    format_option,
    gazetteer_option,
    out,
    print_json,
    print_table,
    wide,
)
from allegiance.eval import (
    GoldError,
    find_gold_pairs,
    load_gold,
    render_table,
    score_corpus,
    score_document,
    to_json,
)
from allegiance.eval.bands import confidence_bands
from allegiance.eval.identities import align_ids
from allegiance.extract import extract
from allegiance.extract.lexicon import CueFileError, load_lexicon
from allegiance.ingest import IngestError, ingest
from allegiance.reference import load_gazetteer
from allegiance.reference.user import UserGazetteerError


@click.command("eval")
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@format_option("table", "json")
@click.option(
    "--min-f1",
    type=float,
    default=None,
    help="Exit with status 1 when the overall claim F1 is below this value.",
)
@click.option("--details", is_flag=True, help="List missed and spurious claim keys per document.")
@gazetteer_option
@cues_option
def eval_command(
    gold_dirs: tuple[Path, ...],
    fmt: str,
    min_f1: float | None,
    details: bool,
    gazetteer_files: tuple[str, ...],
    cue_files: tuple[str, ...],
) -> None:
    """Score extraction on every NAME.gold.json under the GOLD_DIRs against its document."""
    try:
        gazetteer = load_gazetteer(gazetteer_files)
        lexicon = load_lexicon(cue_files)
    except (UserGazetteerError, CueFileError) as exc:
        fail(str(exc))
        return
    scores, banded = [], []
    failures = 0
    pairs = sorted({pair for folder in gold_dirs for pair in find_gold_pairs(folder)})
    for key_path, doc_path in pairs:
        try:
            gold = load_gold(key_path)
            document = ingest(doc_path)
        except (GoldError, IngestError) as exc:
            err.print(str(exc), markup=False)
            failures += 1
            continue
        found = [claim.as_json() for claim in extract(document, gazetteer, lexicon)]
        found = align_ids(found, gold, gazetteer)
        scores.append(score_document(found, gold, document.text))
        banded.append((found, gold))
    if not scores:
        where = ", ".join(map(str, gold_dirs))
        err.print(f"{where}: no answer keys (NAME.gold.json beside NAME.txt/.md/.html) found")
        raise SystemExit(1)
    data = to_json(score_corpus(scores))
    bands = confidence_bands(banded)
    data["confidence_bands"] = [band.as_json() for band in bands]
    if fmt == "json":
        print_json(data)
    else:
        wide().print(render_table(score_corpus(scores)))
        print_table(
            "precision per confidence band (each found claim counted)",
            ["confidence", "claims", "right", "precision"],
            [
                (
                    b["confidence"],
                    b["found"],
                    b["right"],
                    "–" if b["precision"] is None else f"{b['precision']:.3f}",
                )
                for b in data["confidence_bands"]
            ],
        )
        if details:
            for doc in data.get("documents", []):
                out.print(f"[bold]{doc.get('document')}[/bold]")
                for label in ("missed", "spurious"):
                    for item in doc.get(label, []):
                        out.print(f"  {label}: {item}", markup=False)
    f1 = float(data["overall"]["claims"]["f1"])
    if failures:
        raise SystemExit(1)
    if min_f1 is not None and f1 < min_f1:
        err.print(f"overall claim F1 {f1:.3f} is below --min-f1 {min_f1:.3f}")
        raise SystemExit(1)
