"""Template parameters: read from grlc-style variable names, checked, turned into RDF terms.

A value typed by a user never becomes query text of its own making: it is parsed according to
the parameter's declared type, turned into a pyoxigraph term, and only that term's N-Triples
form (which escapes quotes, backslashes and line breaks, and which an IRI cannot have without
passing IRI validation) reaches the query, inside a ``VALUES`` block. See ``queries/README.md``.

Names follow grlc: ``?_name`` is required, ``?__name`` optional, and a suffix gives the type:
``_iri``, ``_integer``, ``_decimal``, ``_boolean``, ``_xsd_<type>`` (e.g. ``_xsd_date``),
``_literal`` or no suffix (plain string) and a language tag (``_en``). The header's ``x-types``
mapping adds our domain types on top: ``actor`` (an IRI resolved through the gazetteer),
``dimension``, ``polarity``, ``formality``, ``modality`` (IRIs of the ontology's concepts, given
by notation) and ``year`` (a four-digit year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from allegiance.model.vocab import SCHEMES, notations
from allegiance.reference import Gazetteer

XSD = "http://www.w3.org/2001/XMLSchema#"
ACTOR_BASE = "https://w3id.org/allegiance/id/actor/"
DOMAIN_TYPES = ("actor", "year", *SCHEMES)

Term = ox.NamedNode | ox.Literal

_VARIABLE = re.compile(r"[?$](__?)([A-Za-z0-9]+)((?:_[A-Za-z0-9]+)*)\b")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_FORBIDDEN_IN_IRI = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_LEXICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "boolean": re.compile(r"true|false|1|0"),
    "gYear": re.compile(r"-?\d{4,}"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
}


class ParameterError(ValueError):
    """A value that does not fit its parameter; the message is one line for a person."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of a template, as its variable name and the header declare it."""

    variable: str
    """The SPARQL variable without ``?``, e.g. ``_actor_iri``."""
    name: str
    required: bool
    kind: str
    """``iri``, ``literal``, ``typed`` or ``lang``."""
    datatype: str | None = None
    language: str | None = None
    domain: str | None = None
    default: str | None = None

    @property
    def type_label(self) -> str:
        if self.domain:
            return self.domain
        if self.kind == "typed" and self.datatype:
            return "xsd:" + self.datatype.removeprefix(XSD)
        if self.kind == "lang":
            return f"text@{self.language}"
        return "text" if self.kind == "literal" else self.kind

    def choices(self) -> list[str]:
        """The allowed values of a concept parameter (empty for open types)."""
        return list(notations(self.domain)) if self.domain in SCHEMES else []


def _suffix_type(suffix: str) -> tuple[str, str | None, str | None]:
    """(kind, datatype, language) of a grlc type suffix such as ``_xsd_date``."""
    parts = [p for p in suffix.split("_") if p]
    if not parts or parts == ["literal"]:
        return "literal", None, None
    if parts == ["iri"]:
        return "iri", None, None
    if len(parts) == 1 and parts[0] in ("integer", "decimal", "boolean"):
        return "typed", XSD + parts[0], None
    if len(parts) == 1 and parts[0] == "number":
        return "typed", XSD + "decimal", None
    if len(parts) == 2 and parts[0] == "xsd":
        return "typed", XSD + parts[1], None
    if len(parts) == 1 and _LANGUAGE.fullmatch(parts[0]):
        return "lang", None, parts[0]
    raise ParameterError(f"unknown parameter type suffix {suffix!r}")


def find_parameters(
    query: str, types: dict[str, str], defaults: dict[str, str]
) -> tuple[Parameter, ...]:
    """The parameters of a query body, in order of first appearance."""
    found: dict[str, Parameter] = {}
    for match in _VARIABLE.finditer(query):
        underscores, name, suffix = match.groups()
        variable = f"{underscores}{name}{suffix}"
        if variable in found:
            continue
        if any(p.name == name for p in found.values()):
            raise ParameterError(f"parameter {name!r} appears with two different types")
        kind, datatype, language = _suffix_type(suffix)
        domain = types.get(name)
        if domain is not None and domain not in DOMAIN_TYPES:
            raise ParameterError(f"x-types: {name}: unknown type {domain!r}")
        if domain in (*SCHEMES, "actor") and kind != "iri":
            raise ParameterError(f"parameter {name!r} of type {domain} must end in _iri")
        default = defaults.get(name)
        found[variable] = Parameter(
            variable, name, underscores == "_", kind, datatype, language, domain,
            None if default is None else str(default),
        )
    return tuple(found.values())


