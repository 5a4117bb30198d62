"""Extraction entry point: a Document in, typed claims with evidence out.

Walks the document sentence by sentence, keeping the discourse state a reader keeps: which state
the document is about (the focal actor), which partner the current section is about, and who the
previous sentence was about. Everything a sentence says is decided by ``sentence.py`` from the cue
lexicons; this module adds what needs the whole document (context, modality, quantities, years)
and makes the output deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from allegiance import resources
from allegiance.extract.clauses import Clauses
from allegiance.extract.lexicon import Lexicon, TermMatch, load_lexicon
from allegiance.extract.mentions import (
    Party,
    classify_mentions,
    focal_description_parties,
    inner_pronouns,
    pronoun_party,
)
from allegiance.extract.quantities import QuantityMention, find_quantities, find_years
from allegiance.extract.sentence import (
    Candidate,
    Context,
    candidates_for_sentence,
    may_state_relation,
    sentence_clauses,
)
from allegiance.extract.years import YearMention
from allegiance.records import ActorRef, Claim, Document, Evidence, Quantity, Sentence
from allegiance.reference import Gazetteer, load_gazetteer

DATELINE_REACH = 16
"""A year this close to the start of a block's first sentence dates the whole block."""

_QUANTITY_PRIORITY = {"money": 0, "volume": 1, "troops": 2, "duration": 3, "count": 4, "percent": 5}
_QUANTITY_DIMENSIONS = {
    "volume": ("energy",),
    "troops": ("military",),
    "duration": ("diplomatic", "military", "energy", "transactional"),
    "money": ("transactional", "energy", "military", "diplomatic"),
    "count": ("military", "energy", "transactional", "diplomatic"),
    "percent": ("transactional", "energy"),
}


def _excluded(sentence: Sentence, document: Document) -> bool:
    if sentence.block in ("meta", "title"):
        return True
    return any(s.start <= sentence.start < s.end for s in document.excluded)


def _parties(
    document: Document, sentence: Sentence, gazetteer: Gazetteer, lexicon: Lexicon
) -> list[Party]:
    mentions = gazetteer.find_mentions(sentence.text, sentence.start)
    return classify_mentions(sentence.text, mentions, lexicon, base=sentence.start)


