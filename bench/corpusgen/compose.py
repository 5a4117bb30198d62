"""A document's plan: its shape (news wire, explainer, timeline), blocks and answer key.

Each document is drawn from its own random stream seeded by (seed, index), so document 17 is the
same whether 20 or 10,000 documents are generated, and small corpora are prefixes of big ones.
Length is brought into the 500-900 words that ``tools/check_gold.py`` asks of a keyed document
by adding neutral sentences to the paragraphs after the claims are placed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from corpusgen.material import Actor, Pool, actor_pool, person_names, prose
from corpusgen.sentences import Stated, claim_templates, pair_claim, state_claim

SHAPES = ("wire", "explainer", "timeline")
FORMATS = {"wire": ("txt", "txt", "html", "md"), "explainer": ("md", "md", "html", "txt"),
           "timeline": ("html", "html", "md", "txt")}
WORD = re.compile(r"\w[\w'’.,$%-]*")
WORDS = (560, 720)
"""Target length in words; check_gold accepts 500-900, the margin absorbs markup differences."""


@dataclass
class Block:
    kind: str  # title | byline | meta | paragraph | heading | item | credit | tail | tail_item
    sentences: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Plan:
    stem: str
    shape: str
    fmt: str
    publisher: str
    focal: Actor
    blocks: list[Block] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    not_actors: list[str] = field(default_factory=list)
    keys: set[tuple[str, str, str, str]] = field(default_factory=set)

    @property
    def document(self) -> str:
        return f"{self.stem}.{self.fmt}"

    def words(self) -> int:
        return sum(len(WORD.findall(b.text)) for b in self.blocks)

    def note(self, stated: Stated) -> None:
        """Record the names and the key entry of a sentence placed in the document."""
        for aid, surfaces in stated.names.items():
            known = self.names.setdefault(aid, [])
            known.extend(s for s in surfaces if s not in known)
        self.kinds.update(stated.kinds)
        if stated.gold is not None and stated.key not in self.keys:
            self.keys.add(stated.key)  # type: ignore[arg-type]
            self.claims.append(stated.gold)


def _between(rng: random.Random, pool: Pool, x: Actor, y: Actor) -> Stated:
    """A claim sentence about x and y (either may act), or about one of them and an IGO or a
    non-state actor when the template asks for one."""
    template = rng.choice(claim_templates("claim"))
    first, second = (x, y) if rng.random() < 0.5 else (y, x)
    other = template.get("other", "b")
    if other == "g":
        second = rng.choice(pool.igos)
    elif other == "m":
        second = rng.choice(pool.non_state)
    return state_claim(rng, template, first, second)


def _claims(rng: random.Random, pool: Pool, plan: Plan, x: Actor, y: Actor, n: int) -> list[str]:
    out = []
    for _ in range(n):
        stated = _between(rng, pool, x, y)
        if stated.key is not None and stated.key in plan.keys:
            continue
        plan.note(stated)
        out.append(stated.text)
    return out


def _boilerplate_head(rng: random.Random, plan: Plan, title: str, people: list[str]) -> None:
    data = prose()
    meta = data["meta"].format(day=rng.randint(1, 28), month=rng.choice(data["months"]),
                               year=rng.randint(2020, 2025), minutes=rng.randint(3, 9))
    byline = data["byline"].format(person=people[0])
    plan.blocks += [Block("title", [title]), Block("byline", [byline]), Block("meta", [meta])]


def _boilerplate_tail(rng: random.Random, pool: Pool, plan: Plan, people: list[str]) -> None:
    data = prose()
    plan.blocks.append(Block("credit", [data["credit"].format(person=people[0],
                                                              person2=people[1])]))
    plan.blocks.append(Block("tail", [data["tail_marker"]]))
    for headline in rng.sample(data["headlines"], 2):
        x, y = rng.sample(pool.states, 2)
        plan.blocks.append(Block("tail_item", [headline.format(x=x.label, y=y.label)]))


def _wire(rng: random.Random, pool: Pool, plan: Plan, partners: list[Actor]) -> None:
    for _ in range(rng.randint(5, 7)):
        partner = rng.choice(partners)
        x, y = (plan.focal, partner) if rng.random() < 0.8 else tuple(rng.sample(partners, 2))
        plan.blocks.append(Block("paragraph", _claims(rng, pool, plan, x, y, rng.randint(1, 2))))


def _explainer(rng: random.Random, pool: Pool, plan: Plan, partners: list[Actor]) -> None:
    data = prose()
    focal = plan.focal
    intro = [rng.choice(data["focal"]).format(f=focal.label)]
    plan.note(Stated("", None, {focal.id: [focal.label]}, {focal.id: focal.kind}))
    plan.blocks.append(Block("paragraph", intro))
    for partner in partners[:4]:
        heading = rng.choice(data["headings"]).format(p=partner.label)
        plan.note(Stated("", None, {partner.id: [partner.label]}, {partner.id: partner.kind}))
        plan.blocks.append(Block("heading", [heading]))
        lead: list[str] = []
        if rng.random() < 0.5:
            stated = pair_claim(rng, rng.choice(claim_templates("pair")), focal, partner)
            if stated.key not in plan.keys:
                plan.note(stated)
                lead.append(stated.text)
        plan.blocks.append(Block("paragraph", lead + _claims(rng, pool, plan, focal, partner, 2)))
        for text in _claims(rng, pool, plan, focal, partner, rng.randint(0, 2)):
            plan.blocks.append(Block("item", [text]))
    plan.blocks.append(Block("heading", [rng.choice(data["general_headings"])]))
    partner = rng.choice(partners)
    plan.blocks.append(Block("paragraph", _claims(rng, pool, plan, focal, partner, 2)))


def _timeline(rng: random.Random, pool: Pool, plan: Plan, partners: list[Actor]) -> None:
    data = prose()
    plan.blocks.append(Block("paragraph", [rng.choice(data["focal"]).format(f=plan.focal.label)]))
    plan.note(Stated("", None, {plan.focal.id: [plan.focal.label]},
                     {plan.focal.id: plan.focal.kind}))
    entries: list[tuple[int, str]] = []
    for _ in range(rng.randint(8, 11)):
        stated = _between(rng, pool, plan.focal, rng.choice(partners))
        if stated.year is None or (stated.key is not None and stated.key in plan.keys):
            continue
        plan.note(stated)
        entries.append((stated.year, f"{rng.choice(data['months'])} {stated.year} — {stated.text}"))
    plan.blocks.append(Block("heading", ["Timeline"]))
    plan.blocks += [Block("item", [text]) for _, text in sorted(entries, key=lambda e: e[0])]
    plan.blocks.append(Block("heading", [rng.choice(data["general_headings"])]))
    plan.blocks.append(Block("paragraph", _claims(rng, pool, plan, plan.focal, partners[0], 2)))


BODIES = {"wire": _wire, "explainer": _explainer, "timeline": _timeline}


def _fill(rng: random.Random, pool: Pool, plan: Plan, partners: list[Actor]) -> None:
    """Add neutral sentences to random paragraphs until the document reaches its length (and
    more claims once the neutral sentences run out)."""
    fillers = list(prose()["filler"])
    rng.shuffle(fillers)
    target = rng.randint(*WORDS)
    paragraphs = [b for b in plan.blocks if b.kind == "paragraph"]
    while plan.words() < target:
        block = rng.choice(paragraphs)
        if fillers:
            block.sentences.insert(rng.randint(0, len(block.sentences)), fillers.pop())
        else:
            block.sentences += _claims(rng, pool, plan, plan.focal, rng.choice(partners), 1)


def compose(index: int, seed: int) -> Plan:
    """The plan of document ``index`` of the corpus generated from ``seed``."""
    rng = random.Random(f"allegiance-bench:{seed}:{index}")
    pool = actor_pool()
    shape = rng.choice(SHAPES)
    fmt = rng.choice(FORMATS[shape])
    focal = rng.choice(pool.states)
    partners = rng.sample([s for s in pool.states if s.id != focal.id], rng.randint(3, 6))
    stem = f"doc-{index:06d}-{shape}-{focal.id.lower()}"
    plan = Plan(stem, shape, fmt, rng.choice(prose()["publishers"]), focal)
    people = rng.sample(person_names(), 2)
    plan.not_actors = sorted(people)
    title = rng.choice(prose()["titles"]).format(f=focal.label)
    plan.note(Stated("", None, {focal.id: [focal.label]}, {focal.id: focal.kind}))
    _boilerplate_head(rng, plan, title, people)
    BODIES[shape](rng, pool, plan, partners)
    _boilerplate_tail(rng, pool, plan, people)
    if not plan.claims:  # every keyed document states at least one claim
        plan.blocks.insert(3, Block("paragraph", []))
        while not plan.claims:
            plan.blocks[3].sentences += _claims(rng, pool, plan, focal, partners[0], 1)
    _fill(rng, pool, plan, partners)
    return plan
