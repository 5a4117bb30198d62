"""Validate hand-made answer keys (``NAME.gold.json``) against docs in ``corpus/GOLD.md`` terms.

Keys are the yardstick for extraction scores, so a key that quotes evidence the document does
not contain, or names an actor the reference data does not know, silently corrupts every score
computed from it. This tool catches those mistakes before a key is used.

Usage: ``python tools/check_gold.py [--strict] PATH...`` where PATH is a key or a folder searched
recursively for ``*.gold.json``. Prints one line per problem (``ERROR`` or ``WARNING``) and exits
non-zero when there is any error. ``--strict`` turns an id unknown to the reference TSVs into an
error (the project's own corpus uses it; older shared keys use a few home-made slugs).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from allegiance.resources import path as data_path
from allegiance.resources import read_tsv

KINDS = ("state", "non-state", "igo")
TYPES = ("military", "energy", "diplomatic", "transactional")
POLARITIES = ("cooperation", "tension")
DOC_EXTS = (".txt", ".md", ".html")
TOP_REQUIRED = {"document", "focal", "actors", "claims"}
TOP_ALLOWED = TOP_REQUIRED | {"ranking", "not_actors"}
ACTOR_FIELDS = {"id", "kind", "names"}
CLAIM_REQUIRED = {"subject", "object", "type", "polarity", "directed", "evidence", "optional"}
CLAIM_ALLOWED = CLAIM_REQUIRED | {"quantity"}
QUANTITY_ALLOWED = {"value", "unit", "year"}
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
PLAIN_UNIT = re.compile(r"^[a-z]+(?:_[a-z]+)*$")
CURRENCY_SHAPE = re.compile(r"^[A-Z]{3}$")
WORDS_MIN, WORDS_MAX = 500, 900
HIDDEN_TAGS = {"script", "style", "head", "title", "template", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass(frozen=True)
class Reference:
    """Ids a key may use, read from the project's reference TSVs."""

    states: frozenset[str]
    non_state: frozenset[str]
    igos: frozenset[str]
    currencies: frozenset[str] | None  # None when pycountry is unavailable

    @classmethod
    def load(cls) -> Reference:
        source = ("graph", "reference", "source")
        states = set()
        for row in read_tsv(data_path(*source, "states.tsv")):
            # states without an ISO code are keyed by a slug of their name (GOLD.md)
            states.add(row["iso3"] or _slug(row["name"]))
        nsa = {r["id"] for r in read_tsv(data_path(*source, "non_state_actors.tsv"))}
        igo = {r["id"] for r in read_tsv(data_path(*source, "igos.tsv"))}
        try:
            import pycountry

            currencies: frozenset[str] | None = frozenset(c.alpha_3 for c in pycountry.currencies)
        except ImportError:
            currencies = None
        return cls(frozenset(states), frozenset(nsa), frozenset(igo), currencies)

    def ids_of(self, kind: str) -> frozenset[str]:
        return {"state": self.states, "non-state": self.non_state, "igo": self.igos}[kind]


class _TextNodes(HTMLParser):
    """Visible text nodes of a page, entities unescaped; evidence must sit inside one of them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not HIDDEN_TAGS.intersection(self.stack):
            self.nodes.append(data)


def text_nodes(html: str) -> list[str]:
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return parser.nodes


def word_count(text: str, ext: str) -> int:
    """Words a reader sees: HTML text nodes, or plain text without bare Markdown markers."""
    if ext == ".html":
        text = " ".join(text_nodes(text))
    else:
        text = re.sub(r"[|#>*_`-]+(?=\s|$)", " ", text)
    return len(re.findall(r"\w[\w'’.,$%-]*", text))


@dataclass
class Report:
    """Problems found in one key, each already prefixed with the key's path."""

    where: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, msg: str) -> None:
        self.errors.append(f"ERROR {self.where}: {msg}")

    def warn(self, msg: str) -> None:
        self.warnings.append(f"WARNING {self.where}: {msg}")