def find_focal(parties_by_sentence: list[list[Party]]) -> ActorRef | None:
    """The state the document talks about most (ties: the one named first)."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, ActorRef]] = {}
    for parties in parties_by_sentence:
        for p in parties:
            if p.actor.kind != "state":
                continue
            counts[p.actor.id] += 1
            first.setdefault(p.actor.id, (p.start, p.actor))
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -first[k][0]))
    return first[best][1]


def extract(
    document: Document, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None
) -> list[Claim]:
    """Claims of one document; ``gazetteer`` and ``lexicon`` default to the project's own
    (pass ``load_gazetteer(files)`` / ``load_lexicon(files)`` to add a user's)."""
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    sentences = [s for s in document.sentences if not _excluded(s, document)]
    parties = [_parties(document, s, gazetteer, lexicon) for s in sentences]
    focal = find_focal(parties)

    section_partner: dict[int, ActorRef | None] = {}
    claims: dict[tuple, Claim] = {}
    previous_subject: ActorRef | None = None
    last_pair: tuple[ActorRef, ActorRef] | None = None
    section = -1
    previous_end = 0
    item_year: int | None = None
    section_year: dict[int, int] = {}
    for sentence, found in zip(sentences, parties, strict=True):
        if sentence.section != section:
            section, last_pair = sentence.section, None
        new_block = "\n" in document.text[previous_end : sentence.start]
        if new_block:
            item_year = None
            if sentence.block in ("list_item", "table_row"):
                # A new list item or table row starts its own story: nothing carries over.
                previous_subject, last_pair = None, None
        stated = find_years(sentence.text, sentence.start)
        if stated and item_year is None:
            if sentence.block == "list_item":
                item_year = stated[0].year  # "- **March 2024.** ..." dates the whole item
            elif new_block and stated[0].start - sentence.start <= DATELINE_REACH:
                item_year = stated[0].year  # "2023 - ..." opening a timeline line dates it
        previous_end = sentence.end
        if sentence.is_heading or sentence.block == "heading":
            if stated:
                section_year[sentence.section] = stated[0].year  # "## 2024"
            named = {p.actor.id: p.actor for p in found if focal is None or p.actor.id != focal.id}
            # A heading naming one partner sets the section's partner; naming several, none.
            section_partner[sentence.section] = (
                next(iter(named.values())) if len(named) == 1 else None
            )
            previous_subject = _first_actor(found) or previous_subject
            continue
        partner = section_partner.get(sentence.section)
        pronoun = pronoun_party(sentence.text, sentence.start, previous_subject or partner, lexicon)
        if pronoun is not None and not any(p.start <= pronoun.start < p.end for p in found):
            found = [pronoun, *found]
        cues = lexicon.relation_matcher.find(sentence.text)
        table_row = sentence.block == "table_row"
        if not may_state_relation(cues, found, table_row):
            # No claim can come of the sentence: only who it is about carries over. Its inner
            # pronouns are not looked for, as one never comes before the party it stands for.
            described = focal_description_parties(
                sentence.text, sentence.start, focal, found, lexicon
            )
            about = sorted([*found, *described], key=lambda p: p.start) if described else found
            previous_subject = _first_actor(about) or previous_subject
            continue
        found = sorted(
            [
                *found,
                *inner_pronouns(sentence.text, sentence.start, found),
                *focal_description_parties(sentence.text, sentence.start, focal, found, lexicon),
            ],
            key=lambda p: p.start,
        )
        context = Context(
            focal=focal,
            partner=partner or _last_partner(previous_subject, focal),
            last_pair=last_pair,
        )
        pair_hint = bool(lexicon.pair_phrases.find(sentence.text))
        # Most sentences state no claim: what their claims would ask is worked out for the
        # first candidate only.
        facts: SentenceFacts | None = None
        for cand in candidates_for_sentence(
            sentence.text,
            found,
            sentence.start,
            lexicon,
            context,
            pair_hint,
            table_row=table_row,
            cues=cues,
        ):
            context_year = item_year or section_year.get(sentence.section)
            if facts is None:
                facts = SentenceFacts.of(sentence.text, lexicon, stated)
            claim = _to_claim(document, sentence, cand, found, lexicon, context_year, facts)
            if claim is None:
                continue
            key = (sentence.start, *claim.key())
            kept = claims.get(key)
            if kept is None or _rank(claim) > _rank(kept):
                claims[key] = claim
            if not cand.from_context:
                last_pair = (claim.subject, claim.object)
        _attach_quantities(sentence, claims, stated)
        previous_subject = _first_actor(found) or previous_subject
    return sorted(claims.values(), key=lambda c: (c.evidence.start, c.key(), c.subject.id))


def _first_actor(found: list[Party]) -> ActorRef | None:
    """Who a sentence is about: its first named state or group (organisations are forums more
    often than subjects, so they do not carry over to "It ..." in the next sentence)."""
    return next(
        (p.actor for p in found if p.role in ("party", "pronoun") and p.actor.kind != "igo"), None
    )


def _last_partner(previous: ActorRef | None, focal: ActorRef | None) -> ActorRef | None:
    if previous is None or (focal is not None and previous.id == focal.id):
        return None
    return previous


_FORMALITY_RANK = {"F0": 0, "F1": 1, "F2": 2, "F3": 3}


def _rank(claim: Claim) -> tuple:
    return (_FORMALITY_RANK[claim.formality], claim.confidence, claim.directed)


@dataclass(frozen=True)
class SentenceFacts:
    """What every claim of one sentence asks about the sentence, worked out once: claims are
    many per long sentence, and scanning the sentence again per claim made extraction grow with
    the cube of its length."""

    clauses: Clauses
    negations: tuple[TermMatch, ...]
    hedges: tuple[TermMatch, ...]
    plans: tuple[TermMatch, ...]
    years: tuple[YearMention, ...]

    @classmethod
    def of(cls, text: str, lexicon: Lexicon, years: Sequence[YearMention]) -> SentenceFacts:
        """``years``: the sentence's years, already found (document offsets)."""
        return cls(
            sentence_clauses(text, lexicon),
            tuple(lexicon.negation.find(text)),
            tuple(lexicon.hedge.find(text)),
            tuple(lexicon.plan.find(text)),
            tuple(years),
        )


def _modality(
    sentence: Sentence, cue: TermMatch, lexicon: Lexicon, facts: SentenceFacts
) -> str | None:
    """None when the cue is negated; else asserted, hedged or planned."""
    text = sentence.text
    lo, hi = facts.clauses.span(cue.start)
    for neg in facts.negations:
        if not (lo <= neg.start and neg.end <= cue.start):
            continue
        if len(text[neg.start : cue.start].split()) > lexicon.negation_window:
            continue  # too far before the cue to bear on it
        following = text[neg.end : cue.start].split()
        if following and following[0].lower().strip(",.") in lexicon.negation_undo:
            continue  # "not only", "not just"
        return None
    if any(lo <= h.start < hi for h in facts.hedges):
        return "hedged"
    if any(max(lo, cue.start - 60) <= p.start and p.end <= cue.start for p in facts.plans):
        return "planned"
    return "asserted"


def _confidence(cand: Candidate, modality: str) -> float:
    """The additive model of ``lexicon/confidence.toml``."""
    model = resources.load_toml("lexicon", "confidence.toml")
    score = (
        model["base"]
        + model["formality"].get(cand.formality, 0.0)
        + model["cue"].get(cand.cue_kind, 0.0)
        + model["polarity"].get(cand.polarity, 0.0)
        + model["sides"]["from_context" if cand.from_context else "named"]
    ) * model["modality"].get(modality, 1.0)
    return min(model["ceiling"], max(model["floor"], score))


def _to_claim(
    document: Document,
    sentence: Sentence,
    cand: Candidate,
    found: list[Party],
    lexicon: Lexicon,
    context_year: int | None,
    facts: SentenceFacts,
) -> Claim | None:
    """``context_year`` dates a sentence that states no year: its list item's or its section
    heading's year (timelines)."""
    if cand.subject.id == cand.object.id:
        return None
    modality = _modality(sentence, cand.cue, lexicon, facts)
    if modality is None:
        return None
    confidence = _confidence(cand, modality)
    years = facts.years
    text = document.text
    evidence = Evidence(
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        prefix=text[max(0, sentence.start - 32) : sentence.start],
        suffix=text[sentence.end : sentence.end + 32],
    )
    return Claim(
        document_path=document.path,
        document_sha256=document.sha256,
        subject=cand.subject,
        object=cand.object,
        dimension=cand.dimension,
        polarity=cand.polarity,
        directed=cand.directed,
        evidence=evidence,
        confidence=round(confidence, 3),
        formality=cand.formality,
        modality=modality,
        quantity=None,
        year=years[0].year if years else context_year,
        cue=text[sentence.start + cand.cue.start : sentence.start + cand.cue.end],
        extra={"cue_start": str(sentence.start + cand.cue.start)},
    )


def _attach_quantities(
    sentence: Sentence, claims: dict[tuple, Claim], years: Sequence[YearMention]
) -> None:
    """Give each amount of the sentence to the nearest claim whose dimension it can measure.

    The sentence's claims are looked for first: most sentences have none, and then their
    amounts are not worth reading."""
    here = [k for k in claims if k[0] == sentence.start]
    if not any(claims[k].polarity == "cooperation" and claims[k].quantity is None for k in here):
        return  # an amount only goes to a cooperation that has none yet
    mentions = find_quantities(sentence.text, sentence.start)
    if not mentions:
        return
    taken: set[tuple] = set()
    # Money first: when a sentence gives "12 jets for 2.7 billion euros", the price is the
    # figure an analyst tracks; counts and durations take what is left.
    for q in sorted(mentions, key=lambda m: (_QUANTITY_PRIORITY.get(m.kind, 9), m.start)):
        best: tuple[tuple[bool, int], tuple] | None = None
        for key in here:
            claim = claims[key]
            if key in taken or claim.quantity is not None or claim.polarity != "cooperation":
                continue
            if claim.dimension not in _QUANTITY_DIMENSIONS.get(q.kind, ()):
                continue
            if q.kind == "duration" and claim.formality not in ("F2", "F3"):
                continue
            # An amount completes the cue before it ("sold jets for 2.7 billion euros, a deal
            # ..."): a cue after the amount only takes it when none comes before.
            cue_at = int(claim.extra.get("cue_start", sentence.start))
            distance = (cue_at > q.start, abs(cue_at - q.start))
            if best is None or distance < best[0]:
                best = (distance, key)
        if best is None:
            continue
        key = best[1]
        taken.add(key)
        claims[key] = _with_quantity(claims[key], q, years)


def _with_quantity(claim: Claim, q: QuantityMention, years: Sequence[YearMention]) -> Claim:
    year = _nearest_year(q, years) or claim.year
    return replace(
        claim,
        quantity=Quantity(
            value=q.value, unit=q.unit, year=year, comparator=q.comparator, text=q.text
        ),
    )


def _nearest_year(q: QuantityMention, years: Sequence[YearMention]) -> int | None:
    if not years:
        return None
    return min(years, key=lambda y: abs(y.start - q.start)).year
