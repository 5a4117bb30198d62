"""Gazetteer lookups: ids, resolve, closest, members."""

from __future__ import annotations

import pytest

from allegiance.reference import load_gazetteer


def test_counts_by_kind() -> None:
    g = load_gazetteer()
    assert len(g.actors("state")) == 203
    assert len(g.actors("non-state")) == 65
    assert len(g.actors("igo")) == 51


def test_actor_and_info() -> None:
    g = load_gazetteer()
    iran = g.info("IRN")
    assert g.actor("IRN").label == "Iran" and g.kind("IRN") == "state"
    assert (iran.capital, iran.wikidata, iran.iso2) == ("Tehran", "Q794", "IR")
    assert g.info("wagner-group").actor_class == "PrivateMilitaryCompany"
    assert g.info("hezbollah").base_countries == ("LBN",)
    assert g.get("nonexistent") is None
    with pytest.raises(KeyError):
        g.actor("nonexistent")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Iran", "IRN"),
        ("iran", "IRN"),
        ("IRN", "IRN"),
        ("irn", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Iranian", "IRN"),
        ("Tehran", "IRN"),
        ("ir", "IRN"),  # ISO2, case-insensitive because the query has exactly two letters
        ("us", "USA"),
        ("AU", "au"),  # an alias (African Union) outranks an ISO2 code (Australia)
        ("Hizballah", "hezbollah"),
        ("Ansar Allah", "houthis"),
        ("somaliland", "somaliland"),
        ("Northern Cyprus", "northern-cyprus"),
        ("xk", "XKX"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
    ],
)
def test_resolve(query: str, expected: str) -> None:
    found = load_gazetteer().resolve(query)
    assert found is not None and found.id == expected


def test_resolve_refuses_unknown_and_ambiguous() -> None:
    g = load_gazetteer()
    assert g.resolve("Atlantis") is None
    assert g.resolve("Congolese") is None
    assert [a.id for a in g.resolve_all("Congolese")] == ["COD", "COG"]
    assert g.resolve("irn ") is not None  # surrounding space is ignored


def test_closest() -> None:
    g = load_gazetteer()
    assert g.closest("Rusia")[0].id == "RUS"
    assert g.closest("Hezbolah")[0].id == "hezbollah"
    assert len(g.closest("Rusia", n=2)) <= 2
    assert g.closest("qqqqqq") == []


def test_members_and_memberships() -> None:
    g = load_gazetteer()
    nato = g.members("nato")
    assert "USA" in nato and "FIN" in nato and "RUS" not in nato
    assert nato == sorted(nato)
    assert len(g.members("un")) == 193
    assert g.members("sco") == []  # no member list in the source
    assert "nato" in g.memberships("TUR")
    assert all("nato" in g.memberships(m) for m in nato)
