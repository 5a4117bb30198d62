"""Amounts stated in text: money, oil and gas volumes, troops, durations, counts, percentages.

A claim may carry the amount its sentence gives (GOLD.md: value, unit, year). The recogniser is
anchored on numbers: each number (digits or a spelled-out one) is read outwards, a currency sign
or code before it, a scale word and a unit after it, a comparator word before it all. A number
with no unit is not an amount, which is what keeps dates, page counts, phone numbers, ordinals
and model names (Su-35, G20) out. All the words involved live in ``lexicon/units.toml``.

Values are computed with ``Decimal`` so that "4.2bn" is exactly 4200000000.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from allegiance.extract.terms import lowered_words
from allegiance.extract.years import (
    YearMention,
    alternation,
    attach_year,
    find_years,
    trie_alternation,
)
from allegiance.resources import load_toml

__all__ = ["QuantityMention", "YearMention", "attach_year", "find_quantities", "find_years"]

_SPACE = "[ \u00a0]"
_WORD_START = r"(?<!\w.)"  # after a word's first character: nothing glued before it
_ONE = Decimal(1)
_OPENERS = "([{\"'\u201c\u2018"  # may stand glued before a comparator: "(about $5bn)"
# Starts with a class so that the regex engine can skip to digits (see years.trie_alternation).
_DIGITS = re.compile(r"(?P<digits>\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?)")


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    text: str
    value: float
    unit: str
    comparator: str  # '=', '>', '<', '~'
    kind: str  # money | volume | troops | duration | count | percent


@dataclass(frozen=True)
class _Unit:
    name: str
    kind: str
    multiplier: Decimal
    per_day: str


_Reading = tuple[str, str, Decimal, int]


@dataclass(frozen=True)
class _Lexicon:
    words_scan: re.Pattern[str]
    number_tails: frozenset[str] | None
    """The last word of every spelled-out number, lowercased (None: scan every text)."""
    word_values: dict[str, Decimal]
    word_multipliers: frozenset[str]
    scales: dict[str, Decimal]
    scale: re.Pattern[str]
    prefix: re.Pattern[str]
    prefixes: dict[str, str]
    prefix_ends: frozenset[str]
    currency_after: re.Pattern[str]
    currency_words: dict[str, str]
    hyphen: re.Pattern[str]
    abbreviation: re.Pattern[str]
    phrase: re.Pattern[str]
    units_ci: dict[str, _Unit]
    units_cs: dict[str, _Unit]
    hyphen_units: dict[str, _Unit]
    rate: re.Pattern[str]
    duration_stop: re.Pattern[str]
    comparators: dict[str, str]
    comparator_words: int
    tally_before: re.Pattern[str]
    tally_score: re.Pattern[str]
    tally: _Unit
    year_low: int
    year_high: int
    money_units: bool
    """Whether a unit after a number can make it money (else only a currency can)."""


def _fold(phrase: str) -> str:
    """Key for case-insensitive look-ups; folds the non-breaking space as well."""
    return " ".join(phrase.lower().split())


@cache
def _lexicon() -> _Lexicon:
    lex = load_toml("lexicon", "units.toml")
    words = {_fold(k): Decimal(v) for k, v in lex["numbers"].items()}
    scale_words = {k.lower(): Decimal(v) for k, v in lex["scales"]["words"].items()}
    suffixes = {k.lower(): Decimal(v) for k, v in lex["scales"]["suffixes"].items()}
    scale_alt = alternation(list(scale_words), "i")
    # Spelled-out numbers are scanned apart from digits, in lower case and capitalised (at the
    # start of a sentence), each scan starting with a literal or a class: see trie_alternation.
    cased = [v for w in words for v in (w, w[:1].upper() + w[1:])]
    word_alt = trie_alternation(cased)
    first_word = trie_alternation(cased, _WORD_START)
    words_scan = re.compile(rf"(?P<words>{first_word}(?:[- ]{word_alt})*)\b")
    scale = re.compile(
        rf"(?P<glued>{alternation(list(scale_words) + list(suffixes), 'i')})(?![\w/])"
        rf"|{_SPACE}+(?P<spaced>{scale_alt})\b"
    )
    currency = lex["currency"]
    prefixes = dict(currency["prefixes"]) | {code: code for code in currency["codes"]}
    prefix = re.compile(rf"(?<![A-Za-z])(?P<p>{alternation(list(prefixes))}){_SPACE}?\Z")
    currency_words = {_fold(k): v for k, v in currency["words"].items()}
    currency_after = re.compile(
        rf"{_SPACE}+(?P<w>{alternation(list(currency['words']), 'i')})(?!\w)"
        rf"|{_SPACE}?(?P<code>{alternation(currency['codes'])})(?![\w])"
    )
    units_ci: dict[str, _Unit] = {}
    units_cs: dict[str, _Unit] = {}
    hyphen_units: dict[str, _Unit] = {}
    for entry in lex["units"]:
        unit = _Unit(
            name=entry["name"],
            kind=entry["kind"],
            multiplier=Decimal(entry.get("multiplier", 1)),
            per_day=entry.get("per_day", ""),
        )
        units_ci.update({_fold(p): unit for p in entry.get("phrases", [])})
        units_cs.update({a: unit for a in entry.get("abbreviations", [])})
        hyphen_units.update({_fold(h): unit for h in entry.get("hyphen", [])})
    mods = lex["modifiers"]
    not_mod = alternation(mods["not_words"])
    modifier = (
        rf"(?:(?!{not_mod}\b)[A-Z][\w'\u2019.]*(?:-\w+)*"
        rf"|[A-Za-z]+-?\d+[\w-]*|{alternation(mods['words'], 'i')})"
    )
    phrase = re.compile(
        rf"{_SPACE}+(?:{modifier}{_SPACE}+){{0,{int(mods['max'])}}}?"
        rf"(?P<u>{alternation(list(units_ci), 'i')})(?!\w)"
    )
    comparators = {_fold(w): sign for sign, ws in lex["comparators"].items() for w in ws}
    tallies = lex["tallies"]
    return _Lexicon(
        words_scan=words_scan,
        number_tails=_tails(cased),
        word_values=words,
        word_multipliers=frozenset(lex["number_multipliers"]["words"]),
        scales=scale_words | suffixes,
        scale=scale,
        prefix=prefix,
        prefixes=prefixes,
        prefix_ends=frozenset(p[-1] for p in prefixes),
        currency_after=currency_after,
        currency_words=currency_words,
        hyphen=re.compile(rf"[-\u2011](?P<u>{alternation(list(hyphen_units), 'i')})(?![\w])"),
        abbreviation=re.compile(rf"{_SPACE}?(?P<u>{alternation(list(units_cs))})(?![\w])"),
        phrase=phrase,
        units_ci=units_ci,
        units_cs=units_cs,
        hyphen_units=hyphen_units,
        rate=re.compile(
            rf"(?:{_SPACE}+of(?:{_SPACE}+[\w-]+){{1,{int(lex['rates']['of_words'])}}}?)?"
            rf"{_SPACE}*{alternation(lex['rates']['per_day'], 'i')}(?!\w)"
        ),
        duration_stop=re.compile(
            rf"(?:{_SPACE}+|-){alternation(lex['exclude']['duration_after'], 'i')}\b"
        ),
        comparators=comparators,
        comparator_words=max(len(c.split()) for c in comparators),
        tally_before=re.compile(rf"(?<!\w){alternation(tallies['before'], 'i')}{_SPACE}+\Z"),
        tally_score=re.compile(
            rf"{_SPACE}*{alternation(tallies['between'], 'i')}{_SPACE}*\d+(?![\w,.]\d)"
            rf"(?P<after>{_SPACE}+{alternation(tallies['after'], 'i')}\b)?"
        ),
        tally=_Unit(tallies["unit"], tallies["kind"], Decimal(1), ""),
        year_low=int(lex["years"]["min"]),
        year_high=int(lex["years"]["max"]),
        money_units=any(
            u.kind == "money" for t in (units_ci, units_cs, hyphen_units) for u in t.values()
        ),
    )


def _tails(numbers: list[str]) -> frozenset[str] | None:
    """Last word of each spelled-out number. A match of ``words_scan`` starts and ends on word
    boundaries, so the text holds each word of the number it matched as a whole word."""
    tails = set()
    for number in numbers:
        runs = re.findall(r"\w+", number)
        if not runs:
            return None
        tails.add(runs[-1].lower())
    return frozenset(tails)


def _may_spell_numbers(text: str, lex: _Lexicon) -> bool:
    """Whether ``words_scan`` can match: most sentences name no number in words, and looking
    at their words is cheaper than that scan."""
    if lex.number_tails is None:
        return True
    words = lowered_words(text)
    if not lex.number_tails.isdisjoint(words):
        return True
    return "-" in text and any(
        "-" in w and not lex.number_tails.isdisjoint(w.split("-")) for w in words
    )


def _word_value(phrase: str, lex: _Lexicon) -> Decimal:
    """'two hundred' = 200, 'twenty-five' = 25, 'a dozen' = 12."""
    folded = _fold(phrase.replace("-", " "))
    if folded in lex.word_values:
        return lex.word_values[folded]
    total = Decimal(0)
    for token in folded.split():
        v = lex.word_values.get(token, Decimal(0))
        total = total * v if token in lex.word_multipliers and total else total + v
    return total


def _left_blocked(text: str, start: int) -> bool:
    """Digits glued to a name or part of a date, time, range or code: 'G20', 'Su-35', '3-4'."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalnum() or prev in "_+#":
        return True
    before = text[start - 2] if start >= 2 else " "
    return prev in "-\u2013./:" and before.isalnum()


