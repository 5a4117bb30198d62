"""Deterministic IRIs of every node the pipeline mints (docs/design.md, section "IRIs").

An IRI is a pure function of the content it names, so re-running the pipeline on the same input
yields the same IRIs, a changed document gets a new graph, and two stages (model, store, eval)
that need the IRI of the same claim compute it independently and agree.

Hashes are SHA-256 over the parts joined by the ASCII unit separator (U+001F), which cannot occur
in any of the parts, so no two different tuples hash the same string; the first 16 hex digits
are kept.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple
from urllib.parse import quote

from rdflib import URIRef

from allegiance.records import Claim

ID_BASE = "https://w3id.org/allegiance/id/"
SEPARATOR = "\x1f"

_ACTOR_ID = re.compile(r"[A-Z]{3}|[a-z0-9][a-z0-9_-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def hash16(*parts: object) -> str:
    """First 16 hex digits of SHA-256 over ``parts`` joined by the unit separator."""
    text = SEPARATOR.join(str(part) for part in parts)
    if text.count(SEPARATOR) != len(parts) - 1:
        raise ValueError(f"an IRI part contains the unit separator: {parts!r}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def actor_iri(actor_id: str) -> URIRef:
    """``id/actor/{ID}``: an ISO 3166-1 alpha-3 code for a state, else a lowercase slug."""
    if not _ACTOR_ID.fullmatch(actor_id):
        raise ValueError(f"not an actor id (ISO3 code or lowercase slug): {actor_id!r}")
    return URIRef(f"{ID_BASE}actor/{actor_id}")


def document_iri(sha256: str) -> URIRef:
    """``id/document/{first 16 hex of the normalised text's SHA-256}``; also its graph's name."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a lowercase hex SHA-256 digest: {sha256!r}")
    return URIRef(f"{ID_BASE}document/{sha256[:16]}")


def oriented_pair(claim: Claim) -> tuple[str, str]:
    """Subject and object ids as the graph records them.

    An undirected claim has no natural order, so its subject is the actor whose id sorts
    first; extractors may emit either order and still get one IRI.
    """
    if claim.directed:
        return claim.subject.id, claim.object.id
    first, second = sorted((claim.subject.id, claim.object.id))
    return first, second


def claim_hex(claim: Claim) -> str:
    """The 16 hex digits shared by a claim and its evidence annotation."""
    subject_id, object_id = oriented_pair(claim)
    return hash16(
        claim.document_sha256,
        claim.evidence.start,
        claim.evidence.end,
        subject_id,
        object_id,
        claim.dimension,
        claim.polarity,
    )


def claim_iri(claim: Claim) -> URIRef:
    return URIRef(f"{ID_BASE}claim/{claim_hex(claim)}")


class ClaimNodes(NamedTuple):
    """Every IRI of one claim's part of the graph, from one hash (the model needs all six;
    hashing per IRI was 13 % of its time)."""

    claim: URIRef
    quantity: URIRef
    evidence: URIRef
    target: URIRef
    quote: URIRef
    position: URIRef


def claim_nodes(claim: Claim) -> ClaimNodes:
    """The IRIs ``claim_iri``, ``quantity_iri``, ``evidence_iri``, ``target_iri``,
    ``quote_selector_iri`` and ``position_selector_iri`` give, computed once."""
    digits = claim_hex(claim)
    node, evidence = f"{ID_BASE}claim/{digits}", f"{ID_BASE}evidence/{digits}"
    return ClaimNodes(
        URIRef(node),
        URIRef(f"{node}#quantity"),
        URIRef(evidence),
        URIRef(f"{evidence}#target"),
        URIRef(f"{evidence}#quote"),
        URIRef(f"{evidence}#position"),
    )


def quantity_iri(claim: Claim) -> URIRef:
    return URIRef(f"{claim_iri(claim)}#quantity")


def evidence_iri(claim: Claim) -> URIRef:
    return URIRef(f"{ID_BASE}evidence/{claim_hex(claim)}")


def target_iri(claim: Claim) -> URIRef:
    return URIRef(f"{evidence_iri(claim)}#target")


def quote_selector_iri(claim: Claim) -> URIRef:
    return URIRef(f"{evidence_iri(claim)}#quote")


def position_selector_iri(claim: Claim) -> URIRef:
    return URIRef(f"{evidence_iri(claim)}#position")


def run_iri(version: str, config_hash: str) -> URIRef:
    """``id/run/{hex}`` over (extractor version, configuration hash): no timestamp, by design."""
    return URIRef(f"{ID_BASE}run/{hash16(version, config_hash)}")


def software_iri(version: str) -> URIRef:
    """``id/software/allegiance/{version}``."""
    if not version:
        raise ValueError("empty software version")
    return URIRef(f"{ID_BASE}software/allegiance/{quote(version, safe='.-_+~')}")
