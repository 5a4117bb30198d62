"""The fast term matcher finds exactly what trying every term at every token finds.

``TermMatcher`` skips tokens through set intersections and walks terms as a trie of words; the
reference here is the plain algorithm it replaced (at each token, try every term whose first
word fits, keep the longest, the first listed on a tie). Texts are drawn from the words of the
project's own lexicons, glued with spaces, hyphens and punctuation in every case.
"""

from __future__ import annotations

import random
import re

import pytest

from allegiance.extract.lexicon import load_lexicon
from allegiance.extract.terms import TermMatcher

_PLAIN_WORD = re.compile(r"^\w+(?:-\w+)*\*?$")
_TOKEN = re.compile(r"\w+(?:-\w+)*")


def _word_fits(pattern: str, token: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


def reference_spans(terms: list[str], text: str, case_sensitive: bool) -> list[tuple]:
    """(start, end, term) of the plain words-only terms, by trying each term at each token."""
    ordered = sorted(set(terms), key=lambda t: (-len(t.replace("*", "")), t))
    plain = [t for t in ordered if all(_PLAIN_WORD.match(w) for w in t.split())]
    keyed = [(tuple(t.split() if case_sensitive else t.lower().split()), t) for t in plain]
    # The order in which candidates were tried: exact first words, then stems of two or more
    # letters, then shorter stems; each group in lexicon order.
    exact = [(w, t) for w, t in keyed if not w[0].endswith("*")]
    long_stems = [(w, t) for w, t in keyed if w[0].endswith("*") and len(w[0]) >= 3]
    short_stems = [(w, t) for w, t in keyed if w[0].endswith("*") and len(w[0]) < 3]
    tokens = [
        (m.start(), m.end(), m.group() if case_sensitive else m.group().lower())
        for m in _TOKEN.finditer(text)
    ]
    out: list[tuple] = []
    i = 0
    while i < len(tokens):
        token = tokens[i][2]
        best = None
        for words, term in exact + long_stems + short_stems:
            if i + len(words) > len(tokens) or not _word_fits(words[0], token):
                continue
            fits = all(
                text[tokens[i + k - 1][1] : tokens[i + k][0]].isspace()
                and _word_fits(words[k], tokens[i + k][2])
                for k in range(1, len(words))
            )
            if fits and (best is None or len(words) > best[0]):
                best = (len(words), term)
        if best is not None:
            out.append((tokens[i][0], tokens[i + best[0] - 1][1], best[1]))
            i += best[0]
            continue
        if "-" in token:
            head = token.split("-", 1)[0]
            single = [t for w, t in exact + long_stems if len(w) == 1 and _word_fits(w[0], head)]
            if single:
                out.append((tokens[i][0], tokens[i][0] + len(head), single[0]))
        i += 1
    return out


def _texts(words: list[str], rng: random.Random, count: int) -> list[str]:
    glue = [" ", " ", " ", "  ", "\n", "-", ", ", ". ", "'s ", " (", "--"]
    filler = ["the", "of", "and", "Iran", "x", "2024", "non", "re", "co"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 12)):
            word = rng.choice(words) if rng.random() < 0.7 else rng.choice(filler)
            word = rng.choice([word, word, word.upper(), word.capitalize(), word + "s"])
            parts.append(word.replace("*", rng.choice(["", "ed", "ing"])))
            parts.append(rng.choice(glue))
        texts.append("".join(parts))
    return texts


def _matchers() -> list[tuple[str, TermMatcher]]:
    lexicon = load_lexicon()
    found = [(k, v) for k, v in vars(lexicon).items() if isinstance(v, TermMatcher)]
    found.append(
        (
            "ties",
            TermMatcher(
                ["supplied arms", "Supplied arms", "suppl* arms", "su* arms", "s* arms", "a*", "a"]
            ),
        )
    )
    return found


@pytest.mark.parametrize(("name", "matcher"), _matchers(), ids=[n for n, _ in _matchers()])
def test_same_matches_as_trying_every_term(name: str, matcher: TermMatcher) -> None:
    rng = random.Random(name)
    words = sorted({w for t in matcher.terms for w in t.split()})
    plain = [t for t in matcher.terms if all(_PLAIN_WORD.match(w) for w in t.split())]
    for text in _texts(words, rng, 150) + _texts(plain, rng, 150):
        got = [(m.start, m.end, m.term) for m in matcher.find(text) if m.term in set(plain)]
        assert got == reference_spans(plain, text, matcher.case_sensitive), text


@pytest.mark.parametrize(("name", "matcher"), _matchers(), ids=[n for n, _ in _matchers()])
def test_match_at_start_is_the_match_find_gives_at_offset_0(
    name: str, matcher: TermMatcher
) -> None:
    rng = random.Random("start " + name)
    words = sorted({w for t in matcher.terms for w in t.split()})
    texts = _texts(words, rng, 200) + _texts(matcher.terms, rng, 200)
    texts += [t[n:] for t in texts[:100] for n in (1, 3)] + ["", " ", "-x", "'s said"]
    hits = 0
    for text in texts:
        expected = next((m for m in matcher.find(text) if m.start == 0), None)
        assert matcher.match_at_start(text) == expected, text
        hits += expected is not None
    assert hits or not matcher.terms
