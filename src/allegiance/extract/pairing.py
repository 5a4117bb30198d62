"""Which actor pairs a relation cue states, and which side acts.

Given the parties of a cue's clause and the discourse around it (the focal actor, the section's
partner, the last pair), return (subject, object, directed, from_context) tuples. Geometry of
the text (lists, coordination, sides) comes from ``extract.lists``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from allegiance.extract.lexicon import RelationCue, TermMatch
from allegiance.extract.lists import (
    adjacent_agent,
    between_pair,
    coordinated,
    is_listing,
    list_run,
    listed,
    possessor_of,
    sides,
    tied_with,
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


def order_pair(a: ActorRef, b: ActorRef) -> tuple[ActorRef, ActorRef]:
    return (a, b) if a.id <= b.id else (b, a)


def named_pairs(
    text: str, parties: list[Party], cue: TermMatch, reading: RelationCue, focal: ActorRef | None
) -> list[tuple[ActorRef, ActorRef, bool, bool]]:
    """Pairs among parties the clause names.

    A mutual cue relates a coordinated side ("Chile and Peru held drills") or the nearest
    parties on either side of it. A directed cue relates the nearest party before it to every
    party after it ("Iran sent advisers to Syria and to Hezbollah"), or, with every party on one
    side, the first two.
    """
    before, after = sides(parties, cue)
    between = between_pair(text, after, cue)
    if reading.mediator and before and after:
        # "Egypt, Qatar and the US are mediating between Israel and Hamas": each mediator
        # with each side.
        ends = list(between) if between is not None else list_run(text, after, forward=True)
        return [
            (*directed_pair(m, side, cue, reading), False)
            for m in list_run(text, before, forward=False)
            for side in ends
        ]
    if between is not None:
        return [(*directed_pair(between[0], between[1], cue, reading), False)]
    agent = adjacent_agent(text, before, cue)
    if agent is not None and len(parties) >= 2:
        # "Chinese lenders extended $60 billion to Caracas": the demonym names the agent of a
        # noun cue; its partner is the other party nearest to the cue.
        others = sorted(
            (p for p in parties if p.actor.id != agent.actor.id),
            key=lambda p: abs(p.start - cue.start),
        )
        if not others:
            return []
        return [(*agent_pair(agent, others[0], reading), False)]
    if reading.direction == "mutual":
        focal_party = next((p for p in parties if focal and p.actor.id == focal.id), None)
        if focal is not None and focal_party is None and not after and is_listing(text, before):
            # "India, Afghanistan and Iran are the main sources of friction": a list of three
            # or more is each the focal actor's partner, not each other's.
            ghost = Party(-1, -1, focal, "context", "party")
            return [(*directed_pair(ghost, p, cue, reading), True) for p in before]
        elif len(before) >= 2 and (
            coordinated(text, before[-2], before[-1]) or tied_with(text, before[-2], before[-1])
        ):
            a, b = before[-2], before[-1]
        elif focal_party is not None and len(parties) >= 3:
            # A list of partners around the focal actor: each is paired with it.
            return [
                (*directed_pair(focal_party, p, cue, reading), False)
                for p in parties
                if p is not focal_party
            ]
        elif before and after:
            a, b = before[-1], after[0]
        elif len(after) >= 2:
            a, b = after[0], after[1]
        else:
            a, b = before[-2], before[-1]
        return [(*directed_pair(a, b, cue, reading), False)]
    if before and after:
        # "sent advisers to Syria and to Hezbollah": every object listed with the first one;
        # a party further on belongs to another thought ("..., and many Serbs remember NATO").
        objects = [after[0]]
        for a, b in itertools.pairwise(after[:3]):
            if not listed(text, a, b):
                break
            objects.append(b)
        return [(*directed_pair(before[-1], b, cue, reading), False) for b in objects]
    if len(before) >= 2:
        # "X backs Y on votes and opposes ...": with nobody after the cue, its object is not
        # named here, unless the two stand together ("Russia and China oppose").
        # "India emerges as Armenia's main arms supplier": the possessor is the other side.
        if not (coordinated(text, before[-2], before[-1]) or possessor_of(text, before[-1], cue)):
            return []
        a, b = before[-2], before[-1]
    else:
        a, b = after[0], after[1]
    return [(*directed_pair(a, b, cue, reading), False)]


def pairs_for_cue(
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
        return named_pairs(text, pool, cue, reading, context.focal)
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
        return [(*directed_pair(ghost, only, cue, reading), True)]
    if pair_hint and context.last_pair is not None and not directed:
        a, b = order_pair(*context.last_pair)
        return [(a, b, False, True)]
    if pair_hint and context.focal is not None and context.partner is not None:
        if context.partner.id == context.focal.id:
            return []
        if directed:
            return []  # who acts is unknown without a named side
        a, b = order_pair(context.focal, context.partner)
        return [(a, b, False, True)]
    return []


def agent_pair(agent: Party, other: Party, reading: RelationCue) -> tuple[ActorRef, ActorRef, bool]:
    """The agent of a noun cue acts, wherever the other side is named ("the government has
    weathered an American naval build-up": the United States acts)."""
    if reading.direction == "mutual":
        x, y = order_pair(agent.actor, other.actor)
        return x, y, False
    if reading.direction == "backward":
        return other.actor, agent.actor, True
    return agent.actor, other.actor, True


def directed_pair(
    a: Party, b: Party, cue: TermMatch, reading: RelationCue
) -> tuple[ActorRef, ActorRef, bool]:
    if reading.direction == "mutual":
        x, y = order_pair(a.actor, b.actor)
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