def _named(iri: str, what: str) -> ox.NamedNode:
    if _FORBIDDEN_IN_IRI.search(iri):
        raise ParameterError(f"{what}: {iri!r} is not an IRI (spaces, quotes or brackets)")
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise ParameterError(f"{what}: {iri!r} is not an absolute IRI ({error})") from None


def resolve_actor(value: str, gazetteer: Gazetteer) -> ox.NamedNode:
    """An actor IRI from a name, alias, demonym, ISO code, id or actor IRI."""
    text = value.strip()
    if text.startswith(ACTOR_BASE) and gazetteer.get(text.removeprefix(ACTOR_BASE)):
        return ox.NamedNode(text)
    found = gazetteer.resolve_all(text)
    if len(found) == 1:
        return ox.NamedNode(ACTOR_BASE + found[0].id)
    if found:
        options = ", ".join(f"{a.label} ({a.id})" for a in found)
        raise ParameterError(f"{value!r} names several actors: {options}; give an id")
    close = gazetteer.closest(text)
    hint = "; closest: " + ", ".join(f"{a.label} ({a.id})" for a in close) if close else ""
    raise ParameterError(f"unknown actor {value!r}{hint}")


def _concept(value: str, parameter: Parameter) -> ox.NamedNode:
    assert parameter.domain is not None
    table = notations(parameter.domain)
    text = value.strip()
    for notation, iri in table.items():
        if text.lower() == notation.lower() or text == str(iri):
            return ox.NamedNode(str(iri))
    raise ParameterError(
        f"{parameter.name}: {value!r} is not a {parameter.domain}; one of {', '.join(table)}"
    )


def _typed(value: str, parameter: Parameter) -> ox.Literal:
    datatype = parameter.datatype or XSD + "string"
    local = datatype.removeprefix(XSD)
    text = value.strip() if local != "string" else value
    if parameter.domain == "year":
        if not re.fullmatch(r"\d{4}", text):
            raise ParameterError(f"{parameter.name}: {value!r} is not a four-digit year")
        if local == "integer":
            text = str(int(text))
    pattern = _LEXICAL.get(local)
    if pattern is not None and not pattern.fullmatch(text):
        raise ParameterError(f"{parameter.name}: {value!r} is not an xsd:{local}")
    try:
        if local == "date":
            text = date.fromisoformat(text).isoformat()
        elif local == "dateTime":
            datetime.fromisoformat(text)
        elif local == "decimal":
            Decimal(text)
        elif local == "integer":
            text = str(int(text))
    except (ValueError, InvalidOperation):
        raise ParameterError(f"{parameter.name}: {value!r} is not an xsd:{local}") from None
    return ox.Literal(text, datatype=ox.NamedNode(datatype))


def to_term(value: str, parameter: Parameter, gazetteer: Gazetteer | None = None) -> Term:
    """The RDF term for ``value``; raises ``ParameterError`` when it does not fit."""
    if parameter.domain == "actor":
        if gazetteer is None:
            from allegiance.reference import load_gazetteer

            gazetteer = load_gazetteer()
        return resolve_actor(value, gazetteer)
    if parameter.domain in SCHEMES:
        return _concept(value, parameter)
    if parameter.kind == "iri":
        return _named(value.strip(), parameter.name)
    if parameter.kind == "typed":
        return _typed(value, parameter)
    if parameter.domain == "year":
        raise ParameterError(f"parameter {parameter.name!r} of type year needs a typed suffix")
    if parameter.kind == "lang":
        return ox.Literal(value, language=parameter.language)
    return ox.Literal(value)
