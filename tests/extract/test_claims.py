"""Claim extraction on sentences written for these tests (never copied from a corpus).

Each case is a tiny document run through the real ingest stage and the real gazetteer, so the
assertions cover the whole path from text to typed claims.
"""

from __future__ import annotations

import pytest

from allegiance.extract import extract
from allegiance.ingest import ingest_text
from allegiance.records import Claim


def claims_of(text: str, media_type: str = "text/plain") -> list[Claim]:
    """Extract from ``text`` under a title line (titles are headlines, not claim sources)."""
    if media_type == "text/plain":
        text = "Briefing note\n\n" + text
    document = ingest_text(text, path="case.txt", media_type=media_type)
    return extract(document)


def keys(claims: list[Claim]) -> set[tuple[str, str, str, str]]:
    return {c.key() for c in claims}


def test_direct_supply_is_directed_military_cooperation() -> None:
    found = claims_of("Moldova is a small country. In 2022 France delivered howitzers to Moldova.")
    military = [c for c in found if c.dimension == "military"]
    assert military, found
    assert military[0].subject.id == "FRA" and military[0].object.id == "MDA"
    assert military[0].directed and military[0].polarity == "cooperation"
    assert military[0].formality == "F1"


def test_capital_and_institution_metonyms_resolve_to_states() -> None:
    found = claims_of("The Kremlin signed a defence pact with Minsk last spring.")
    assert ("BLR", "RUS", "military", "cooperation") in keys(found)


def test_demonym_compound_names_the_supplier() -> None:
    found = claims_of(
        "Nigeria is rearming. Turkish-made drones now patrol the skies over Nigeria's north-east."
    )
    claim = next(c for c in found if c.key() == ("NGA", "TUR", "military", "cooperation"))
    assert claim.subject.id == "TUR" and claim.directed


def test_currency_words_never_become_actors() -> None:
    found = claims_of("Kenya and Ethiopia settled their trade in yuan and dirhams this year.")
    ids = {c.subject.id for c in found} | {c.object.id for c in found}
    assert ids <= {"KEN", "ETH"}
    assert ("ETH", "KEN", "transactional", "cooperation") in keys(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Spain has not supplied weapons to Morocco.",
        "Spain denied sending weapons to Morocco.",
        "Spain declined to join Morocco in the naval drills.",
        "Spain never delivered the promised tanks to Morocco.",
    ],
)
def test_negation_and_refusal_yield_no_claim(sentence: str) -> None:
    found = claims_of(sentence)
    assert not [c for c in found if c.key()[:2] == ("ESP", "MAR") and c.polarity == "cooperation"]


def test_hedge_keeps_the_claim_with_lower_confidence() -> None:
    plain = claims_of("Belgium supplied artillery shells to Ukraine.")
    hedged = claims_of("Belgium reportedly supplied artillery shells to Ukraine.")
    p = next(c for c in plain if c.dimension == "military")
    h = next(c for c in hedged if c.dimension == "military")
    assert h.modality == "hedged" and p.modality == "asserted"
    assert h.confidence < p.confidence


def test_plans_are_marked_planned() -> None:
    found = claims_of("Japan plans to build a gas pipeline with Mongolia.")
    energy = [c for c in found if c.dimension == "energy"]
    assert energy and energy[0].modality == "planned"


def test_tension_cues() -> None:
    found = claims_of("Chile and Bolivia remain locked in a bitter dispute over sea access.")
    assert ("BOL", "CHL", "diplomatic", "tension") in keys(found)
    sanctions = claims_of("In 2024 Canada imposed sanctions on Myanmar's generals.")
    assert ("CAN", "MMR", "transactional", "tension") in keys(sanctions)


def test_partner_named_by_section_heading() -> None:
    text = (
        "# Portugal's partners\n\n"
        "Portugal keeps a wide circle of friends.\n\n"
        "## Brazil: language and money\n\n"
        "Bilateral trade grew to $3.1 billion in 2023, and both countries coordinate in forums.\n"
    )
    found = claims_of(text, "text/markdown")
    claim = next(c for c in found if c.key() == ("BRA", "PRT", "transactional", "cooperation"))
    assert claim.quantity is not None
    assert claim.quantity.unit == "USD" and claim.quantity.value == pytest.approx(3.1e9)
    assert claim.quantity.year == 2023


def test_pronoun_refers_back_to_previous_subject() -> None:
    text = "India is Nepal's largest neighbour. It supplies most of Nepal's fuel."
    found = claims_of(text)
    energy = next(c for c in found if c.dimension == "energy")
    assert (energy.subject.id, energy.object.id) == ("IND", "NPL")


