"""Token-trie matching of actor surface forms in running text.

Why a token trie rather than one big regex: the gazetteer holds thousands of surfaces
once stoplist phrases are expanded, each with its own case rule, and Python's ``re`` does not
factor a large alternation into a trie. Here the text is split once into word and punctuation
tokens; at each token a nested-dict trie gives the longest surface starting there in a few dict
lookups, and the per-entry case rules are checked only on the (rare) candidates.

Matching rules (see also lexicon/actor_stoplist.tsv):
- surfaces match on whole tokens, so "Niger" never matches inside "Nigeria" and "Iran's",
  "Iran’s", "Russian-made" or "Turkish-Iranian" yield their base names;
- a surface with an internal capital ("US", "UN", "NATO", "CoE") matches exactly; other surfaces
  match case-insensitively, but every capitalised word must be capitalised in the text;
- the longest match wins and matches never overlap; blocking phrases take part in the race and
  win it, then yield nothing;
- curly apostrophes and dash variants count as "'" and "-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPLIT = re.compile(r"(\w+|[^\w\s])")
_PUNCT = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "‒": "-"}
_PUNCT.update({"–": "-", "—": "-", "−": "-"})
END = ""  # trie key under which the entries ending at a node are stored (never a token)


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form and what it stands for; ``target`` None marks a blocking phrase."""

    tokens: tuple[str, ...]
    spaced: tuple[bool, ...]
    """Whether whitespace precedes each token in the surface (index 0 unused)."""
    exact: bool
    target: str | None
    via: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    first: int  # token index of the first token
    stop: int  # token index after the last token
    entries: tuple[Entry, ...]


_PUNCT_TABLE = str.maketrans(_PUNCT)


def normalise(surface: str) -> str:
    """Curly apostrophes and dash variants as "'" and "-" (one character for one)."""
    return surface.translate(_PUNCT_TABLE)


