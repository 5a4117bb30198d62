"""`allegiance eval` on the project's own corpus and on the shared answer keys.

The floors sit a little under the scores measured when they were set (see the issue notes), so
an extraction change that loses ground fails here; raise them as extraction improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegiance.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"


def evaluate(folder: Path, *extra: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["eval", str(folder), "--format", "json", *extra])


def test_project_corpus_scores_above_its_floor() -> None:
    result = evaluate(ROOT / "corpus")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["documents"]) >= 8
    overall = data["overall"]
    assert overall["claims"]["f1"] >= 0.63
    assert overall["actors"]["f1"] >= 0.85
    assert overall["evidence"]["accuracy"] >= 0.85


def test_min_f1_fails_below_the_threshold() -> None:
    assert evaluate(ROOT / "corpus", "--min-f1", "0.99").exit_code == 1
    assert evaluate(ROOT / "corpus", "--min-f1", "0.3").exit_code == 0


def test_table_output_names_every_document() -> None:
    result = CliRunner().invoke(cli, ["eval", str(ROOT / "corpus")], terminal_width=200)
    assert result.exit_code == 0
    for key in sorted((ROOT / "corpus").glob("*.gold.json")):
        assert key.name.removesuffix(".gold.json")[:10] in result.stdout


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside this checkout")
def test_shared_answer_keys_score_above_their_floor() -> None:
    # The gate: CI fails when claim F1 on the shared keys drops below 0.75.
    result = evaluate(SHARED, "--min-f1", "0.75")
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert overall["claims"]["f1"] >= 0.75
    assert overall["actors"]["f1"] >= 0.9