def test_venue_and_comparison_are_not_parties() -> None:
    found = claims_of("Peru and Ecuador signed a trade deal at talks in Geneva, unlike Colombia.")
    ids = {c.subject.id for c in found} | {c.object.id for c in found}
    assert "CHE" not in ids and "COL" not in ids
    assert ("ECU", "PER", "transactional", "cooperation") in keys(found)


def test_organisation_names_are_not_states() -> None:
    found = claims_of(
        "Austria backs Slovenia on energy, said a fellow at the Vienna Institute for Policy."
    )
    assert all("AUT" in c.key() and "SVN" in c.key() for c in found)


def test_membership_and_withdrawal_of_organisations() -> None:
    joined = claims_of("Sweden joined NATO in 2024.")
    assert ("SWE", "nato", "diplomatic", "cooperation") in {
        (c.subject.id, c.object.id, c.dimension, c.polarity) for c in joined
    }
    left = claims_of("Mali withdrew from ECOWAS in 2025.")
    assert any(c.object.id == "ecowas" and c.polarity == "tension" for c in left)


def test_non_state_actor_alias_and_backing() -> None:
    found = claims_of("Tehran arms and funds Ansar Allah, officials said.")
    claim = next(c for c in found if "houthis" in c.key())
    assert claim.subject.id == "IRN" and claim.dimension == "military"


def test_excluded_boilerplate_yields_nothing() -> None:
    text = (
        "Greece and Cyprus held joint exercises in 2024.\n"
        "Related Post\n"
        "Why Germany and France traded insults over football\n"
    )
    found = claims_of(text)
    ids = {c.subject.id for c in found} | {c.object.id for c in found}
    assert ids == {"GRC", "CYP"}


def test_evidence_is_the_text_at_its_offsets() -> None:
    text = "Norway and Denmark agreed on gas cooperation. Sweden sold fighter jets to Thailand."
    document = ingest_text("Note\n\n" + text, path="case.txt", media_type="text/plain")
    found = extract(document)
    assert found
    for claim in found:
        assert document.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_same_input_same_claims() -> None:
    text = "Qatar invested $2bn in Rwanda in 2021, and the two countries signed an accord."
    assert claims_of(text) == claims_of(text)


def test_reporting_state_is_a_source_not_a_party() -> None:
    found = claims_of("Laos sold timber to Vietnam last year, Thai officials said.")
    ids = {c.subject.id for c in found} | {c.object.id for c in found}
    assert "THA" not in ids and {"LAO", "VNM"} <= ids


def test_location_and_topic_mentions_are_not_parties() -> None:
    found = claims_of(
        "Oman and Kuwait signed a shipping accord after talks in waters off Yemen. "
        "Oman also joined the Syria talks."
    )
    ids = {c.subject.id for c in found} | {c.object.id for c in found}
    assert "YEM" not in ids and "SYR" not in ids


def test_several_actors_pair_by_position() -> None:
    found = claims_of("Qatar and Turkey held joint exercises, while Egypt criticised Israel.")
    assert ("QAT", "TUR", "military", "cooperation") in keys(found)
    assert ("EGY", "ISR", "diplomatic", "tension") in keys(found)
    assert not any(
        {"QAT", "ISR"} == set(k[:2]) or {"TUR", "EGY"} == set(k[:2]) for k in keys(found)
    )


def test_cooperation_against_a_third_party_does_not_pair_with_it() -> None:
    found = claims_of("Chad backs the Sudanese army against the Rapid Support Forces.")
    assert any(set(c.key()[:2]) == {"TCD", "SDN"} for c in found)
    assert not any("rsf" in c.key() and c.polarity == "cooperation" for c in found)


def test_leaders_act_for_their_state() -> None:
    found = claims_of("Vladimir Putin hosted Kassym-Jomart Tokayev for talks on gas supplies.")
    assert any(set(c.key()[:2]) == {"KAZ", "RUS"} for c in found)


def test_the_two_sides_refers_to_the_latest_pair() -> None:
    text = (
        "# Notes\n\n## Trade\n\nIndia bought Russian oil in 2023. Later the two sides agreed "
        "on a rupee payment system.\n"
    )
    found = claims_of(text, "text/markdown")
    assert ("IND", "RUS", "transactional", "cooperation") in keys(found)


def test_membership_of_several_organisations() -> None:
    found = claims_of("Finland is a member of the European Union and NATO.")
    objects = {c.object.id for c in found if c.subject.id == "FIN"}
    assert {"eu", "nato"} <= objects


