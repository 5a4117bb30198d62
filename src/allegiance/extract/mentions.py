"""Which actor mentions in a sentence are parties to what it says.

The gazetteer finds every name; not every name is a party. A capital after "in" is a venue
("talks in Geneva"), a name after "like" is a comparison, a name that heads a longer proper name
is part of another organisation ("Moscow Institute for ..."), and a demonym glued to "-made" or
"-backed" states a relation by itself. This module sorts mentions into those roles, using only
the word lists of ``lexicon/context.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from allegiance.extract.lexicon import Lexicon
from allegiance.extract.terms import TermMatcher
from allegiance.records import ActorRef

_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")
_COMPOUND_AFTER = re.compile(r"-([a-z]+)\b")
"""Matched at a mention's end: "-made" of "Russian-made"."""
_PREFIX_BEFORE = re.compile(r"\b([a-z]+)-$")
_POSSESSIVE = re.compile(r"(?:['’]s?)?\s*")
"""Matched at a mention's end: its possessive ending and the space after it."""


def _past_possessive(text: str, end: int) -> int:
    """Where the words after a mention start, past its possessive ending ("Iran's Institute"
    -> the offset of "Institute"). Matched in place: slicing the rest of the sentence per
    mention cost more than the question."""
    found = _POSSESSIVE.match(text, end)
    return found.end() if found else end


@dataclass(frozen=True)
class Party:
    """An actor mention that can take part in a claim."""

    start: int
    end: int
    actor: ActorRef
    via: str
    role: str = "party"  # party | supplier | patron | opponent | pronoun | forum


_COORDINATED_GAP = re.compile(r"^\s*(?:,|and|or)\s*(?:and\s+)?$")

_NEXT_WORD = re.compile(r"\s+([\w-]+)")


def _next_word(text: str, end: int) -> str:
    """The word after offset ``end`` (lowercased), if white space comes first."""
    m = _NEXT_WORD.match(text, end)
    return m.group(1).lower() if m else ""


def _previous_word(text: str, upto: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, upto - 40) : upto])
    return m.group(1).lower() if m else ""


_ARTICLES = ("the", "a", "an")


def _governing_word(text: str, upto: int) -> str:
    """The word before a name, looking past an article: the preposition of "at the UN"."""
    m = _WORD_BEFORE.search(text[max(0, upto - 40) : upto])
    if m and m.group(1).lower() in _ARTICLES:
        return _previous_word(text, max(0, upto - 40) + m.start())
    return m.group(1).lower() if m else ""


_NO_EDGES: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())


class _Scan:
    """One sentence and the matches of each word list on it, found once: a sentence has several
    mentions and each asks about the words around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[int, tuple[frozenset[int], frozenset[int]]] = {}

    def _edges(self, matcher: TermMatcher) -> tuple[frozenset[int], frozenset[int]]:
        """Where the phrases of ``matcher`` start and where they end: usually nowhere, and then
        no question about a mention needs to cut the text around it."""
        key = id(matcher)
        found = self._found.get(key)
        if found is None:
            matches = matcher.find(self.text)
            found = (
                (frozenset(m.start for m in matches), frozenset(m.end for m in matches))
                if matches
                else _NO_EDGES
            )
            self._found[key] = found
        return found

    def ends_at(self, matcher: TermMatcher, upto: int) -> bool:
        """Some phrase of ``matcher`` ends right before ``upto`` (white space aside)."""
        ends = self._edges(matcher)[1]
        return bool(ends) and len(self.text[:upto].rstrip()) in ends

    def starts_at(self, matcher: TermMatcher, pos: int) -> bool:
        """Some phrase of ``matcher`` starts at ``pos`` (white space aside)."""
        starts = self._edges(matcher)[0]
        if not starts:
            return False
        rest = self.text[pos:]
        return pos + len(rest) - len(rest.lstrip()) in starts


_TITLE_WORD = re.compile(r"^[A-Z][\w-]*\s+")
"""A capitalised word before a name's verb: the title of "President Xi said"."""


def _is_attribution(scan: _Scan, start: int, following_at: int, lexicon: Lexicon) -> bool:
    """``following_at``: where the words after the mention start (past a possessive)."""
    if scan.ends_at(lexicon.attribution_before, start):
        return True
    head = scan.text[following_at : following_at + 60]
    # Only a noun or verb right at the start counts, so only the first words are matched.
    noun = lexicon.attribution_nouns.match_at_start(head)
    # Past the speaker's title: "officials said", "President Xi said".
    head = head[noun.end :].lstrip() if noun else _TITLE_WORD.sub("", head)
    return lexicon.attribution_verbs.match_at_start(head[:20]) is not None


