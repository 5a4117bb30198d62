"""Compiled cue lexicons: relation cues, topic words, modality and context words.

The word lists live in ``lexicon/*.toml``; this module only turns them into fast matchers. Each
matcher is one alternation regex with a named group per distinct term, so one scan of a sentence
finds every cue and ``lastgroup`` says which term fired. Alternatives are ordered longest first,
which makes the leftmost match at a position also the longest ("evading sanctions" wins over
"sanctions").
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from allegiance import resources
from allegiance.extract.terms import TermMatch, TermMatcher


@dataclass(frozen=True)
class RelationCue:
    """One reading of a cue term; a term may carry several (``backs``: military or diplomatic)."""

    dimension: str  # "" = decided by the clause's topic words
    default: str  # dimension when the clause has no topic words ("" = no claim)
    polarity: str
    formality: str
    direction: str  # forward | backward | mutual
    igo: bool
    mediator: bool = False
    """The acting side stands between the others ("mediated between A and B"): it is tied to
    each of them, and they are not tied to each other by this cue."""


__all__ = ["TABLE_ROW", "Lexicon", "RelationCue", "TermMatch", "TermMatcher", "load_lexicon"]

TABLE_ROW = "<table row>"
"""The implicit cue of a row in a table of partners (see ``[table_row]`` in cues.toml)."""


@dataclass(frozen=True)
class Lexicon:
    relations: dict[str, tuple[RelationCue, ...]]
    relation_matcher: TermMatcher
    topic_of: dict[str, str]
    topic_matcher: TermMatcher
    negation: TermMatcher
    negation_window: int
    negation_undo: frozenset[str]
    hedge: TermMatcher
    plan: TermMatcher
    pair_phrases: TermMatcher
    partner_pronouns: frozenset[str]
    focal_descriptions: TermMatcher
    venue_prepositions: frozenset[str]
    missions_in: TermMatcher
    forum_prepositions: frozenset[str]
    forum_heads: TermMatcher
    comparison: TermMatcher
    location_prepositions: TermMatcher
    topic_heads: TermMatcher
    organisation_heads: TermMatcher
    clause_breaks: tuple[str, ...]
    attribution_verbs: TermMatcher
    attribution_nouns: TermMatcher
    attribution_before: TermMatcher
    subordinate_openers: tuple[str, ...]
    relative_openers: tuple[str, ...]
    against_words: TermMatcher
    supplier_suffixes: frozenset[str]
    supplied_goods: frozenset[str]
    patron_suffixes: frozenset[str]
    opponent_prefixes: frozenset[str]
    config_hash: str


class CueFileError(ValueError):
    """A user cue file that cannot be read; the message is one line naming the file."""


def _merge_cues(cues: dict, extra: tuple[str, ...]) -> dict:
    """The project's cue lexicon plus the user's cue files (`--cues FILE.toml`, same format:
    ``[[relation]]`` entries and a ``[topic]`` table), without touching code."""
    merged = {
        "relation": list(cues["relation"]),
        "topic": {k: list(v) for k, v in cues["topic"].items()},
    }
    for key in ("table_row",):
        if key in cues:
            merged[key] = cues[key]
    for name in extra:
        path = Path(name)
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
            for entry in data.get("relation", []):
                if entry.get("polarity") not in ("cooperation", "tension") or not entry.get(
                    "terms"
                ):
                    raise ValueError("every [[relation]] needs a polarity and terms")
                merged["relation"].append(entry)
            for dimension, terms in data.get("topic", {}).items():
                merged["topic"].setdefault(dimension, []).extend(terms)
        except FileNotFoundError:
            raise CueFileError(f"{path}: no such cue file") from None
        except (OSError, tomllib.TOMLDecodeError, ValueError, AttributeError) as error:
            raise CueFileError(f"{path}: {str(error).splitlines()[0]}") from None
    return merged


@cache
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    cues = _merge_cues(resources.load_toml("lexicon", "cues.toml"), extra)
    modality = resources.load_toml("lexicon", "modality.toml")
    context = resources.load_toml("lexicon", "context.toml")

    relations: dict[str, list[RelationCue]] = {}
    for entry in cues["relation"]:
        cue = RelationCue(
            dimension=entry.get("dimension", ""),
            default=entry.get("default", ""),
            polarity=entry["polarity"],
            formality=entry.get("formality", "F0"),
            direction=entry.get("direction", "mutual"),
            igo=bool(entry.get("igo", False)),
            mediator=bool(entry.get("mediator", False)),
        )
        for term in entry["terms"]:
            readings = relations.setdefault(term.lower(), [])
            if cue not in readings:
                readings.append(cue)
    if "table_row" in cues:
        row = cues["table_row"]
        relations[TABLE_ROW] = [
            RelationCue(
                row.get("dimension", ""),
                row.get("default", ""),
                row["polarity"],
                row.get("formality", "F0"),
                row.get("direction", "mutual"),
                False,
            )
        ]
    topic_of: dict[str, str] = {}
    for dimension, terms in cues["topic"].items():
        for term in terms:
            topic_of.setdefault(term.lower(), dimension)

    compounds = context["compounds"]
    digest = hashlib.sha256(
        json.dumps([cues, modality, context], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return Lexicon(
        relations={k: tuple(v) for k, v in relations.items()},
        relation_matcher=TermMatcher([t for t in relations if t != TABLE_ROW]),
        topic_of=topic_of,
        topic_matcher=TermMatcher(list(topic_of)),
        negation=TermMatcher(modality["negation"]["terms"]),
        negation_window=int(modality["negation"].get("window", 6)),
        negation_undo=frozenset(w.lower() for w in modality["negation"].get("undo", [])),
        hedge=TermMatcher(modality["hedge"]["terms"], case_sensitive=True),
        plan=TermMatcher(modality["plan"]["terms"], case_sensitive=True),
        pair_phrases=TermMatcher(context["pair_phrases"]),
        partner_pronouns=frozenset(p.lower() for p in context["partner_pronouns"]),
        focal_descriptions=TermMatcher(context.get("focal_descriptions", [])),
        venue_prepositions=frozenset(p.lower() for p in context["venue_prepositions"]),
        missions_in=TermMatcher(context.get("missions_in", [])),
        forum_prepositions=frozenset(p.lower() for p in context["forum_prepositions"]),
        forum_heads=TermMatcher(context.get("forum_heads", [])),
        comparison=TermMatcher(context["comparison_words"]),
        location_prepositions=TermMatcher(context.get("location_prepositions", [])),
        topic_heads=TermMatcher(context.get("topic_heads", []), case_sensitive=True),
        organisation_heads=TermMatcher(context["organisation_heads"], case_sensitive=True),
        clause_breaks=tuple(context["clause_breaks"]),
        attribution_verbs=TermMatcher(context["attribution_verbs"]),
        attribution_nouns=TermMatcher(context["attribution_nouns"]),
        attribution_before=TermMatcher(context["attribution_before"]),
        subordinate_openers=tuple(context.get("subordinate_openers", [])),
        relative_openers=tuple(context.get("relative_openers", [])),
        against_words=TermMatcher(context.get("against_words", [])),
        supplier_suffixes=frozenset(compounds["supplier"]),
        supplied_goods=frozenset(w.lower() for w in compounds.get("supplied_goods", [])),
        patron_suffixes=frozenset(compounds["patron"]),
        opponent_prefixes=frozenset(compounds["opponent_prefixes"]),
        config_hash=digest[:16],
    )


def lookup_relation(lexicon: Lexicon, term: str) -> tuple[RelationCue, ...]:
    return lexicon.relations.get(term.lower(), ())
