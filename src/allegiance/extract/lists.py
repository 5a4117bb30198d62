"""Where parties stand in a sentence: lists, coordination, and the two sides of a cue.

Pairing asks the same few questions of the text between two parties: are they one side ("Chile
and Peru"), items of one list ("Iraq, Syria and Hezbollah"), the two ends of a tie ("relations
with Moscow"), or the pair after "between"? The answers are read from the gap text alone, so
they hold whatever the actors are.
"""

from __future__ import annotations

import itertools
import re

from allegiance.extract.lexicon import TermMatch
from allegiance.extract.mentions import Party

_COORDINATION = re.compile(r"^(?:\s*(?:,|and|&|as well as)\s*)+(?:the\s+)?$")


def coordinated(text: str, a: Party, b: Party) -> bool:
    """True for "X and Y" / "X, Y": two parties standing together as one side."""
    return bool(_COORDINATION.match(text[a.end : b.start]))


def sides(parties: list[Party], cue: TermMatch) -> tuple[list[Party], list[Party]]:
    """Distinct parties before and after the cue; an actor named on both sides stands on the
    side where it is named nearest to the cue ("In Sudan, Cairo backs the Sudanese army"),
    unless that would leave nobody before the cue."""
    nearest: dict[str, Party] = {}
    for p in parties:
        distance = abs(p.start - cue.start)
        kept = nearest.get(p.actor.id)
        if kept is None or distance < abs(kept.start - cue.start):
            nearest[p.actor.id] = p
    # ... unless that would leave nobody before the cue: "It keeps sanctions on PDVSA and bars
    # Caracas from US debt markets" still has its subject before the cue.
    if not any(p.start < cue.start for p in nearest.values()):
        first = min(parties, key=lambda p: p.start)
        if first.start < cue.start:
            nearest[first.actor.id] = first
    chosen = sorted(nearest.values(), key=lambda p: p.start)
    return [p for p in chosen if p.start < cue.start], [p for p in chosen if p.start >= cue.start]


_LIST_WORDS = frozenset(("and", "or", "to", "with", "from", "for", "the", "its", "their", "also"))


def listed(text: str, a: Party, b: Party) -> bool:
    """True when b is listed after a ("Syria and to Hezbollah", "Iraq, Syria"): a short gap
    of list words joined by a comma or a conjunction."""
    gap = text[a.end : b.start]
    words, joined = _gap_words(gap)
    return (joined or "&" in gap) and len(words) <= 3 and all(w in _LIST_WORDS for w in words)


def _gap_words(gap: str) -> tuple[list[str], bool]:
    """The words between two parties, and whether a comma or "and"/"or" joins them."""
    words = re.findall(r"[\w-]+", gap.lower())
    return words, "," in gap or "and" in words or "or" in words


def list_run(text: str, parties: list[Party], *, forward: bool) -> list[Party]:
    """The list that starts the parties after a cue (forward) or ends those before it."""
    ordered = parties if forward else parties[::-1]
    run = [ordered[0]]
    for a, b in itertools.pairwise(ordered):
        first, second = (a, b) if forward else (b, a)
        if not (coordinated(text, first, second) or listed(text, first, second)):
            break
        run.append(b)
    return run if forward else run[::-1]


def is_listing(text: str, parties: list[Party]) -> bool:
    """Three or more parties in one list ("A, B and C")."""
    return len(parties) >= 3 and all(
        list_gap(text[a.end : b.start]) for a, b in itertools.pairwise(parties)
    )


def list_gap(gap: str) -> bool:
    """Between two items of a list: a comma or a conjunction and a few words ("the"), or a
    couple of words inside one item ("the Taliban government in Afghanistan")."""
    words, joined = _gap_words(gap)
    return len(words) <= 3 if joined else len(words) <= 2 and "." not in gap


_TIED_WITH = re.compile(r"^[’'s]*\s+(?:\w+\s+){0,2}with\s+(?:the\s+)?$")


def tied_with(text: str, a: Party, b: Party) -> bool:
    """ "Baku's relations with Moscow sour": the two named around "with" are the pair."""
    return bool(_TIED_WITH.match(text[a.end : b.start]))


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


def between_pair(text: str, after: list[Party], cue: TermMatch) -> tuple[Party, Party] | None:
    """ "talks between US and Russian officials": the two parties after "between"."""
    if len(after) < 2 or not coordinated(text, after[0], after[1]):
        return None
    lead = text[cue.end : after[0].start]
    return (after[0], after[1]) if _BETWEEN.search(lead) else None


def adjacent_agent(text: str, before: list[Party], cue: TermMatch) -> Party | None:
    if not before or before[-1].via not in ("demonym", "organ"):
        return None
    gap = text[before[-1].end : cue.start]
    return before[-1] if gap.strip() == "" else None


_POSSESSIVE_LEAD = re.compile(r"^[’']s?\s+(?:[\w-]+\s+){0,3}$")


def possessor_of(text: str, party: Party, cue: TermMatch) -> bool:
    """True for "Armenia's main arms supplier": the party owns the noun the cue names."""
    return bool(_POSSESSIVE_LEAD.match(text[party.end : cue.start]))