def test_varied_quantity_forms_attach_with_their_year() -> None:
    found = claims_of(
        "In 2022 Azerbaijan exported 120,000 barrels per day of crude to Italy. "
        "Angola received a US$ 850 million loan from China in 2019."
    )
    energy = next(c for c in found if c.key() == ("AZE", "ITA", "energy", "cooperation"))
    assert energy.quantity and energy.quantity.unit == "barrels_per_day"
    assert energy.quantity.value == 120_000 and energy.quantity.year == 2022
    loan = next(c for c in found if c.key() == ("AGO", "CHN", "transactional", "cooperation"))
    assert loan.quantity and loan.quantity.unit == "USD" and loan.quantity.value == 850e6
    assert loan.quantity.year == 2019


def test_talks_between_two_named_sides() -> None:
    found = claims_of("Kenya hosted talks between Ethiopian and Eritrean officials.")
    assert ("ERI", "ETH", "diplomatic", "cooperation") in keys(found)


def test_demonym_before_a_noun_cue_is_its_agent() -> None:
    found = claims_of("Between 2015 and 2020 Chinese lenders extended $9 billion to Zambia.")
    loan = next(c for c in found if set(c.key()[:2]) == {"CHN", "ZMB"})
    assert loan.subject.id == "CHN" and loan.dimension == "transactional"


def test_target_of_something_else_is_not_opposed() -> None:
    found = claims_of("Brazil backs Bolivia at the UN and opposes resolutions targeting La Paz.")
    assert not [c for c in found if c.polarity == "tension"]
    assert ("BOL", "BRA", "diplomatic", "cooperation") in keys(found)


def test_organisation_modifying_a_noun_is_a_forum_and_a_membership() -> None:
    found = claims_of("Norway, a NATO member, buys Danish electricity.")
    assert any(c.subject.id == "NOR" and c.object.id == "nato" for c in found)
    assert ("DNK", "NOR", "energy", "cooperation") in keys(found)
    assert not any("nato" in c.key() and c.dimension == "energy" for c in found)


def test_list_items_do_not_share_a_subject() -> None:
    text = (
        "# Timeline\n\n## 2024\n\n- **March.** Peru signs a trade deal with Chile.\n"
        "- **May.** The IMF approves a loan of $2bn for the country.\n"
    )
    found = claims_of(text, "text/markdown")
    assert not any({"CHL", "imf"} == set(c.key()[:2]) for c in found)


def test_relative_clause_is_about_its_antecedent() -> None:
    found = claims_of(
        "Its closest partner is the European Union, whose trade agreement with Rabat dates "
        "from 2000."
    )
    assert any({"MAR", "eu"} == set(c.key()[:2]) for c in found)


def test_the_island_stands_for_the_focal_state() -> None:
    found = claims_of("Cuba is short of fuel. Mexico ships crude to the island every week.")
    assert ("CUB", "MEX", "energy", "cooperation") in keys(found)


def test_suspension_is_the_organisation_acting_on_the_state() -> None:
    found = claims_of("Mali was suspended from ECOWAS in 2021.")
    claim = next(c for c in found if "ecowas" in c.key())
    assert (claim.subject.id, claim.object.id, claim.polarity) == ("ecowas", "MLI", "tension")


def test_timeline_sections_date_their_sentences_and_money_wins() -> None:
    text = (
        "# Timeline\n\n## 2024\n\n"
        "Ghana agreed to buy 12 patrol boats from Turkey for 300 million euros.\n"
    )
    found = claims_of(text, "text/markdown")
    claim = next(c for c in found if set(c.key()[:2]) == {"GHA", "TUR"} and c.quantity)
    assert claim.year == 2024
    assert (claim.quantity.unit, claim.quantity.value, claim.quantity.year) == ("EUR", 3e8, 2024)


def test_contracted_negation_yields_no_claim() -> None:
    found = claims_of("Spain hasn't supplied weapons to Morocco, and Italy didn’t either.")
    assert not [c for c in found if c.key()[:2] == ("ESP", "MAR")]


def test_brussels_names_the_european_union_not_belgium() -> None:
    found = claims_of("Brussels and Tbilisi signed a trade agreement in March.")
    assert ("GEO", "eu", "transactional", "cooperation") in keys(found)
    assert not any("BEL" in (c.subject.id, c.object.id) for c in found)