def _right_blocked(text: str, end: int) -> bool:
    """'2023-24', '14/10', '10:30' continue into more digits: not an amount."""
    nxt = text[end : end + 2]
    return len(nxt) == 2 and nxt[0] in "-\u2013/:" and nxt[1].isdigit()


def find_quantities(text: str, base: int = 0) -> list[QuantityMention]:
    """Every amount with a unit in ``text``, offsets shifted by ``base``, sorted by start."""
    lex = _lexicon()
    found: list[QuantityMention] = []
    scans = (_DIGITS, lex.words_scan) if _may_spell_numbers(text, lex) else (_DIGITS,)
    for scan in scans:
        for m in scan.finditer(text):
            mention = _read(text, m, lex, base)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _read(text: str, m: re.Match[str], lex: _Lexicon, base: int) -> QuantityMention | None:
    start, pos = m.start(), m.end()
    groups = m.groupdict()
    digits: str | None = groups.get("digits")
    currency = ""
    pre = (
        lex.prefix.search(text, max(0, start - 8), start)
        if _may_follow_prefix(text, start, lex)
        else None
    )
    if pre is not None:
        currency = lex.prefixes[pre.group("p")]
        start = pre.start()
    elif digits and _left_blocked(text, start):
        return None
    if digits:
        value = Decimal(digits.replace(",", ""))
        tally = _tally(text, m, lex)
        if tally is not None:
            return _mention(text, start, tally, value, lex.tally, lex, base)
        if _right_blocked(text, pos):
            return None
    else:
        value = _word_value(groups["words"], lex)
    scaled = lex.scale.match(text, pos)
    if scaled is not None:
        value *= lex.scales[(scaled.group("glued") or scaled.group("spaced")).lower()]
        pos = scaled.end()
    if (
        not currency
        and scaled is None
        and digits
        and not lex.money_units
        and _is_year(digits, lex)
        and lex.currency_after.match(text, pos) is None
    ):
        return None  # a year with no currency after it: whatever unit follows, not an amount
    unit, kind, multiplier, pos = _unit_after(text, pos, lex, currency)
    if not unit:
        return None
    if kind == "duration" and lex.duration_stop.match(text, pos):
        return None
    if kind != "money" and scaled is None and digits and _is_year(digits, lex):
        return None  # "in 2023 troops withdrew": a year, see years.find_years
    return _mention(text, start, pos, value * multiplier, _Unit(unit, kind, _ONE, ""), lex, base)


