"""Finding cue terms in a sentence: a token index instead of one big regex.

A single alternation of hundreds of terms made Python's regex engine try every branch at every
position: it took three quarters of extraction time. Here the text is cut into word tokens once
(cached per text, since a sentence is scanned by a dozen lexicons), and only the terms whose
first word is that token are tried at each token. A term is a phrase of words separated by
white space; a word ending in ``*`` matches any token that starts with it ("suppl*" = supply,
supplied, supplier). Hyphenated compounds are one token, so "made" never matches inside
"Russian-made". The few terms that are not plain words ("n't", "U.S.", "(which") keep a small
regex of their own. Matches are leftmost-longest and do not overlap.

Walking every token in Python once per lexicon was still most of extraction time, although
almost no token starts a term of any one lexicon. So the cached index also holds the set of
distinct tokens: a lexicon intersects its first words with it (in C) and visits only the
positions that can start one of its terms, usually none. There the terms are walked as a trie
of words, and the first trie nodes of a token are remembered per lexicon. The matches are those
of trying every term at every token, in the same order of preference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from allegiance.reference.words import INDEX as _INDEX
from allegiance.reference.words import SPLIT as _SPLIT
from allegiance.reference.words import Words as _Tokens
from allegiance.reference.words import lowered_words
from allegiance.reference.words import words_of as _tokens

__all__ = ["TermMatch", "TermMatcher", "lowered_words"]

_MEMO_LIMIT = 100_000
"""Distinct tokens a matcher remembers the trie nodes of, before it starts afresh."""
_FEW_START_WORDS = 48
"""Up to this many first words, a lexicon looks for them in a text before tokenising it."""
_PLAIN_WORD = re.compile(r"^\w+(?:-\w+)*\*?$")


@dataclass(frozen=True, slots=True)
class TermMatch:
    start: int
    end: int
    term: str


def _needle(words: tuple[str, ...]) -> str:
    """A word every match of the term holds: as a whole token for a plain word, as part of one
    for a ``*`` stem. The longest, as the one texts hold least often."""
    plain = [w for w in words if not w.endswith("*")]
    return max(plain or [w[:-1] for w in words], key=len)


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


def _required_mark(term: str) -> str | None:
    """A punctuation mark every match of ``term`` contains verbatim, if it has one.

    Punctuation has no case variants, so even a case-insensitive match contains the mark as
    written: a text without it cannot match, and the regex need not run ("n't" needs "'").
    """
    for ch in term.replace("*", ""):
        if unicodedata.category(ch).startswith("P") and ch.lower() == ch == ch.upper():
            return ch
    return None


class _Node:
    """A trie node: the words that may come next, and the term that ends here, if any."""

    __slots__ = ("children", "term", "wild")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.wild: list[tuple[str, _Node]] = []
        """(stem, node) for a next word ending in ``*``: any token starting with the stem."""
        self.term: tuple[tuple[int, int], str] | None = None
        """(rank, term) of the best-ranked term ending here."""

    def child(self, word: str) -> _Node:
        if word.endswith("*"):
            stem = word[:-1]
            for known, node in self.wild:
                if known == stem:
                    return node
            node = _Node()
            self.wild.append((stem, node))
            return node
        return self.children.setdefault(word, _Node())


class TermMatcher:
    """Finds non-overlapping occurrences of a set of terms on word boundaries.

    At a token, the terms starting there are walked as a trie of words (with ``*`` stems as
    edges), so a common first word ("military", "joint") costs one walk, not one try per term.
    Among the terms that match, the longest wins; among equally long ones, the first in the
    order exact first word, then a stem of two or more letters, then a shorter stem (each
    longest term first): the order in which a per-term search tried them.
    """

    def __init__(self, terms: list[str], *, case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        unique = sorted(set(terms), key=lambda t: (-len(t.replace("*", "")), t))
        self.terms = unique
        plain = [t for t in unique if all(_PLAIN_WORD.match(w) for w in t.split())]
        self._odd = [t for t in unique if t not in set(plain)]
        self._odd_regex = _regex_for(self._odd, case_sensitive)
        marks = [_required_mark(t) for t in self._odd]
        self._odd_marks: tuple[str, ...] | None = (
            None if None in marks else tuple(sorted({m for m in marks if m is not None}))
        )
        """Some of these must be in a text for the odd-term regex to match (None: no gate)."""
        self._lower = 0 if case_sensitive else 1
        self._exact: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._prefix: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
        self._root = _Node()
        needles: set[str] = set()
        for order, term in enumerate(plain):
            words = tuple(term.split() if case_sensitive else term.lower().split())
            needles.add(_needle(words))
            first = words[0]
            if first.endswith("*"):
                stem = first[:-1]
                group = 1 if len(stem) >= 2 else 2
                self._prefix.setdefault(stem[:2] if group == 1 else "", []).append(
                    (stem, words, term)
                )
            else:
                group = 0
                self._exact.setdefault(first, []).append((words, term))
            node = self._root
            for word in words:
                node = node.child(word)
            if node.term is None or (group, order) < node.term[0]:
                node.term = ((group, order), term)
        self._firsts = frozenset(self._exact)
        self._prefix_keys = frozenset(self._prefix)
        self._any_start = "" in self._prefix_keys
        """A stem shorter than two characters: any token may start a match."""
        self._first_nodes: dict[str, tuple[_Node, ...]] = {}
        self._starters: set[str] = set()
        self._non_starters: set[str] = set()
        self._singles = frozenset(
            first for first, group in self._exact.items() if any(len(w) == 1 for w, _ in group)
        )
        """The one-word terms (without stems): what the first part of a hyphenated token is."""
        self._needles = None if self._prefix else frozenset(needles)
        """A word of each term that a text must hold as a token for it to match."""
        starts = self._firsts | {stem for group in self._prefix.values() for stem, _, _ in group}
        if len(needles) <= _FEW_START_WORDS:
            starts = frozenset(needles)
        self._start_words: tuple[str, ...] | None = (
            tuple(sorted(starts)) if len(starts) <= _FEW_START_WORDS else None
        )
        """Words one of which a text holds if a term may match it (None for a large lexicon):
        the needles where they are few, else the first words and stems."""
        self._root_wild: dict[str, list[tuple[str, _Node]]] = {}
        for stem, node in self._root.wild:
            self._root_wild.setdefault(stem[:2] if len(stem) >= 2 else "", []).append((stem, node))
        self._depth = max((len(t.split()) for t in plain), default=0)
        """Words in the longest term: how many tokens a match at one position can reach."""

    def _starts(self, index: _Tokens, keys: list[str]) -> list[int] | range:
        """Token positions (ascending) where a term may start: a superset of those where one
        does. Decided on the sets of distinct tokens first, since most texts have none."""
        if self._any_start:
            return range(len(keys))
        lower = self._lower
        if self._prefix_keys:
            # Stems: which tokens start one is remembered per token, not worked out per text.
            # Set operations run in C; a token not met before is rare once a few texts are in.
            tokens = index.sets[lower]
            hits = tokens & self._starters
            # Two binary differences: each walks the few tokens, where one ``difference`` of
            # two sets would walk the whole second memo.
            unknown = tokens - self._starters - self._non_starters
            if unknown:
                hits |= {k for k in unknown if self._learn(k)}
        else:
            tokens = index.sets[lower]
            # "the" starts many phrases of a lexicon, "island" few: without a needle no phrase
            # matches, and only the hyphen rule of one-word terms is left.
            if (
                self._needles is not None
                and tokens.isdisjoint(self._needles)
                and ("-" not in index.text or self._singles.isdisjoint(index.hyphen_heads(lower)))
            ):
                return ()
            firsts = self._firsts
            hits = firsts & tokens
            if "-" in index.text:
                heads = index.hyphen_heads(lower)
                if heads and not firsts.isdisjoint(heads):
                    return [i for i, k in enumerate(keys) if k in hits or "-" in k]
        if not hits:
            return ()
        return [i for i, k in enumerate(keys) if k in hits]

    def _learn(self, token: str) -> bool:
        """Whether ``_scan`` has anything to try at ``token`` (a term's first word or stem, or a
        hyphenated compound whose first part may be one), remembered for the next texts."""
        found = bool(self._nodes_after_first(token))
        if not found and "-" in token:
            head = token.split("-", 1)[0]
            found = head in self._firsts or head[:2] in self._prefix_keys
        if len(self._starters) + len(self._non_starters) >= _MEMO_LIMIT:
            self._starters.clear()
            self._non_starters.clear()
        (self._starters if found else self._non_starters).add(token)
        return found

    def find(self, text: str, base: int = 0) -> list[TermMatch]:
        found: list[TermMatch] = []
        index = _INDEX.get(text)
        if index is None and self._may_occur(text):
            index = _tokens(text)
        if index is not None:
            keys = index.keys[self._lower]
            positions = self._starts(index, keys)
            if positions:
                self._scan(index, keys, positions, base, found)
        if self._odd_regex is not None:
            for mark in self._odd_marks or ("",):
                if mark in text:
                    self._find_odd(text, base, found)
                    break
        return found

    def match_at_start(self, text: str) -> TermMatch | None:
        """The match of ``find(text)`` that starts at offset 0, if there is one.

        Asked of the words right after a name ("officials said ..."): only the first tokens
        can take part in such a match, so only they are split off, where ``find`` would
        tokenise and index the whole snippet (and crowd the sentences out of the index).
        With odd terms, whose matches yield to trie matches anywhere in the text, it is
        ``find`` itself."""
        if self._odd_regex is not None:
            return next((m for m in self.find(text) if m.start == 0), None)
        first = _SPLIT.match(text)  # the word token at offset 0, if any
        if first is None:
            return None  # no token at offset 0
        token = first.group().lower() if self._lower else first.group()
        starts = self._first_nodes.get(token)
        if starts is None:
            starts = self._nodes_after_first(token)
        if not starts and "-" not in token:
            return None  # most words after a name start no term (what ``_scan`` would find)
        # The first ``_depth`` tokens hold any match at token 0, and the one after them is
        # what ``_scan`` peeks at; the rest of the text stays one unsplit piece.
        index = _Tokens(text, self._depth + 1)
        if len(index.parts) < 3 or index.parts[0]:
            return None  # no token at offset 0
        found: list[TermMatch] = []
        self._scan(index, index.keys[self._lower], (0,), 0, found)
        return found[0] if found else None

    def might_match(self, text: str) -> bool:
        """False only when ``find(text)`` is sure to find nothing: no first word of a term is
        in the (ASCII) text, and the lexicon has no odd terms. What ``find`` asks before
        tokenising, for a caller that would otherwise prepare the text for nothing."""
        return self._odd_regex is not None or self._may_occur(text)

    def _may_occur(self, text: str) -> bool:
        """False when no term can start in ``text``: none of the few first words (or stems)
        of the lexicon is in it. Asked of ASCII text not tokenised yet, where a lowercased
        token is a piece of the lowercased text; it spares tokenising the short snippets that
        small lexicons are asked about ("said", "against")."""
        starts = self._start_words
        if starts is None or not text.isascii():
            return True
        return any(map((text.lower() if self._lower else text).__contains__, starts))

    def _nodes_after_first(self, token: str) -> tuple[_Node, ...]:
        """The trie nodes reached when ``token`` is a term's first word: its own word first,
        then the stems it starts with. Remembered per token, since sentences repeat words."""
        node = self._root.children.get(token)
        starts = [] if node is None else [node]
        for stem, child in (*self._root_wild.get(token[:2], ()), *self._root_wild.get("", ())):
            if token.startswith(stem):
                starts.append(child)
        if len(self._first_nodes) >= _MEMO_LIMIT:
            self._first_nodes.clear()
        found = self._first_nodes[token] = tuple(starts)
        return found

    def _longest(
        self, index: _Tokens, keys: list[str], i: int, starts: tuple[_Node, ...]
    ) -> tuple[int, str] | None:
        """(last token index, term) of the best term starting at token ``i``, whose first word
        leads to the nodes ``starts``."""
        best: tuple[int, tuple[int, int], str] | None = None
        n = len(keys)
        spaced = index.spaced()
        stack = [(node, i) for node in starts]
        while stack:
            node, j = stack.pop()
            if node.term is not None:
                rank, term = node.term
                if best is None or j > best[0] or (j == best[0] and rank < best[1]):
                    best = (j, rank, term)
            following = j + 1
            if following >= n or not spaced[following] or not (node.children or node.wild):
                continue
            word = keys[following]
            nxt = node.children.get(word)
            if nxt is not None:
                stack.append((nxt, following))
            for stem, child in node.wild:
                if word.startswith(stem):
                    stack.append((child, following))
        return None if best is None else (best[0], best[2])

    def _scan(
        self,
        index: _Tokens,
        keys: list[str],
        positions: list[int] | range,
        base: int,
        found: list[TermMatch],
    ) -> None:
        """Leftmost-longest matches, trying only ``positions`` (ascending); a match's inner
        tokens never start another."""
        memo = self._first_nodes
        after = 0  # the first position not inside an earlier match
        for i in positions:
            if i < after:
                continue
            token = keys[i]
            starts = memo.get(token)
            if starts is None:
                starts = self._nodes_after_first(token)
            best: tuple[int, str] | None = None
            if len(starts) == 1 and not (node := starts[0]).wild:
                # The common cases: a one-word term, or phrases whose second word is not next
                # ("the" of "the two sides").
                if not node.children or (i + 1 < len(keys) and keys[i + 1] not in node.children):
                    if node.term is not None:
                        best = (i, node.term[1])
                else:
                    best = self._longest(index, keys, i, starts)
            elif starts:
                best = self._longest(index, keys, i, starts)
            if best is None:
                if "-" in token:
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
                        start = base + index.start(i)
                        found.append(TermMatch(start, start + len(head), single[0]))
                after = i + 1
                continue
            last, term = best
            found.append(TermMatch(base + index.start(i), base + index.end(last), term))
            after = last + 1

    def _find_odd(self, text: str, base: int, found: list[TermMatch]) -> None:
        assert self._odd_regex is not None
        taken = [(m.start - base, m.end - base) for m in found]
        for m in self._odd_regex.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                index = int(m.lastgroup[1:]) if m.lastgroup else 0
                found.append(TermMatch(base + m.start(), base + m.end(), self._odd[index]))
        found.sort(key=lambda m: m.start)
