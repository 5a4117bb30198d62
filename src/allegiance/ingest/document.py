"""From blocks to a Document: sections from headings, sentences per block, boilerplate marked.

This is the format-independent half of ingest. It owns the invariants other stages rely on:
``Sentence.text == Document.text[start:end]``, sentences never cross a block or an excluded
span boundary, section 0 (no heading) always exists, and ``Sentence.section`` is the innermost
section containing the sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from allegiance.ingest.blocks import HEADING_KINDS, Block, Parsed
from allegiance.ingest.boilerplate import find_boilerplate
from allegiance.ingest.files import IngestError
from allegiance.ingest.normalise import sha256_hex
from allegiance.ingest.sentences import split_sentences
from allegiance.records import Document, Section, Sentence, Span


def _sections(text: str, blocks: Sequence[Block], excluded: Sequence[Span]) -> list[Section]:
    starts = [s.start for s in excluded]
    heads = [
        b for b in blocks if b.kind in HEADING_KINDS and not _inside(b.start, excluded, starts)
    ]
    first = heads[0].start if heads else len(text)
    ends = [len(text)] * len(heads)
    open_heads: list[int] = []  # a stack of heading indexes with strictly rising levels
    for i, head in enumerate(heads):
        while open_heads and heads[open_heads[-1]].level >= head.level:
            ends[open_heads.pop()] = head.start
        open_heads.append(i)
    sections = [Section(None, 0, 0, first)]
    for head, end in zip(heads, ends, strict=True):
        label = text[head.start : head.end]
        sections.append(
            Section(label, head.level, head.start, end, Span(head.start, head.end, label))
        )
    return sections


def _inside(pos: int, spans: Sequence[Span], starts: Sequence[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i].start <= pos < spans[i].end


def _section_of(pos: int, sections: Sequence[Section], starts: Sequence[int]) -> int:
    i = bisect_right(starts, pos) - 1
    while i > 0 and not sections[i].start <= pos < sections[i].end:
        i -= 1
    return max(i, 0)


def _pieces(block: Block, excluded: Sequence[Span], starts: Sequence[int]) -> list[tuple[int, int]]:
    """The block's range cut at excluded-span boundaries, so no sentence straddles one."""
    first = max(bisect_right(starts, block.start) - 1, 0)
    cuts: set[int] = set()
    for span in excluded[first:]:
        if span.start >= block.end:
            break
        cuts.update(p for p in (span.start, span.end) if block.start < p < block.end)
    bounds = [block.start, *sorted(cuts), block.end]
    return list(pairwise(bounds))


def _after_quote_marker(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] == ">" and (i == 0 or text[i - 1].isspace())


def _sentences(
    text: str, blocks: Sequence[Block], excluded: Sequence[Span], sections: Sequence[Section]
) -> list[Sentence]:
    starts = [s.start for s in sections]
    excluded_starts = [s.start for s in excluded]
    out: list[Sentence] = []
    for block in blocks:
        is_heading = block.kind in HEADING_KINDS
        for lo, hi in _pieces(block, excluded, excluded_starts):
            for start, end in split_sentences(text, lo, hi):
                if _inside(start, excluded, excluded_starts):
                    kind = "meta"
                elif not is_heading and _after_quote_marker(text, start):
                    kind = "quote"
                else:
                    kind = block.kind
                out.append(
                    Sentence(
                        start=start,
                        end=end,
                        text=text[start:end],
                        section=_section_of(start, sections, starts),
                        is_heading=is_heading,
                        block=kind,
                    )
                )
    return out


def build_document(parsed: Parsed, *, path: str, media_type: str) -> Document:
    text = parsed.text
    if not text.strip():
        raise IngestError(path, "no text content (empty or whitespace only after extraction)")
    blocks = sorted(parsed.blocks, key=lambda b: (b.start, b.end))
    boiler = find_boilerplate(text, blocks)
    excluded = list(boiler.spans)
    sections = _sections(text, blocks, excluded)
    meta = parsed.metadata
    title = meta.title
    if title is None:
        title = next((text[b.start : b.end] for b in blocks if b.kind == "title"), None)
    return Document(
        path=path,
        text=text,
        media_type=media_type,
        sha256=sha256_hex(text),
        sentences=tuple(_sentences(text, blocks, excluded, sections)),
        sections=tuple(sections),
        title=title,
        publisher=meta.publisher,
        date=meta.date,
        author=meta.author or boiler.author,
        excluded=tuple(excluded),
    )
