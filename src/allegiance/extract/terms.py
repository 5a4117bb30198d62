"""Finding cue terms in a sentence: a token index instead of one big regex.

A single alternation of hundreds of terms made Python's regex engine try every branch at every
position: it took three quarters of extraction time. Here the text is cut into word tokens once
(cached per text, since a sentence is scanned by a dozen lexicons), and only the terms whose
first word is that token are tried at each token. A term is a phrase of words separated by
white space; a word ending in ``*`` matches any token that starts with it ("suppl*" = supply,
supplied, supplier). Hyphenated compounds are one token, so "made" never matches inside
"Russian-made". The few terms that are not plain words ("n't", "U.S.", "(which") keep a small
regex of their own. Matches are leftmost-longest and do not overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:-\w+)*")
_PLAIN_WORD = re.compile(r"^\w+(?:-\w+)*\*?$")


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: str


@dataclass(frozen=True)
class _Tokens:
    items: tuple[tuple[int, int, str, str], ...]
    """(start, end, token, lowercased token) for every word token of the text."""
    words: frozenset[str]
    lower: frozenset[str]
    heads: frozenset[str]
    """First two characters of every lowercased token and of each hyphenated token's head."""


@lru_cache(maxsize=512)
def _tokens(text: str) -> _Tokens:
    items = tuple((m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(text))
    lower = frozenset(t[3] for t in items)
    heads = {w[:2] for w in lower} | {w.split("-", 1)[0] for w in lower if "-" in w}
    heads |= {w[:2] for w in heads}
    return _Tokens(items, frozenset(t[2] for t in items), lower, frozenset(heads))


def _regex_for(terms: list[str], case_sensitive: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    parts = []
    for i, term in enumerate(terms):
        words = [
            re.escape(w[:-1]) + r"[\w-]*" if w.endswith("*") else re.escape(w) for w in term.split()
        ]
        spaced = r"\s+".join(words)
        parts.append(f"(?P<t{i}>{spaced})")
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", flags)


class TermMatcher:
    """Finds non-overlapping occurrences of a set of terms on word boundaries."""

    def __init__(self, terms: list[str], *, case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        unique = sorted(set(terms), key=lambda t: (-len(t.replace("*", "")), t))
        self.terms = unique
        plain = [t for t in unique if all(_PLAIN_WORD.match(w) for w in t.split())]
        self._odd = [t for t in unique if t not in set(plain)]
        self._odd_regex = _regex_for(self._odd, case_sensitive)
        self._exact: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._prefix: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
        self._firsts: frozenset[str] = frozenset()
        for term in plain:
            words = tuple(term.split() if case_sensitive else term.lower().split())
            first = words[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._prefix.setdefault(stem[:2] if len(stem) >= 2 else "", []).append(
                    (stem, words, term)
                )
            else:
                self._exact.setdefault(first, []).append((words, term))
        # First words, and heads of hyphenated tokens, that can start a match: a sentence that
        # has none of them is skipped with one set intersection.
        self._firsts = frozenset(self._exact)
        self._prefix_keys = frozenset(self._prefix)

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern

    def _span(self, text: str, tokens: tuple, i: int, words: tuple[str, ...]) -> int | None:
        """End offset when ``words`` match tokens from ``i`` on, separated by white space only."""
        key = 2 if self.case_sensitive else 3
        if i + len(words) > len(tokens):
            return None
        for k in range(1, len(words)):
            previous, current = tokens[i + k - 1], tokens[i + k]
            gap = text[previous[1] : current[0]]
            if not gap or not gap.isspace() or not self._word_matches(words[k], current[key]):
                return None
        return tokens[i + len(words) - 1][1]

    def _may_match(self, index: _Tokens) -> bool:
        words = index.words if self.case_sensitive else index.lower
        if self._firsts & words or "" in self._prefix_keys:
            return True
        if self._prefix_keys & index.heads:
            return True
        # Heads of hyphenated compounds ("oil-backed"): their first part may be a whole term.
        return any("-" in w and w.split("-", 1)[0] in self._firsts for w in words)

    def find(self, text: str, base: int = 0) -> list[TermMatch]:
        index = _tokens(text)
        found: list[TermMatch] = []
        if self._may_match(index):
            self._scan(text, index.items, base, found)
        if self._odd_regex is not None:
            self._find_odd(text, base, found)
        return found

    def _scan(self, text: str, tokens: tuple, base: int, found: list[TermMatch]) -> None:
        key = 2 if self.case_sensitive else 3
        i = 0
        while i < len(tokens):
            token = tokens[i][key]
            best: tuple[int, int, str] | None = None  # (end, words, term)
            candidates = [(w, t) for w, t in self._exact.get(token, ())]
            candidates += [
                (w, t)
                for stem, w, t in (*self._prefix.get(token[:2], ()), *self._prefix.get("", ()))
                if token.startswith(stem)
            ]
            for words, term in candidates:
                end = self._span(text, tokens, i, words)
                if end is not None and (best is None or (end, len(words)) > (best[0], best[1])):
                    best = (end, len(words), term)
            if best is None and "-" in token:
                # The first part of a hyphenated compound counts on its own ("oil-backed
                # loans", "sanctions-era"); a part after a hyphen never does ("Russian-made").
                head = token.split("-", 1)[0]
                single = [t for w, t in self._exact.get(head, ()) if len(w) == 1]
                single += [
                    t
                    for stem, w, t in self._prefix.get(head[:2], ())
                    if len(w) == 1 and head.startswith(stem)
                ]
                if single:
                    start = tokens[i][0]
                    found.append(TermMatch(base + start, base + start + len(head), single[0]))
                i += 1
                continue
            if best is None:
                i += 1
                continue
            found.append(TermMatch(base + tokens[i][0], base + best[0], best[2]))
            i += best[1]

    def _find_odd(self, text: str, base: int, found: list[TermMatch]) -> None:
        assert self._odd_regex is not None
        taken = [(m.start - base, m.end - base) for m in found]
        for m in self._odd_regex.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                index = int(m.lastgroup[1:]) if m.lastgroup else 0
                found.append(TermMatch(base + m.start(), base + m.end(), self._odd[index]))
        found.sort(key=lambda m: m.start)
