"""The gazetteer: who the actors are and where a text mentions them.

One object answers the questions the other stages ask about actors: look up by id, resolve a
name typed on the command line, suggest close names, list an IGO's members, and find the
mentions of actors in a text with absolute character offsets.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from allegiance.records import ActorRef
from allegiance.reference.data import (
    ActorInfo,
    OrganInfo,
    Pattern,
    StopEntry,
    load_patterns,
    load_reference,
    load_stoplist,
)
from allegiance.reference.matcher import END, Entry, Hit, Tokens, extend, longest, normalise
from allegiance.reference.surfaces import (
    capital_forms,
    choose,
    compile_surfaces,
    name_forms,
)
from allegiance.reference.user import user_graph
from allegiance.reference.words import words_of

VIAS = ("name", "alias", "capital", "demonym", "organ")

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Mention:
    """An actor named in a text; offsets are absolute, end exclusive."""

    start: int
    end: int
    surface: str
    actor: ActorRef
    via: str  # one of VIAS
    detail: str = ""
    """For organs: the organ id ("kremlin") or the generic pattern ("{demonym} armed forces")."""


class Gazetteer:
    def __init__(
        self,
        actors: dict[str, ActorInfo],
        organs: dict[str, OrganInfo],
        patterns: list[Pattern],
        stoplist: list[StopEntry],
    ) -> None:
        self._info = dict(sorted(actors.items()))
        self.organs = dict(sorted(organs.items()))
        self._refs = {a.id: ActorRef(a.id, a.label, a.kind) for a in self._info.values()}
        self._compiled = compile_surfaces(self._info, self.organs, patterns, stoplist)
        self._lookup = self._build_lookup()
        self.ambiguous: dict[str, tuple[str, ...]] = self._find_ambiguous()
        """Surfaces (lowercased) that name several actors; they never yield a mention."""
        self._first_words, self._next_words = self._openers()
        self._next_keys = frozenset(self._next_words)

    def _openers(self) -> tuple[frozenset[str] | None, dict[str, frozenset[str]]]:
        """The first tokens of surfaces (None if one is not a word), and for those that name
        nothing alone ("the" of "the Gambia") the words that may follow them (unless one of
        those is not a word): a text that has none of them has no mention."""
        root = self._compiled.names.root
        if not all(_WORD.fullmatch(key) for key in root):
            return None, {}
        following: dict[str, frozenset[str]] = {}
        for key, node in root.items():
            if END not in node and all(_WORD.fullmatch(k) for k in node):
                following[key] = frozenset(node)
        return frozenset(root), following

    # ---- lookups -------------------------------------------------------------------------

    def actor(self, actor_id: str) -> ActorRef:
        """The actor with this id; KeyError if there is none."""
        return self._refs[actor_id]

    def get(self, actor_id: str) -> ActorRef | None:
        return self._refs.get(actor_id)

    def info(self, actor_id: str) -> ActorInfo:
        return self._info[actor_id]

    def actors(self, kind: str | None = None) -> list[ActorRef]:
        return [r for r in self._refs.values() if kind is None or r.kind == kind]

    def kind(self, actor_id: str) -> str:
        return self._refs[actor_id].kind

    def label(self, actor_id: str) -> str:
        return self._refs[actor_id].label

    def members(self, igo_id: str) -> list[str]:
        """Member ids of an IGO (sorted; empty where the source lists none)."""
        return list(self._info[igo_id].members)

    def memberships(self, actor_id: str) -> list[str]:
        return list(self._info[actor_id].member_of)

    # ---- resolving names typed by a person ------------------------------------------------

    def _build_lookup(self) -> list[dict[str, set[str]]]:
        """Tiers tried in order: ids and ISO3, names, aliases, ISO2, demonyms, capitals."""
        tiers: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(6)]
        for a in self._info.values():
            tiers[0][a.id.lower()].add(a.id)
            if a.iso3:
                tiers[0][a.iso3.lower()].add(a.id)
            tiers[1][a.label.lower()].add(a.id)
            for alias in name_forms(a):
                tiers[2][normalise(alias).lower()].add(a.id)
            if a.iso2:
                tiers[3][a.iso2.lower()].add(a.id)
            for demonym in a.demonyms:
                tiers[4][demonym.lower()].add(a.id)
            for capital in capital_forms(a):
                tiers[5][capital.lower()].add(a.id)
        return tiers

    def resolve_all(self, query: str) -> list[ActorRef]:
        """Every actor the first matching tier gives for ``query`` (case-insensitive).

        ISO2 codes are a tier of their own after names and aliases and only for two-letter
        queries: "ir" gives Iran, while "AU" gives the African Union (an alias) before
        Australia (ISO2 AU), and "IS" the Islamic State before Iceland.
        """
        key = normalise(query.strip()).lower()
        for level, tier in enumerate(self._lookup):
            if level == 3 and len(key) != 2:
                continue
            ids = tier.get(key)
            if ids:
                return [self._refs[i] for i in sorted(ids)]
        return []

    def resolve(self, query: str) -> ActorRef | None:
        """The one actor ``query`` names, or None if it names none or several."""
        found = self.resolve_all(query)
        return found[0] if len(found) == 1 else None

    def closest(self, name: str, n: int = 5) -> list[ActorRef]:
        """Actors whose names, aliases, demonyms or capitals look most like ``name``."""
        keys = {k: ids for tier in self._lookup[1:] for k, ids in tier.items() if len(k) > 2}
        out: list[ActorRef] = []
        for key in difflib.get_close_matches(name.lower(), sorted(keys), n=n * 4, cutoff=0.6):
            for actor_id in sorted(keys[key]):
                if self._refs[actor_id] not in out:
                    out.append(self._refs[actor_id])
        return out[:n]

    # ---- mentions in text -----------------------------------------------------------------

    def _find_ambiguous(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        stack: list[tuple[tuple[str, ...], dict]] = [((), self._compiled.names.root)]
        while stack:
            path, node = stack.pop()
            for key, child in node.items():
                if key == "":
                    targets = {e.target for e in child if e.target is not None}
                    if len(targets) > 1 and choose(tuple(child)) is None:
                        out[" ".join(path)] = tuple(sorted(targets))
                else:
                    stack.append(((*path, key), child))
        return dict(sorted(out.items()))

    def find_mentions(self, text: str, start_offset: int = 0) -> list[Mention]:
        """Actor mentions in ``text``, left to right, never overlapping."""
        compiled = self._compiled
        names = compiled.names
        root: dict | frozenset[str] = names.root
        if self._first_words is not None:
            root = self._openers_in(text)
            if not root:
                return []
        toks = Tokens(text)
        out: list[Mention] = []
        keys = toks.keys
        n = len(keys)
        i, consumed = 0, 0
        # Only tokens that begin some surface can start a mention; the rest are passed over.
        for at in [j for j, key in enumerate(keys) if key in root]:
            if at < i:
                continue  # inside the previous mention
            node = names.root[keys[at]]
            if END not in node and (at + 1 >= n or keys[at + 1] not in node):
                continue  # "the" of "the Gambia", not followed by the rest
            i = at
            hit = longest(names, toks, i)
            if hit is None:
                continue
            entry = choose(hit.entries)
            first, stop = hit.first, hit.stop
            i = stop
            if entry is None or entry.target is None:
                consumed = stop
                continue
            surface = text[toks.starts[first] : toks.ends[stop - 1]]
            if normalise(surface) in compiled.stop_words or self._shouting(entry, toks, hit):
                consumed = stop
                continue
            via, detail = entry.via, entry.detail
            if self._refs[entry.target].kind == "state" and via in ("name", "alias", "demonym"):
                slot = "demonym" if via == "demonym" else "name"
                after = extend(compiled.suffixes[slot], toks, stop, 1, 0)
                before = extend(compiled.prefixes[slot], toks, first, -1, consumed)
                if after:
                    stop, detail, via = after[0], after[1], "organ"
                if before:
                    first, detail, via = before[0], before[1], "organ"
                i = stop
            consumed = stop
            start, end = toks.starts[first], toks.ends[stop - 1]
            ref = self._refs[entry.target]
            out.append(
                Mention(start + start_offset, end + start_offset, text[start:end], ref, via, detail)
            )
        return out

    def _openers_in(self, text: str) -> frozenset[str]:
        """The first tokens of surfaces that may start one in ``text``: those it holds, less
        those that name nothing alone when none of the tokens that may follow them is there.
        Asked of the word index the cue lexicons share (its runs of word characters are this
        tokeniser's words), so most sentences, which name no actor, are not tokenised a
        second time, and the others are searched at these tokens only."""
        assert self._first_words is not None
        runs = words_of(text).runs()
        found = self._first_words.intersection(runs)
        following = self._next_words
        for key in found & self._next_keys:
            if following[key].isdisjoint(runs):
                found -= {key}
        return found

    def _shouting(self, entry: Entry, toks: Tokens, hit: Hit) -> bool:
        """An exact short acronym inside all-caps text ("WHAT IS NEXT") is not a name."""
        if not entry.exact or sum(len(t) for t in entry.tokens) > 3:
            return False
        for j in (hit.first - 1, hit.stop):
            if 0 <= j < len(toks):
                word = toks.norms[j]
                if (
                    len(word) >= 2
                    and word.isalpha()
                    and word.isupper()
                    and word.lower() not in self._compiled.names
                ):
                    return True
        return False


@cache
def load_gazetteer(extra: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer of the reference graph and lexicons, plus the user's gazetteer files
    (``extra``: .tsv or .ttl paths; see ``allegiance.reference.user``). Built once per process
    and set of files."""
    addition = b""
    if extra:
        base, _ = load_reference()
        graph = user_graph(extra, base)
        addition = graph.serialize(format="nt", encoding="utf-8") if len(graph) else b""
    actors, organs = load_reference(addition)
    return Gazetteer(actors, organs, load_patterns(), load_stoplist())
