"""Literal forms are fixed, so equal values always serialise to equal bytes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib.namespace import XSD

from allegiance.model.literals import date_literal, decimal_literal, offset_literal, year_literal


@pytest.mark.parametrize(
    ("value", "places", "lexical"),
    [
        (0.1 + 0.2, 3, "0.3"),
        (0.3, 3, "0.3"),
        (1.0, 3, "1.0"),
        (0.0, 3, "0.0"),
        (0.12345, 3, "0.123"),
        (0.0005, 3, "0.0"),  # half-even
        (0.0015, 3, "0.002"),
        (1.5e6, 6, "1500000.0"),
        (1e-7, 6, "0.0"),
        (-0.0, 3, "0.0"),
        (Decimal("2.50"), 3, "2.5"),
        (7, 3, "7.0"),
        (-2.25, 1, "-2.2"),
    ],
)
def test_decimal_lexical_forms(value: float, places: int, lexical: str) -> None:
    literal = decimal_literal(value, places)
    assert str(literal) == lexical
    assert literal.datatype == XSD.decimal
    assert "E" not in str(literal)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_refused(value: float) -> None:
    with pytest.raises(ValueError):
        decimal_literal(value, 3)


def test_years_offsets_and_dates() -> None:
    assert year_literal(2021).n3() == '"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert str(year_literal(476)) == "0476"
    offset = offset_literal(42)
    assert offset.datatype == XSD.nonNegativeInteger
    assert str(offset) == "42"
    assert date_literal("2024-03-05").datatype == XSD.date
    assert date_literal("2024-03").datatype == XSD.gYearMonth
    assert date_literal("2024").datatype == XSD.gYear
    assert date_literal("5 March 2024").datatype is None
