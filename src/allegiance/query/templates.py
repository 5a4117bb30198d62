"""The template catalogue: ``queries/*.rq`` files and how a filled-in query is made from one.

Filling in never edits the query text around a value. The one change is a ``VALUES`` block
holding every parameter's term (``UNDEF`` for an optional one left out), inserted right after
the ``{`` that opens the outermost ``WHERE``; a page request appends ``LIMIT``/``OFFSET`` with
integers computed here. So the query that runs is always the template plus that block, which is
what the injection test checks, and the same text runs locally and on a remote endpoint.

A ``VALUES`` block at the head of the ``WHERE`` group (rather than a trailing one, which SPARQL
joins after grouping) constrains the pattern before any aggregate, and an ``UNDEF`` leaves its
variable free, so an omitted optional parameter means "any".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from allegiance import resources
from allegiance.query.header import HeaderValue, parse_header, split_header
from allegiance.query.params import Parameter, ParameterError, Term, find_parameters, to_term
from allegiance.reference import Gazetteer

_SKIP = re.compile(
    r"#[^\n]*"  # comment
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"  # short strings
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRI
    r"|(?i:\bWHERE\b)"
    r"|\{"
)


class TemplateError(ValueError):
    """A template file that breaks the contract of ``queries/README.md``."""


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    header: dict[str, HeaderValue]
    body: str
    """The query text after the header, exactly as in the file."""
    parameters: tuple[Parameter, ...]
    insert_at: int
    """Offset in ``body`` just after the ``{`` opening the outermost WHERE."""

    @property
    def summary(self) -> str:
        return str(self.header.get("summary") or "")

    @property
    def description(self) -> str:
        return str(self.header.get("description") or "")

    @property
    def tags(self) -> list[str]:
        tags = self.header.get("tags") or []
        return [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]

    @property
    def method(self) -> str:
        return str(self.header.get("method") or "GET").upper()

    @property
    def pagination(self) -> int | None:
        value = self.header.get("pagination")
        return value if isinstance(value, int) and value > 0 else None

    @property
    def claim_index(self) -> dict[str, str]:
        """``x-claim-index``: which parameter is the actor, the text or the since date that the
        claim index may narrow ``?claim`` by (``allegiance.query.narrow``); empty: never."""
        return _mapping(self.header.get("x-claim-index"), "x-claim-index", self.name)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if name in (p.name, p.variable):
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(f"template {self.name!r} has no parameter {name!r} (it has: {known})")


@dataclass(frozen=True)
class PreparedQuery:
    template: Template
    sparql: str
    bindings: dict[str, Term | None]
    """Parameter name -> bound term (None where an optional one was left out)."""


def _insert_point(body: str, name: str) -> int:
    seen_where = False
    for match in _SKIP.finditer(body):
        token = match.group(0)
        if token.upper() == "WHERE":
            seen_where = True
        elif token == "{" and seen_where:
            return match.end()
    raise TemplateError(f"template {name!r} has no 'WHERE {{': the VALUES block needs one")


def _mapping(value: HeaderValue, key: str, name: str) -> dict[str, str]:
    """grlc writes ``defaults`` as a list of one-pair mappings; a plain mapping is accepted too."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return {str(k): str(v) for item in value for k, v in item.items()}
    raise TemplateError(f"template {name!r}: header {key!r} must be a mapping")


def parse_template(name: str, text: str, path: Path | None = None) -> Template:
    lines, body = split_header(text)
    try:
        header = parse_header(lines)
        types = _mapping(header.get("x-types"), "x-types", name)
        defaults = _mapping(header.get("defaults"), "defaults", name)
        parameters = find_parameters(body, types, defaults)
    except ValueError as error:
        raise TemplateError(f"template {name!r}: {error}") from None
    unknown = sorted(set(types) - {p.name for p in parameters})
    if unknown:
        raise TemplateError(f"template {name!r}: x-types names no parameter: {unknown}")
    if not header.get("summary"):
        raise TemplateError(f"template {name!r} has no summary")
    _check_claim_index(name, header, body, {p.name for p in parameters})
    return Template(name, path or Path(f"{name}.rq"), header, body, parameters,
                    _insert_point(body, name))


CLAIM_INDEX_ROLES = ("actor", "text", "since")


def _check_claim_index(name: str, header: dict[str, HeaderValue], body: str,
                       parameters: set[str]) -> None:
    roles = _mapping(header.get("x-claim-index"), "x-claim-index", name)
    wrong = sorted(set(roles) - set(CLAIM_INDEX_ROLES))
    if wrong:
        raise TemplateError(f"template {name!r}: x-claim-index roles are "
                            f"{', '.join(CLAIM_INDEX_ROLES)}, not {wrong}")
    strays = sorted(set(roles.values()) - parameters)
    if strays:
        raise TemplateError(f"template {name!r}: x-claim-index names no parameter: {strays}")
    if roles and not re.search(r"\?claim\b", body):
        raise TemplateError(f"template {name!r}: x-claim-index narrows ?claim, "
                            "which the query does not use")


@cache
def _load(directory: Path) -> dict[str, Template]:
    out: dict[str, Template] = {}
    for path in sorted(directory.glob("*.rq")):
        out[path.stem] = parse_template(path.stem, path.read_text(encoding="utf-8"), path)
    return out


def load_templates(directory: Path | None = None) -> dict[str, Template]:
    """Every template of ``directory`` (default: the project's ``queries/``), by name."""
    return dict(_load((directory or resources.queries_dir()).resolve()))


def get_template(name: str, directory: Path | None = None) -> Template:
    templates = load_templates(directory)
    if name in templates:
        return templates[name]
    close = difflib.get_close_matches(name, list(templates), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `allegiance query --list`"
    raise TemplateError(f"no query template {name!r}{hint}")


def values_block(template: Template, terms: Mapping[str, Term | None]) -> str:
    """``VALUES (?a ?b) { (<x> UNDEF) }`` for every parameter, or '' when there is none."""
    if not template.parameters:
        return ""
    variables = " ".join(f"?{p.variable}" for p in template.parameters)
    cells = " ".join(
        "UNDEF" if terms.get(p.name) is None else str(terms[p.name]) for p in template.parameters
    )
    return f"\n  VALUES ({variables}) {{ ({cells}) }}\n"


def bind(
    template: Template, values: Mapping[str, str], gazetteer: Gazetteer | None = None
) -> dict[str, Term | None]:
    """Check and convert the given values (by parameter name) into terms."""
    given = {template.parameter(key).name: value for key, value in values.items()}
    terms: dict[str, Term | None] = {}
    for p in template.parameters:
        raw = given.get(p.name, p.default)
        if raw is None or (raw == "" and not p.required):
            if p.required:
                raise ParameterError(
                    f"template {template.name!r} needs parameter {p.name!r} ({p.type_label})"
                )
            terms[p.name] = None
            continue
        terms[p.name] = to_term(raw, p, gazetteer)
    return terms


def prepare(
    template: Template,
    values: Mapping[str, str],
    *,
    gazetteer: Gazetteer | None = None,
    page: int | None = None,
) -> PreparedQuery:
    """The query to run: the template with its VALUES block (and a page window if asked)."""
    terms = bind(template, values, gazetteer)
    body = template.body
    sparql = body[: template.insert_at] + values_block(template, terms) + body[template.insert_at :]
    if page is not None:
        size = template.pagination
        if size is None:
            raise ParameterError(f"template {template.name!r} is not paginated")
        if page < 1:
            raise ParameterError(f"page must be 1 or more, not {page}")
        sparql = f"{sparql.rstrip()}\nLIMIT {size} OFFSET {(page - 1) * size}\n"
    return PreparedQuery(template, sparql, terms)
