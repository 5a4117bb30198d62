"""The shared answer keys scored against themselves must give perfect scores.

This guards the scorer against the real keys (unicode evidence, HTML, repeated evidence strings,
optional claims) that hand-made fixtures may not anticipate. The raw document text stands in for
the normalised text: gold evidence is a verbatim substring of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.eval import find_gold_pairs, gold_as_found, load_gold, score_document

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PAIRS = find_gold_pairs(SHARED) if SHARED.is_dir() else []


@pytest.mark.skipif(not (SHARED / "seed").is_dir(), reason="../shared/corpus not available")
@pytest.mark.parametrize(
    ("key", "document"), PAIRS, ids=[k.relative_to(SHARED).as_posix() for k, _ in PAIRS]
)
def test_gold_scored_against_itself_is_perfect(key: Path, document: Path) -> None:
    gold = load_gold(key)
    text = document.read_text(encoding="utf-8")
    score = score_document(gold_as_found(gold, text), gold, text)
    required = len(gold.required_claims())
    assert (score.claims.matched, score.claims.found, score.claims.gold) == (
        required,
        required,
        required,
    )
    assert (score.claims.precision, score.claims.recall, score.claims.f1) == (1.0, 1.0, 1.0)
    assert score.direction.correct == score.direction.total > 0
    assert score.evidence.correct == score.evidence.total == required
    assert score.quantity.correct == score.quantity.total
    assert score.actors.f1 == 1.0
    assert score.not_actor_violations == 0
    assert score.warnings == ()
    assert len(score.optional_found) == len(gold.claims) - required


def test_seed_key_is_present_when_shared_exists() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus not available")
    assert any(k.parent.name == "seed" for k, _ in PAIRS)
