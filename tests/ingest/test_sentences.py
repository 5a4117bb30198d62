from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.ingest.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing became an infrastructure investee.In 2023, trade grew.",
            ["Beijing became an infrastructure investee.", "In 2023, trade grew."],
        ),
        (
            "Ankara is a rival and an occasional ally.While they differ, they trade.",
            ["Ankara is a rival and an occasional ally.", "While they differ, they trade."],
        ),
        (
            "Following the U.S.withdrawal, Moscow moved closer. It was quick.",
            ["Following the U.S.withdrawal, Moscow moved closer.", "It was quick."],
        ),
        ("After the U.S.invasion of Iraq in 2003, ties grew.", None),
        ("Support came from the U.S. and the U.K. after the vote.", None),
        ("The U.S. Navy sent two ships to the strait.", None),
        (
            "Sanctions were imposed by the U.S. The move angered Caracas.",
            ["Sanctions were imposed by the U.S.", "The move angered Caracas."],
        ),
        ("Mr. Okafor met Dr. Lindqvist in St. Petersburg on Monday.", None),
        ("The deal, worth $4.2bn, was signed on Jan. 12 in Lima.", None),
        ("Resolution No. 2231 was cited, e.g. by Iran, vs. the others.", None),
        ("J. R. Moreno chaired the talks in Quito.", None),
        (
            "Is the pact dead? Officials say no! \u201cIt is alive,\u201d said one.",
            ["Is the pact dead?", "Officials say no!", "\u201cIt is alive,\u201d said one."],
        ),
        (
            "\u201cWe will stay,\u201d he said. \u201cWe will not leave.\u201d Then he left.",
            [
                "\u201cWe will stay,\u201d he said.",
                "\u201cWe will not leave.\u201d",
                "Then he left.",
            ],
        ),
        (
            "Trade rose 12% in 2024. 2025 may be better.",
            ["Trade rose 12% in 2024.", "2025 may be better."],
        ),
        (
            "Energy ties grew. > \u201cWe are partners,\u201d a minister said.",
            ["Energy ties grew.", "\u201cWe are partners,\u201d a minister said."],
        ),
        (
            "A sentence wrapped by a scraper after the U.S.\ninfluence grew in the region.",
            None,
        ),
        (
            "First paragraph ends here\n\nsecond starts lowercase",
            ["First paragraph ends here", "second starts lowercase"],
        ),
    ],
)
def test_cases(text: str, expected: list[str] | None) -> None:
    assert texts(text) == (expected if expected is not None else [text])


def test_offsets_respect_window_and_strip_space() -> None:
    text = "xx  One here. Two there.  yy"
    spans = split_sentences(text, 2, 26)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there."]
    assert spans[0][0] == 4


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []


ALPHABET = st.sampled_from(
    [*"aAbBzZ .!?,;:\"'\u201c\u201d\u2019()>\n\t0123456789$%", "U.S.", "Mr. ", "e.g. ", "\n\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join), st.data())
def test_spans_are_exact_ordered_and_cover_text(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    spans = split_sentences(text, lo, hi)
    previous_end = lo
    for start, end in spans:
        assert previous_end <= start < end <= hi
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    # Nothing but whitespace and quote markers is left outside the spans.
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    leftovers = {text[i] for i in range(lo, hi) if i not in covered}
    assert all(ch.isspace() or ch == ">" for ch in leftovers)
