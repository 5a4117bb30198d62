"""Count-based metrics shared by the per-document and the corpus scores.

Scores are kept as raw counts and turned into ratios only on demand, so that the corpus score can
sum counts first (micro-average) instead of averaging ratios, and so that every ratio in a report
can be checked by hand from the counts printed beside it.

Zero-division conventions (also emitted in the JSON report, see ``CONVENTIONS``):

- precision / recall / F1: when the denominator is 0 the ratio is 1.0 if the other side is empty
  too (nothing expected and nothing found is perfect agreement), else 0.0; F1 is 0.0 when
  precision + recall is 0.
- accuracies (direction, evidence, quantity): ``None`` when nothing was eligible — "not
  applicable" is different from both "all right" and "all wrong".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CONVENTIONS: dict[str, str] = {
    "precision": "matched / found; when found = 0: 1.0 if gold = 0 else 0.0",
    "recall": "matched / gold; when gold = 0: 1.0 if found = 0 else 0.0",
    "f1": "2PR / (P + R); 0.0 when P + R = 0",
    "accuracy": "correct / total; null when total = 0 (not applicable)",
    "micro": "counts summed over documents, then ratios",
    "macro": "mean of per-document ratios; null for an empty corpus",
}


def _ratio(numerator: int, denominator: int, other_side: int) -> float:
    if denominator == 0:
        return 1.0 if other_side == 0 else 0.0
    return numerator / denominator


def f1_score(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class PRF:
    """Matched / found / gold counts with precision, recall and F1 derived from them."""

    matched: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.found, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, self.found)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.matched + other.matched, self.found + other.found, self.gold + other.gold)


@dataclass(frozen=True)
class Accuracy:
    """Correct / total counts of a check applied to a subset of matched claims."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, ``None`` for no values (macro average of an empty corpus)."""
    return sum(values) / len(values) if values else None