def test_lifting_sanctions_is_cooperation_not_tension() -> None:
    found = claims_of("Last year Canada lifted sanctions on Bolivia's state airline.")
    assert ("BOL", "CAN", "transactional", "cooperation") in keys(found)
    assert not any(c.polarity == "tension" for c in found)


def test_sanctions_take_the_dimension_of_their_target() -> None:
    found = claims_of("Norway keeps sanctions on Sudan's oil sector.")
    assert ("NOR", "SDN", "energy", "tension") in keys(found)


def test_suspending_a_treaty_is_diplomatic_tension() -> None:
    found = claims_of("In May Peru suspended its fishing treaty with Chile.")
    assert ("CHL", "PER", "diplomatic", "tension") in keys(found)


def test_membership_of_coordinated_organisations() -> None:
    found = claims_of(
        "Tajikistan is landlocked. It belongs to the Collective Security Treaty Organization "
        "and the Eurasian Economic Union."
    )
    assert {
        ("TJK", "csto", "diplomatic", "cooperation"),
        ("TJK", "eaeu", "diplomatic", "cooperation"),
    } <= keys(found)


def test_organisation_after_at_the_is_a_venue() -> None:
    found = claims_of("Ghana's veto at the UN Security Council shielded Togo for years.")
    assert ("GHA", "TGO", "diplomatic", "cooperation") in keys(found)
    assert not any("unsc" in (c.subject.id, c.object.id) for c in found)


def test_directed_cue_reaches_listed_objects_only() -> None:
    found = claims_of(
        "Qatar sent advisers to Mali and to Niger, and many Chadians still remember Libya's raids."
    )
    pairs = {(c.subject.id, c.object.id) for c in found if c.dimension == "military"}
    assert {("QAT", "MLI"), ("QAT", "NER")} <= pairs
    assert ("QAT", "TCD") not in pairs and ("QAT", "LBY") not in pairs


def test_topic_nearest_the_verb_gives_the_dimension() -> None:
    found = claims_of("Uruguay bought a cargo of Brazilian crude, paying for it in dollars.")
    assert ("BRA", "URY", "energy", "cooperation") in keys(found)
    assert ("BRA", "URY", "transactional", "cooperation") not in keys(found)


def test_object_relative_clause_relates_its_subject_to_the_antecedent() -> None:
    found = claims_of("Peru faces the Shining Path, which Colombia's army has fought for years.")
    claim = next(c for c in found if c.dimension == "military" and c.polarity == "tension")
    assert claim.subject.id == "COL"


def test_price_goes_to_the_sale_it_completes() -> None:
    found = claims_of(
        "In 2023 Italy agreed to sell Chile six frigates for 1.1 billion euros, a deal."
    )
    sale = next(c for c in found if c.key() == ("CHL", "ITA", "military", "cooperation"))
    assert sale.quantity is not None and sale.quantity.unit == "EUR"


def test_relations_with_a_partner_that_sour_are_tension_between_the_two() -> None:
    found = claims_of("Chile's relations with Lima soured after a fishing dispute near Bolivia.")
    assert ("CHL", "PER", "diplomatic", "tension") in keys(found)
    assert not any("BOL" in (c.subject.id, c.object.id) for c in found)


def test_a_list_of_three_as_sources_of_friction_are_each_the_focal_actors_partners() -> None:
    found = claims_of(
        "Ghana is a regional power, and Ghana's diplomats are busy. Togo, Burkina Faso and "
        "Nigeria are the main sources of friction."
    )
    for other in ("TGO", "BFA", "NGA"):
        assert (*sorted(("GHA", other)), "diplomatic", "tension") in keys(found)
    assert ("BFA", "TGO", "diplomatic", "tension") not in keys(found)


def test_protest_against_a_state_targets_it() -> None:
    found = claims_of("Hanoi has protested against Manila's new coast guard law.")
    claim = next(c for c in found if c.key() == ("PHL", "VNM", "diplomatic", "tension"))
    assert claim.subject.id == "VNM"


def test_observer_and_seat_on_are_membership() -> None:
    found = claims_of("Mongolia is an observer in the Shanghai Cooperation Organisation.")
    assert ("MNG", "sco", "diplomatic", "cooperation") in keys(found)


def test_a_year_opening_a_timeline_line_dates_its_later_sentences() -> None:
    found = claims_of(
        "Timeline\n\n2021 - Talks resume. Algeria agrees to supply Tunisia with 2 million "
        "tonnes of gas a year.\n\n2022 - Little changes."
    )
    claim = next(c for c in found if c.key() == ("DZA", "TUN", "energy", "cooperation"))
    assert claim.quantity is not None and claim.quantity.year == 2021
    assert claim.year == 2021