def _may_follow_prefix(text: str, start: int, lex: _Lexicon) -> bool:
    """Cheap test that spares the prefix regex for most numbers (it is the costliest step)."""
    before = text[max(0, start - 2) : start]
    if before[-1:] in (" ", "\u00a0"):
        before = before[:-1]
    return bool(before) and before[-1] in lex.prefix_ends


def _is_year(digits: str, lex: _Lexicon) -> bool:
    return digits.isdigit() and lex.year_low <= int(digits) <= lex.year_high


def _mention(
    text: str, start: int, end: int, value: Decimal, unit: _Unit, lex: _Lexicon, base: int
) -> QuantityMention:
    return QuantityMention(
        start=start + base,
        end=end + base,
        text=text[start:end],
        value=float(value),
        unit=unit.name,
        comparator=_comparator(text, start, lex),
        kind=unit.kind,
    )


def _comparator(text: str, start: int, lex: _Lexicon) -> str:
    """The sign of the longest comparator phrase that ends right before ``start``, else '='.

    Looked up word by word in a dict rather than by a backwards regex search, which was the
    slowest step of the whole recogniser."""
    window = text[max(0, start - 48) : start]
    if not window[-1:].isspace():
        return "="
    words = window.split()
    if start > 48:
        words = words[1:]  # the first one may be cut
    for n in range(min(lex.comparator_words, len(words)), 0, -1):
        sign = lex.comparators.get(" ".join(words[-n:]).lower().lstrip(_OPENERS))
        if sign is not None:
            return sign
    return "="


