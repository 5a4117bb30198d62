"""The quantity and year recognisers on sentences written for these tests."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.extract.quantities import (
    QuantityMention,
    attach_year,
    find_quantities,
    find_years,
)

# (sentence, quantity text, value, unit, comparator, kind, year attached in the sentence)
# fmt: off
CASES: list[tuple[str, str, float, str, str, str, int | None]] = [
    ("Moscow signed a $4.2bn arms contract with Hanoi in 2019.",
     "$4.2bn", 4.2e9, "USD", "=", "money", 2019),
    ("The pipeline will cost $4.2 billion, officials said.",
     "$4.2 billion", 4.2e9, "USD", "=", "money", None),
    ("Ankara secured a US$ 850 million credit line during 2022.",
     "US$ 850 million", 8.5e8, "USD", "=", "money", 2022),
    ("The fund committed USD 1.5 billion to the port project.",
     "USD 1.5 billion", 1.5e9, "USD", "=", "money", None),
    ("Brussels released 1.1 billion euros in budget support in 2021.",
     "1.1 billion euros", 1.1e9, "EUR", "=", "money", 2021),
    ("A €300m loan from Paris arrived in March 2020.",
     "€300m", 3e8, "EUR", "=", "money", 2020),
    ("Rome pledged € 2bn for reconstruction.", "€ 2bn", 2e9, "EUR", "=", "money", None),
    ("London agreed a £1.2bn defence package.", "£1.2bn", 1.2e9, "GBP", "=", "money", None),
    ("Tokyo offered ¥20 billion in concessional loans.",
     "¥20 billion", 2e10, "JPY", "=", "money", None),
    ("Beijing extended ¥20 billion yuan through its policy banks.",
     "¥20 billion yuan", 2e10, "CNY", "=", "money", None),
    ("The central banks agreed a swap line of 20 billion yuan in 2018.",
     "20 billion yuan", 2e10, "CNY", "=", "money", 2018),
    ("Astana received RMB 5bn in trade finance.", "RMB 5bn", 5e9, "CNY", "=", "money", None),
    ("New Delhi approved Rs 5,000 crore for border roads.",
     "Rs 5,000 crore", 5e10, "INR", "=", "money", None),
    ("The ministry paid a grant of 2 lakh rupees.",
     "2 lakh rupees", 2e5, "INR", "=", "money", None),
    ("Abu Dhabi deposited AED 3 billion with the central bank.",
     "AED 3 billion", 3e9, "AED", "=", "money", None),
    ("The emirate promised 3 billion dirhams in 2017.",
     "3 billion dirhams", 3e9, "AED", "=", "money", 2017),
    ("Minsk borrowed 40 billion roubles from Moscow.",
     "40 billion roubles", 4e10, "RUB", "=", "money", None),
    ("Riyadh transferred 5 billion riyals to the fund.",
     "5 billion riyals", 5e9, "SAR", "=", "money", None),
    ("Tehran set aside 300 trillion rials for the militia budget.",
     "300 trillion rials", 3e14, "IRR", "=", "money", None),
    ("Seoul paid 3 billion USD for the frigates.",
     "3 billion USD", 3e9, "USD", "=", "money", None),
    ("The swap was worth 7 trillion won.", "7 trillion won", 7e12, "KRW", "=", "money", None),
    ("Lenders put up (about $5bn) in 2016.", "$5bn", 5e9, "USD", "~", "money", 2016),
    ("The bank lent 10 billion Hong Kong dollars.",
     "10 billion Hong Kong dollars", 1e10, "HKD", "=", "money", None),
    ("The bond raised USD1.5bn from Gulf investors.",
     "USD1.5bn", 1.5e9, "USD", "=", "money", None),
    ("The company sent 2,000 fighters to the country in 2019.",
     "2,000 fighters", 2000, "troops", "=", "troops", 2019),
    ("Kyiv received two billion dollars in budget aid.",
     "two billion dollars", 2e9, "USD", "=", "money", None),
    ("Trade between them surpassed $20 billion in 2023.",
     "$20 billion", 2e10, "USD", ">", "money", 2023),
    ("State lenders extended more than $60 billion to the government.",
     "$60 billion", 6e10, "USD", ">", "money", None),
    ("Exports exceeded $15 billion last year.", "$15 billion", 1.5e10, "USD", ">", "money", None),
    ("The arms package is worth nearly $142 billion.",
     "$142 billion", 1.42e11, "USD", "<", "money", None),
    ("The plant was built with a loan of up to $10 billion.",
     "$10 billion", 1e10, "USD", "<", "money", None),
    ("Bilateral trade reached about $50 billion in 2024.",
     "$50 billion", 5e10, "USD", "~", "money", 2024),
    ("Trade grew to $1.25 trillion over the decade.",
     "$1.25 trillion", 1.25e12, "USD", "=", "money", None),
    ("In fiscal 2024 the aid reached $700 million.",
     "$700 million", 7e8, "USD", "=", "money", 2024),
    ("An estimated 11,000 troops crossed the border in 2024.",
     "11,000 troops", 11000, "troops", "~", "troops", 2024),
    ("Moscow keeps some 3,000 troops at the base.",
     "3,000 troops", 3000, "troops", "~", "troops", None),
    ("Around 3,000 soldiers took part in the drills in 2021.",
     "3,000 soldiers", 3000, "troops", "~", "troops", 2021),
    ("Ankara sent 1,500 more Turkish soldiers to the island.",
     "1,500 more Turkish soldiers", 1500, "troops", "=", "troops", None),
    ("Tehran sent 200 military advisers to Damascus.",
     "200 military advisers", 200, "personnel", "=", "troops", None),
    ("The refinery processes 120,000 barrels per day.",
     "120,000 barrels per day", 120000, "barrels_per_day", "=", "volume", None),
    ("Exports climbed to 1.6 million barrels per day in 2022.",
     "1.6 million barrels per day", 1.6e6, "barrels_per_day", "=", "volume", 2022),
    ("The field produces 120,000 bpd.", "120,000 bpd", 120000, "barrels_per_day", "=", "volume",
     None),
    ("Output fell to 1.6m b/d.", "1.6m b/d", 1.6e6, "barrels_per_day", "=", "volume", None),
    ("The buyer takes roughly 1.6 million barrels of Russian crude a day.",
     "1.6 million barrels of Russian crude a day", 1.6e6, "barrels_per_day", "~", "volume", None),
    ("The tankers carried 2 million barrels of diesel.",
     "2 million barrels", 2e6, "barrels", "=", "volume", None),
    ("The pipeline carries 10 billion cubic metres of gas a year.",
     "10 billion cubic metres", 1e10, "cubic_metres", "=", "volume", None),
    ("Deliveries reached 38 bcm in 2019.", "38 bcm", 3.8e10, "cubic_metres", "=", "volume", 2019),
    ("Moscow agreed to ship 1.2 million tonnes of wheat.",
     "1.2 million tonnes", 1.2e6, "tonnes", "=", "volume", None),
    ("The new plant adds 1,200 MW to the grid by 2026.",
     "1,200 MW", 1200, "megawatts", "=", "volume", 2026),
    ("The interconnector will carry 2 GW of power.",
     "2 GW", 2000, "megawatts", "=", "volume", None),
    ("The two sides signed a 20-year deal in 2021.",
     "20-year", 20, "years", "=", "duration", 2021),
    ("A 25-year agreement covers oil and infrastructure.",
     "25-year", 25, "years", "=", "duration", None),
    ("Moscow will lease the port for 10 years.", "10 years", 10, "years", "=", "duration", None),
    ("The partnership has lasted two decades.", "two decades", 20, "years", "=", "duration", None),
    ("Cairo ordered 12 fighter jets from Paris.",
     "12 fighter jets", 12, "aircraft", "=", "count", None),
    ("Algiers took delivery of 24 Su-35 jets.", "24 Su-35 jets", 24, "aircraft", "=", "count",
     None),
    ("Paris will supply 36 CAESAR howitzers.",
     "36 CAESAR howitzers", 36, "howitzers", "=", "count", None),
    ("Belgrade agreed to buy a dozen drones.", "a dozen drones", 12, "drones", "=", "count", None),
    ("Washington offered a billion dollars in credits.",
     "a billion dollars", 1e9, "USD", "=", "money", None),
    ("The terminal can load half a million barrels a day.",
     "half a million barrels a day", 5e5, "barrels_per_day", "=", "volume", None),
    ("Minsk freed 52 prisoners after the talks.", "52 prisoners", 52, "prisoners", "=", "count",
     None),
    ("The Assembly voted 185 to 3 against the blockade in 2022.",
     "185 to 3", 185, "votes", "=", "count", 2022),
    ("The state firm bought a 49% stake in the refinery in 2018.",
     "49%", 49, "percent", "=", "percent", 2018),
    ("China accounts for roughly 60 per cent of its trade.",
     "60 per cent", 60, "percent", "~", "percent", None),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "comp", "kind", "year"), CASES)
def test_quantity_table(
    sentence: str, text: str, value: float, unit: str, comp: str, kind: str, year: int | None
) -> None:
    found = find_quantities(sentence)
    assert len(found) == 1, found
    q = found[0]
    assert (q.text, q.unit, q.comparator, q.kind) == (text, unit, comp, kind)
    assert q.value == value, (q.value, value)
    assert sentence[q.start : q.end] == q.text
    years = find_years(sentence)
    assert attach_year(q, years, 0, len(sentence), text=sentence) == year


def test_values_are_exact_to_the_stated_digits() -> None:
    for text, value in [
        ("$4.2bn", 4200000000.0),
        ("€1.1 billion", 1100000000.0),
        ("$0.3 million", 300000.0),
        ("$2.35 trillion", 2350000000000.0),
    ]:
        (q,) = find_quantities(f"It cost {text} in all.")
        assert q.value == value
        assert q.value.is_integer()


NEGATIVES = [
    "On 14 October Russian troops crossed the river.",
    "The G20 summit opened in Delhi.",
    "The F-16 and the S-400 systems were discussed.",
    "Call +1 202 555 0100 for details.",
    "The report runs to 300 pages, see page 212.",
    "In 2023 troops withdrew from the town.",
    "The 102nd brigade and the 3rd fleet stayed.",
    "A 45-year-old officer was arrested.",
    "The treaty was signed 20 years ago.",
    "Relations cooled in the 1990s and again in the 2020s.",
    "Article 5 of the treaty applies.",
    "The base has a 300m runway.",
    "The talks began at 10:30 on 14/10/2024.",
    "5G networks and MiG-29 upgrades were on the agenda.",
    "Sanctions were tightened in mid-2024 and in 2023-24.",
    "The match ended 3-1.",
    "Two years later the embassy reopened.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_offsets_are_absolute_and_sorted() -> None:
    text = "Trade rose to $20 billion in 2023 from $15 billion in 2022, with 3,000 troops there."
    found = find_quantities(text, base=1000)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert [q.text for q in found] == ["$20 billion", "$15 billion", "3,000 troops"]
    for q in found:
        assert text[q.start - 1000 : q.end - 1000] == q.text
    years = find_years(text, base=1000)
    attached = [attach_year(q, years, 1000, 1000 + len(text)) for q in found[:2]]
    assert attached == [2023, 2022]


def test_year_attaches_within_its_own_clause() -> None:
    text = "In 2021 the two sides signed a deal worth $3 billion; in 2022 they widened it."
    (q,) = find_quantities(text)
    years = find_years(text)
    assert attach_year(q, years, 0, len(text), text=text) == 2021
    # Without the text there are no clauses to see: the nearest cued year wins.
    assert attach_year(q, years, 0, len(text)) == 2022
    # Years outside the sentence bounds are never used.
    assert attach_year(q, years, 10, 55) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signed in 2023", [(2023, "in")]),
        ("ties since 2019 have grown", [(2019, "since")]),
        ("2021's deal", [(2021, "")]),
        ("the treaty (2024)", [(2024, "")]),
        ("in fiscal 2024", [(2024, "fiscal")]),
        ("the 2023-24 budget", [(2023, "")]),
        ("loans made 2007-2015", [(2007, ""), (2015, "")]),
        ("in June 2022 they met", [(2022, "in")]),
        ("by mid-2024", [(2024, "mid")]),
        ("a grant of $2023 million", []),
        ("some 2,023 troops", []),
        ("a 2023 million euro fund", []),
        ("the Su-2000 prototype", []),
        ("in 1850 and 2150", []),
        ("version 2023.1", []),
    ],
)
def test_find_years(text: str, expected: list[tuple[int, str]]) -> None:
    found = find_years(text, base=5)
    assert [(y.year, y.cue) for y in found] == expected
    for y in found:
        assert text[y.start - 5 : y.end - 5] == str(y.year)


def _mixed_megabyte() -> tuple[str, int]:
    """About 1 MB of news-like text: each table sentence inside a paragraph of prose full of
    numbers that are not amounts (about one amount per 700 characters, as in the dev corpus)."""
    filler = (
        "Officials met on 14 October at 10:30 to discuss the G20 agenda, F-16 spare parts and "
        "the S-400 question, and a 300-page report was tabled in Geneva. Diplomats said that "
        "relations had improved since the 1990s, that the 102nd brigade would stay where it was, "
        "and that a further round of consultations was planned for the autumn. The minister, who "
        "spoke for about an hour, took questions on Article 5, the 2023-24 budget and the status "
        "of the talks, which have been held in several capitals. "
    )
    block = "".join(filler + case[0] + " " for case in CASES)
    copies = math.ceil(1_000_000 / len(block))
    return block * copies, copies


def test_throughput_on_a_megabyte() -> None:
    text, copies = _mixed_megabyte()
    find_quantities("warm-up: $1 billion")
    started = time.perf_counter()
    found = find_quantities(text)
    years = find_years(text)
    elapsed = time.perf_counter() - started
    rate = len(text) / 1_000_000 / elapsed
    print(f"\nquantities+years: {len(text) / 1e6:.2f} MB in {elapsed:.3f} s = {rate:.1f} MB/s")
    assert len(found) == len(CASES) * copies
    assert len(years) >= copies
    assert rate > 0.3  # the target is > 5 MB/s; this bound only catches a pathological regex


def test_mentions_are_frozen_records() -> None:
    (q,) = find_quantities("The deal is worth $5bn.")
    assert isinstance(q, QuantityMention)
    with pytest.raises(AttributeError):
        q.value = 1.0  # type: ignore[misc]


_TOKENS = [
    "$",
    "US$",
    "€",
    "¥",
    "Rs",
    "RMB",
    "USD",
    "4.2",
    "1,200",
    "2023",
    "3",
    "two",
    "a",
    "billion",
    "bn",
    "m",
    "crore",
    "yuan",
    "dollars",
    "troops",
    "-year",
    "years",
    "ago",
    "per day",
    "barrels",
    "bpd",
    "%",
    "Su-35",
    "jets",
    "more than",
    "about",
    "(",
    ")",
    "voted",
    "to",
    "-",
    " ",
    ",",
    ".",
    "\u00a0",
    "in",
    "MW",
    "half a",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=25))
def test_any_text_gives_consistent_mentions(tokens: list[str]) -> None:
    text = " ".join(tokens)
    found = find_quantities(text, base=7)
    assert [(q.start, q.end) for q in found] == sorted((q.start, q.end) for q in found)
    for q in found:
        assert text[q.start - 7 : q.end - 7] == q.text
        assert q.comparator in {"=", ">", "<", "~"}
        assert q.kind in {"money", "volume", "troops", "duration", "count", "percent"}
        assert q.value >= 0
    for y in find_years(text):
        assert 1900 <= y.year <= 2099
