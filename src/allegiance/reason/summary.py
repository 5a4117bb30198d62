"""Relation summaries: the claim layer counted per (actor, counterpart, dimension, polarity).

Why they exist: a template such as actor-relations used to aggregate every claim of its actor at
query time, 5-10 index lookups a claim. At 1,000,000 claims the most popular actor is in about
400,000 of them, so one request took 20-60 s, and a handful of such requests kept every query
process of the server busy (bench/LOAD.md). The reasoning step already reads every claim as
plain rows for the tiers; counting them there costs a pass over those rows, and a template then
reads one node per counterpart.

Each summary is written twice, once from each side (``summarisedActor`` is the actor asked
about), so a template starts from the actor it is given with one index lookup. A summary also
names the claims it counts (``countsClaim``): a template about two actors (pair-evidence) or
about one dimension of an actor (trade-figures) then reads the claims of the few summaries that
match instead of every claim of the actor, about 5,000 of them for a sample actor at 1,000,000
claims, where each lookup costs ~10 us (bench/TEMPLATES.md). ``otherPolarity`` links the
summaries of one actor, counterpart and dimension in both polarities (a contradiction), so that
the contradictions template reads the few such summaries of an actor in full, not all of them.
Member ties (``MemberTies``, one node per organisation and member) list a member's summaries
with fellow members of an organisation (``org:hasMember``), for organisation-members.

A claim counts in exactly one summary per side, so summing ``claimCount`` over an actor's
summaries gives its number of claims. Like the tiers, the summaries are as of the last
reasoning run: ``build`` runs it after every change, ``allegiance reason`` on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from allegiance.model.literals import CONFIDENCE_PLACES, decimal_literal
from allegiance.model.vocab import notations
from allegiance.namespaces import ALG, ORG, RDF, XSD
from allegiance.reason.claims import ClaimRow, load_claims
from allegiance.reason.vocab import ACTOR_BASE, ID_BASE, SUMMARY_GRAPH, actor_id
from allegiance.store import GraphStore, GraphWrite
from allegiance.store.canonical import ntriples_digest
from allegiance.store.writes import parse_ntriples

SUMMARY_BASE = f"{ID_BASE}summary/"
TIES_BASE = f"{ID_BASE}ties/"

Memberships = dict[str, frozenset[str]]
"""Actor id -> the ids of the organisations it is a member of (``org:hasMember``)."""

Key = tuple[str, str, str, str]
"""(actor id, counterpart id, dimension notation, polarity notation)."""


@dataclass(slots=True)
class Tally:
    """What one summary counts, filled claim by claim."""

    claims: int = 0
    documents: set[str] = field(default_factory=set)
    max_confidence: float = 0.0
    members: list[str] = field(default_factory=list)
    """The IRIs of the claims counted, written as ``alg:countsClaim``."""

    def add(self, claim: ClaimRow) -> None:
        self.claims += 1
        self.documents.add(claim.document)
        self.max_confidence = max(self.max_confidence, claim.confidence)
        self.members.append(claim.iri)


def summary_iri(key: Key) -> str:
    """``id/summary/{actor}/{counterpart}/{dimension}/{polarity}``: readable and stable."""
    return SUMMARY_BASE + "/".join(key)


def ties_iri(organisation: str, member: str) -> str:
    """``id/ties/{organisation}/{member}``: one node per member with ties in an organisation."""
    return f"{TIES_BASE}{organisation}/{member}"


def load_memberships(store: GraphStore) -> Memberships:
    """Who is a member of what, as the reference graph (or an extension) states it."""
    found: dict[str, set[str]] = {}
    query = f"SELECT ?org ?member WHERE {{ ?org <{ORG.hasMember}> ?member }}"
    for row in store.query(query):
        organisation, member = row["org"], row["member"]
        if isinstance(organisation, ox.NamedNode) and isinstance(member, ox.NamedNode):
            found.setdefault(actor_id(member.value), set()).add(actor_id(organisation.value))
    return {member: frozenset(orgs) for member, orgs in found.items()}


def tally(claims: Iterable[ClaimRow]) -> dict[Key, Tally]:
    """Every summary the claims give, from each side of each claim (once if both are one)."""
    tallies: dict[Key, Tally] = {}
    for claim in claims:
        sides = {(claim.subject, claim.object), (claim.object, claim.subject)}
        for actor, counterpart in sides:
            key = (actor, counterpart, claim.dimension, claim.polarity)
            found = tallies.get(key)
            if found is None:
                found = tallies[key] = Tally()
            found.add(claim)
    return tallies


def member_ties(tallies: dict[Key, Tally], memberships: Memberships
                ) -> dict[tuple[str, str], list[Key]]:
    """(organisation, member) -> the member's summaries with fellow members of it.

    Worked out here because a query cannot do it per member cheaply: organisation-members
    would read every summary of every member (about 900 each for a sample state at 1,000,000
    claims, two lookups each) to keep the few whose counterpart is a fellow member."""
    ties: dict[tuple[str, str], list[Key]] = {}
    for key in tallies:
        actor, counterpart = key[0], key[1]
        if actor == counterpart:
            continue
        shared = memberships.get(actor, frozenset()) & memberships.get(counterpart, frozenset())
        for organisation in shared:
            ties.setdefault((organisation, actor), []).append(key)
    return ties


def summary_ntriples(tallies: dict[Key, Tally], memberships: Memberships | None = None
                     ) -> bytes:
    """The relations graph as the N-Triples Oxigraph would write for it, in key order.

    Written as text, not as pyoxigraph terms: at 10,000 documents there are 1.7 million
    triples, and making a term object for each took 10 s of an 80 s reasoning pass. Every term
    is an IRI built from actor ids and notations, or an integer or decimal literal whose
    lexical form needs no escaping; ``summary_triples`` parses the text back, and a test holds
    the text to Oxigraph's own serialisation of those triples, byte for byte.
    """
    dimensions = {n: f"<{iri}>" for n, iri in notations("dimension").items()}
    polarities = {n: f"<{iri}>" for n, iri in notations("polarity").items()}
    kind = f"<{RDF.type}> <{ALG.RelationSummary}> .\n"
    actor_p, counterpart_p = f"<{ALG.summarisedActor}>", f"<{ALG.counterpart}>"
    dimension_p, polarity_p = f"<{ALG.summaryDimension}>", f"<{ALG.summaryPolarity}>"
    claims_p, documents_p = f"<{ALG.claimCount}>", f"<{ALG.documentCount}>"
    confidence_p, member_p = f"<{ALG.maxConfidence}>", f"<{ALG.countsClaim}>"
    other_p = f"<{ALG.otherPolarity}>"
    integer = f"^^<{XSD.integer}> .\n"  # Oxigraph stores xsd:positiveInteger as this
    decimal = f"^^<{XSD.decimal}> .\n"
    # One bytes chunk per node, not one string per line: at 1,000,000 claims the graph has 4
    # million lines, and a list of them, its join and its encoding were three copies at once.
    chunks: list[bytes] = []
    for key in sorted(tallies):
        found = tallies[key]
        node = f"<{summary_iri(key)}> "
        confidence = decimal_literal(found.max_confidence, CONFIDENCE_PLACES)
        lines = [
            node + kind,
            f"{node}{actor_p} <{ACTOR_BASE}{key[0]}> .\n",
            f"{node}{counterpart_p} <{ACTOR_BASE}{key[1]}> .\n",
            f"{node}{dimension_p} {dimensions[key[2]]} .\n",
            f"{node}{polarity_p} {polarities[key[3]]} .\n",
            f'{node}{claims_p} "{found.claims}"{integer}',
            f'{node}{documents_p} "{len(found.documents)}"{integer}',
            f'{node}{confidence_p} "{confidence}"{decimal}',
        ]
        lines += (f"{node}{member_p} <{claim}> .\n" for claim in sorted(set(found.members)))
        lines += (
            f"{node}{other_p} <{summary_iri(other)}> .\n"
            for polarity in sorted(polarities)
            if polarity != key[3] and (other := (*key[:3], polarity)) in tallies
        )
        chunks.append("".join(lines).encode("utf-8"))
    chunks += _ties_chunks(member_ties(tallies, memberships or {}))
    return b"".join(chunks)


def _ties_chunks(ties: dict[tuple[str, str], list[Key]]) -> list[bytes]:
    """The member-ties nodes as N-Triples, one chunk a node, in (organisation, member) order."""
    kind = f"<{RDF.type}> <{ALG.MemberTies}> .\n"
    of_p, within_p, fellow_p = f"<{ALG.tiesOf}>", f"<{ALG.tiesWithin}>", f"<{ALG.fellowSummary}>"
    chunks: list[bytes] = []
    for (organisation, member), keys in sorted(ties.items()):
        node = f"<{ties_iri(organisation, member)}> "
        lines = [
            node + kind,
            f"{node}{of_p} <{ACTOR_BASE}{member}> .\n",
            f"{node}{within_p} <{ACTOR_BASE}{organisation}> .\n",
        ]
        lines += (f"{node}{fellow_p} <{summary_iri(key)}> .\n" for key in sorted(keys))
        chunks.append("".join(lines).encode("utf-8"))
    return chunks


def summary_triples(tallies: dict[Key, Tally], memberships: Memberships | None = None
                    ) -> list[ox.Triple]:
    """The relations graph's triples, in key order."""
    return parse_ntriples(summary_ntriples(tallies, memberships))


def summaries_write(claims: list[ClaimRow], memberships: Memberships) -> tuple[GraphWrite, int]:
    """The relations graph's write for ``claims``, and the number of summaries."""
    tallies = tally(claims)
    text = summary_ntriples(tallies, memberships)
    digest, count = ntriples_digest(text)
    write = GraphWrite.from_ntriples(SUMMARY_GRAPH, text, count, digest, path="reason/relations")
    return write, len(tallies)


def write_summaries(store: GraphStore, claims: list[ClaimRow] | None = None) -> int:
    """Recount every summary and replace the relations graph atomically; the number of summaries.

    ``claims`` are the rows ``load_claims(store)`` gives, when the caller has read them already.
    """
    write, summaries = summaries_write(
        load_claims(store) if claims is None else claims, load_memberships(store)
    )
    store.replace_graphs([write])
    return summaries