def _tally(text: str, m: re.Match[str], lex: _Lexicon) -> int | None:
    """End of a vote score ("187 to 2") that starts at ``m``, or None."""
    if not m.group("digits").replace(",", "").isdigit():
        return None
    score = lex.tally_score.match(text, m.end())
    if score is None:
        return None
    cued = lex.tally_before.search(text, max(0, m.start() - 24), m.start())
    if cued is None and not score.group("after"):
        return None
    return score.end() if score.group("after") is None else score.start("after")


def _unit_after(text: str, pos: int, lex: _Lexicon, currency: str) -> _Reading:
    """(unit, kind, multiplier, end) of what follows a number; unit '' when nothing does.

    A currency word after the number beats a sign before it ("¥20 billion yuan" is CNY)."""
    after = lex.currency_after.match(text, pos)
    if after is not None:
        word = after.group("w")
        code = lex.currency_words[_fold(word)] if word else after.group("code")
        return code, "money", _ONE, after.end()
    if currency:
        return currency, "money", _ONE, pos
    return _measure_after(text, pos, lex)


def _measure_after(text: str, pos: int, lex: _Lexicon) -> _Reading:
    unit: _Unit | None = None
    for pattern, table, fold in (
        (lex.hyphen, lex.hyphen_units, True),
        (lex.abbreviation, lex.units_cs, False),
        (lex.phrase, lex.units_ci, True),
    ):
        hit = pattern.match(text, pos)
        if hit is not None:
            key = _fold(hit.group("u")) if fold else hit.group("u")
            unit, end = table[key], hit.end()
            break
    if unit is None:
        return "", "", _ONE, pos
    name = unit.name
    if unit.per_day:
        rate = lex.rate.match(text, end)
        if rate is not None:
            name, end = unit.per_day, rate.end()
    return name, unit.kind, unit.multiplier, end
