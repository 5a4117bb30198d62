"""Clauses of a sentence: the unit inside which a cue relates parties.

A sentence is cut at clause markers (";", ", while", ", but" ...), after a leading subordinate
clause ("As sanctions bite, ..."), and around relative clauses (", which ... ,"). A relative
clause is a clause of its own, and the two parts of the main clause around it are one clause
again: in "Tokyo, which watched the missiles fly, extended sanctions on Pyongyang" Tokyo and
Pyongyang share a clause, the missiles do not.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

RELATIVE_KEYS = 10_000
"""Clause keys from here on belong to relative clauses."""


@dataclass(frozen=True)
class Clauses:
    segments: tuple[tuple[int, int, int], ...]
    """(start, end, clause key) for contiguous pieces of the sentence, in order."""

    def key(self, pos: int) -> int:
        for start, end, key in self.segments:
            if start <= pos < end:
                return key
        return self.segments[-1][2] if self.segments else 0

    def relative_start(self, pos: int) -> int | None:
        """Where the relative clause holding ``pos`` starts; None outside relative clauses."""
        for start, end, key in self.segments:
            if start <= pos < end:
                return start if key >= RELATIVE_KEYS else None
        return None

    def span(self, pos: int) -> tuple[int, int]:
        """The contiguous piece holding ``pos`` (what a reader sees as the words around it)."""
        for start, end, _ in self.segments:
            if start <= pos < end:
                return start, end
        return (self.segments[-1][0], self.segments[-1][1]) if self.segments else (0, 0)


def _relative_spans(text: str, openers: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for marker in openers:
        start = 0
        while (i := text.find(marker, start)) != -1:
            close = text.find(",", i + len(marker))
            spans.append((i, close if close != -1 else len(text)))
            start = i + len(marker)
    return sorted(spans)


def split_clauses(
    text: str,
    breaks: tuple[str, ...],
    openers: tuple[str, ...] = (),
    relative_openers: tuple[str, ...] = (),
) -> Clauses:
    """The clauses of ``text``. Remembered for the last sentences: extraction asks for the
    clauses of a sentence more than once (for its cues, then for their modality), and a
    Clauses is immutable."""
    return _split(text, tuple(breaks), tuple(openers), tuple(relative_openers))


@lru_cache(maxsize=64)
def _opener_prefixes(openers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(o + " " for o in openers)


@lru_cache(maxsize=256)
def _split(
    text: str,
    breaks: tuple[str, ...],
    openers: tuple[str, ...],
    relative_openers: tuple[str, ...],
) -> Clauses:
    cuts = {0, len(text)}
    stripped = text.lstrip()
    if stripped.startswith(_opener_prefixes(openers)) and (comma := text.find(",")) > 0:
        cuts.add(comma)
    for marker in breaks:
        if marker not in text:
            continue
        start = 0
        while (i := text.find(marker, start)) != -1:
            cuts.add(i)
            start = i + len(marker)
    relatives = _relative_spans(text, relative_openers)
    for a, b in relatives:
        cuts.update((a, b))
    segments: list[tuple[int, int, int]] = []
    next_key, current = 0, -1
    after_relative = False
    for a, b in itertools.pairwise(sorted(cuts)):
        if b <= a:
            continue
        if any(ra <= a < rb for ra, rb in relatives):
            segments.append((a, b, RELATIVE_KEYS + a))
            after_relative = True
            continue
        # A piece right after a relative clause continues the main clause it interrupted.
        if current < 0 or not after_relative:
            current, next_key = next_key, next_key + 1
        segments.append((a, b, current))
        after_relative = False
    return Clauses(tuple(segments))