def test_a_mediator_is_tied_to_each_side_not_the_sides_to_each_other() -> None:
    found = claims_of("Oman and Qatar are mediating between Iran and Bahrain this spring.")
    got = keys(found)
    for mediator in ("OMN", "QAT"):
        for side in ("IRN", "BHR"):
            assert (*sorted((mediator, side)), "diplomatic", "cooperation") in got
    assert ("BHR", "IRN", "diplomatic", "cooperation") not in got


def test_a_tension_act_undoes_the_tie_it_acts_on() -> None:
    found = claims_of("In March Kyiv downgraded diplomatic ties with Minsk.")
    assert ("BLR", "UKR", "diplomatic", "tension") in keys(found)
    assert ("BLR", "UKR", "diplomatic", "cooperation") not in keys(found)


def test_a_rival_in_apposition_does_not_undo_a_signed_deal() -> None:
    found = claims_of(
        "Qatar, for years a bitter rival, signed a free trade agreement with Bahrain in 2023."
    )
    assert ("BHR", "QAT", "transactional", "cooperation") in keys(found)


def test_possessor_of_a_supplier_noun_is_the_recipient() -> None:
    found = claims_of("Over the decade Brazil became Angola's main arms supplier.")
    claim = next(c for c in found if c.key() == ("AGO", "BRA", "military", "cooperation"))
    assert claim.subject.id == "BRA" and claim.directed


def test_demonym_before_a_commodity_names_its_supplier() -> None:
    found = claims_of("Algerian gas still powers most Tunisian factories.")
    claim = next(c for c in found if c.key() == ("DZA", "TUN", "energy", "cooperation"))
    assert claim.subject.id == "DZA"


def test_demonym_before_weapons_is_not_a_supplier() -> None:
    found = claims_of("Polish soldiers studied Russian drones shot down near the border.")
    assert not any(c.polarity == "cooperation" for c in found)


def test_an_embassy_in_a_capital_ties_to_its_state() -> None:
    found = claims_of("In 2022 Oman reopened its embassy in Tripoli.")
    assert ("LBY", "OMN", "diplomatic", "cooperation") in keys(found)


def test_a_capital_after_in_is_still_only_a_venue() -> None:
    found = claims_of("Ministers of Chad and Niger signed a trade deal in Paris.")
    assert not any("FRA" in (c.subject.id, c.object.id) for c in found)


def test_an_advocate_is_diplomatic_backing_of_the_possessor() -> None:
    found = claims_of("Over the years Belarus has been Serbia's most reliable advocate.")
    claim = next(c for c in found if c.key() == ("BLR", "SRB", "diplomatic", "cooperation"))
    assert claim.subject.id == "BLR"


def test_leading_together_takes_the_dimension_of_what_is_led() -> None:
    found = claims_of("Nigeria and Angola co-lead a regional oil producers' forum.")
    assert ("AGO", "NGA", "energy", "cooperation") in keys(found)


def test_shadowing_ships_is_military_tension() -> None:
    found = claims_of("A Dutch frigate shadowed Russian warships in the North Sea last week.")
    claim = next(c for c in found if c.key() == ("NLD", "RUS", "military", "tension"))
    assert claim.subject.id == "NLD"


def test_a_region_of_a_country_is_a_location_not_a_party() -> None:
    found = claims_of("Turkish drones struck PKK camps in northern Iraq in 2023.")
    assert not any("IRQ" in (c.subject.id, c.object.id) for c in found)
    assert ("TUR", "pkk", "military", "tension") in keys(found)


def test_countries_where_wars_are_fought_are_places() -> None:
    found = claims_of("Egypt and Qatar backed opposing sides in the wars in Sudan and Somalia.")
    named = {c.subject.id for c in found} | {c.object.id for c in found}
    assert not named & {"SDN", "SOM"}


def test_a_demonym_agent_acts_even_when_the_other_side_is_named_first() -> None:
    found = claims_of("Cuba's government has weathered a Canadian naval build-up off its coast.")
    claim = next(c for c in found if c.key() == ("CAN", "CUB", "military", "tension"))
    assert claim.subject.id == "CAN"


def test_a_subject_named_again_after_the_cue_still_acts() -> None:
    found = claims_of(
        "Norway is cautious. It keeps sanctions on Belarus and bars Minsk from Norwegian ports."
    )
    bars = [c for c in found if {c.subject.id, c.object.id} == {"BLR", "NOR"}]
    assert bars and all(c.subject.id == "NOR" for c in bars if c.directed)
