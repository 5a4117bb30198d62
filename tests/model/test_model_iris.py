"""IRIs are pure functions of content, in the shapes docs/design.md gives."""

from __future__ import annotations

import dataclasses
import hashlib
import re

import pytest

from allegiance.model import iris
from allegiance.records import Claim, Document

HEX16 = r"[0-9a-f]{16}"


def test_actor_iris() -> None:
    assert str(iris.actor_iri("IRN")) == "https://w3id.org/allegiance/id/actor/IRN"
    assert str(iris.actor_iri("kataib_hezbollah")).endswith("/actor/kataib_hezbollah")
    for bad in ("Iran", "ir n", "", "IRNX", "../x"):
        with pytest.raises(ValueError):
            iris.actor_iri(bad)


def test_document_iri_uses_the_first_16_hex(document: Document) -> None:
    iri = iris.document_iri(document.sha256)
    assert str(iri) == f"https://w3id.org/allegiance/id/document/{document.sha256[:16]}"
    with pytest.raises(ValueError):
        iris.document_iri("not-a-hash")


def test_claim_iri_is_the_documented_hash(claims: list[Claim]) -> None:
    claim = claims[2]  # directed FRA -> NOR
    parts = [
        claim.document_sha256,
        str(claim.evidence.start),
        str(claim.evidence.end),
        "FRA",
        "NOR",
        "diplomatic",
        "tension",
    ]
    expected = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
    assert str(iris.claim_iri(claim)) == f"https://w3id.org/allegiance/id/claim/{expected}"
    assert str(iris.evidence_iri(claim)) == f"https://w3id.org/allegiance/id/evidence/{expected}"
    assert str(iris.target_iri(claim)).endswith(f"/evidence/{expected}#target")
    assert str(iris.quote_selector_iri(claim)).endswith(f"/evidence/{expected}#quote")
    assert str(iris.position_selector_iri(claim)).endswith(f"/evidence/{expected}#position")
    assert str(iris.quantity_iri(claim)).endswith(f"/claim/{expected}#quantity")


def test_undirected_claims_get_one_iri_whatever_the_order(claims: list[Claim]) -> None:
    claim = claims[0]
    assert not claim.directed
    swapped = dataclasses.replace(claim, subject=claim.object, object=claim.subject)
    assert iris.claim_iri(claim) == iris.claim_iri(swapped)
    assert iris.oriented_pair(swapped) == ("DEU", "FRA")


def test_direction_matters_for_directed_claims(claims: list[Claim]) -> None:
    claim = claims[1]
    assert claim.directed
    swapped = dataclasses.replace(claim, subject=claim.object, object=claim.subject)
    assert iris.claim_iri(claim) != iris.claim_iri(swapped)


def test_fields_outside_the_key_do_not_change_the_iri(claims: list[Claim]) -> None:
    claim = claims[2]
    other = dataclasses.replace(claim, confidence=0.1, formality="F1", cue="scolded")
    assert iris.claim_iri(claim) == iris.claim_iri(other)
    moved = dataclasses.replace(claim, dimension="energy")
    assert iris.claim_iri(claim) != iris.claim_iri(moved)


def test_run_and_software_iris() -> None:
    run = iris.run_iri("0.1.0", "abc")
    assert re.fullmatch(rf"https://w3id.org/allegiance/id/run/{HEX16}", str(run))
    assert run == iris.run_iri("0.1.0", "abc")
    assert run != iris.run_iri("0.1.1", "abc")
    assert run != iris.run_iri("0.1.0", "abd")
    soft = iris.software_iri("0.1.0")
    assert str(soft) == "https://w3id.org/allegiance/id/software/allegiance/0.1.0"


def test_separator_in_a_part_is_refused() -> None:
    with pytest.raises(ValueError):
        iris.hash16("a\x1fb", "c")