def _check_actors(gold: dict, ref: Reference, text: str, rep: Report, strict: bool) -> set[str]:
    ids: set[str] = set()
    actors = gold.get("actors")
    if not isinstance(actors, list) or not actors:
        rep.error("'actors' must be a non-empty list")
        return ids
    lowered = text.lower()
    for i, actor in enumerate(actors):
        if not isinstance(actor, dict) or set(actor) != ACTOR_FIELDS:
            rep.error(f"actors[{i}] must be an object with exactly {sorted(ACTOR_FIELDS)}")
            continue
        aid, kind, names = actor["id"], actor["kind"], actor["names"]
        if not isinstance(aid, str) or aid in ids:
            rep.error(f"actors[{i}] id {aid!r} is not a string or is listed twice")
            continue
        ids.add(aid)
        if kind not in KINDS:
            rep.error(f"actor {aid!r} kind {kind!r} not one of {list(KINDS)}")
            continue
        if kind != "state" and (not SLUG.match(aid) or aid.upper() in ref.states):
            rep.error(f"actor {aid!r} ({kind}) must be a lowercase slug, not a state code")
        known = ref.ids_of(kind)
        if aid not in known:
            near = aid.replace("-", "_")
            if near in known:
                rep.warn(f"actor {aid!r} is spelled {near!r} in the reference data")
            elif strict or kind == "state":
                rep.error(f"actor {aid!r} ({kind}) is not in the reference TSVs")
            else:
                rep.warn(f"actor {aid!r} ({kind}) is not in the reference TSVs")
        if not isinstance(names, list) or not names or not all(
            isinstance(n, str) and n for n in names
        ):
            rep.error(f"actor {aid!r} names must be a non-empty list of strings")
            continue
        for name in names:
            if name.lower() not in lowered:
                rep.warn(f"actor {aid!r} name {name!r} does not occur in the document")
    return ids


def _evidence_found(evidence: str, text: str, nodes: list[str] | None) -> bool:
    if nodes is None:
        return evidence in text
    return any(evidence in node for node in nodes)


def _check_quantity(q: object, where: str, ref: Reference, rep: Report) -> None:
    if not isinstance(q, dict) or not {"value", "unit"} <= set(q) <= QUANTITY_ALLOWED:
        rep.error(f"{where} quantity needs value, unit and at most year")
        return
    value, unit, year = q["value"], q["unit"], q.get("year")
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        rep.error(f"{where} quantity value {value!r} is not a positive number")
    if not isinstance(unit, str):
        rep.error(f"{where} quantity unit {unit!r} is not a string")
    elif CURRENCY_SHAPE.match(unit):
        if ref.currencies is not None and unit not in ref.currencies:
            rep.error(f"{where} quantity unit {unit!r} is not an ISO 4217 code")
    elif not PLAIN_UNIT.match(unit):
        rep.error(f"{where} quantity unit {unit!r} is neither ISO 4217 nor a lowercase word")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                             or not 1900 <= year <= 2100):
        rep.error(f"{where} quantity year {year!r} is not a year")


def _check_claims(gold: dict, ids: set[str], ref: Reference, text: str,
                  nodes: list[str] | None, rep: Report) -> None:
    claims = gold.get("claims")
    if not isinstance(claims, list) or not claims:
        rep.error("'claims' must be a non-empty list")
        return
    seen: dict[tuple, int] = {}
    for i, c in enumerate(claims):
        if not isinstance(c, dict) or not CLAIM_REQUIRED <= set(c) <= CLAIM_ALLOWED:
            rep.error(f"claims[{i}] fields must be {sorted(CLAIM_REQUIRED)} (+ quantity)")
            continue
        s, o, ctype, pol = c["subject"], c["object"], c["type"], c["polarity"]
        where = f"claims[{i}] {s}-{o} {ctype}/{pol}"
        for role, aid in (("subject", s), ("object", o)):
            if aid not in ids:
                rep.error(f"{where} {role} {aid!r} is not listed in actors")
        if s == o:
            rep.error(f"{where} subject equals object")
        if ctype not in TYPES or pol not in POLARITIES:
            rep.error(f"{where} type or polarity outside {list(TYPES)} / {list(POLARITIES)}")
        if not isinstance(c["directed"], bool) or not isinstance(c["optional"], bool):
            rep.error(f"{where} directed and optional must be booleans")
        key = (frozenset((s, o)), ctype, pol)
        if key in seen:
            rep.error(f"{where} repeats the scoring key of claims[{seen[key]}]")
        seen.setdefault(key, i)
        ev = c["evidence"]
        if not isinstance(ev, str) or not ev.strip():
            rep.error(f"{where} evidence is empty")
        elif not _evidence_found(ev, text, nodes):
            rep.error(f"{where} evidence not found verbatim (in one text node): {ev!r}")
        if "quantity" in c:
            _check_quantity(c["quantity"], where, ref, rep)


