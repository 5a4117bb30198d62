"""Claims stated by one sentence, given who the discourse is about.

A sentence is cut into clauses; each relation cue pairs the parties of its own clause. When a
clause names fewer than two parties, the discourse supplies the missing side: the partner named
by the section heading, the subject of the previous sentence ("It supplies ..."), or the pair the
text is about ("both nations", "the two sides"). Direction comes from the cue (forward: the party
before the cue acts) and from compounds ("Russian-made": Russia supplies). Which parties a cue
pairs is decided in ``extract.pairing``; this module finds the cues, their clauses and readings.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from allegiance.extract.clauses import Clauses, split_clauses
from allegiance.extract.lexicon import (
    TABLE_ROW,
    Lexicon,
    RelationCue,
    TermMatch,
    lookup_relation,
)
from allegiance.extract.lists import coordinated
from allegiance.extract.mentions import Party
from allegiance.extract.pairing import Context, order_pair, pairs_for_cue
from allegiance.records import ActorRef


@dataclass(frozen=True)
class Candidate:
    """A claim before modality and quantities are attached (offsets are sentence-relative)."""

    subject: ActorRef
    object: ActorRef
    dimension: str
    polarity: str
    directed: bool
    formality: str
    cue: TermMatch
    from_context: bool
    cue_kind: str = "compound"
    """How the dimension was decided: "fixed" by the cue itself, "topic" from the clause's
    topic words, or "compound" ("Russian-made")."""


def sentence_clauses(text: str, lexicon: Lexicon) -> Clauses:
    return split_clauses(
        text, lexicon.clause_breaks, lexicon.subordinate_openers, lexicon.relative_openers
    )


FOLLOWING_TOPIC_WINDOW = 40
"""Characters after a verb within which its object's topic word decides its dimension."""


def _distance(topic: TermMatch, cue: tuple[int, int]) -> int:
    return topic.start - cue[1] if topic.start >= cue[1] else max(0, cue[0] - topic.end)


def _dimensions(
    cue: RelationCue,
    topics: list[TermMatch],
    lexicon: Lexicon,
    at: tuple[int, int] | None = None,
) -> list[str]:
    if cue.dimension:
        return [cue.dimension]
    known = [t for t in topics if t.term.lower() in lexicon.topic_of]
    # What a verb acts on follows it: "bought Russian crude, paying in yuan" is an energy deal.
    around = [t for t in known if at is not None and (t.end <= at[0] or t.start >= at[1])]
    if at is not None and around:
        near = min(around, key=lambda t: (_distance(t, at), t.start))
        if _distance(near, at) <= FOLLOWING_TOPIC_WINDOW:
            known = [near]
    dims = {lexicon.topic_of[t.term.lower()] for t in known}
    if not dims and cue.default:
        return [cue.default]
    return sorted(dims)


def _choose_reading(
    readings: tuple[RelationCue, ...], topics: list[TermMatch], lexicon: Lexicon, igo_pair: bool
) -> list[RelationCue]:
    """A term with several readings takes those whose dimension the clause talks about."""
    readings = tuple(r for r in readings if r.igo == igo_pair) or ()
    if len(readings) <= 1:
        return list(readings)
    topic_dims = {lexicon.topic_of.get(t.term.lower()) for t in topics}
    fitting = [r for r in readings if not r.dimension or r.dimension in topic_dims]
    return fitting[:1] if fitting else [readings[0]]


def may_state_relation(cues: list[TermMatch], parties: list[Party], table_row: bool) -> bool:
    """Whether ``candidates_for_sentence`` can find anything in a sentence with these relation
    cues and parties: most sentences have no cue, no table row and no mention that states a
    relation by itself ("Russian-made"), and then their clauses, topics and discourse are moot.
    """
    return bool(cues) or table_row or any(p.role in _COMPOUND_ROLES for p in parties)


