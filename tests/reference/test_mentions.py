"""find_mentions on sentences written for these tests (tests/data/reference/mentions.tsv)."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from allegiance.reference import VIAS, load_gazetteer
from allegiance.resources import read_tsv

CASES = read_tsv(Path(__file__).parent.parent / "data" / "reference" / "mentions.tsv")


def _expected(cell: str) -> list[tuple[str, str, str]]:
    out = []
    for item in filter(None, (part.strip() for part in cell.split(" ; "))):
        surface, rest = item.rsplit("=", 1)
        actor_id, via = rest.split("/")
        out.append((surface, actor_id, via))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_sentence(case: dict[str, str]) -> None:
    text = case["text"].replace("\\n", "\n")
    found = [(m.surface, m.actor.id, m.via) for m in load_gazetteer().find_mentions(text)]
    assert found == _expected(case["expected"])


def test_offsets_are_absolute_and_exact() -> None:
    text = "Talks between Iran’s envoy and the Kremlin resumed."
    for offset in (0, 1000):
        for m in load_gazetteer().find_mentions(text, start_offset=offset):
            assert text[m.start - offset : m.end - offset] == m.surface
            assert m.via in VIAS
    assert [m.start for m in load_gazetteer().find_mentions(text, 1000)] == [1014, 1031]


def test_mentions_never_overlap_and_are_ordered() -> None:
    text = (
        "Papua New Guinea, the Russian Federation armed forces, U.S. Central Command, "
        "Turkish-backed Syrian National Army and Iran's Revolutionary Guards met in "
        "Washington, D.C."
    )
    mentions = load_gazetteer().find_mentions(text)
    assert len(mentions) >= 6
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


def test_organ_mentions_carry_their_source() -> None:
    by_surface = {
        m.surface: m
        for m in load_gazetteer().find_mentions("The Pentagon and Chinese lenders disagreed.")
    }
    assert by_surface["The Pentagon"].detail == "pentagon"
    assert by_surface["Chinese lenders"].detail == "{demonym} lenders"


def test_ambiguous_surfaces_are_reported() -> None:
    assert load_gazetteer().ambiguous["congolese"] == ("COD", "COG")


def test_scanning_a_megabyte_stays_linear() -> None:
    """A guard against pathological slowdowns (backtracking, quadratic scans), not a benchmark:
    shared CI machines vary several-fold, so the bound is loose; `bench/` measures speed."""
    paragraph = (
        "Officials in Tehran said on Monday that Iran’s foreign ministry had summoned the envoy "
        "after U.S. and British warships entered the strait, while the Kremlin and Beijing urged "
        "restraint and Hezbollah, the Houthis and Iraqi militias threatened to respond. Trade in "
        "yuan between Russia and China rose, and the IMF warned about lending by Chinese banks.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    gazetteer = load_gazetteer()
    start = time.perf_counter()
    mentions = gazetteer.find_mentions(text)
    elapsed = time.perf_counter() - start
    assert len(mentions) > 10_000
    assert len(text) / elapsed > 200_000, f"{len(text) / elapsed / 1e6:.2f} MB/s"


def test_word_prefilter_changes_no_mention() -> None:
    """``find_mentions`` first asks the shared word index whether any surface can start in the
    text; the mentions are those found without asking, on the test sentences and on variants
    that cut, glue, hyphenate and re-case them."""
    import copy
    import random

    gazetteer = load_gazetteer()
    unfiltered = copy.copy(gazetteer)
    unfiltered._first_words = None
    rng = random.Random(7)
    texts = [c["text"].replace("\\n", "\n") for c in CASES]
    surfaces = sorted({" ".join(e.split()) for t in texts for e in t.split(",")})
    for _ in range(400):
        words = rng.choice(texts).split() + rng.choice(surfaces).split()
        rng.shuffle(words)
        glue = rng.choice([" ", "-", " the ", "’s ", "\n\n", "—"])
        text = glue.join(words[: rng.randrange(1, 12)])
        texts.append(rng.choice([text, text.upper(), text.lower(), text.title()]))
    hits = 0
    for text in texts:
        expected = unfiltered.find_mentions(text, 5)
        assert gazetteer.find_mentions(text, 5) == expected, text
        hits += bool(expected)
    assert hits > 50
