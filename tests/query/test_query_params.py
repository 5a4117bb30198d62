"""The header subset parser, parameter types and actor resolution."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from allegiance.query.header import HeaderError, parse_header, split_header
from allegiance.query.params import ParameterError, find_parameters, to_term
from allegiance.query.templates import TemplateError, parse_template, prepare

XSD = "http://www.w3.org/2001/XMLSchema#"

TEXT = """#+ summary: 'A test: with colon'
#+ tags:
#+   - one
#+   - two
#+ defaults:
#+   - n: 3
#+ enumerate: [dimension, polarity]
#+ pagination: 10
#+ x-types:
#+   who: actor
#+   dimension: dimension
SELECT ?x WHERE {
  ?x ?p ?_who_iri ; ?q ?__dimension_iri ; ?r ?__n_integer ; ?s ?__label_en ; ?t ?__day_xsd_date .
}
"""


def test_header_subset() -> None:
    lines, body = split_header(TEXT)
    header = parse_header(lines)
    assert header == {
        "summary": "A test: with colon", "tags": ["one", "two"], "defaults": [{"n": 3}],
        "enumerate": ["dimension", "polarity"], "pagination": 10,
        "x-types": {"who": "actor", "dimension": "dimension"},
    }
    assert body.startswith("SELECT")
    with pytest.raises(HeaderError, match="line 1"):
        parse_header([" not a key value"])


def test_parameter_types_from_names() -> None:
    template = parse_template("t", TEXT)
    by_name = {p.name: p for p in template.parameters}
    assert [p.name for p in template.parameters] == ["who", "dimension", "n", "label", "day"]
    assert by_name["who"].required and not by_name["n"].required
    assert by_name["n"].default == "3"
    assert by_name["label"].type_label == "text@en"
    assert by_name["day"].type_label == "xsd:date"
    prepared = prepare(template, {"who": "Iranian", "label": "Gulf", "day": "2024-02-29"})
    assert prepared.bindings == {
        "who": ox.NamedNode("https://w3id.org/allegiance/id/actor/IRN"),
        "dimension": None,
        "n": ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
        "label": ox.Literal("Gulf", language="en"),
        "day": ox.Literal("2024-02-29", datatype=ox.NamedNode(XSD + "date")),
    }


@pytest.mark.parametrize(("name", "value", "message"), [
    ("day", "2023-02-30", "xsd:date"),
    ("n", "3.5", "xsd:integer"),
    ("dimension", "naval", "one of"),
    ("who", "Irann", "closest: Iran"),
    ("nope", "x", "no parameter"),
])
def test_bad_values_are_refused_with_a_reason(name: str, value: str, message: str) -> None:
    template = parse_template("t", TEXT)
    values = {"who": "Iran", name: value}
    with pytest.raises(ParameterError, match=message):
        prepare(template, values)


def test_missing_required_parameter() -> None:
    with pytest.raises(ParameterError, match="needs parameter 'who'"):
        prepare(parse_template("t", TEXT), {})


def test_year_parameter() -> None:
    (year,) = find_parameters("?__year_xsd_gYear", {"year": "year"}, {})
    assert to_term("2021", year) == ox.Literal("2021", datatype=ox.NamedNode(XSD + "gYear"))
    with pytest.raises(ParameterError, match="four-digit year"):
        to_term("21", year)


def test_actor_accepts_iso_demonym_and_iri() -> None:
    (actor,) = find_parameters("?_a_iri", {"a": "actor"}, {})
    iri = "https://w3id.org/allegiance/id/actor/IRN"
    for value in ("IRN", "ir", "Iranian", "iran", iri):
        assert to_term(value, actor) == ox.NamedNode(iri)


def test_template_contract_errors() -> None:
    with pytest.raises(TemplateError, match="summary"):
        parse_template("t", "SELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(TemplateError, match="WHERE"):
        parse_template("t", "#+ summary: s\nSELECT ?x { ?x ?p ?_o }")
    with pytest.raises(TemplateError, match="must end in _iri"):
        text = "#+ summary: s\n#+ x-types:\n#+   o: actor\nSELECT * WHERE { ?s ?p ?_o }"
        parse_template("t", text)