def candidates_for_sentence(
    text: str,
    parties: list[Party],
    base: int,
    lexicon: Lexicon,
    context: Context,
    pair_hint: bool,
    table_row: bool = False,
    cues: list[TermMatch] | None = None,
) -> list[Candidate]:
    """Every (pair, dimension, polarity) that a relation cue of the sentence states.

    ``cues``: ``lexicon.relation_matcher.find(text)`` where the caller has them already."""
    if cues is None:
        cues = lexicon.relation_matcher.find(text)
    compound = any(p.role in _COMPOUND_ROLES for p in parties)
    if not cues and not table_row and not compound:
        return []  # most sentences: nothing states a relation, so clauses and topics are moot
    local = [Party(p.start - base, p.end - base, p.actor, p.via, p.role) for p in parties]
    cues = [c for c in cues if not _inside_party(c, local)]
    if table_row and not cues and lookup_relation(lexicon, TABLE_ROW):
        cues = [TermMatch(0, 0, TABLE_ROW)]
    if not cues and not compound:
        return []
    clauses = sentence_clauses(text, lexicon)
    topics = lexicon.topic_matcher.find(text)
    out: list[Candidate] = []
    aimed_at: dict[int, bool] = {}

    def aimed(party: Party) -> bool:  # asked per cue and reading; the answer is per party
        if party.start not in aimed_at:
            aimed_at[party.start] = _aimed_at(text, party, lexicon)
        return aimed_at[party.start]

    # Which clause each party and topic word is in, and the parties proper, asked once for
    # every cue of the sentence.
    party_keys = [clauses.key(p.start) for p in local]
    topic_keys = [clauses.key(t.start) for t in topics]
    sentence_parties = [p for p in local if p.role in ("party", "pronoun")]
    for cue in cues:
        here = clauses.key(cue.start)
        clause_parties = [
            p
            for p, k in zip(local, party_keys, strict=True)
            if k == here and p.role in ("party", "pronoun")
        ]
        relative = clauses.relative_start(cue.start)
        if relative is not None:
            # "the European Union, whose agreement with Havana ...": the relative clause is
            # about the party it hangs on.
            antecedent = [p for p in local if p.end <= relative and p.role in ("party", "pronoun")]
            if antecedent and not text[antecedent[-1].end : relative].strip(" ’'s"):
                hung = antecedent[-1]
                agent = _relative_agent(text, relative, clause_parties, cue)
                if agent is not None:
                    # "the BLA, which Pakistan's army has fought": the antecedent is the
                    # object of the relative clause, so it stands after the cue.
                    hung = Party(cue.end, cue.end, hung.actor, hung.via, hung.role)
                    clause_parties = [*clause_parties, hung]
                else:
                    clause_parties = [hung, *clause_parties]
        clause_forums = [
            p for p, k in zip(local, party_keys, strict=True) if k == here and p.role == "forum"
        ]
        clause_topics = [t for t, k in zip(topics, topic_keys, strict=True) if k == here]
        all_readings = lookup_relation(lexicon, cue.term)
        # Membership readings ("joined") are few: without one, the second pass finds nothing.
        for reading_igo in (False, True) if any(r.igo for r in all_readings) else (False,):
            readings = _choose_reading(all_readings, clause_topics, lexicon, reading_igo)
            for reading in readings:
                pool = clause_parties
                if reading.igo:
                    pool = [p for p in clause_parties if p.actor.kind != "igo"]
                    igos = [
                        p
                        for p in clause_parties + clause_forums
                        if p.actor.kind == "igo"
                        and (p.start > cue.start or not text[p.end : cue.start].strip())
                    ]  # after the cue, or right before it ("a NATO member")
                    if not igos:
                        continue
                    states = pool or _context_parties(sentence_parties, context, igo=False)
                    if not states:
                        continue
                    subject = max(
                        (p for p in states if p.start < cue.start),
                        default=states[0],
                        key=lambda p: p.start,
                    )
                    joined = [igos[0]] + [
                        b for a, b in itertools.pairwise(igos) if coordinated(text, a, b)
                    ]  # "a member of the EU and NATO"
                    dims = _dimensions(reading, clause_topics, lexicon, (cue.start, cue.end))
                    for igo in joined:
                        # "joined NATO": the state acts; "suspended from Mercosur": the bloc.
                        pair = (subject.actor, igo.actor)
                        if reading.direction == "backward":
                            pair = (igo.actor, subject.actor)
                        for dim in dims:
                            out.append(
                                Candidate(
                                    *pair,
                                    dim,
                                    reading.polarity,
                                    True,
                                    reading.formality,
                                    cue,
                                    not pool,
                                    "fixed" if reading.dimension else "topic",
                                )
                            )
                    continue
                # "backs X against Y": Y is no partner; "opposes resolutions targeting Y": Y is
                # the target of the resolutions, not of the opposition.
                pool = [
                    p
                    for p in pool
                    if not aimed(p)
                    or (reading.polarity == "tension" and _adjacent_target(text, p, cue))
                ]
                pairs = pairs_for_cue(text, pool, cue, reading, context, pair_hint)
                if pairs:
                    dims = _dimensions(reading, clause_topics, lexicon, (cue.start, cue.end))
                for subj, obj, directed, from_context in pairs:
                    for dim in dims:
                        out.append(
                            Candidate(
                                subj,
                                obj,
                                dim,
                                reading.polarity,
                                directed,
                                reading.formality,
                                cue,
                                from_context,
                                "fixed" if reading.dimension else "topic",
                            )
                        )
    out.extend(_compound_candidates(text, local, clauses, topics, lexicon, context))
    return _without_undone(out, clauses)


UNDONE_REACH = 40
"""Characters after a tension cue within which a cooperation cue is what it undoes."""


def _without_undone(found: list[Candidate], clauses: Clauses) -> list[Candidate]:
    """Drop a tie that a tension cue of the same pair acts on: "downgraded diplomatic ties with
    Minsk", "broke off relations with Rabat", "blocked Venezuela's bid to become a partner"."""
    tensions = [c for c in found if c.polarity == "tension" and c.directed and c.cue.end > 0]

    def undone(c: Candidate) -> bool:
        pair = {c.subject.id, c.object.id}
        return c.polarity == "cooperation" and any(
            {t.subject.id, t.object.id} == pair
            and 0 <= c.cue.start - t.cue.end <= UNDONE_REACH
            and clauses.key(c.cue.start) == clauses.key(t.cue.start)
            for t in tensions
        )

    return [c for c in found if not undone(c)]


