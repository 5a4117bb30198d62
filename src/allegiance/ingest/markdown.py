"""Markdown articles: markdown-it-py tokens to plain-text blocks.

The document text is the rendered prose without markup (no ``#``, ``**``, link URLs or table
pipes as syntax), assembled block by block so every offset is exact. Headings (ATX and setext)
give sections by level; list items, table rows and blockquote paragraphs keep their kind so the
extractor can tell a bullet or a quotation from narrative.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from allegiance.ingest.blocks import Metadata, Parsed, TextBuilder
from allegiance.ingest.normalise import normalise_source

CELL_SEPARATOR = " | "


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: link text kept, URLs, emphasis marks and HTML dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return "".join(parts)


class _Walker:
    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.quote_depth = 0
        self.item_depth = 0
        self.heading_level = 0
        self.row: list[str] | None = None

    def _paragraph_kind(self) -> str:
        if self.item_depth:
            return "list_item"
        return "quote" if self.quote_depth else "paragraph"

    def _heading(self, content: str) -> None:
        level = self.heading_level
        # A level-1 heading that opens the document is its title.
        kind = "title" if level == 1 and not self.builder.blocks else "heading"
        self.builder.add(kind, content, level)

    def walk(self, tokens: Sequence[Token]) -> None:
        for tok in tokens:
            kind = tok.type
            if kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "list_item_open":
                self.item_depth += 1
            elif kind == "list_item_close":
                self.item_depth -= 1
            elif kind == "heading_open":
                self.heading_level = int(tok.tag[1:])
            elif kind == "heading_close":
                self.heading_level = 0
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close":
                if self.row is not None and any(c.strip() for c in self.row):
                    self.builder.add("table_row", CELL_SEPARATOR.join(c.strip() for c in self.row))
                self.row = None
            elif kind == "inline":
                self._inline(tok)
            elif kind in ("fence", "code_block"):
                self.builder.add(self._paragraph_kind(), tok.content)

    def _inline(self, tok: Token) -> None:
        content = _inline_text(tok)
        if self.row is not None:
            self.row.append(" ".join(content.split()))
        elif self.heading_level:
            self._heading(content)
        else:
            self.builder.add(self._paragraph_kind(), content)


def parse_markdown(raw: str) -> Parsed:
    walker = _Walker()
    walker.walk(_parser().parse(normalise_source(raw)))
    return walker.builder.build(Metadata())
