"""A rule-based sentence segmenter that returns character offsets.

Offsets, not strings, are the product: evidence selectors point into the normalised text, so
``text[start:end]`` of every span must be exactly the sentence. The rules are the classic ones
(terminator, then space, then a capital, digit or opening quote) plus two repairs seen in
scraped articles: a period glued to the next capitalised word ("investee.In 2023") ends a
sentence, and a stray Markdown quote marker ("... sectors. > “China ...") starts one.
Abbreviations come from ``lexicon/ingest_text.toml``.

A run of text with no sentence end (a scraped menu, a minified dump, a 5 MB line) is not one
sentence: it is cut at a space into pieces of at most ``MAX_SENTENCE_CHARS``, because every
later stage works per sentence and the extractor's cost grows faster than linearly with
sentence length (real sentences in the corpus stay under 300 characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from allegiance import resources

_TERMINATOR = re.compile(r"(?:[.!?…]+)[\"'”’)\]]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_OPENERS = frozenset("\"'“‘«([")
_QUOTE_MARKER = ">"
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_LEADING_PUNCT = "\"'“‘«(["
MAX_SENTENCE_CHARS = 1000
_MAX_TOKEN = 64


@dataclass(frozen=True)
class _Abbreviations:
    titles: frozenset[str]
    before_number: frozenset[str]
    inline: frozenset[str]
    ambiguous: frozenset[str]
    starters: frozenset[str]


@cache
def _abbreviations() -> _Abbreviations:
    data = resources.load_toml("lexicon", "ingest_text.toml")
    abbr = data["abbreviations"]
    return _Abbreviations(
        titles=frozenset(abbr["titles"]),
        before_number=frozenset(abbr["before_number"]),
        inline=frozenset(abbr["inline"]),
        ambiguous=frozenset(abbr["ambiguous"]),
        starters=frozenset(data["sentence_starters"]["words"]),
    )


def _token_before(text: str, dot: int, lo: int) -> str:
    """The non-space token that ends at the period at ``dot`` (without the period).

    Only its last ``_MAX_TOKEN`` characters are looked at: abbreviations are short, and an
    unbounded scan made "x.Ab" repeated without spaces quadratic (a minute for 80 KB).
    """
    window = text[max(lo, dot - _MAX_TOKEN) : dot]
    if not window or window[-1].isspace():
        return ""
    # What follows the last white space (``rsplit`` and ``isspace`` agree on what that is).
    return window.rsplit(None, 1)[-1].lstrip(_LEADING_PUNCT)


def _next_word(text: str, j: int, hi: int) -> str:
    k = j
    while k < hi and (text[k].isalpha() or text[k] in "'’"):
        k += 1
    return text[j:k]


def _period_may_end(text: str, dot: int, nxt: int, hi: int, lo: int, glued: bool) -> bool:
    """Whether the period at ``dot`` ends a sentence, given the next non-space char at ``nxt``."""
    token = _token_before(text, dot, lo)
    if not token:
        return True
    abbr = _abbreviations()
    low = token.lower()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. Smith"
    if low in abbr.titles or low in abbr.inline:
        return False
    if low in abbr.before_number and text[nxt].isdigit():
        return False
    # A dotted acronym ("U.S") holds a period: most words are not looked at by the regex.
    if low in abbr.ambiguous or ("." in token and _DOTTED_ACRONYM.match(token)):
        return not glued and _next_word(text, nxt, hi) in abbr.starters
    return not (glued and "." in token)


def _boundary_after(text: str, m: re.Match[str], lo: int, hi: int) -> int | None:
    """Where the next sentence starts if the terminator match ``m`` ends one, else None."""
    after = m.end()
    if after >= hi:
        return None
    start = m.start()
    dot = start if text[start] == "." and not text.startswith("..", start) else -1
    if text[after].isspace():
        j = after
        while j < hi and text[j].isspace():
            j += 1
        if j >= hi:
            return None
        c = text[j]
        if not (c.isupper() or c.isdigit() or c in _OPENERS or c == _QUOTE_MARKER):
            return None
        if dot >= 0 and not _period_may_end(text, dot, j, hi, lo, glued=False):
            return None
        return j
    # Glued: "investee.In 2023", "ally.While" (a capital followed by a lowercase letter).
    c = text[after]
    if not (c.isupper() and after + 1 < hi and text[after + 1].islower()):
        return None
    if dot >= 0 and not _period_may_end(text, dot, after, hi, lo, glued=True):
        return None
    return after


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    if (
        start < end
        and text[start] == _QUOTE_MARKER
        and (start + 1 == end or text[start + 1].isspace())
    ):
        start += 1
        while start < end and text[start].isspace():
            start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append the stripped span, cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
    s, e = _strip(text, start, end)
    while e - s > MAX_SENTENCE_CHARS:
        limit = s + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, limit + 1)
        cut = limit if cut <= s else cut
        piece_start, piece_end = _strip(text, s, cut)
        if piece_start < piece_end:
            out.append((piece_start, piece_end))
        s, e = _strip(text, cut, e)
    if s < e:
        out.append((s, e))


def _split_paragraph(text: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    begin = lo
    for m in _TERMINATOR.finditer(text, lo, hi):
        if m.start() < begin:
            continue
        nxt = _boundary_after(text, m, lo, hi)
        if nxt is None:
            continue
        _emit(text, begin, m.end(), out)
        begin = nxt
    _emit(text, begin, hi, out)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, stripped of surrounding space.

    Blank lines always separate sentences; single line breaks are ordinary spaces, so a
    sentence wrapped over two lines stays one sentence.
    """
    hi = len(text) if end is None else min(end, len(text))
    lo = max(0, start)
    out: list[tuple[int, int]] = []
    begin = lo
    for brk in _PARAGRAPH_BREAK.finditer(text, lo, hi):
        _split_paragraph(text, begin, brk.start(), out)
        begin = brk.end()
    _split_paragraph(text, begin, hi, out)
    return out