_OBJECT_RELATIVE = re.compile(r"^\W*(?:which|whom)\s+(?:the\s+)?$", re.IGNORECASE)


def _relative_agent(text: str, relative: int, parties: list[Party], cue: TermMatch) -> Party | None:
    """The party that opens an object relative clause ("which Pakistan's army has fought"):
    it acts on the antecedent; None for a subject relative ("which supplies ...")."""
    first = next((p for p in parties if p.start >= relative), None)
    if first is None or first.start >= cue.start:
        return None
    return first if _OBJECT_RELATIVE.match(text[relative : first.start]) else None


def _adjacent_target(text: str, party: Party, cue: TermMatch) -> bool:
    """A tension cue's own target: before it, or right after it ("protested against Hanoi's
    islands"); a party further on is the target of something else ("opposes resolutions
    targeting Y")."""
    return party.start < cue.start or bool(_RIGHT_AGAINST.match(text[cue.end : party.start]))


_RIGHT_AGAINST = re.compile(r"^\s*(?:against|at|on|with)?\s*(?:the\s+)?$", re.IGNORECASE)


_TRAILING_ARTICLE = re.compile(r"\s+(?:the|a|an)\s*$")


def _aimed_at(text: str, party: Party, lexicon: Lexicon) -> bool:
    """True when the party is what a cooperation is directed against ("... against the RSF")."""
    before = text[max(0, party.start - 30) : party.start]
    if not lexicon.against_words.might_match(before):
        return False  # most parties: no "against" word before them, and the window is moot
    window = _TRAILING_ARTICLE.sub("", before.rstrip())
    return any(m.end == len(window) for m in lexicon.against_words.find(window))


def _inside_party(cue: TermMatch, parties: list[Party]) -> bool:
    """A cue word inside a name is part of the name ("Rapid Support Forces"), except inside an
    organ phrase, whose head still says what the organ does ("Chinese lenders", "Iranian
    troops")."""
    return any(
        p.via != "organ" and (p.start <= cue.start < p.end or cue.start <= p.start < cue.end)
        for p in parties
    )


def _context_parties(sentence_parties: list[Party], context: Context, *, igo: bool) -> list[Party]:
    found = [p for p in sentence_parties if (p.actor.kind == "igo") == igo]
    if found:
        return found
    if context.focal is not None:
        return [Party(-1, -1, context.focal, "context", "party")]
    return []


_COMPOUND_ROLES = ("supplier", "patron", "opponent")
"""Roles of a mention that states a relation by itself ("Russian-made", "anti-Israeli")."""


def _compound_candidates(
    text: str,
    parties: list[Party],
    clauses: Clauses,
    topics: list[TermMatch],
    lexicon: Lexicon,
    context: Context,
) -> list[Candidate]:
    """Relations stated by compounds: "Russian-made" (supplier), "Iranian-backed" (patron),
    "anti-Israeli" (opponent)."""
    out: list[Candidate] = []
    for comp in parties:
        if comp.role not in _COMPOUND_ROLES:
            continue
        here = clauses.key(comp.start)
        others = [
            p.actor
            for p in parties
            if p.role in ("party", "pronoun") and p.actor.id != comp.actor.id
        ]
        in_clause = [
            p.actor
            for p in parties
            if clauses.key(p.start) == here
            and p.role in ("party", "pronoun")
            and p.actor.id != comp.actor.id
        ]
        targets = in_clause or others
        from_context = not targets
        if not targets:
            for candidate in (context.focal, context.partner):
                if candidate is not None and candidate.id != comp.actor.id:
                    targets = [candidate]
                    break
        cue = TermMatch(comp.start, comp.end, comp.role)
        clause_topics = [t for t in topics if clauses.key(t.start) == here]
        dims = sorted(
            {
                lexicon.topic_of[t.term.lower()]
                for t in clause_topics
                if t.term.lower() in lexicon.topic_of
            }
        )
        if comp.role == "supplier" or comp.role == "patron":
            for target in targets[:1]:
                dim = "military" if "military" in dims or not dims else dims[0]
                out.append(
                    Candidate(comp.actor, target, dim, "cooperation", True, "F1", cue, from_context)
                )
        else:
            sides = {a.id: a for a in targets}
            if context.focal is not None and context.focal.id != comp.actor.id:
                sides.setdefault(context.focal.id, context.focal)
            if context.partner is not None and context.partner.id != comp.actor.id:
                sides.setdefault(context.partner.id, context.partner)
            for side in sorted(sides.values(), key=lambda a: a.id):
                x, y = order_pair(side, comp.actor)
                out.append(Candidate(x, y, "diplomatic", "tension", False, "F0", cue, from_context))
    return out
