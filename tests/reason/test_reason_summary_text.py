"""The relations graph is written as N-Triples text made by hand (``summary_ntriples``); it
must be exactly what Oxigraph writes for those triples, or its content hash would differ from
the one ``replace_graph`` gives the same triples, and a rebuild would rewrite it."""

from __future__ import annotations

import pyoxigraph as ox

from allegiance.reason.summary import Tally, member_ties, summary_ntriples, summary_triples
from allegiance.store.canonical import content_hash, ntriples_digest, serialize

CLAIM = "https://w3id.org/allegiance/id/claim/"
CLAIMS = [f"{CLAIM}c3", f"{CLAIM}c1", f"{CLAIM}c2"]
TALLIES = {
    ("IRN", "RUS", "military", "cooperation"): Tally(3, {"d1", "d2"}, 0.85, CLAIMS),
    ("RUS", "IRN", "military", "cooperation"): Tally(3, {"d1", "d2"}, 0.85, CLAIMS[::-1]),
    ("IRN", "hezbollah", "transactional", "cooperation"): Tally(1, {"d3"}, 1.0),
    ("ISR", "IRN", "diplomatic", "tension"): Tally(12, {"d4"}, 0.3333333),
    ("CHN", "IRN", "energy", "cooperation"): Tally(2, {"d5"}, 0.0),
}


def test_the_text_is_oxigraphs_serialisation_of_its_triples() -> None:
    text = summary_ntriples(TALLIES)
    triples = summary_triples(TALLIES)
    assert len(triples) == 8 * len(TALLIES) + 2 * len(CLAIMS)
    assert serialize(triples) == text
    assert ntriples_digest(text) == (content_hash(triples), len(triples))


def test_every_summary_has_its_counts_and_types() -> None:
    triples = summary_triples(TALLIES)
    alg = "https://w3id.org/allegiance/ontology#"
    by_predicate: dict[str, list[ox.Triple]] = {}
    for triple in triples:
        by_predicate.setdefault(triple.predicate.value, []).append(triple)
    counts = sorted(int(t.object.value) for t in by_predicate[f"{alg}claimCount"])
    assert counts == sorted(t.claims for t in TALLIES.values())
    confidences = {t.object.value for t in by_predicate[f"{alg}maxConfidence"]}
    assert confidences == {"0.85", "1.0", "0.333", "0.0"}
    assert len(by_predicate[f"{alg}summarisedActor"]) == len(TALLIES)


def test_every_summary_names_the_claims_it_counts() -> None:
    """``countsClaim`` is how the pair and listing templates reach the claims from a summary;
    the claims are written sorted, so the text does not depend on the order they were read in."""
    alg = "https://w3id.org/allegiance/ontology#"
    named: dict[str, list[str]] = {}
    for triple in summary_triples(TALLIES):
        if triple.predicate.value == f"{alg}countsClaim":
            named.setdefault(triple.subject.value.rsplit("/summary/", 1)[1], []).append(
                triple.object.value
            )
    assert named == {
        "IRN/RUS/military/cooperation": sorted(CLAIMS),
        "RUS/IRN/military/cooperation": sorted(CLAIMS),
    }


MEMBERSHIPS = {"IRN": frozenset({"opec", "sco"}), "RUS": frozenset({"sco"}),
               "CHN": frozenset({"sco"}), "hezbollah": frozenset()}


def test_member_ties_keep_the_summaries_with_fellow_members() -> None:
    """organisation-members reads these instead of every summary of each member: a member's
    summaries whose counterpart shares the organisation, one ties node per member with any."""
    ties = member_ties(TALLIES, MEMBERSHIPS)
    assert ties == {
        ("sco", "IRN"): [("IRN", "RUS", "military", "cooperation")],
        ("sco", "RUS"): [("RUS", "IRN", "military", "cooperation")],
        ("sco", "CHN"): [("CHN", "IRN", "energy", "cooperation")],
    }
    text = summary_ntriples(TALLIES, MEMBERSHIPS)
    triples = summary_triples(TALLIES, MEMBERSHIPS)
    assert serialize(triples) == text  # still Oxigraph's own serialisation, byte for byte
    fellow = "https://w3id.org/allegiance/ontology#fellowSummary"
    assert sorted(t.object.value.rsplit("/summary/", 1)[1] for t in triples
                  if t.predicate.value == fellow) == [
        "CHN/IRN/energy/cooperation", "IRN/RUS/military/cooperation",
        "RUS/IRN/military/cooperation"]


def test_summaries_in_both_polarities_name_each_other() -> None:
    """A pair and dimension with cooperation and tension (a contradiction) is linked both ways
    by otherPolarity; a summary with no sibling in the other polarity has no link."""
    tallies = {
        **TALLIES,
        ("IRN", "RUS", "military", "tension"): Tally(1, {"d9"}, 0.5),
        ("RUS", "IRN", "military", "tension"): Tally(1, {"d9"}, 0.5),
    }
    other = "https://w3id.org/allegiance/ontology#otherPolarity"
    links = sorted(
        (t.subject.value.rsplit("/summary/", 1)[1], t.object.value.rsplit("/summary/", 1)[1])
        for t in summary_triples(tallies) if t.predicate.value == other
    )
    assert links == [
        ("IRN/RUS/military/cooperation", "IRN/RUS/military/tension"),
        ("IRN/RUS/military/tension", "IRN/RUS/military/cooperation"),
        ("RUS/IRN/military/cooperation", "RUS/IRN/military/tension"),
        ("RUS/IRN/military/tension", "RUS/IRN/military/cooperation"),
    ]
    assert serialize(summary_triples(tallies)) == summary_ntriples(tallies)
