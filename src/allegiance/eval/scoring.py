"""Scoring one document's found claims against its answer key, exactly as GOLD.md "Scoring" says.

Choices GOLD.md leaves open, made here once:

- Found claims are grouped by key (unordered actor pair, type, polarity); a group is one claim.
- Direction of a group: the majority subject among its claims marked ``directed``; ties go to the
  subject whose best claim has the highest confidence, then the earliest evidence, then the
  smaller id. A group with no directed claim has no direction, so when gold marks the claim
  directed the direction counts as wrong (an undirected claim's subject is only the id that sorts
  first, and must not score by luck).
- Actors: ids taking part in found claims vs ids in non-optional gold claims. Ids that occur only
  in optional gold claims are left out of the found side, mirroring how a found claim that
  matches only an optional gold claim is left out of the claim counts.
- Gold evidence that cannot be located in the text counts as an evidence miss, with a warning.
- ``not_actors``: a found claim violates when its subject or object label or id equals (ignoring
  case and surrounding space) one of the key's ``not_actors`` strings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from allegiance.eval.evidence import any_overlap, locate_evidence
from allegiance.eval.gold import ClaimKey, GoldClaim, GoldKey, GoldQuantity
from allegiance.eval.metrics import PRF, Accuracy

QUANTITY_TOLERANCE = 0.01
"""Relative tolerance of GOLD.md: a found value within 1 % of the gold value is right."""


@dataclass(frozen=True)
class FoundClaim:
    """The fields of one extract-JSONL claim that scoring uses."""

    key: ClaimKey
    subject: str
    labels: tuple[str, str]
    directed: bool
    confidence: float
    span: tuple[int, int] | None
    evidence_text: str
    quantity: tuple[float, str, int | None] | None


@dataclass(frozen=True)
class DirectionError:
    key: ClaimKey
    gold_subject: str
    found_subject: str | None


@dataclass(frozen=True)
class DocumentScore:
    document: str
    claims: PRF
    direction: Accuracy
    evidence: Accuracy
    quantity: Accuracy
    actors: PRF
    missed: tuple[ClaimKey, ...] = ()
    spurious: tuple[ClaimKey, ...] = ()
    optional_found: tuple[ClaimKey, ...] = ()
    direction_errors: tuple[DirectionError, ...] = ()
    evidence_misses: tuple[ClaimKey, ...] = ()
    quantity_misses: tuple[ClaimKey, ...] = ()
    actors_missed: tuple[str, ...] = ()
    actors_spurious: tuple[str, ...] = ()
    not_actor_violations: int = 0
    not_actor_labels: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def parse_found(raw: Mapping[str, Any], index: int = 0) -> FoundClaim:
    """Read one claim dict of the extract JSONL contract; ``ValueError`` if it lacks a field."""
    try:
        subject, obj = raw["subject"], raw["object"]
        evidence = raw.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        quantity = raw.get("quantity")
        return FoundClaim(
            key=ClaimKey.of(subject["id"], obj["id"], raw["type"], raw["polarity"]),
            subject=subject["id"],
            labels=(str(subject.get("label", "")), str(obj.get("label", ""))),
            directed=bool(raw["directed"]),
            confidence=float(raw.get("confidence") or 0.0),
            span=None if start is None or end is None else (int(start), int(end)),
            evidence_text=str(evidence.get("text", "")),
            quantity=None
            if not quantity
            else (float(quantity["value"]), str(quantity["unit"]), _year(quantity.get("year"))),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"found claim #{index} is malformed: missing or bad {exc}") from exc


def _year(value: Any) -> int | None:
    return None if value is None else int(value)


def group_direction(claims: Sequence[FoundClaim]) -> str | None:
    """The subject a group of found claims asserts (rule in the module docstring)."""
    directed = [c for c in claims if c.directed]
    if not directed:
        return None
    votes = Counter(c.subject for c in directed)

    def rank(subject: str) -> tuple[int, float, int, str]:
        mine = [c for c in directed if c.subject == subject]
        earliest = min((c.span[0] for c in mine if c.span), default=2**62)
        return (-votes[subject], -max(c.confidence for c in mine), earliest, subject)

    return min(votes, key=rank)


def quantity_matches(gold: GoldQuantity, found: tuple[float, str, int | None]) -> bool:
    value, unit, year = found
    if unit != gold.unit or (gold.year is not None and year != gold.year):
        return False
    return abs(value - gold.value) <= QUANTITY_TOLERANCE * abs(gold.value) * (1 + 1e-12)


def score_document(
    found: Sequence[Mapping[str, Any]], gold: GoldKey, document_text: str
) -> DocumentScore:
    """Score ``found`` (extract JSONL claim dicts) against ``gold``.

    ``document_text`` is the text the found evidence offsets point into (ingest's normalised
    text); the gold evidence strings are searched in it.
    """
    parsed = [parse_found(raw, i) for i, raw in enumerate(found)]
    groups: dict[ClaimKey, list[FoundClaim]] = {}
    for claim in parsed:
        groups.setdefault(claim.key, []).append(claim)
    gold_by_key: dict[ClaimKey, GoldClaim] = {c.key: c for c in gold.claims}
    required = {k for k, c in gold_by_key.items() if not c.optional}

    matched = sorted(k for k in groups if k in required)
    spurious = sorted(k for k in groups if k not in gold_by_key)
    optional_found = sorted(k for k in groups if k in gold_by_key and k not in required)
    missed = sorted(required - groups.keys())
    warnings = [
        f"found claim #{i} evidence text differs from the document text at its offsets"
        for i, c in enumerate(parsed)
        if c.span and c.evidence_text and document_text[c.span[0] : c.span[1]] != c.evidence_text
    ]

    direction_errors: list[DirectionError] = []
    evidence_misses: list[ClaimKey] = []
    quantity_misses: list[ClaimKey] = []
    n_directed = n_quantity = 0
    for key in matched:
        gold_claim, group = gold_by_key[key], groups[key]
        if gold_claim.directed:
            n_directed += 1
            subject = group_direction(group)
            if subject != gold_claim.subject:
                direction_errors.append(DirectionError(key, gold_claim.subject, subject))
        places, note = locate_evidence(document_text, gold_claim.evidence)
        if note:
            warnings.append(f"{key.label()}: gold evidence {note}: {gold_claim.evidence!r}")
        if not any_overlap([c.span for c in group if c.span], places):
            evidence_misses.append(key)
        if gold_claim.quantity is not None:
            n_quantity += 1
            found_qs = [c.quantity for c in group if c.quantity]
            if not any(quantity_matches(gold_claim.quantity, q) for q in found_qs):
                quantity_misses.append(key)

    gold_actors = {a for k in required for a in (k.first, k.second)}
    optional_only = {a for k in gold_by_key for a in (k.first, k.second)} - gold_actors
    found_actors = {a for k in groups for a in (k.first, k.second)} - optional_only
    banned = {n.strip().casefold() for n in gold.not_actors}
    offending = [
        name
        for c in parsed
        for name in (*c.labels, c.key.first, c.key.second)
        if name.strip().casefold() in banned
    ]
    violations = sum(
        1
        for c in parsed
        if any(n.strip().casefold() in banned for n in (*c.labels, c.key.first, c.key.second))
    )

    return DocumentScore(
        document=gold.document,
        claims=PRF(len(matched), len(matched) + len(spurious), len(required)),
        direction=Accuracy(n_directed - len(direction_errors), n_directed),
        evidence=Accuracy(len(matched) - len(evidence_misses), len(matched)),
        quantity=Accuracy(n_quantity - len(quantity_misses), n_quantity),
        actors=PRF(len(found_actors & gold_actors), len(found_actors), len(gold_actors)),
        missed=tuple(missed),
        spurious=tuple(spurious),
        optional_found=tuple(optional_found),
        direction_errors=tuple(direction_errors),
        evidence_misses=tuple(evidence_misses),
        quantity_misses=tuple(quantity_misses),
        actors_missed=tuple(sorted(gold_actors - found_actors)),
        actors_spurious=tuple(sorted(found_actors - gold_actors)),
        not_actor_violations=violations,
        not_actor_labels=tuple(sorted(set(offending))),
        warnings=tuple(warnings),
    )
