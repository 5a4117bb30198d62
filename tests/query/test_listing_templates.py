"""The listing templates that spell OPTIONAL as ``{ p } UNION { ... FILTER NOT EXISTS { p } }``
(pair-evidence, tier-explanation: a per-row plan in Oxigraph, see the comments in those files)
must answer exactly what the OPTIONAL form answers, both when the optional value is there and
when it is missing."""

from __future__ import annotations

import re
from itertools import permutations

import pytest

from allegiance.query.run import run_local, text_of
from allegiance.query.templates import PreparedQuery, get_template, parse_template, prepare
from allegiance.store import GraphStore

ACTOR = "https://w3id.org/allegiance/id/actor/"
OPTIONAL_IDIOM = re.compile(  # at the start of a line: the idiom quoted in a comment is left
    r"^(?P<indent> *)\{ (?P<pattern>[^{}#]+?) \}\s*"
    r"UNION \{ [^{}#]*FILTER NOT EXISTS \{ [^{}#]* \} \}",
    re.MULTILINE)


def optional_form(name: str) -> tuple[str, int]:
    """The template's text with each UNION idiom written back as OPTIONAL, and their number."""
    template = get_template(name)
    text = template.path.read_text(encoding="utf-8")
    return OPTIONAL_IDIOM.subn(r"\g<indent>OPTIONAL { \g<pattern> }", text)


def rows(store: GraphStore, prepared: PreparedQuery) -> list[tuple[str, ...]]:
    result = run_local(store, prepared)
    return sorted(tuple(text_of(c) or "" for c in row) for row in result.rows)


def actors(store: GraphStore) -> list[str]:
    query = ("PREFIX alg: <https://w3id.org/allegiance/ontology#> SELECT DISTINCT ?a WHERE"
             " { { ?c alg:subjectActor ?a } UNION { ?c alg:objectActor ?a } }")
    return sorted(str(s["a"].value).removeprefix(ACTOR) for s in store.query(query))


@pytest.mark.parametrize(("name", "second", "idioms", "some_missing"),
                         [("pair-evidence", "other", 5, True),
                          ("tier-explanation", "partner", 3, False)])
def test_union_idiom_answers_what_optional_answers(
    store: GraphStore, name: str, second: str, idioms: int, some_missing: bool
) -> None:
    text, count = optional_form(name)
    assert count == idioms
    template = get_template(name)
    reference = parse_template(name, text)
    unbound = bound = 0
    for actor, other in permutations(actors(store), 2):
        values = {"actor": actor, second: other}
        got = rows(store, prepare(template, values))
        assert got == rows(store, prepare(reference, values)), values
        unbound += sum("" in row for row in got)
        bound += len(got)
    # the fixture's tension claim states no year, so pair-evidence exercises both branches; its
    # tiers have every rank, title and date
    assert bound and bool(unbound) == some_missing


def test_pair_evidence_pages(store: GraphStore) -> None:
    template = get_template("pair-evidence")
    pair = {"actor": "IRN", "other": "SAU"}
    whole = run_local(store, prepare(template, pair)).rows
    assert template.pagination == 100 and len(whole) == 2
    assert run_local(store, prepare(template, pair, page=1)).rows == whole
    assert run_local(store, prepare(template, pair, page=2)).rows == []
