"""Answer keys (``NAME.gold.json``, format in ``../shared/corpus/GOLD.md``) as typed records.

A key is validated when it is loaded, because a scorer fed a subtly broken key (a typo in a
polarity, a subject missing from the actors) silently produces wrong numbers. Every problem is
reported as one ``GoldError`` line that names the file, so a broken corpus is fixed in one step.
Checks that need the document text (verbatim evidence) are left to the scorer, which warns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from allegiance.records import DIMENSIONS, KINDS, POLARITIES

DOCUMENT_SUFFIXES = (".txt", ".md", ".html")
GOLD_SUFFIX = ".gold.json"

_TOP_REQUIRED = frozenset({"document", "focal", "actors", "claims"})
_TOP_ALLOWED = _TOP_REQUIRED | {"ranking", "not_actors"}
_ACTOR_FIELDS = frozenset({"id", "kind", "names"})
_CLAIM_REQUIRED = frozenset(
    {"subject", "object", "type", "polarity", "directed", "evidence", "optional"}
)
_CLAIM_ALLOWED = _CLAIM_REQUIRED | {"quantity"}
_QTY_REQUIRED = frozenset({"value", "unit"})
_QTY_ALLOWED = _QTY_REQUIRED | {"year"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STATE_CODE = re.compile(r"^[A-Z]{3}$")


class GoldError(ValueError):
    """A malformed answer key; the message is one line naming the file and the problem."""


class ClaimKey(NamedTuple):
    """The scoring key of GOLD.md: unordered actor pair (stored sorted), type, polarity."""

    first: str
    second: str
    type: str
    polarity: str

    @classmethod
    def of(cls, subject: str, obj: str, type_: str, polarity: str) -> ClaimKey:
        a, b = sorted((subject, obj))
        return cls(a, b, type_, polarity)

    def label(self) -> str:
        return f"{self.first}~{self.second} {self.type}/{self.polarity}"

    def as_json(self) -> dict[str, object]:
        return {"actors": [self.first, self.second], "type": self.type, "polarity": self.polarity}


@dataclass(frozen=True)
class GoldActor:
    id: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class GoldQuantity:
    value: float
    unit: str
    year: int | None = None


@dataclass(frozen=True)
class GoldClaim:
    subject: str
    object: str
    type: str
    polarity: str
    directed: bool
    evidence: str
    optional: bool
    quantity: GoldQuantity | None = None

    @property
    def key(self) -> ClaimKey:
        return ClaimKey.of(self.subject, self.object, self.type, self.polarity)


@dataclass(frozen=True)
class GoldKey:
    path: Path
    document: str
    focal: str
    actors: tuple[GoldActor, ...]
    claims: tuple[GoldClaim, ...]
    ranking: tuple[tuple[str, ...], ...] = ()
    not_actors: tuple[str, ...] = ()

    @property
    def document_path(self) -> Path:
        return self.path.parent / self.document

    def required_claims(self) -> tuple[GoldClaim, ...]:
        return tuple(c for c in self.claims if not c.optional)


def load_gold(path: Path | str) -> GoldKey:
    """Read and validate one answer key; raise ``GoldError`` on the first problem found."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read JSON: {exc}".replace("\n", " ")) from exc
    try:
        return _parse(path, raw)
    except _Problem as problem:
        raise GoldError(f"{path}: {problem}") from None


class _Problem(Exception):
    """Internal: a validation failure before the file name is attached."""


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise _Problem(message)


def _listed(value: Any, known: set[str]) -> bool:
    return isinstance(value, str) and value in known


def _fields(obj: Any, where: str, required: frozenset[str], allowed: frozenset[str]) -> None:
    _require(isinstance(obj, dict), f"{where} is not an object")
    missing, unknown = sorted(required - obj.keys()), sorted(obj.keys() - allowed)
    _require(not missing, f"{where} lacks {missing}")
    _require(not unknown, f"{where} has unknown fields {unknown}")


