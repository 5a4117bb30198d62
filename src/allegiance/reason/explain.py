"""Explanations: the claims between two actors, each with its sentence, document and offsets.

A tier is only as good as the sentences behind it; this is what ``allegiance explain A B``
prints and what the tiers table uses for its strongest evidence sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from allegiance.reason.claims import ClaimRow, EvidenceRow, load_claims, load_evidence
from allegiance.records import DIMENSIONS, POLARITIES
from allegiance.store import GraphStore


@dataclass(frozen=True)
class ExplainedClaim:
    claim: ClaimRow
    evidence: EvidenceRow | None

    def as_json(self) -> dict[str, object]:
        c, ev = self.claim, self.evidence
        return {
            "claim": c.iri,
            "subject": c.subject,
            "object": c.object,
            "dimension": c.dimension,
            "polarity": c.polarity,
            "formality": c.formality,
            "modality": c.modality,
            "directed": c.directed,
            "confidence": c.confidence,
            "year": c.year,
            "document": c.document,
            "title": ev.title if ev else None,
            "path": ev.path if ev else None,
            "sentence": ev.text if ev else None,
            "start": ev.start if ev else None,
            "end": ev.end if ev else None,
        }


def _order(item: ExplainedClaim) -> tuple:
    c, ev = item.claim, item.evidence
    return (
        DIMENSIONS.index(c.dimension) if c.dimension in DIMENSIONS else len(DIMENSIONS),
        POLARITIES.index(c.polarity) if c.polarity in POLARITIES else len(POLARITIES),
        c.document,
        ev.start if ev else -1,
        c.iri,
    )


def claims_between(
    store: GraphStore, a: str, b: str, *, as_of: int | None = None
) -> list[ExplainedClaim]:
    """Every claim between actors ``a`` and ``b`` (either direction), by dimension and place."""
    rows = [c for c in load_claims(store, actor=a, as_of=as_of) if c.partner_of(a) == b]
    evidence = load_evidence(store, [c.iri for c in rows])
    return sorted((ExplainedClaim(c, evidence.get(c.iri)) for c in rows), key=_order)


def evidence_sentences(store: GraphStore, claim_iris: list[str]) -> dict[str, EvidenceRow]:
    """The evidence of the given claims (for the strongest sentence of each tier)."""
    return load_evidence(store, claim_iris)
