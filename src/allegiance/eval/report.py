"""Rendering scores: a JSON document for machines and a rich table for people.

The JSON keeps a fixed key order and rounds ratios to 4 decimals so that two runs over the same
input produce byte-identical reports that diff cleanly; it carries the zero-division conventions
so that a reader of the numbers does not need the source code.
"""

from __future__ import annotations

from rich.table import Table

from allegiance.eval.corpus import CorpusScore
from allegiance.eval.gold import ClaimKey
from allegiance.eval.metrics import CONVENTIONS, PRF, Accuracy
from allegiance.eval.scoring import QUANTITY_TOLERANCE, DocumentScore

DIGITS = 4


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _prf(prf: PRF) -> dict[str, object]:
    return {
        "matched": prf.matched,
        "found": prf.found,
        "gold": prf.gold,
        "precision": _round(prf.precision),
        "recall": _round(prf.recall),
        "f1": _round(prf.f1),
    }


def _acc(acc: Accuracy) -> dict[str, object]:
    return {"correct": acc.correct, "total": acc.total, "accuracy": _round(acc.value)}


def _keys(keys: tuple[ClaimKey, ...]) -> list[dict[str, object]]:
    return [k.as_json() for k in keys]


def _document_json(doc: DocumentScore) -> dict[str, object]:
    return {
        "document": doc.document,
        "claims": _prf(doc.claims),
        "direction": _acc(doc.direction),
        "evidence": _acc(doc.evidence),
        "quantity": _acc(doc.quantity),
        "actors": _prf(doc.actors),
        "not_actor_violations": doc.not_actor_violations,
        "not_actor_labels": list(doc.not_actor_labels),
        "missed": _keys(doc.missed),
        "spurious": _keys(doc.spurious),
        "optional_found": _keys(doc.optional_found),
        "direction_errors": [
            {
                "key": e.key.as_json(),
                "gold_subject": e.gold_subject,
                "found_subject": e.found_subject,
            }
            for e in doc.direction_errors
        ],
        "evidence_misses": _keys(doc.evidence_misses),
        "quantity_misses": _keys(doc.quantity_misses),
        "actors_missed": list(doc.actors_missed),
        "actors_spurious": list(doc.actors_spurious),
        "warnings": list(doc.warnings),
    }


def to_json(score: CorpusScore) -> dict[str, object]:
    """The whole corpus score as plain JSON-ready data (fixed key order, 4-decimal ratios)."""
    return {
        "conventions": {**CONVENTIONS, "quantity_tolerance": QUANTITY_TOLERANCE},
        "overall": {
            "documents": len(score.documents),
            "claims": _prf(score.claims),
            "direction": _acc(score.direction),
            "evidence": _acc(score.evidence),
            "quantity": _acc(score.quantity),
            "actors": _prf(score.actors),
            "not_actor_violations": score.not_actor_violations,
            "macro": {
                "claims_f1": _round(score.macro_claims_f1),
                "actors_f1": _round(score.macro_actors_f1),
            },
        },
        "documents": [_document_json(d) for d in score.documents],
    }


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _acc_cell(acc: Accuracy) -> str:
    return "–" if acc.value is None else f"{acc.value:.3f} ({acc.correct}/{acc.total})"


def _row(
    name: str,
    claims: PRF,
    direction: Accuracy,
    evidence: Accuracy,
    quantity: Accuracy,
    actors: PRF,
    violations: int,
) -> list[str]:
    return [
        name,
        f"{claims.matched}/{claims.found}/{claims.gold}",
        _num(claims.precision),
        _num(claims.recall),
        _num(claims.f1),
        _acc_cell(direction),
        _acc_cell(evidence),
        _acc_cell(quantity),
        _num(actors.f1),
        str(violations),
    ]


_HEADERS = ("m/f/g", "P", "R", "F1", "direction", "evidence", "quantity", "actors F1", "not-act")
"""Short headers, so the table fits a normal terminal; ``m/f/g`` is matched/found/gold claims."""


def render_table(score: CorpusScore) -> Table:
    """One row per document, then the micro-averaged overall row and the macro F1 row."""
    table = Table(title="Extraction against gold", show_lines=False)
    table.add_column("document", justify="left")
    for header in _HEADERS:
        table.add_column(header, justify="right")
    for d in score.documents:
        table.add_row(
            *_row(
                d.document,
                d.claims,
                d.direction,
                d.evidence,
                d.quantity,
                d.actors,
                d.not_actor_violations,
            )
        )
    table.add_section()
    table.add_row(
        *_row(
            "overall (micro)",
            score.claims,
            score.direction,
            score.evidence,
            score.quantity,
            score.actors,
            score.not_actor_violations,
        ),
        style="bold",
    )
    table.add_row(
        "macro",
        "",
        "",
        "",
        _num(score.macro_claims_f1),
        "",
        "",
        "",
        _num(score.macro_actors_f1),
        "",
    )
    return table