def classify_mentions(text: str, mentions: list, lexicon: Lexicon, *, base: int) -> list[Party]:
    """Turn gazetteer mentions of one sentence into parties; ``text`` is the sentence text and
    ``base`` its offset in the document (mentions carry document offsets)."""
    if not mentions:
        return []  # most sentences name no actor
    parties: list[Party] = []
    scan = _Scan(text)
    place_end = -1  # end of the last mention read as a place
    for mention in mentions:
        start, end = mention.start - base, mention.end - base
        role = "party"
        # Both affixes need a hyphen next to the name ("-$" also matches before a final
        # line break): most names have none, and then neither regex runs.
        compound = _COMPOUND_AFTER.match(text, end) if text.startswith("-", end) else None
        prefix = (
            _PREFIX_BEFORE.search(text[:start])
            if text[max(0, start - 2) : start].endswith(("-", "-\n"))
            else None
        )
        if compound and compound.group(1) in lexicon.supplier_suffixes:
            role = "supplier"
        elif mention.via == "demonym" and _next_word(text, end) in lexicon.supplied_goods:
            role = "supplier"  # "Russian gas"
        elif compound and compound.group(1) in lexicon.patron_suffixes:
            role = "patron"
        elif prefix and prefix.group(1) in lexicon.opponent_prefixes:
            role = "opponent"
        else:
            following_at = _past_possessive(text, end)
            if scan.starts_at(lexicon.organisation_heads, following_at):
                continue  # part of another proper name
            if scan.ends_at(lexicon.comparison, start):
                continue  # a point of comparison
            if scan.ends_at(lexicon.location_prepositions, start) or (
                place_end >= 0 and _COORDINATED_GAP.match(text[place_end:start])
            ):
                place_end = end
                continue  # a place on the map ("wars in Syria and Libya")
            if (
                mention.via == "name"
                and scan.starts_at(lexicon.topic_heads, end)
                and not text.startswith(("'", "’"), end)
            ):
                continue  # "the Syria talks": a topic
            if _is_attribution(scan, start, following_at, lexicon):
                continue  # the source of the statement, not a party to it
            if mention.actor.kind == "igo" and (
                _governing_word(text, start) in lexicon.forum_prepositions
                or scan.starts_at(lexicon.forum_heads, end)
            ):
                role = "forum"  # where something happens; a party only to membership cues
            elif (
                mention.via == "capital"
                and _previous_word(text, start) in lexicon.venue_prepositions
                and not scan.ends_at(lexicon.missions_in, start)
            ):
                continue  # a venue, not a party
        parties.append(Party(mention.start, mention.end, mention.actor, mention.via, role))
    return parties


@lru_cache(maxsize=8)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    """The pronouns, longest first, each with the space that must follow it."""
    return tuple(w + " " for w in sorted(words, key=len, reverse=True))


def pronoun_party(text: str, base: int, actor: ActorRef | None, lexicon: Lexicon) -> Party | None:
    """A clause-initial pronoun ("It supplies ...") standing for ``actor``."""
    if actor is None:
        return None
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if not stripped[:1].isupper():
        return None
    lowered = stripped[:40].lower()
    pronouns = _longest_first(lexicon.partner_pronouns)
    if not lowered.startswith(pronouns):  # one C call for most sentences
        return None
    for pronoun in pronouns:
        if lowered.startswith(pronoun):
            end = base + offset + len(pronoun) - 1
            return Party(base + offset, end, actor, "pronoun", "pronoun")
    return None


_INNER_PRONOUN = re.compile(r"(?:,\s*|\band\s+|\bbut\s+|\bwhile\s+)(it|they)\b")


def inner_pronouns(text: str, base: int, parties: list[Party]) -> list[Party]:
    """ "X bought grain, and it joined BRICS": a subject pronoun after a conjunction stands for
    the first state or group the sentence named before it."""
    if "it" not in text and "they" not in text:
        return []  # most sentences: looking for the two words is much cheaper than the regex
    out = []
    for m in _INNER_PRONOUN.finditer(text):
        start = base + m.start(1)
        before = [
            p
            for p in parties
            if p.end <= start and p.actor.kind != "igo" and p.role in ("party", "pronoun")
        ]
        if before:
            out.append(Party(start, base + m.end(1), before[0].actor, "pronoun", "pronoun"))
    return out


def focal_description_parties(
    text: str, base: int, focal: ActorRef | None, parties: list[Party], lexicon: Lexicon
) -> list[Party]:
    """ "the island", "the kingdom": in a document about one state, that state."""
    if focal is None or focal.kind != "state":
        return []
    out = []
    for m in lexicon.focal_descriptions.find(text, base):
        if m.start - base == 0:
            continue  # clause-initial: the partner pronoun rule decides
        if not any(p.start < m.end and m.start < p.end for p in parties):
            out.append(Party(m.start, m.end, focal, "pronoun", "pronoun"))
    return out