def split(surface: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Tokens of a surface form and whether whitespace precedes each."""
    tokens, spaced, last = [], [], 0
    for m in _TOKEN.finditer(surface):
        tokens.append(_PUNCT.get(m.group(), m.group()))
        spaced.append(m.start() > last)
        last = m.end()
    return tuple(tokens), tuple(spaced)


def is_exact(tokens: tuple[str, ...]) -> bool:
    """Acronym-like: some word has a capital after its first letter ("US", "CoE", "OPEC")."""
    return any(any(c.isupper() for c in t[1:]) for t in tokens)


def make_entry(surface: str, target: str | None, via: str, detail: str = "") -> Entry | None:
    tokens, spaced = split(surface)
    if not tokens or not any(c.isupper() for c in surface):
        return None  # a proper-noun matcher cannot match an all-lowercase form safely
    return Entry(tokens, spaced, is_exact(tokens), target, via, detail)


class Tokens:
    """The text split once: parallel lists are faster to index than token objects.

    Built from one ``re.split`` (pieces alternating gap, token, gap ...) whose running lengths
    are the offsets: no match object per token, which made tokenising a fifth of the search.
    """

    __slots__ = ("ends", "keys", "norms", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _SPLIT.split(text)
        offsets = list(accumulate(map(len, parts)))
        self.starts: list[int] = offsets[0:-1:2]
        self.ends: list[int] = offsets[1::2]
        raw = parts[1::2]
        # Every character _PUNCT rewrites is outside ASCII.
        self.norms: list[str] = raw if text.isascii() else [_PUNCT.get(t, t) for t in raw]
        self.keys = list(map(str.lower, self.norms))

    def __len__(self) -> int:
        return len(self.norms)

    def joinable(self, j: int) -> bool:
        """Whether token j may continue a phrase begun before it (no paragraph break)."""
        gap = self.starts[j] - self.ends[j - 1]
        return gap <= 1 or "\n\n" not in self.text[self.ends[j - 1] : self.starts[j]]

    def gap_ok(self, j: int, spaced: bool, prev: str, tok: str) -> bool:
        """Token j follows token j-1 the way the surface says (space or none)."""
        has_space = self.starts[j] > self.ends[j - 1]
        if has_space == spaced:
            return True
        return not (prev[-1].isalnum() and tok[0].isalnum())  # punctuation may float


class Trie:
    def __init__(self) -> None:
        self.root: dict = {}
        self.size = 0

    def add(self, keys: tuple[str, ...], entry: object) -> None:
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(END, []).append(entry)
        self.size += 1

    def __contains__(self, key: str) -> bool:
        return key in self.root


def _case_ok(entry: Entry, toks: Tokens, first: int) -> bool:
    norms = toks.norms
    if entry.exact:
        return tuple(norms[first : first + len(entry.tokens)]) == entry.tokens
    for k, t in enumerate(entry.tokens):
        if t[0].isupper() and not norms[first + k][0].isupper():
            return False
    return True


def _gaps_ok(entry: Entry, toks: Tokens, first: int) -> bool:
    tokens = entry.tokens
    for k in range(1, len(tokens)):
        if not toks.gap_ok(first + k, entry.spaced[k], tokens[k - 1], tokens[k]):
            return False
    return True


def longest(trie: Trie, toks: Tokens, first: int) -> Hit | None:
    """The longest entries starting at token ``first`` whose case and spacing fit the text."""
    node = trie.root.get(toks.keys[first])
    best: Hit | None = None
    j = first + 1
    n = len(toks)
    while node is not None:
        ending = node.get(END)
        if ending:
            valid = tuple(
                [e for e in ending if _case_ok(e, toks, first) and _gaps_ok(e, toks, first)]
            )
            if valid:
                best = Hit(first, j, valid)
        if j >= n:
            break
        # The next token must continue some surface, and not across a paragraph break.
        node = node.get(toks.keys[j])
        if node is None or not toks.joinable(j):
            break
        j += 1
    return best


@dataclass(frozen=True, slots=True)
class Affix:
    """Fixed words of a generic organ pattern, matched case-insensitively next to a base name."""

    tokens: tuple[str, ...]
    spaced: tuple[bool, ...]
    detail: str


def affix_trie(affixes: list[Affix], backwards: bool) -> Trie:
    trie = Trie()
    for affix in affixes:
        keys = tuple(t.lower() for t in affix.tokens)
        trie.add(keys[::-1] if backwards else keys, affix)
    return trie


def extend(trie: Trie, toks: Tokens, edge: int, step: int, limit: int) -> tuple[int, str] | None:
    """Longest affix next to a base mention: after it (step 1, ``edge`` = its stop index) or
    before it (step -1, ``edge`` = its first index, not reaching below ``limit``). Returns the
    new edge and the pattern that matched."""
    best: tuple[int, str] | None = None
    node = trie.root
    depth = 0
    while True:
        j = edge + depth if step > 0 else edge - 1 - depth
        if j >= len(toks) or j < limit or not toks.joinable(j if step > 0 else j + 1):
            break
        node = node.get(toks.keys[j])
        if node is None:
            break
        depth += 1
        for affix in node.get(END, ()):
            if _affix_gaps_ok(affix, toks, edge, step):
                best = (edge + depth if step > 0 else edge - depth, affix.detail)
    return best


def _affix_gaps_ok(affix: Affix, toks: Tokens, edge: int, step: int) -> bool:
    n = len(affix.tokens)
    first = edge if step > 0 else edge - n
    # Token k of the affix sits at first + k; for a suffix, spaced[0] is the gap to the base.
    for k in range(n):
        j = first + k
        if step < 0 and k == 0:
            continue
        if not toks.gap_ok(j, affix.spaced[k], toks.norms[j - 1], toks.norms[j]):
            return False
    if step < 0:  # the gap between the prefix and the base name
        last = first + n
        if not toks.gap_ok(last, True, toks.norms[last - 1], toks.norms[last]):
            return False
    return True
