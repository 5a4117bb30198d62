"""Clause splitting: what a cue may relate."""

from __future__ import annotations

from allegiance.extract.clauses import split_clauses
from allegiance.extract.lexicon import load_lexicon
from allegiance.extract.sentence import sentence_clauses


def test_relative_clause_is_apart_and_main_clause_is_rejoined() -> None:
    text = "Tokyo, which watched the missiles fly, extended sanctions on Pyongyang."
    clauses = split_clauses(text, (";",), (), (", which",))
    tokyo, missiles, pyongyang = text.index("Tokyo"), text.index("missiles"), text.index("Pyong")
    assert clauses.key(tokyo) == clauses.key(pyongyang)
    assert clauses.key(missiles) != clauses.key(tokyo)


def test_leading_subordinate_clause_and_breaks() -> None:
    lexicon = load_lexicon()
    text = "As sanctions bite, Beijing buys more oil; Moscow sells arms."
    clauses = sentence_clauses(text, lexicon)
    keys = [clauses.key(text.index(w)) for w in ("sanctions", "Beijing", "Moscow")]
    assert len(set(keys)) == 3
    assert clauses.span(text.index("Beijing")) == (text.index(","), text.index(";"))


def test_sentence_without_markers_is_one_clause() -> None:
    text = "Chile and Peru signed a trade deal."
    clauses = split_clauses(text, (";",), ("As",), (", which",))
    assert {clauses.key(i) for i in range(len(text))} == {0}
