"""Actors and aliases a user adds with --gazetteer, without touching code."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.reference import load_gazetteer
from allegiance.reference.user import UserGazetteerError

DATA = Path(__file__).resolve().parents[1] / "data" / "reference"


def test_tsv_adds_new_actors_and_aliases_of_known_ones() -> None:
    gazetteer = load_gazetteer((str(DATA / "user-gazetteer.tsv"),))
    azov = gazetteer.actor("azov-brigade")
    assert (azov.label, azov.kind) == ("Azov Brigade", "non-state")
    mentions = gazetteer.find_mentions("Azov Regiment fighters met envoys of the Islamic Republic.")
    assert [(m.actor.id, m.surface) for m in mentions] == [
        ("azov-brigade", "Azov Regiment"),
        ("IRN", "the Islamic Republic"),
    ]
    assert gazetteer.info("IRN").label == "Iran"  # extended, not replaced
    assert gazetteer.info("azov-brigade").active_in == ("UKR",)


def test_turtle_in_the_reference_vocabulary() -> None:
    gazetteer = load_gazetteer((str(DATA / "user-gazetteer.ttl"),))
    assert gazetteer.actor("lake-chad-commission").kind == "igo"
    assert [m.actor.id for m in gazetteer.find_mentions("Chad asked the LCBC for help.")] == [
        "TCD",
        "lake-chad-commission",
    ]


def test_the_default_gazetteer_is_unchanged() -> None:
    assert load_gazetteer().get("azov-brigade") is None


@pytest.mark.parametrize(
    ("name", "message"),
    [("bad-gazetteer.tsv", "line 2: id 'Bad Id'"), ("missing.tsv", "no such gazetteer file")],
)
def test_bad_files_are_one_line_errors_naming_the_file(name: str, message: str) -> None:
    with pytest.raises(UserGazetteerError) as caught:
        load_gazetteer((str(DATA / name),))
    assert str(DATA / name) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)
