"""Turn reference records and lexicons into matcher entries.

This is where the knowledge in the data files becomes surface forms: names, aliases, demonyms,
capitals and state organs from the reference graph; generic organ patterns and stoplist
phrases expanded over every state. No world knowledge lives here, only the expansion rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from allegiance.reference.data import ActorInfo, OrganInfo, Pattern, StopEntry
from allegiance.reference.matcher import Affix, Entry, Trie, affix_trie, make_entry, split

VIA_ORDER = ("name", "alias", "demonym", "capital", "organ")
"""Preference when one surface reaches one actor several ways ("Myanmar": name and demonym)."""

_PARENTHETICAL = re.compile(r"^(.*\S)\s*\([^()]*\)$")
_PLACEHOLDER = re.compile(r"\{(name|demonym|capital)\}")


def _variants(surface: str) -> Iterator[str]:
    """A surface and the forms news writes for it.

    "National Liberation Army (Colombia)" is also written without its qualifier, and a long
    all-caps acronym ("NATO", "OPEC") is often written in title case ("Nato") by house style.
    """
    yield surface
    m = _PARENTHETICAL.match(surface)
    if m:
        yield m.group(1)
    if len(surface) >= 4 and surface.isalpha() and surface.isupper():
        yield surface.title()


def adjectival(demonyms: Iterable[str]) -> list[str]:
    """Demonyms without the regular plurals ("Iranians" when "Iranian" is there)."""
    forms = set(demonyms)
    return sorted(d for d in forms if not (d.endswith("s") and d[:-1] in forms))


def name_forms(actor: ActorInfo) -> list[str]:
    forms = {actor.label, *actor.aliases}
    if actor.official_name:
        forms.add(actor.official_name)
    return sorted(forms)


def capital_forms(actor: ActorInfo) -> list[str]:
    return sorted({actor.capital, *actor.capital_aliases} - {""})


def actor_surfaces(actor: ActorInfo) -> Iterator[tuple[str, str]]:
    """(surface, via) pairs for one actor."""
    yield actor.label, "name"
    for alias in name_forms(actor):
        if alias != actor.label:
            yield alias, "alias"
    if actor.kind == "state":
        for demonym in actor.demonyms:
            yield demonym, "demonym"
        for capital in capital_forms(actor):
            yield capital, "capital"


def expand_placeholder(text: str, states: Iterable[ActorInfo]) -> Iterator[tuple[str, str]]:
    """(expanded text, state id) for a phrase holding at most one placeholder."""
    m = _PLACEHOLDER.search(text)
    if m is None:
        yield text, ""
        return
    for state in states:
        slot = m.group(1)
        if slot == "name":
            fills = name_forms(state)
        elif slot == "demonym":
            fills = adjectival(state.demonyms)
        else:
            fills = capital_forms(state)
        for fill in fills:
            yield text[: m.start()] + fill + text[m.end() :], state.id


@dataclass
class Compiled:
    names: Trie
    suffixes: dict[str, Trie]
    prefixes: dict[str, Trie]
    stop_words: frozenset[str]
    skipped: list[str]
    """Surfaces that cannot be matched safely (no capital letter), for inspection."""


def compile_surfaces(
    actors: dict[str, ActorInfo],
    organs: dict[str, OrganInfo],
    patterns: list[Pattern],
    stoplist: list[StopEntry],
) -> Compiled:
    names = Trie()
    skipped: list[str] = []

    def add(surface: str, target: str | None, via: str, detail: str = "") -> None:
        for form in _variants(surface):
            entry = make_entry(form, target, via, detail)
            if entry is None:
                skipped.append(form)
                continue
            names.add(tuple(t.lower() for t in entry.tokens), entry)

    for actor in sorted(actors.values(), key=lambda a: a.id):
        for surface, via in actor_surfaces(actor):
            add(surface, actor.id, via)
    for organ in sorted(organs.values(), key=lambda o: o.id):
        for surface in organ.surfaces:
            add(surface, organ.state, "organ", organ.id)
    states = [a for a in sorted(actors.values(), key=lambda a: a.id) if a.kind == "state"]
    for stop in stoplist:
        if stop.scope == "phrase":
            for phrase, _state in expand_placeholder(stop.surface, states):
                add(phrase, None, "block", stop.surface)

    suffixes: dict[str, list[Affix]] = {"name": [], "demonym": []}
    prefixes: dict[str, list[Affix]] = {"name": [], "demonym": []}
    for pattern in patterns:
        if pattern.after:
            for after in _possessive_variants(pattern.after):
                tokens, spaced = split(after)
                suffixes[pattern.slot].append(Affix(tokens, spaced, pattern.text))
        if pattern.before:
            tokens, spaced = split(pattern.before)
            prefixes[pattern.slot].append(Affix(tokens, spaced, pattern.text))
    return Compiled(
        names=names,
        suffixes={k: affix_trie(v, backwards=False) for k, v in suffixes.items()},
        prefixes={k: affix_trie(v, backwards=True) for k, v in prefixes.items()},
        stop_words=frozenset(s.surface for s in stoplist if s.scope == "word"),
        skipped=sorted(set(skipped)),
    )


def _possessive_variants(after: str) -> list[str]:
    """ "'s foreign ministry" is also written "' foreign ministry" after a name ending in s."""
    if after.startswith("'s "):
        return [after, "'" + after[2:]]
    return [after]


def choose(entries: tuple[Entry, ...]) -> Entry | None:
    """The entry a match stands for; None when it is blocked or ambiguous between actors."""
    if len(entries) == 1:  # most matches: what the rest of this function would pick
        return entries[0] if entries[0].target is not None else None
    if any(e.target is None for e in entries):
        return None
    targets = {e.target for e in entries}
    if len(targets) != 1:
        # A curated name or alias of one actor outranks another actor's capital used as a
        # metonym: "Brussels" is listed as an alias of the EU, which is what news means by it,
        # while Belgium's capital only names Belgium by the generic capital rule.
        named = {e.target for e in entries if e.via in ("name", "alias")}
        if len(named) != 1 or any(e.via not in ("name", "alias", "capital") for e in entries):
            return None
        entries = tuple(e for e in entries if e.target in named)
    return min(entries, key=lambda e: (VIA_ORDER.index(e.via), e.detail))
