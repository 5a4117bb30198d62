"""Corpus aggregation (micro vs macro), zero-division conventions and the two report forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from allegiance.eval import (
    PRF,
    Accuracy,
    CorpusScore,
    find_gold_pairs,
    load_gold,
    render_table,
    score_corpus,
    score_document,
    to_json,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


def _corpus() -> CorpusScore:
    """southern-notes with its found file (m3 f5 g3) and nordic-brief with one claim (m1 f1 g2)."""
    scores = []
    for key, doc in find_gold_pairs(DATA / "corpus"):
        gold, text = load_gold(key), doc.read_text(encoding="utf-8")
        if gold.document == "southern-notes.txt":
            lines = (DATA / "southern-notes.found.jsonl").read_text(encoding="utf-8").splitlines()
            found = [json.loads(line) for line in lines]
        else:
            start = text.index("Norway and Sweden")
            found = [
                {
                    "subject": {"id": "SWE", "label": "Sweden", "kind": "state"},
                    "object": {"id": "NOR", "label": "Norway", "kind": "state"},
                    "type": "military",
                    "polarity": "cooperation",
                    "directed": False,
                    "evidence": {"text": "", "start": start, "end": start + 17},
                    "confidence": 0.5,
                    "quantity": None,
                }
            ]
        scores.append(score_document(found, gold, text))
    return score_corpus(scores)


def test_micro_sums_counts_and_macro_averages_f1() -> None:
    corpus = _corpus()
    assert [d.document for d in corpus.documents] == ["nordic-brief.md", "southern-notes.txt"]
    assert (corpus.claims.matched, corpus.claims.found, corpus.claims.gold) == (4, 6, 5)
    assert corpus.claims.precision == pytest.approx(4 / 6)
    assert corpus.claims.recall == pytest.approx(4 / 5)
    assert corpus.claims.f1 == pytest.approx(8 / 11)
    # nordic F1 = 2 * 1 * 0.5 / 1.5 = 2/3; southern F1 = 0.75
    assert corpus.macro_claims_f1 == pytest.approx((2 / 3 + 0.75) / 2)
    assert (corpus.direction.correct, corpus.direction.total) == (1, 2)
    assert (corpus.evidence.correct, corpus.evidence.total) == (3, 4)
    assert (corpus.quantity.correct, corpus.quantity.total) == (2, 2)
    # actors: nordic found {NOR, SWE} gold {FIN, NOR, SWE}; southern 3/4/3
    assert (corpus.actors.matched, corpus.actors.found, corpus.actors.gold) == (5, 6, 6)
    assert corpus.not_actor_violations == 1


def test_zero_division_conventions() -> None:
    assert (PRF(0, 0, 0).precision, PRF(0, 0, 0).recall, PRF(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert (PRF(0, 0, 4).precision, PRF(0, 0, 4).recall, PRF(0, 0, 4).f1) == (0.0, 0.0, 0.0)
    assert (PRF(0, 3, 0).precision, PRF(0, 3, 0).recall) == (0.0, 0.0)
    assert Accuracy(0, 0).value is None
    empty = score_corpus([])
    assert empty.claims.f1 == 1.0
    assert empty.macro_claims_f1 is None and empty.direction.value is None


def test_json_is_rounded_ordered_and_documents_conventions() -> None:
    report = to_json(_corpus())
    assert list(report) == ["conventions", "overall", "documents"]
    assert "precision" in report["conventions"] and "accuracy" in report["conventions"]
    overall = report["overall"]
    assert list(overall) == [
        "documents",
        "claims",
        "direction",
        "evidence",
        "quantity",
        "actors",
        "not_actor_violations",
        "macro",
    ]
    assert overall["claims"] == {
        "matched": 4,
        "found": 6,
        "gold": 5,
        "precision": 0.6667,
        "recall": 0.8,
        "f1": 0.7273,
    }
    assert overall["macro"] == {"claims_f1": 0.7083, "actors_f1": 0.8286}
    southern = report["documents"][1]
    assert southern["spurious"][1] == {
        "actors": ["CHL", "jane-example"],
        "type": "military",
        "polarity": "tension",
    }
    assert southern["direction_errors"] == [
        {
            "key": {"actors": ["BOL", "CHL"], "type": "diplomatic", "polarity": "tension"},
            "gold_subject": "BOL",
            "found_subject": "CHL",
        }
    ]
    nordic = report["documents"][0]
    assert nordic["direction"] == {"correct": 0, "total": 0, "accuracy": None}
    assert nordic["actors_missed"] == ["FIN"]
    # serialisable and byte-identical across runs
    assert json.dumps(report) == json.dumps(to_json(_corpus()))


def test_render_table_has_a_row_per_document_and_overall_rows() -> None:
    table = render_table(_corpus())
    assert table.row_count == 4
    console = Console(width=200, record=True)
    console.print(table)
    out = console.export_text()
    assert "nordic-brief.md" in out and "southern-notes.txt" in out
    assert "overall (micro)" in out and "macro" in out
    assert "4/6/5" in out and "0.727" in out
    assert "0.500 (1/2)" in out  # direction overall
