"""Years stated in text, and which of them a quantity belongs to.

A claim's quantity carries the year the sentence gives for it ("trade reached $2.3 billion in
2023"). Years are found apart from amounts so that "2023" is never an amount and "$2023 million"
or "2,023 troops" is never a year. The words that mark a year as the time of a statement ("in",
"since", "during") and the marks that end a clause live in ``lexicon/units.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from allegiance.resources import load_toml

_SPACE = "[ \u00a0]"


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int
    cue: str = ""
    """The lowercased word before the year that marks it as a time ("in", "since"), else ""."""


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def alternation(words: list[str] | set[str], flags: str = "") -> str:
    """Longest first, so that a regex alternation prefers the most specific phrase."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", _SPACE) for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def trie_alternation(words: list[str] | set[str], after_first: str = "") -> str:
    """A case-sensitive alternation factored by shared prefixes, longest match first.

    Used for patterns scanned over whole documents: when every branch starts with a literal
    character the regex engine skips ahead to candidate characters instead of trying every word
    at every position (several times faster). ``after_first`` is put after the first character
    of each word, where a word-boundary lookbehind does not spoil that optimisation.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict], depth: int) -> str:
        branches = [
            (_SPACE if ch == " " else re.escape(ch))
            + (after_first if depth == 0 else "")
            + emit(sub, depth + 1)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(root, 0)})"


@dataclass(frozen=True)
class _YearLexicon:
    low: int
    high: int
    candidate: re.Pattern[str]
    money_before: re.Pattern[str]
    amount_after: re.Pattern[str]
    cue_before: re.Pattern[str]
    cues: frozenset[str]
    boundaries: tuple[str, ...]


@cache
def _lexicon() -> _YearLexicon:
    lex = load_toml("lexicon", "units.toml")
    years = lex["years"]
    currency = lex["currency"]
    prefixes = list(currency["prefixes"]) + list(currency["codes"])
    scales = list(lex["scales"]["words"])
    months = lex["modifiers"]["not_words"]
    # Four digits with nothing glued on either side. The lookbehind sits after the first digit so
    # that the regex engine can skip to digits (see trie_alternation).
    candidate = re.compile(r"\d(?<![\w.,/:]\d)\d{3}(?![\w]|[.,]\d)")
    money_before = re.compile(rf"(?<![A-Za-z]){alternation(prefixes)}{_SPACE}?\Z")
    amount_after = re.compile(rf"{_SPACE}?{alternation(scales, 'i')}(?!\w)")
    cue_before = re.compile(
        rf"(?<![\w])(?P<cue>{alternation(years['cues'], 'i')})(?:{_SPACE}|-)+"
        rf"(?:{alternation(months)}\.?{_SPACE}+(?:\d{{1,2}},?{_SPACE}+)?)?\Z"
    )
    return _YearLexicon(
        low=int(years["min"]),
        high=int(years["max"]),
        candidate=candidate,
        money_before=money_before,
        amount_after=amount_after,
        cue_before=cue_before,
        cues=frozenset(c.lower() for c in years["cues"]),
        boundaries=tuple(years["clause_boundaries"]),
    )


def _is_model_code(text: str, start: int, cues: frozenset[str]) -> bool:
    """'Su-2000' is a name (a capitalised code); '2007-2015' and 'Mid-2024' are times."""
    if start < 2 or text[start - 1] not in "-\u2013" or not text[start - 2].isalpha():
        return False
    word_start = start - 2
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start : start - 1]
    return word.lower() not in cues and any(c.isupper() for c in word)


def find_years(text: str, base: int = 0) -> list[YearMention]:
    """Four-digit years in [min, max] of the lexicon, offsets shifted by ``base``."""
    lex = _lexicon()
    found: list[YearMention] = []
    for m in lex.candidate.finditer(text):
        year = int(m.group())
        if not lex.low <= year <= lex.high or _is_model_code(text, m.start(), lex.cues):
            continue
        if lex.money_before.search(text, max(0, m.start() - 8), m.start()):
            continue
        if lex.amount_after.match(text, m.end()):
            continue
        cue = lex.cue_before.search(text, max(0, m.start() - 40), m.start())
        found.append(
            YearMention(
                start=m.start() + base,
                end=m.end() + base,
                year=year,
                cue=" ".join(cue.group("cue").lower().split()) if cue else "",
            )
        )
    return found


def _crosses_clause(
    text: str, base: int, q: _Spanned, y: YearMention, boundaries: tuple[str, ...]
) -> bool:
    lo, hi = _gap_edge(q, y)
    between = text[max(0, lo - base) : max(0, hi - base)]
    return any(mark in between for mark in boundaries)


def attach_year(
    q: _Spanned,
    years: list[YearMention],
    sentence_start: int,
    sentence_end: int,
    text: str | None = None,
    base: int = 0,
) -> int | None:
    """The year a quantity belongs to, from the years of its own sentence.

    Rule (deliberately simple): take the years inside the sentence; when ``text`` is given (the
    text the offsets were taken from, ``text[i - base]`` being absolute offset ``i``), keep only
    those in the quantity's own clause, since "in 2021 they signed a $3bn deal; in 2022 ..." dates
    the deal to 2021. Prefer a year after a time word ("in 2023", "since 2019") over a bare one,
    then the one nearest to the quantity, then the earlier one.
    """
    inside = [y for y in years if sentence_start <= y.start and y.end <= sentence_end]
    if not inside:
        return None
    if text is not None:
        boundaries = _lexicon().boundaries
        inside = [y for y in inside if not _crosses_clause(text, base, q, y, boundaries)]
        if not inside:
            return None

    def rank(y: YearMention) -> tuple[int, int, int]:
        a, b = _gap_edge(q, y)
        return (0 if y.cue else 1, abs(b - a), y.start)

    return min(inside, key=rank).year


def _gap_edge(q: _Spanned, y: YearMention) -> tuple[int, int]:
    """The stretch of text between a quantity and a year (empty when they touch or overlap)."""
    if y.start >= q.end:
        return (q.end, y.start)
    if y.end <= q.start:
        return (y.end, q.start)
    return (q.start, q.start)
