"""One claim template of phrases.toml made into a sentence and its answer-key entry.

The answer-key entry is written at the same moment as the sentence, from the same choices, so
the key can only disagree with the text if the template's labels are wrong, never by drift.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from corpusgen.material import Actor, amount, phrases

YEARS = (2008, 2024)


@dataclass
class Stated:
    """A sentence, the key entry it carries (None when negated) and the names it used."""

    text: str
    gold: dict[str, Any] | None
    names: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    year: int | None = None

    @property
    def key(self) -> tuple[str, str, str, str] | None:
        if self.gold is None:
            return None
        a, b = sorted((self.gold["subject"], self.gold["object"]))
        return (a, b, self.gold["type"], self.gold["polarity"])


def claim_templates(kind: str) -> list[dict[str, Any]]:
    """Templates of phrases.toml: kind 'claim' (two named actors) or 'pair' (a pair phrase)."""
    return list(phrases()[kind])


def _surface(rng: random.Random, actor: Actor, metonym_ok: bool) -> str:
    capitals = list(actor.capitals) if metonym_ok else []
    options = [actor.label] * 4 + list(actor.names[1:]) + capitals
    return rng.choice(options)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quantity(rng: random.Random, template: dict[str, Any], year: int) -> tuple[str, Any]:
    if "quantity" not in template:
        return "", None
    found = amount(rng, template["quantity"])
    gold: dict[str, Any] = {"value": found.value, "unit": found.unit}
    if "{year}" in template["text"]:
        gold["year"] = year
    return found.text, gold


def _entry(
    template: dict[str, Any], subject: str, obj: str, directed: bool, evidence: str
) -> dict[str, Any]:
    return {
        "subject": subject,
        "object": obj,
        "type": template["dimension"],
        "polarity": template["polarity"],
        "directed": directed,
        "evidence": evidence,
        "optional": template.get("modality", "asserted") == "planned",
    }


def state_claim(
    rng: random.Random, template: dict[str, Any], first: Actor, second: Actor
) -> Stated:
    """Fill a claim template: ``first`` takes slot {a} (the acting side when directed),
    ``second`` the template's other slot ({b}, {g} or {m})."""
    year = rng.randint(*YEARS)
    a_text = _surface(rng, first, metonym_ok=True)
    b_text = _surface(rng, second, metonym_ok=False)
    q_text, q_gold = _quantity(rng, template, year)
    slot = "{" + template.get("other", "b") + "}"
    text = template["text"].replace("{a}", a_text).replace(slot, b_text)
    text = _capitalise(text.replace("{year}", str(year)).replace("{q}", q_text))
    names = {first.id: [a_text], second.id: [b_text]}
    kinds = {first.id: first.kind, second.id: second.kind}
    if template.get("negated", False):
        return Stated(text, None, names, kinds, year)
    entry = _entry(template, first.id, second.id, bool(template["directed"]), text)
    if q_gold is not None:
        entry["quantity"] = q_gold
    return Stated(text, entry, names, kinds, year)


def pair_claim(
    rng: random.Random, template: dict[str, Any], focal: Actor, partner: Actor
) -> Stated:
    """A sentence that names neither actor ("The two countries ..."): the key gives the focal
    actor and the partner of the section it stands in."""
    year = rng.randint(*YEARS)
    q_text, q_gold = _quantity(rng, template, year)
    text = template["text"].replace("{year}", str(year)).replace("{q}", q_text)
    entry = _entry(template, focal.id, partner.id, False, text)
    if q_gold is not None:
        entry["quantity"] = q_gold
    kinds = {focal.id: focal.kind, partner.id: partner.kind}
    return Stated(text, entry, {}, kinds, year)