def _parse(path: Path, raw: Any) -> GoldKey:
    _fields(raw, "top level", _TOP_REQUIRED, _TOP_ALLOWED)
    document = raw["document"]
    _require(isinstance(document, str) and bool(document), "'document' must be a file name")
    _require(
        Path(document).suffix.lower() in DOCUMENT_SUFFIXES,
        f"document {document!r} is not one of {list(DOCUMENT_SUFFIXES)}",
    )
    _require(
        path.name == Path(document).stem + GOLD_SUFFIX,
        f"document {document!r} does not match the key name {path.name!r}",
    )
    _require(isinstance(raw["actors"], list) and bool(raw["actors"]), "'actors' is empty")
    actors = tuple(_actor(a, i) for i, a in enumerate(raw["actors"]))
    ids = [a.id for a in actors]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    _require(not duplicates, f"actor ids listed twice: {duplicates}")
    known = set(ids)
    _require(_listed(raw["focal"], known), f"focal {raw['focal']!r} is not listed in actors")
    _require(isinstance(raw["claims"], list) and bool(raw["claims"]), "'claims' is empty")
    claims = tuple(_claim(c, i, known) for i, c in enumerate(raw["claims"]))
    seen: dict[ClaimKey, int] = {}
    for i, claim in enumerate(claims):
        _require(
            claim.key not in seen,
            f"claims[{i}] repeats the scoring key of claims[{seen.get(claim.key)}]",
        )
        seen[claim.key] = i
    ranking = raw.get("ranking", [])
    _require(
        isinstance(ranking, list)
        and all(isinstance(g, list) and g and all(_listed(x, known) for x in g) for g in ranking),
        "ranking must be a list of non-empty groups of listed actor ids",
    )
    not_actors = raw.get("not_actors", [])
    _require(
        isinstance(not_actors, list) and all(isinstance(n, str) and n for n in not_actors),
        "not_actors must be a list of non-empty strings",
    )
    return GoldKey(
        path=path,
        document=document,
        focal=raw["focal"],
        actors=actors,
        claims=claims,
        ranking=tuple(tuple(g) for g in ranking),
        not_actors=tuple(not_actors),
    )


def _actor(raw: Any, index: int) -> GoldActor:
    where = f"actors[{index}]"
    _fields(raw, where, _ACTOR_FIELDS, _ACTOR_FIELDS)
    aid, kind, names = raw["id"], raw["kind"], raw["names"]
    _require(isinstance(aid, str) and bool(aid), f"{where} id must be a non-empty string")
    _require(kind in KINDS, f"actor {aid!r} kind {kind!r} is not one of {list(KINDS)}")
    ok_id = _SLUG.match(aid) or (kind == "state" and _STATE_CODE.match(aid))
    _require(bool(ok_id), f"actor {aid!r} ({kind}) is neither a state code nor a lowercase slug")
    _require(
        isinstance(names, list) and bool(names) and all(isinstance(n, str) and n for n in names),
        f"actor {aid!r} names must be a non-empty list of strings",
    )
    return GoldActor(aid, kind, tuple(names))


def _claim(raw: Any, index: int, known: set[str]) -> GoldClaim:
    where = f"claims[{index}]"
    _fields(raw, where, _CLAIM_REQUIRED, _CLAIM_ALLOWED)
    for role in ("subject", "object"):
        _require(_listed(raw[role], known), f"{where} {role} {raw[role]!r} is not listed in actors")
    _require(raw["subject"] != raw["object"], f"{where} subject equals object")
    _require(raw["type"] in DIMENSIONS, f"{where} type {raw['type']!r} not in {list(DIMENSIONS)}")
    _require(
        raw["polarity"] in POLARITIES,
        f"{where} polarity {raw['polarity']!r} not in {list(POLARITIES)}",
    )
    for flag in ("directed", "optional"):
        _require(isinstance(raw[flag], bool), f"{where} {flag} must be true or false")
    evidence = raw["evidence"]
    _require(isinstance(evidence, str) and bool(evidence.strip()), f"{where} evidence is empty")
    quantity = raw.get("quantity")
    return GoldClaim(
        subject=raw["subject"],
        object=raw["object"],
        type=raw["type"],
        polarity=raw["polarity"],
        directed=raw["directed"],
        evidence=evidence,
        optional=raw["optional"],
        quantity=None if quantity is None else _quantity(quantity, where),
    )


def _quantity(raw: Any, where: str) -> GoldQuantity:
    where = f"{where} quantity"
    _fields(raw, where, _QTY_REQUIRED, _QTY_ALLOWED)
    value, unit, year = raw["value"], raw["unit"], raw.get("year")
    _require(
        isinstance(value, int | float) and not isinstance(value, bool) and value > 0,
        f"{where} value must be a positive number, got {value!r}",
    )
    _require(isinstance(unit, str) and bool(unit), f"{where} unit must be a non-empty string")
    _require(
        year is None or (isinstance(year, int) and not isinstance(year, bool)),
        f"{where} year must be an integer, got {year!r}",
    )
    return GoldQuantity(float(value), unit, year)


def find_gold_pairs(gold_dir: Path | str) -> list[tuple[Path, Path]]:
    """Every ``NAME.gold.json`` under ``gold_dir`` (recursively) with its ``NAME.{txt,md,html}``.

    A key without exactly one document beside it is an error rather than a skip: a silently
    skipped key would make a corpus score look better than it is.
    """
    pairs: list[tuple[Path, Path]] = []
    for key in sorted(Path(gold_dir).rglob(f"*{GOLD_SUFFIX}")):
        stem = key.name[: -len(GOLD_SUFFIX)]
        docs = [key.with_name(stem + s) for s in DOCUMENT_SUFFIXES]
        docs = [d for d in docs if d.is_file()]
        if len(docs) != 1:
            what = "no document" if not docs else f"several documents {[d.name for d in docs]}"
            raise GoldError(f"{key}: {what} beside the key (expected {stem}.txt/.md/.html)")
        pairs.append((key, docs[0]))
    return pairs
