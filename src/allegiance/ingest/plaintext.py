"""Plain-text articles: paragraphs are lines, headings are recognised by their shape.

Text files scraped from the web carry no markup, so a heading is a line that looks like one:
short, no sentence-final period, title-cased or with a colon (or a question at the top), and
followed by body text. A line starting with a lowercase letter continues the previous line
(a sentence wrapped by the scraper), and lines starting with ">" are quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from allegiance import resources
from allegiance.ingest.blocks import Block, Metadata, Parsed
from allegiance.ingest.boilerplate import find_boilerplate
from allegiance.ingest.normalise import normalise_text
from allegiance.ingest.sentences import split_sentences

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_BODY_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_NO_HEADING_END = re.compile(r"[.,;]$")
_MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class _HeadingRules:
    small_words: frozenset[str]
    max_chars: int
    min_capitalised: float


@cache
def _rules() -> _HeadingRules:
    data = resources.load_toml("lexicon", "ingest_text.toml")["headings"]
    return _HeadingRules(
        frozenset(data["small_words"]), int(data["max_chars"]), float(data["min_capitalised"])
    )


def _looks_like_heading(line: str) -> bool:
    rules = _rules()
    if len(line) >= rules.max_chars or "\n" in line or _NO_HEADING_END.search(line):
        return False
    words = _WORD.findall(line)
    if not words:
        return False
    significant = [words[0]] + [w for w in words[1:] if w.lower() not in rules.small_words]
    share = sum(w[0].isupper() for w in significant) / len(significant)
    return share >= rules.min_capitalised or ": " in line or line.endswith("?")


def _looks_like_body(line: str) -> bool:
    return len(line) >= _rules().max_chars or bool(_BODY_END.search(line))


def _looks_like_title(line: str) -> bool:
    """The first line is the title unless it is plainly body text (long, several sentences)."""
    return len(line) < _MAX_TITLE_CHARS and len(split_sentences(line)) <= 1


def _line_blocks(text: str) -> list[Block]:
    """One block per line; lowercase-initial lines are glued to the line before."""
    blocks: list[Block] = []
    pos = 0
    previous_blank = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line:
            previous_blank = True
            continue
        if blocks and not previous_blank and line[0].islower() and blocks[-1].kind != "title":
            last = blocks[-1]
            blocks[-1] = Block(last.kind, last.start, end, last.level)
        elif not blocks and _looks_like_title(line):
            blocks.append(Block("title", start, end, 1))
        elif line.startswith(">"):
            blocks.append(Block("quote", start, end))
        else:
            blocks.append(Block("paragraph", start, end))
        previous_blank = False
    return blocks


def parse_plain_text(raw: str) -> Parsed:
    text = normalise_text(raw)
    blocks = _line_blocks(text)
    excluded = find_boilerplate(text, blocks).spans
    starts = [s.start for s in excluded]

    def is_excluded(block: Block) -> bool:
        j = bisect_right(starts, block.start) - 1
        return j >= 0 and excluded[j].start <= block.start < excluded[j].end

    kept = [i for i, b in enumerate(blocks) if not is_excluded(b)]
    result = list(blocks)
    for n, i in enumerate(kept[:-1]):
        block = blocks[i]
        if block.kind != "paragraph":
            continue
        nxt = blocks[kept[n + 1]]
        line = text[block.start : block.end]
        following = text[nxt.start : nxt.end]
        if (
            nxt.kind in ("paragraph", "quote")
            and _looks_like_heading(line)
            and _looks_like_body(following)
        ):
            result[i] = Block("heading", block.start, block.end, 2)
    return Parsed(text, tuple(result), Metadata())
