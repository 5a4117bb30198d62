"""The word tokens of a text, worked out once and shared by every matcher that reads it.

A sentence is read by a dozen cue lexicons (``allegiance.extract.terms``) and by the gazetteer's
mention finder; each used to split it on its own. Here it is split once into word tokens (a
hyphenated compound is one token), and the index is kept for the texts seen last, so the others
ask for it instead of splitting again. Offsets and the rarer indexes are worked out on first
use: most lexicons find nothing in most texts.
"""

from __future__ import annotations

import itertools
import re

SPLIT = re.compile(r"(\w+(?:-\w+)*)")
"""Word tokens (a hyphenated compound is one), as a splitter: the pieces alternate gap, token,
gap, ..., gap."""


class Words:
    """The word tokens of one text, and what the lexicons ask about them."""

    __slots__ = ("_heads", "_offsets", "_runs", "_spaced", "keys", "parts", "sets", "text")

    def __init__(self, text: str, tokens: int = 0) -> None:
        """``tokens``: split off only the first ones, the rest of the text kept as the last
        piece (for a match that must start at offset 0); 0 splits the whole text."""
        self.text = text
        self.parts = SPLIT.split(text, tokens)
        words = self.parts[1::2]
        lower = list(map(str.lower, words))
        self.keys = (words, lower)
        """The tokens as written ([0]) and lowercased ([1])."""
        self.sets = (frozenset(words), frozenset(lower))
        self._heads: list[frozenset[str] | None] = [None, None]
        self._offsets: list[int] | None = None
        self._spaced: list[bool] | None = None
        self._runs: frozenset[str] | None = None

    def hyphen_heads(self, lower: int) -> frozenset[str]:
        """First parts of the hyphenated tokens."""
        found = self._heads[lower]
        if found is None:
            found = frozenset(k.split("-", 1)[0] for k in self.sets[lower] if "-" in k)
            self._heads[lower] = found
        return found

    def runs(self) -> frozenset[str]:
        """The runs of word characters, lowercased: the parts of the hyphenated tokens as well
        as the plain ones. They are the word tokens of a splitter that cuts at hyphens too (the
        gazetteer's), since a token here is always whole runs joined by single hyphens."""
        found = self._runs
        if found is None:
            lower = self.sets[1]
            if "-" in self.text:
                found = frozenset(
                    itertools.chain.from_iterable(k.split("-") if "-" in k else (k,) for k in lower)
                )
            else:
                found = lower
            self._runs = found
        return found

    def start(self, i: int) -> int:
        return self.offsets()[2 * i]

    def end(self, i: int) -> int:
        return self.offsets()[2 * i + 1]

    def offsets(self) -> list[int]:
        """Where each piece ends: token ``i`` spans ``offsets[2i]`` to ``offsets[2i + 1]``."""
        if self._offsets is None:
            self._offsets = list(itertools.accumulate(map(len, self.parts)))
        return self._offsets

    def spaced(self) -> list[bool]:
        """Whether white space, and nothing else, separates token k from token k - 1."""
        if self._spaced is None:
            gaps = self.parts[0::2]
            self._spaced = [False] + [g.isspace() for g in gaps[1:-1]]
        return self._spaced


INDEX: dict[str, Words] = {}
"""Token indexes of the texts seen last (a sentence is asked about by a dozen lexicons)."""
_INDEX_LIMIT = 512


def words_of(text: str) -> Words:
    """The (shared) word index of ``text``."""
    found = INDEX.get(text)
    if found is None:
        if len(INDEX) >= _INDEX_LIMIT:
            INDEX.clear()  # the next sentences start afresh; cheaper than keeping an order
        found = INDEX[text] = Words(text)
    return found


def lowered_words(text: str) -> frozenset[str]:
    """The distinct word tokens of ``text``, lowercased (hyphenated compounds are one token).

    Shares the token index the cue lexicons build, so asking costs nothing for a sentence
    they have scanned."""
    return words_of(text).sets[1]
