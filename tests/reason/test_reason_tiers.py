"""Each tier rule, the mixed flag, rivals and clients, on small stores of hand-made claims."""

from __future__ import annotations

from reason_fixtures import Spec, add_document

from allegiance.reason import TierResult, compute_tiers
from allegiance.store import GraphStore


def tiers_of(store: GraphStore, focal: str, as_of: int | None = None) -> dict[str, TierResult]:
    return {r.partner.id: r for r in compute_tiers(store, focal, as_of=as_of)}


def test_f3_instrument_is_t1_and_explained_by_that_claim(store: GraphStore) -> None:
    _, ids = add_document(store, [
        Spec("IRN", "RUS", "military", formality="F3"),
        Spec("IRN", "RUS", "energy", formality="F0"),
    ])
    result = tiers_of(store, "IRN")["RUS"]
    assert (result.tier, result.mixed, result.rank) == ("T1", False, 1)
    assert result.claims == (ids[0],)
    assert result.dimensions == ("military", "energy")


def test_three_dimensions_with_material_military_is_t1(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "SYR", "military", formality="F1"),
        Spec("IRN", "SYR", "diplomatic"),
        Spec("IRN", "SYR", "transactional"),
    ])
    assert tiers_of(store, "IRN")["SYR"].tier == "T1"


def test_material_tension_blocks_t1_and_makes_mixed(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "TUR", "military", formality="F1"),
        Spec("IRN", "TUR", "diplomatic"),
        Spec("IRN", "TUR", "transactional"),
        Spec("IRN", "TUR", "energy", polarity="tension", formality="F1"),
    ])
    result = tiers_of(store, "IRN")["TUR"]
    assert (result.tier, result.mixed) == ("T2", True)
    assert result.dimensions == ("military", "diplomatic", "transactional")
    assert len(result.claims) == 4  # the tension claim explains the mixed flag


def test_three_word_only_dimensions_is_t2(store: GraphStore) -> None:
    add_document(store, [Spec("IRN", "VEN", d) for d in ("military", "energy", "diplomatic")])
    assert tiers_of(store, "IRN")["VEN"].tier == "T2"


def test_f2_instrument_needs_two_dimensions_for_t2(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "CHN", "energy", formality="F2"),
        Spec("IRN", "CHN", "transactional", formality="F1"),
        Spec("IRN", "IND", "energy", formality="F2"),
    ])
    found = tiers_of(store, "IRN")
    assert found["CHN"].tier == "T2"
    assert found["IND"].tier == "T4"  # one dimension only: F2 alone is not enough


def test_two_material_dimensions_is_t3(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "ARM", "energy", formality="F1"),
        Spec("IRN", "ARM", "transactional", formality="F1"),
    ])
    assert tiers_of(store, "IRN")["ARM"].tier == "T3"


def test_three_independent_sources_make_t3_and_one_publisher_counts_once(
    store: GraphStore,
) -> None:
    spec = Spec("IRN", "IRQ", "energy", formality="F1")
    add_document(store, [spec], name="wire-a", publisher="Wire One")
    add_document(store, [spec], name="wire-a-reprint", publisher="wire one ")
    add_document(store, [spec], name="daily-b", publisher="Daily Two")
    result = tiers_of(store, "IRN")["IRQ"]
    assert (result.tier, result.sources) == ("T4", 2)
    add_document(store, [spec], name="no-publisher")
    result = tiers_of(store, "IRN")["IRQ"]
    assert (result.tier, result.sources) == ("T3", 3)
    assert len(result.claims) == 4  # one relation, stated by four documents


def test_words_only_is_t4_and_planned_acts_do_not_count(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "BLR", "diplomatic"),
        Spec("IRN", "CUB", "military", formality="F1", modality="planned"),
        Spec("IRN", "NIC", "military", formality="F2", modality="planned"),
    ])
    found = tiers_of(store, "IRN")
    assert found["BLR"].tier == "T4"
    assert "CUB" not in found
    assert found["NIC"].tier == "T4"


def test_tension_only_is_rival(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "ISR", "military", polarity="tension", formality="F1"),
        Spec("IRN", "ISR", "diplomatic", polarity="tension"),
    ])
    result = tiers_of(store, "IRN")["ISR"]
    assert (result.tier, result.mixed) == ("rival", False)
    assert result.dimensions == ("military", "diplomatic")


def test_state_backing_a_non_state_actor_is_a_client(store: GraphStore) -> None:
    add_document(store, [
        Spec("IRN", "hezbollah", "military", formality="F1", directed=True),
        Spec("IRN", "houthis", "transactional", formality="F1", directed=True),
        Spec("IRN", "hamas", "diplomatic", directed=True),  # words are not backing
        Spec("hamas", "IRN", "military", formality="F1", directed=True),  # wrong direction
    ])
    found = tiers_of(store, "IRN")
    assert found["hezbollah"].tier == "client"
    assert found["houthis"].tier == "client"
    assert found["hamas"].tier != "client"
    assert tiers_of(store, "hezbollah")["IRN"].tier != "client"
    assert found["hezbollah"].partner.kind == "non-state"
