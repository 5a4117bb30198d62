"""Aggregating document scores over a corpus.

Micro averages (sum the counts, then take ratios) are the headline numbers because they weight
every claim equally; the macro F1 (mean of per-document F1) is reported beside them so that one
long document cannot hide a poor showing on short ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import add

from allegiance.eval.metrics import PRF, Accuracy, mean
from allegiance.eval.scoring import DocumentScore


@dataclass(frozen=True)
class CorpusScore:
    documents: tuple[DocumentScore, ...]
    claims: PRF
    direction: Accuracy
    evidence: Accuracy
    quantity: Accuracy
    actors: PRF
    not_actor_violations: int
    macro_claims_f1: float | None
    macro_actors_f1: float | None


def score_corpus(per_doc: Sequence[DocumentScore]) -> CorpusScore:
    """Micro-averaged totals and macro F1 over ``per_doc`` (kept in the given order)."""
    docs = tuple(per_doc)
    return CorpusScore(
        documents=docs,
        claims=reduce(add, (d.claims for d in docs), PRF()),
        direction=reduce(add, (d.direction for d in docs), Accuracy()),
        evidence=reduce(add, (d.evidence for d in docs), Accuracy()),
        quantity=reduce(add, (d.quantity for d in docs), Accuracy()),
        actors=reduce(add, (d.actors for d in docs), PRF()),
        not_actor_violations=sum(d.not_actor_violations for d in docs),
        macro_claims_f1=mean([d.claims.f1 for d in docs]),
        macro_actors_f1=mean([d.actors.f1 for d in docs]),
    )
