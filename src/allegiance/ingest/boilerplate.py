"""Boilerplate inside article text: bylines, datelines, credits, meta lines, footer blocks.

Boilerplate is marked, not deleted: the spans go to ``Document.excluded`` so that offsets into
the text stay those of the source, and the extractor knows to take no actors or claims from
them ("Related articles" link lists name countries that the article is not about). The cue
words live in ``lexicon/boilerplate.toml``; the code only knows the shapes of such lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from allegiance import resources
from allegiance.ingest.blocks import Block
from allegiance.records import Span

_LINE_KINDS = frozenset({"paragraph", "heading", "list_item", "quote"})
_SENTENCE_END = re.compile(r"[.!?]$")


@dataclass(frozen=True)
class _Cues:
    byline: re.Pattern[str]
    byline_max_words: int
    byline_connectors: frozenset[str]
    credit: re.Pattern[str]
    tail: frozenset[str]
    line: tuple[str, ...]
    line_max: int
    meta: re.Pattern[str]
    read_time: re.Pattern[str]
    meta_max: int
    date_like: re.Pattern[str]
    dateline: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def _cues() -> _Cues:
    data = resources.load_toml("lexicon", "boilerplate.toml")
    months = _alternation(data["dates"]["months"])
    return _Cues(
        byline=re.compile(
            rf"^(?:{_alternation(data['byline']['prefixes'])})\s+(?=[A-Z])(.+)$", re.IGNORECASE
        ),
        byline_max_words=int(data["byline"]["max_words"]),
        byline_connectors=frozenset(w.casefold() for w in data["byline"]["connectors"]),
        credit=re.compile(rf"^\(?\s*(?:{_alternation(data['credit']['prefixes'])})", re.I),
        tail=frozenset(m.casefold() for m in data["tail"]["markers"]),
        line=tuple(p.casefold() for p in data["line"]["prefixes"]),
        line_max=int(data["line"]["max_chars"]),
        meta=re.compile(rf"^(?:{_alternation(data['meta']['prefixes'])})\b:?\s*\S", re.I),
        read_time=re.compile(rf"\b\d+[\s-]*(?:{_alternation(data['meta']['read_time'])})", re.I),
        meta_max=int(data["meta"]["max_chars"]),
        date_like=re.compile(rf"\b(?:(?:{months})\b\.?|\d{{4}}\b|\d{{1,2}}/\d{{1,2}}/)", re.I),
        # "VILNIUS, Oct 14 (Meridian Wire) - " / "SEOUL (Agency) — ": place, then date or source.
        dateline=re.compile(
            r"^[A-Z][A-Z.'’\- ]{1,40}(?:, [A-Z][A-Za-z.'’\- ]{1,30})??"
            rf"(?:(?:, (?:{months})\.? \d{{1,2}}(?:, \d{{4}})?)(?: \([^()\n]{{1,60}}\))?"
            r"|(?: \([^()\n]{1,60}\)))"
            r" ?[-–—]+ ?"
        ),
    )


@dataclass(frozen=True)
class Boilerplate:
    spans: tuple[Span, ...]
    author: str | None = None


def _byline_author(line: str, cues: _Cues) -> str | None:
    m = cues.byline.match(line)
    if not m or len(line.split()) > cues.byline_max_words:
        return None
    parts = [p.strip() for p in line.split("|")]
    if len(parts) == 1 and _SENTENCE_END.search(line):
        return None
    names = cues.byline.match(parts[0])
    if not names:
        return None
    author = names.group(1).strip(" ,;")
    # A byline names people: every word is capitalised or a connector ("and", "staff").
    words = author.replace(",", " ").split()
    if not words or not words[0][0].isupper() or any(ch.isdigit() for ch in author):
        return None
    if not all(w[0].isupper() or w.casefold() in cues.byline_connectors for w in words):
        return None
    return author


def _is_meta_line(line: str, cues: _Cues) -> bool:
    if len(line) > cues.meta_max:
        return False
    if cues.read_time.search(line):
        return True
    if cues.meta.match(line) and cues.date_like.search(line):
        return True
    # "Strategic Outlook Series | South Asia Desk | November 2025": a pipe-separated strip.
    parts = [p.strip() for p in line.split(" | ")]
    return (
        len(parts) >= 2
        and not _SENTENCE_END.search(line)
        and any(cues.date_like.search(p) and len(p.split()) <= 4 for p in parts)
    )


def _is_line_marker(line: str, cues: _Cues) -> bool:
    if len(line) > cues.line_max:
        return False
    folded = line.casefold()
    if not folded.startswith(cues.line):  # one C call rules out most lines
        return False
    return any(
        folded.startswith(p) and (len(folded) == len(p) or not folded[len(p)].isalnum())
        for p in cues.line
    )


def _is_tail_marker(line: str, cues: _Cues) -> bool:
    return line.rstrip(" :").casefold() in cues.tail


def find_boilerplate(text: str, blocks: Sequence[Block]) -> Boilerplate:
    """Excluded spans (sorted, non-overlapping) and the author named by a byline, if any."""
    cues = _cues()
    spans: list[tuple[int, int]] = []
    author: str | None = None
    dateline_checked = False
    for block in blocks:
        if block.kind not in _LINE_KINDS:
            continue
        line = text[block.start : block.end]
        if _is_tail_marker(line, cues):
            spans.append((block.start, blocks[-1].end))
            break
        if block.kind in ("paragraph", "heading"):
            found = _byline_author(line, cues)
            if found is not None:
                author = author or found
                spans.append((block.start, block.end))
                continue
            if _is_meta_line(line, cues):
                spans.append((block.start, block.end))
                continue
        if _is_line_marker(line, cues) or cues.credit.match(line):
            spans.append((block.start, block.end))
            continue
        if block.kind == "paragraph" and not dateline_checked:
            dateline_checked = True
            m = cues.dateline.match(line)
            if m:
                spans.append((block.start, block.start + len(m.group().rstrip())))
    return Boilerplate(tuple(_merge(text, spans)), author)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e, text[s:e]) for s, e in merged]
