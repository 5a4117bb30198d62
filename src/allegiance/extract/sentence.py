"""Claims stated by one sentence, given who the discourse is about.

A sentence is cut into clauses; each relation cue pairs the parties of its own clause. When a
clause names fewer than two parties, the discourse supplies the missing side: the partner named
by the section heading, the subject of the previous sentence ("It supplies ..."), or the pair the
text is about ("both nations", "the two sides"). Direction comes from the cue (forward: the party
before the cue acts) and from compounds ("Russian-made": Russia supplies).
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
from allegiance.extract.mentions import Party
from allegiance.records import ActorRef


@dataclass(frozen=True)
class Context:
    focal: ActorRef | None
    partner: ActorRef | None
    """The partner named by the section heading, or the current discourse partner."""
    last_pair: tuple[ActorRef, ActorRef] | None = None
    """The pair of the latest claim in this section: what "the two sides" refers back to."""


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


def _order(a: ActorRef, b: ActorRef) -> tuple[ActorRef, ActorRef]:
    return (a, b) if a.id <= b.id else (b, a)


def candidates_for_sentence(
    text: str,
    parties: list[Party],
    base: int,
    lexicon: Lexicon,
    context: Context,
    pair_hint: bool,
    table_row: bool = False,
) -> list[Candidate]:
    """Every (pair, dimension, polarity) that a relation cue of the sentence states."""
    clauses = sentence_clauses(text, lexicon)
    local = [Party(p.start - base, p.end - base, p.actor, p.via, p.role) for p in parties]
    cues = [c for c in lexicon.relation_matcher.find(text) if not _inside_party(c, local)]
    if table_row and not cues and lookup_relation(lexicon, TABLE_ROW):
        cues = [TermMatch(0, 0, TABLE_ROW)]
    topics = lexicon.topic_matcher.find(text)
    out: list[Candidate] = []
    for cue in cues:
        here = clauses.key(cue.start)
        clause_parties = [
            p for p in local if clauses.key(p.start) == here and p.role in ("party", "pronoun")
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
        clause_forums = [p for p in local if clauses.key(p.start) == here and p.role == "forum"]
        clause_topics = [t for t in topics if clauses.key(t.start) == here]
        sentence_parties = [p for p in local if p.role in ("party", "pronoun")]
        for reading_igo in (False, True):
            readings = _choose_reading(
                lookup_relation(lexicon, cue.term), clause_topics, lexicon, reading_igo
            )
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
                        b for a, b in itertools.pairwise(igos) if _coordinated(text, a, b)
                    ]  # "a member of the EU and NATO"
                    for igo in joined:
                        # "joined NATO": the state acts; "suspended from Mercosur": the bloc.
                        pair = (subject.actor, igo.actor)
                        if reading.direction == "backward":
                            pair = (igo.actor, subject.actor)
                        for dim in _dimensions(
                            reading, clause_topics, lexicon, (cue.start, cue.end)
                        ):
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
                    if not _aimed_at(text, p, lexicon)
                    or (reading.polarity == "tension" and _adjacent_target(text, p, cue))
                ]
                pairs = _pairs(text, pool, cue, reading, context, pair_hint)
                for subj, obj, directed, from_context in pairs:
                    for dim in _dimensions(reading, clause_topics, lexicon, (cue.start, cue.end)):
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


def _aimed_at(text: str, party: Party, lexicon: Lexicon) -> bool:
    """True when the party is what a cooperation is directed against ("... against the RSF")."""
    window = re.sub(
        r"\s+(?:the|a|an)\s*$", "", text[max(0, party.start - 30) : party.start].rstrip()
    )
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


_COORDINATION = re.compile(r"^(?:\s*(?:,|and|&|as well as)\s*)+(?:the\s+)?$")


def _coordinated(text: str, a: Party, b: Party) -> bool:
    """True for "X and Y" / "X, Y": two parties standing together as one side."""
    return bool(_COORDINATION.match(text[a.end : b.start]))


def _sides(parties: list[Party], cue: TermMatch) -> tuple[list[Party], list[Party]]:
    """Distinct parties before and after the cue; an actor named on both sides stands on the
    side where it is named nearest to the cue ("In Sudan, Cairo backs the Sudanese army")."""
    nearest: dict[str, Party] = {}
    for p in parties:
        distance = abs(p.start - cue.start)
        kept = nearest.get(p.actor.id)
        if kept is None or distance < abs(kept.start - cue.start):
            nearest[p.actor.id] = p
    chosen = sorted(nearest.values(), key=lambda p: p.start)
    return [p for p in chosen if p.start < cue.start], [p for p in chosen if p.start >= cue.start]


_LIST_WORDS = frozenset(("and", "or", "to", "with", "from", "for", "the", "its", "their", "also"))


def _listed(text: str, a: Party, b: Party) -> bool:
    """True when b is listed after a ("Syria and to Hezbollah", "Iraq, Syria"): a short gap
    of list words joined by a comma or a conjunction."""
    gap = text[a.end : b.start]
    words = re.findall(r"[\w-]+", gap.lower())
    joined = "," in gap or "and" in words or "or" in words or "&" in gap
    return joined and len(words) <= 3 and all(w in _LIST_WORDS for w in words)


def _run(text: str, parties: list[Party], *, forward: bool) -> list[Party]:
    """The list that starts the parties after a cue (forward) or ends those before it."""
    ordered = parties if forward else parties[::-1]
    run = [ordered[0]]
    for a, b in itertools.pairwise(ordered):
        first, second = (a, b) if forward else (b, a)
        if not (_coordinated(text, first, second) or _listed(text, first, second)):
            break
        run.append(b)
    return run if forward else run[::-1]


def _listing(text: str, parties: list[Party]) -> bool:
    """Three or more parties in one list ("A, B and C")."""
    return len(parties) >= 3 and all(
        _list_gap(text[a.end : b.start]) for a, b in itertools.pairwise(parties)
    )


def _list_gap(gap: str) -> bool:
    """Between two items of a list: a comma or a conjunction and a few words ("the"), or a
    couple of words inside one item ("the Taliban government in Afghanistan")."""
    words = re.findall(r"[\w-]+", gap.lower())
    joined = "," in gap or "and" in words or "or" in words
    return len(words) <= 3 if joined else len(words) <= 2 and "." not in gap


_TIED_WITH = re.compile(r"^[’'s]*\s+(?:\w+\s+){0,2}with\s+(?:the\s+)?$")


def _tied_with(text: str, a: Party, b: Party) -> bool:
    """ "Baku's relations with Moscow sour": the two named around "with" are the pair."""
    return bool(_TIED_WITH.match(text[a.end : b.start]))


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


def _between_pair(text: str, after: list[Party], cue: TermMatch) -> tuple[Party, Party] | None:
    """ "talks between US and Russian officials": the two parties after "between"."""
    if len(after) < 2 or not _coordinated(text, after[0], after[1]):
        return None
    lead = text[cue.end : after[0].start]
    return (after[0], after[1]) if _BETWEEN.search(lead) else None


def _adjacent_agent(text: str, before: list[Party], cue: TermMatch) -> Party | None:
    if not before or before[-1].via not in ("demonym", "organ"):
        return None
    gap = text[before[-1].end : cue.start]
    return before[-1] if gap.strip() == "" else None


def _named_pairs(
    text: str, parties: list[Party], cue: TermMatch, reading: RelationCue, focal: ActorRef | None
) -> list[tuple[ActorRef, ActorRef, bool, bool]]:
    """Pairs among parties the clause names.

    A mutual cue relates a coordinated side ("Chile and Peru held drills") or the nearest
    parties on either side of it. A directed cue relates the nearest party before it to every
    party after it ("Iran sent advisers to Syria and to Hezbollah"), or, with every party on one
    side, the first two.
    """
    before, after = _sides(parties, cue)
    between = _between_pair(text, after, cue)
    if reading.mediator and before and after:
        # "Egypt, Qatar and the US are mediating between Israel and Hamas": each mediator
        # with each side.
        sides = list(between) if between is not None else _run(text, after, forward=True)
        return [
            (*_directed_pair(m, side, cue, reading), False)
            for m in _run(text, before, forward=False)
            for side in sides
        ]
    if between is not None:
        return [(*_directed_pair(between[0], between[1], cue, reading), False)]
    agent = _adjacent_agent(text, before, cue)
    if agent is not None and len(parties) >= 2:
        # "Chinese lenders extended $60 billion to Caracas": the demonym names the agent of a
        # noun cue; its partner is the other party nearest to the cue.
        others = sorted(
            (p for p in parties if p is not agent), key=lambda p: abs(p.start - cue.start)
        )
        return [(*_directed_pair(agent, others[0], cue, reading), False)]
    if reading.direction == "mutual":
        focal_party = next((p for p in parties if focal and p.actor.id == focal.id), None)
        if focal is not None and focal_party is None and not after and _listing(text, before):
            # "India, Afghanistan and Iran are the main sources of friction": a list of three
            # or more is each the focal actor's partner, not each other's.
            ghost = Party(-1, -1, focal, "context", "party")
            return [(*_directed_pair(ghost, p, cue, reading), True) for p in before]
        elif len(before) >= 2 and (
            _coordinated(text, before[-2], before[-1]) or _tied_with(text, before[-2], before[-1])
        ):
            a, b = before[-2], before[-1]
        elif focal_party is not None and len(parties) >= 3:
            # A list of partners around the focal actor: each is paired with it.
            return [
                (*_directed_pair(focal_party, p, cue, reading), False)
                for p in parties
                if p is not focal_party
            ]
        elif before and after:
            a, b = before[-1], after[0]
        elif len(after) >= 2:
            a, b = after[0], after[1]
        else:
            a, b = before[-2], before[-1]
        return [(*_directed_pair(a, b, cue, reading), False)]
    if before and after:
        # "sent advisers to Syria and to Hezbollah": every object listed with the first one;
        # a party further on belongs to another thought ("..., and many Serbs remember NATO").
        objects = [after[0]]
        for a, b in itertools.pairwise(after[:3]):
            if not _listed(text, a, b):
                break
            objects.append(b)
        return [(*_directed_pair(before[-1], b, cue, reading), False) for b in objects]
    if len(before) >= 2:
        # "X backs Y on votes and opposes ...": with nobody after the cue, its object is not
        # named here, unless the two stand together ("Russia and China oppose").
        if not _coordinated(text, before[-2], before[-1]):
            return []
        a, b = before[-2], before[-1]
    else:
        a, b = after[0], after[1]
    return [(*_directed_pair(a, b, cue, reading), False)]


def _pairs(
    text: str,
    pool: list[Party],
    cue: TermMatch,
    reading: RelationCue,
    context: Context,
    pair_hint: bool,
) -> list[tuple[ActorRef, ActorRef, bool, bool]]:
    distinct: dict[str, Party] = {}
    for p in pool:
        distinct.setdefault(p.actor.id, p)
    parties = list(distinct.values())
    if len(parties) >= 2:
        return _named_pairs(text, pool, cue, reading, context.focal)
    directed = reading.direction != "mutual"
    # Fewer than two parties in the clause: the discourse supplies the other side, not a party
    # of another clause ("X is a supplier, while Y's deliveries fall" does not relate X and Y).
    # A named party other than the focal actor relates to the focal actor (the document is
    # about it); the focal actor alone relates to the partner under discussion.
    if len(parties) == 1:
        only = parties[0]
        other = next(
            (
                c
                for c in (context.focal, context.partner)
                if c is not None and c.id != only.actor.id
            ),
            None,
        )
        if other is None:
            return []
        ghost = Party(-1, -1, other, "context", "party")
        return [(*_directed_pair(ghost, only, cue, reading), True)]
    if pair_hint and context.last_pair is not None and not directed:
        a, b = _order(*context.last_pair)
        return [(a, b, False, True)]
    if pair_hint and context.focal is not None and context.partner is not None:
        if context.partner.id == context.focal.id:
            return []
        if directed:
            return []  # who acts is unknown without a named side
        a, b = _order(context.focal, context.partner)
        return [(a, b, False, True)]
    return []


def _directed_pair(
    a: Party, b: Party, cue: TermMatch, reading: RelationCue
) -> tuple[ActorRef, ActorRef, bool]:
    if reading.direction == "mutual":
        x, y = _order(a.actor, b.actor)
        return x, y, False
    first, second = (a, b) if a.start <= b.start else (b, a)
    if first.start < 0:  # a side from context: it acts unless the named side stands before the cue
        named, ghost = second, first
        if named.start < cue.start:
            first, second = named, ghost
        else:
            first, second = ghost, named
    if reading.direction == "backward":
        first, second = second, first
    return first.actor, second.actor, True


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
        if comp.role not in ("supplier", "patron", "opponent"):
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
                x, y = _order(side, comp.actor)
                out.append(Candidate(x, y, "diplomatic", "tension", False, "F0", cue, from_context))
    return out
