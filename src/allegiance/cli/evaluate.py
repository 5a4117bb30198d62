"""`allegiance eval GOLD_DIR`: score extraction against answer keys (GOLD.md)."""

from __future__ import annotations

from pathlib import Path

import click

from allegiance.cli.common import err, format_option, out, print_json, wide
from allegiance.eval import (
    GoldError,
    find_gold_pairs,
    load_gold,
    render_table,
    score_corpus,
    score_document,
    to_json,
)
from allegiance.ingest import IngestError
from allegiance.pipeline import extract_document


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json")
@click.option(
    "--min-f1",
    type=float,
    default=None,
    help="Exit with status 1 when the overall claim F1 is below this value.",
)
@click.option("--details", is_flag=True, help="List missed and spurious claim keys per document.")
def eval_command(gold_dir: Path, fmt: str, min_f1: float | None, details: bool) -> None:
    """Score extraction on every NAME.gold.json under GOLD_DIR against its document."""
    scores = []
    failures = 0
    for key_path, doc_path in find_gold_pairs(gold_dir):
        try:
            gold = load_gold(key_path)
            document, claims = extract_document(doc_path)
        except (GoldError, IngestError) as exc:
            err.print(str(exc), markup=False)
            failures += 1
            continue
        found = [claim.as_json() for claim in claims]
        scores.append(score_document(found, gold, document.text))
    if not scores:
        err.print(f"{gold_dir}: no answer keys (NAME.gold.json beside NAME.txt/.md/.html) found")
        raise SystemExit(1)
    corpus = score_corpus(scores)
    data = to_json(corpus)
    if fmt == "json":
        print_json(data)
    else:
        wide().print(render_table(corpus))
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
