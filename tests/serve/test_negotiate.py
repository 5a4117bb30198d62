"""Content negotiation rules, on their own."""

from __future__ import annotations

import pytest

from allegiance.serve.negotiate import choose, choose_rdf, choose_result

OFFERS = ["application/sparql-results+json", "text/csv"]


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+json;q=0.4", "text/csv"),
    ("*/*;q=0.9, text/csv;q=0", "application/sparql-results+json"),
    ("text/csv;q=0, application/*;q=0", None),
    ("image/png", None),
    ("garbage", None),
])
def test_choose(accept: str | None, expected: str | None) -> None:
    assert choose(accept, OFFERS) == expected


def test_aliases_map_to_canonical_types() -> None:
    assert choose_result("application/json") == "application/sparql-results+json"
    assert choose_rdf("application/xml") == "application/rdf+xml"


def test_html_only_when_named() -> None:
    assert choose_rdf("*/*", html=True) == "text/turtle"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert choose_rdf(browser, html=True) == "text/html"
    assert choose_rdf(browser) == "application/rdf+xml"