def _check_extras(gold: dict, ids: set[str], text: str, rep: Report) -> None:
    if gold.get("focal") not in ids:
        rep.error(f"focal {gold.get('focal')!r} is not listed in actors")
    ranking = gold.get("ranking")
    if ranking is not None:
        flat = [a for grp in ranking if isinstance(grp, list) for a in grp] if isinstance(
            ranking, list) else []
        if not flat or any(not isinstance(g, list) or not g for g in ranking):
            rep.error("ranking must be a non-empty list of non-empty groups")
        for aid in sorted(set(flat) - ids):
            rep.error(f"ranking id {aid!r} is not listed in actors")
        if len(flat) != len(set(flat)) or gold.get("focal") in flat:
            rep.error("ranking repeats an id or lists the focal actor")
    names = {n for a in gold.get("actors", []) if isinstance(a, dict)
             for n in a.get("names", []) if isinstance(n, str)}
    for na in gold.get("not_actors", []):
        if not isinstance(na, str) or na in names:
            rep.error(f"not_actors {na!r} is not a string or is also an actor name")
        elif na not in text:
            rep.warn(f"not_actors {na!r} does not occur in the document")


def check_key(key: Path, ref: Reference, strict: bool = False) -> Report:
    rep = Report(str(key))
    try:
        gold = json.loads(key.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        rep.error(f"unreadable JSON: {exc}")
        return rep
    if not isinstance(gold, dict) or not TOP_REQUIRED <= set(gold) <= TOP_ALLOWED:
        rep.error(f"top level must hold {sorted(TOP_REQUIRED)} and at most ranking, not_actors")
        return rep
    doc = key.parent / str(gold["document"])
    ext = doc.suffix.lower()
    if ext not in DOC_EXTS or doc.name[: -len(doc.suffix)] != key.name[: -len(".gold.json")]:
        rep.error(f"document {doc.name!r} is not NAME{list(DOC_EXTS)} beside {key.name!r}")
    if not doc.is_file():
        rep.error(f"document {doc.name!r} not found")
        return rep
    text = doc.read_text(encoding="utf-8")
    nodes = text_nodes(text) if ext == ".html" else None
    ids = _check_actors(gold, ref, text, rep, strict)
    _check_claims(gold, ids, ref, text, nodes, rep)
    _check_extras(gold, ids, text, rep)
    words = word_count(text, ext)
    if not WORDS_MIN <= words <= WORDS_MAX:
        rep.error(f"document has {words} words, outside {WORDS_MIN}-{WORDS_MAX}")
    return rep


def find_keys(paths: list[str]) -> list[Path]:
    keys: list[Path] = []
    for p in map(Path, paths):
        keys.extend(sorted(p.rglob("*.gold.json")) if p.is_dir() else [p])
    return keys


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    args = [a for a in argv if a != "--strict"] or ["corpus"]
    keys = find_keys(args)
    if not keys:
        print(f"ERROR no *.gold.json under {args}")
        return 1
    ref = Reference.load()
    if ref.currencies is None:
        print("WARNING pycountry is not installed: currency codes are checked for shape only")
    reports = [check_key(k, ref, strict) for k in keys]
    for rep in reports:
        for line in rep.warnings + rep.errors:
            print(line)
    n_err = sum(len(r.errors) for r in reports)
    print(f"{len(keys)} keys, {n_err} errors", file=sys.stderr)
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
