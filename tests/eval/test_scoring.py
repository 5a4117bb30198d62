"""Per-document scoring against the hand-made southern-notes key; every number is worked by hand.

The key has three required claims (CHL~PER military/cooperation, directed CHL, 1.2e9 USD 2019;
BOL~PER transactional/cooperation, undirected, 3e8 USD no year; BOL~CHL diplomatic/tension,
directed BOL) and two optional ones (CHL~PER diplomatic/cooperation; mercosur~BOL diplomatic/
cooperation, so ``mercosur`` occurs only in optional claims).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from allegiance.eval import ClaimKey, DirectionError, GoldKey, load_gold, score_document

FoundBuilder = Callable[..., dict[str, object]]
DATA = Path(__file__).resolve().parents[1] / "data" / "eval"

MIL = ("CHL", "PER", "military", "cooperation")
TRADE = ("PER", "BOL", "transactional", "cooperation")
RECALL = ("BOL", "CHL", "diplomatic", "tension")
MIL_EV = "Chile sold six frigates to Peru"
TRADE_EV = "Peru and Bolivia agreed to expand cross-border trade"
RECALL_EV = "Bolivia recalled its ambassador from Chile"
MIL_QTY = {"value": 1_200_000_000, "unit": "USD", "year": 2019}
TRADE_QTY = {"value": 300_000_000, "unit": "USD", "year": None}


def _perfect(found: FoundBuilder) -> list[dict[str, object]]:
    return [
        found(*MIL, evidence=MIL_EV, quantity=MIL_QTY),
        found(*TRADE, evidence=TRADE_EV, directed=False, quantity=TRADE_QTY),
        found(*RECALL, evidence=RECALL_EV),
    ]


def test_perfect_match(found: FoundBuilder, southern: GoldKey, southern_text: str) -> None:
    score = score_document(_perfect(found), southern, southern_text)
    assert (score.claims.matched, score.claims.found, score.claims.gold) == (3, 3, 3)
    assert (score.claims.precision, score.claims.recall, score.claims.f1) == (1.0, 1.0, 1.0)
    assert (score.direction.correct, score.direction.total) == (2, 2)
    assert (score.evidence.correct, score.evidence.total) == (3, 3)
    assert (score.quantity.correct, score.quantity.total) == (2, 2)
    assert (score.actors.matched, score.actors.found, score.actors.gold) == (3, 3, 3)
    assert score.missed == score.spurious == score.optional_found == ()
    assert score.warnings == ()


def test_nothing_found(southern: GoldKey, southern_text: str) -> None:
    score = score_document([], southern, southern_text)
    assert (score.claims.precision, score.claims.recall, score.claims.f1) == (0.0, 0.0, 0.0)
    assert score.direction.value is None and score.evidence.value is None
    assert [k.label() for k in score.missed] == [  # sorted by key
        "BOL~CHL diplomatic/tension",
        "BOL~PER transactional/cooperation",
        "CHL~PER military/cooperation",
    ]


def test_optional_claim_found_is_left_out_of_both_counts(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    claims = [
        found(*MIL, evidence=MIL_EV),
        found("PER", "CHL", "diplomatic", "cooperation", evidence="Both Peru", directed=False),
        found("mercosur", "BOL", "diplomatic", "cooperation", evidence="Mercosur invited"),
    ]
    score = score_document(claims, southern, southern_text)
    # 1 matched of 1 counted found (the two optional matches are excluded), 3 required.
    assert (score.claims.matched, score.claims.found, score.claims.gold) == (1, 1, 3)
    assert score.claims.precision == 1.0
    assert score.claims.recall == pytest.approx(1 / 3)
    assert score.optional_found == (
        ClaimKey("BOL", "mercosur", "diplomatic", "cooperation"),
        ClaimKey("CHL", "PER", "diplomatic", "cooperation"),
    )
    # found ids {BOL, CHL, PER, mercosur}; mercosur occurs only in optional gold claims, so it is
    # neither a hit nor a false actor.
    assert (score.actors.matched, score.actors.found, score.actors.gold) == (3, 3, 3)
    assert score.actors_spurious == ()


def test_optional_claims_not_found_do_not_hurt_recall(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    score = score_document(_perfect(found), southern, southern_text)
    assert score.claims.recall == 1.0
    assert score.missed == ()


def test_same_key_found_several_times_counts_once(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    claims = [
        found(*TRADE, evidence=TRADE_EV, directed=False),
        found(*TRADE, evidence=TRADE_EV, directed=False, nth=1),
        found("BOL", "PER", "transactional", "cooperation", evidence="Peru and Bolivia"),
        found("BOL", "PER", "energy", "tension", evidence="Peru and Bolivia"),
        found("PER", "BOL", "energy", "tension", evidence="Analysts repeat"),
    ]
    score = score_document(claims, southern, southern_text)
    # one matched key (trade) + one spurious key (energy tension) = 2 found.
    assert (score.claims.matched, score.claims.found, score.claims.gold) == (1, 2, 3)
    assert score.spurious == (ClaimKey("BOL", "PER", "energy", "tension"),)


def test_wrong_direction(found: FoundBuilder, southern: GoldKey, southern_text: str) -> None:
    claims = [found("PER", "CHL", "military", "cooperation", evidence=MIL_EV)]
    score = score_document(claims, southern, southern_text)
    assert score.claims.matched == 1
    assert (score.direction.correct, score.direction.total) == (0, 1)
    assert score.direction_errors == (
        DirectionError(ClaimKey(*sorted(MIL[:2]), *MIL[2:]), "CHL", "PER"),
    )


def test_undirected_found_claim_cannot_score_direction(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    # CHL sorts first, so an undirected claim's subject equals the gold subject by accident.
    claims = [found(*MIL, evidence=MIL_EV, directed=False)]
    score = score_document(claims, southern, southern_text)
    assert (score.direction.correct, score.direction.total) == (0, 1)
    assert score.direction_errors[0].found_subject is None


def test_direction_majority_then_confidence(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    two_to_one = [
        found("PER", "CHL", "military", "cooperation", evidence=MIL_EV, confidence=0.99),
        found(*MIL, evidence=MIL_EV, confidence=0.2),
        found(*MIL, evidence="frigates", confidence=0.2),
    ]
    assert score_document(two_to_one, southern, southern_text).direction.correct == 1
    tie = [
        found("PER", "CHL", "military", "cooperation", evidence=MIL_EV, confidence=0.9),
        found(*MIL, evidence=MIL_EV, confidence=0.3),
    ]
    assert score_document(tie, southern, southern_text).direction.correct == 0


def test_evidence_overlap_and_no_overlap(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    partial = [found(*MIL, evidence="to Peru in 2019, a deal")]  # shares "to Peru" with gold
    assert score_document(partial, southern, southern_text).evidence.correct == 1
    elsewhere = [found(*MIL, evidence="Both Peru and Chile voted")]
    score = score_document(elsewhere, southern, southern_text)
    assert (score.evidence.correct, score.evidence.total) == (0, 1)
    assert score.evidence_misses == (ClaimKey("CHL", "PER", "military", "cooperation"),)
    # touching spans (end == start) do not overlap: offsets are end-exclusive.
    start = southern_text.index(MIL_EV)
    adjacent = found(*MIL, evidence="Chile sold")
    adjacent["evidence"] = {"text": "", "start": start - 5, "end": start}
    assert score_document([adjacent], southern, southern_text).evidence.correct == 0


def test_evidence_any_found_span_against_any_gold_occurrence(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    # the gold trade evidence occurs twice; a span on the second occurrence counts, and one good
    # span among several bad ones for the key is enough.
    claims = [
        found(*TRADE, evidence="Mercosur invited", directed=False),
        found(*TRADE, evidence=TRADE_EV, directed=False, nth=1),
    ]
    assert score_document(claims, southern, southern_text).evidence.correct == 1


@pytest.mark.parametrize(
    ("quantity", "right"),
    [
        ({"value": 1_210_000_000, "unit": "USD", "year": 2019}, True),  # 0.83 % off
        ({"value": 1_188_000_000, "unit": "USD", "year": 2019}, True),  # exactly 1 % off
        ({"value": 1_224_000_000, "unit": "USD", "year": 2019}, False),  # 2 % off
        ({"value": 1_200_000_000, "unit": "EUR", "year": 2019}, False),  # wrong unit
        ({"value": 1_200_000_000, "unit": "USD", "year": 2020}, False),  # wrong year
        ({"value": 1_200_000_000, "unit": "USD", "year": None}, False),  # gold gives a year
        (None, False),
    ],
)
def test_quantity_tolerance_unit_and_year(
    quantity: dict[str, object] | None,
    right: bool,
    found: FoundBuilder,
    southern: GoldKey,
    southern_text: str,
) -> None:
    score = score_document(
        [found(*MIL, evidence=MIL_EV, quantity=quantity)], southern, southern_text
    )
    assert (score.quantity.correct, score.quantity.total) == (int(right), 1)


def test_quantity_year_free_when_gold_gives_none(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    claims = [
        found(*TRADE, evidence=TRADE_EV, directed=False, quantity={"value": 7, "unit": "USD"}),
        found(*TRADE, evidence=TRADE_EV, directed=False, quantity={**TRADE_QTY, "year": 2031}),
    ]
    score = score_document(claims, southern, southern_text)
    assert (score.quantity.correct, score.quantity.total) == (1, 1)


def test_quantity_not_scored_on_unmatched_or_quantity_free_claims(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    score = score_document([found(*RECALL, evidence=RECALL_EV)], southern, southern_text)
    assert score.quantity.total == 0 and score.quantity.value is None


def test_hand_made_found_file(southern: GoldKey, southern_text: str) -> None:
    """southern-notes.found.jsonl: one of each situation at once (numbers worked by hand)."""
    lines = (DATA / "southern-notes.found.jsonl").read_text(encoding="utf-8").splitlines()
    score = score_document([json.loads(line) for line in lines], southern, southern_text)
    # keys: 3 matched, 2 optional (excluded), 2 spurious -> P 3/5, R 3/3, F1 0.75
    assert (score.claims.matched, score.claims.found, score.claims.gold) == (3, 5, 3)
    assert score.claims.precision == pytest.approx(0.6)
    assert score.claims.f1 == pytest.approx(0.75)
    assert score.spurious == (
        ClaimKey("BOL", "PER", "energy", "cooperation"),
        ClaimKey("CHL", "jane-example", "military", "tension"),
    )
    # military: 1-1 tie broken by confidence 0.9 -> CHL (right); recall: CHL found, BOL gold.
    assert (score.direction.correct, score.direction.total) == (1, 2)
    # recall claim's evidence points at the headline.
    assert (score.evidence.correct, score.evidence.total) == (2, 3)
    assert (score.quantity.correct, score.quantity.total) == (2, 2)
    # actors: found {BOL, CHL, PER, jane-example} (mercosur excluded), gold {BOL, CHL, PER}
    assert (score.actors.matched, score.actors.found, score.actors.gold) == (3, 4, 3)
    assert score.actors.f1 == pytest.approx(6 / 7)
    assert score.actors_spurious == ("jane-example",)
    assert score.not_actor_violations == 1
    assert score.not_actor_labels == ("Jane Example",)
    assert score.warnings == ()


def test_gold_evidence_found_after_whitespace_normalisation() -> None:
    gold = load_gold(DATA / "corpus" / "nordic-brief.gold.json")
    # what ingest would produce: markup gone, line break collapsed, apostrophe folded
    normalised = (
        "Nordic brief\n\nNorway and Sweden held a joint naval exercise in the Baltic.\n\n"
        "Finland buys electricity from Sweden's grid across the Gulf of Bothnia."
    )
    start = normalised.index("Finland buys")
    claim = {
        "subject": {"id": "FIN", "label": "Finland", "kind": "state"},
        "object": {"id": "SWE", "label": "Sweden", "kind": "state"},
        "type": "energy",
        "polarity": "cooperation",
        "directed": True,
        "evidence": {"text": normalised[start : start + 24], "start": start, "end": start + 24},
        "confidence": 0.7,
        "quantity": None,
    }
    score = score_document([claim], gold, normalised)
    assert (score.evidence.correct, score.evidence.total) == (1, 1)
    assert len(score.warnings) == 1
    assert "normalising whitespace" in score.warnings[0]
    assert "FIN~SWE energy/cooperation" in score.warnings[0]


def test_gold_evidence_missing_from_text_is_a_miss_with_warning(
    found: FoundBuilder, southern: GoldKey
) -> None:
    text = "Chile sold frigates.\n"
    claim = found(*MIL, evidence=MIL_EV)
    claim["evidence"] = {"text": "Chile sold frigates", "start": 0, "end": 19}
    score = score_document([claim], southern, text)
    assert score.evidence.correct == 0
    assert any("not found in the document text" in w for w in score.warnings)


def test_found_offsets_that_disagree_with_text_are_warned(
    found: FoundBuilder, southern: GoldKey, southern_text: str
) -> None:
    claim = found(*MIL, evidence=MIL_EV)
    claim["evidence"] = {**claim["evidence"], "start": 0}
    score = score_document([claim], southern, southern_text)
    assert score.warnings == (
        "found claim #0 evidence text differs from the document text at its offsets",
    )


def test_malformed_found_claim_is_a_value_error(southern: GoldKey, southern_text: str) -> None:
    with pytest.raises(ValueError, match="found claim #0 is malformed"):
        score_document([{"subject": {"id": "CHL"}}], southern, southern_text)
