"""What the generator writes with: phrase data and the actors with names the extractor reads.

Actors come from the project's reference graph (``load_gazetteer``), so every id in an answer
key is one the extractor can find. A surface (name, alias, capital) is kept only when the
gazetteer reads it back as exactly that actor, so a key never expects the impossible.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from allegiance.reference import load_gazetteer

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str
    label: str
    names: tuple[str, ...]
    """Name and aliases: safe anywhere in a sentence."""
    capitals: tuple[str, ...]
    """Capital-city metonyms: safe only where no preposition precedes them."""


@dataclass(frozen=True)
class Pool:
    states: tuple[Actor, ...]
    non_state: tuple[Actor, ...]
    igos: tuple[Actor, ...]

    def __len__(self) -> int:
        return len(self.states) + len(self.non_state) + len(self.igos)


@dataclass(frozen=True)
class Amount:
    text: str
    value: int | float
    unit: str


@cache
def phrases() -> dict[str, Any]:
    return tomllib.loads((HERE / "phrases.toml").read_text(encoding="utf-8"))


@cache
def prose() -> dict[str, Any]:
    return tomllib.loads((HERE / "prose.toml").read_text(encoding="utf-8"))


def _reads_back(gazetteer: Any, surface: str, actor_id: str) -> bool:
    found = gazetteer.find_mentions(surface)
    return (
        len(found) == 1
        and found[0].actor.id == actor_id
        and (found[0].start, found[0].end) == (0, len(surface))
    )


@cache
def actor_pool() -> Pool:
    """Every reference actor with at least one name the gazetteer resolves back to it."""
    gazetteer = load_gazetteer()
    groups: dict[str, list[Actor]] = {"state": [], "non-state": [], "igo": []}
    state_codes = {r.id for r in gazetteer.actors("state")}
    for ref in sorted(gazetteer.actors(), key=lambda r: r.id):
        if ref.kind != "state" and ref.id.upper() in state_codes:
            continue  # a slug that reads as a state code ('nam'): GOLD.md ids must not clash
        info = gazetteer.info(ref.id)
        surfaces = dict.fromkeys((info.label, *info.aliases))
        names = tuple(s for s in surfaces if _reads_back(gazetteer, s, ref.id))
        capitals = tuple(
            s for s in (info.capital,) if s and _reads_back(gazetteer, s, ref.id)
        )
        if names:
            groups[ref.kind].append(Actor(ref.id, ref.kind, info.label, names, capitals))
    return Pool(tuple(groups["state"]), tuple(groups["non-state"]), tuple(groups["igo"]))


@cache
def person_names() -> tuple[str, ...]:
    """Byline names that the gazetteer does not read as an actor (they go into not_actors)."""
    gazetteer = load_gazetteer()
    data = prose()
    return tuple(
        f"{g} {f}"
        for g in data["given"]
        for f in data["family"]
        if not gazetteer.find_mentions(f"{g} {f}")
    )


def _number(rng: random.Random, kind: str) -> tuple[str, float]:
    """A number as written and its value; kinds are shapes of numbers, not world knowledge."""
    if kind == "small":
        n = rng.randint(2, 60)
        return str(n), n
    if kind == "hundreds":
        n = rng.randrange(100, 1000, 50)
        return str(n), n
    if kind == "thousands":
        n = rng.randrange(2, 900) * 1000
        return f"{n:,}", n
    if kind == "decimal":
        tenths = rng.randrange(11, 200)
        text = str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
        return text, tenths / 10
    raise ValueError(f"unknown number kind {kind!r}")


def amount(rng: random.Random, family: str) -> Amount:
    """One amount of a quantity family of phrases.toml, in one of its written forms."""
    spec = phrases()["quantity"][family]
    form = rng.choice(spec["forms"])
    unit = form.get("unit", spec["unit"])
    if "value" in form:
        return Amount(form["text"], form["value"], unit)
    written, n = _number(rng, form["number"])
    value = round(n * form.get("scale", 1), 6)
    if float(value).is_integer():
        value = int(value)
    return Amount(form["text"].replace("{n}", written), value, unit)
